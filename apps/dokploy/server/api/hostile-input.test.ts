/**
 * Hostile input to every tRPC procedure over real HTTP (the Next API route mounted on a plain
 * Node server, real PostgreSQL): text with U+0000 is a clear BAD_REQUEST, and no answer or log
 * line ever carries a webhook's URL query, a custom header value or a secret. An unexpected
 * failure is answered with a generic message and an error id, and logged without the query's
 * parameter values.
 */
import { closeDatabase } from "@dokploy/server/db/client";
import { migrateDatabase } from "@dokploy/server/db/migrate";
import { logger } from "@dokploy/server/lib/logger";
import { wireLifecycleListeners } from "@dokploy/server/runtime/start-process";
import { createDeployment } from "@dokploy/server/services/deployment";
import { createProject } from "@dokploy/server/services/project";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUpOwner, uniqueSuffix } from "./__test__/organizations";
import { serveApi } from "./__test__/serve-api";
import { appRouter, createCaller } from "./root";
import { createTRPCRouter, publicProcedure } from "./trpc";

process.env.WEBHOOK_ALLOWED_HOSTS = "localhost";

const urlQueryToken = `query-token-${uniqueSuffix()}`;
const headerToken = `header-token-${uniqueSuffix()}`;
const webhookSecret = `whsec_${Buffer.from(`secret-${uniqueSuffix()}-padding-padding`).toString("base64")}`;
const secrets = [urlQueryToken, headerToken, webhookSecret];

const webhookSettings = {
	name: "Ops",
	url: `https://localhost:1/hook?token=${urlQueryToken}`,
	headers: { Authorization: `Bearer ${headerToken}` },
	events: ["deployment.failed" as const],
};

/** The same value with U+0000 inside every string it holds (keys left alone). */
const withNulBytes = (value: unknown): unknown => {
	if (typeof value === "string") return `${value}\u0000`;
	if (Array.isArray(value)) return value.map(withNulBytes);
	if (value && typeof value === "object") {
		return Object.fromEntries(
			Object.entries(value).map(([key, item]) => [key, withNulBytes(item)]),
		);
	}
	return value;
};

/** The same shape with every value of the wrong type: an operator object carrying a secret. */
const withWrongTypes = (value: unknown): unknown => {
	if (Array.isArray(value)) return value.map(withWrongTypes);
	if (value && typeof value === "object") {
		return Object.fromEntries(
			Object.entries(value).map(([key, item]) => [key, withWrongTypes(item)]),
		);
	}
	return { $ne: urlQueryToken, length: 1e9 };
};

/** Every log line the process writes while the tests run. */
const captureLogLines = () => {
	const lines: string[] = [];
	// pino keeps its destination under a symbol described "pino.stream".
	const streamKey = Object.getOwnPropertySymbols(logger).find(
		(symbol) => symbol.description === "pino.stream",
	);
	const stream = (logger as unknown as Record<symbol, { write: (line: string) => void }>)[
		streamKey!
	]!;
	const originalWrite = stream.write;
	const originalLevel = logger.level;
	stream.write = (line: string) => {
		lines.push(line);
	};
	logger.level = "info";
	return {
		lines,
		restore: () => {
			stream.write = originalWrite;
			logger.level = originalLevel;
		},
	};
};

interface ErrorEnvelope {
	error: { json: { message: string; code: number; data: Record<string, unknown> } };
}

describe("hostile input to the tRPC API", () => {
	let api: Awaited<ReturnType<typeof serveApi>>;
	let baseUrl: string;
	let cookie: string;
	let log: ReturnType<typeof captureLogLines>;
	let ids: Record<string, string>;

	const call = async (path: string, input: unknown, type: "query" | "mutation") => {
		const encoded = JSON.stringify(superjson.serialize(input));
		const response =
			type === "query"
				? await fetch(`${baseUrl}/api/trpc/${path}?input=${encodeURIComponent(encoded)}`, {
						headers: { cookie },
					})
				: await fetch(`${baseUrl}/api/trpc/${path}`, {
						method: "POST",
						headers: { cookie, "content-type": "application/json" },
						body: encoded,
					});
		return { status: response.status, body: await response.text() };
	};

	beforeAll(async () => {
		if (!process.env.DATABASE_URL) throw new Error("Set DATABASE_URL to a test database");
		await migrateDatabase();
		wireLifecycleListeners();
		const owner = await signUpOwner("hostile-owner");
		cookie = owner.cookie;
		const caller = createCaller(owner.caller);
		const project = await caller.project.create({ name: "Hostile" });
		const fields = (label: string) => ({
			projectId: project.projectId,
			name: label,
			appName: `${label}-${uniqueSuffix()}`,
		});
		const application = await caller.application.create(fields("hostile-app"));
		const compose = await caller.compose.create(fields("hostile-stack"));
		const created = await caller.webhook.create({
			applicationId: application.id,
			...webhookSettings,
			secret: webhookSecret,
		});
		const deployment = await createDeployment(application.id, { trigger: { type: "manual" } });
		const delivery = await caller.webhook.test({ webhookId: created.webhook.webhookId });
		ids = {
			projectId: project.projectId,
			applicationId: application.id,
			composeId: compose.id,
			webhookId: created.webhook.webhookId,
			deploymentId: deployment.deploymentId,
			deliveryId: delivery.deliveryId,
		};
		api = await serveApi(appRouter);
		baseUrl = api.baseUrl;
		log = captureLogLines();
	});

	afterAll(async () => {
		log?.restore();
		await api?.close();
		await closeDatabase();
	});

	/** A well-formed input for every procedure; the tests put U+0000 into each of its strings. */
	const inputs = (): Record<string, unknown> => ({
		"project.create": { name: "Project", description: "About" },
		"project.all": { anything: "extra" },
		"project.one": { projectId: ids.projectId },
		"project.update": { projectId: ids.projectId, name: "Renamed", description: "About" },
		"project.remove": { projectId: ids.projectId },
		"application.create": { projectId: ids.projectId, name: "App", appName: "app-x" },
		"application.one": { applicationId: ids.applicationId },
		"application.byProject": { projectId: ids.projectId },
		"application.update": { applicationId: ids.applicationId, name: "App", buildCommand: "make" },
		"application.delete": { applicationId: ids.applicationId },
		"application.deploy": { applicationId: ids.applicationId },
		"application.regenerateRefreshToken": { applicationId: ids.applicationId },
		"compose.create": { projectId: ids.projectId, name: "Stack", appName: "stack-x" },
		"compose.one": { composeId: ids.composeId },
		"compose.byProject": { projectId: ids.projectId },
		"compose.update": { composeId: ids.composeId, name: "Stack", buildCommand: "make" },
		"compose.delete": { composeId: ids.composeId },
		"compose.deploy": { composeId: ids.composeId },
		"compose.regenerateRefreshToken": { composeId: ids.composeId },
		"deployment.all": { serviceType: "application", serviceId: ids.applicationId },
		"deployment.queued": { serviceType: "application", serviceId: ids.applicationId },
		"deployment.one": { deploymentId: ids.deploymentId },
		"deployment.cancel": { deploymentId: ids.deploymentId, reason: "Stop" },
		"deployment.log": { deploymentId: ids.deploymentId, offset: 0 },
		"organization.current": { anything: "extra" },
		"organization.members": { anything: "extra" },
		"organization.invite": { email: "someone@example.test", role: "member" },
		"webhook.create": {
			applicationId: ids.applicationId,
			...webhookSettings,
			secret: webhookSecret,
		},
		"webhook.update": { webhookId: ids.webhookId, ...webhookSettings },
		"webhook.toggle": { webhookId: ids.webhookId, enabled: false },
		"webhook.preview": {
			templateType: "custom",
			// biome-ignore lint/suspicious/noTemplateCurlyInString: a custom template's ${variable}
			customTemplate: '{"text": "${appName}"}',
			event: "deployment.failed",
		},
		"webhook.delete": { webhookId: ids.webhookId },
		"webhook.one": { webhookId: ids.webhookId },
		"webhook.findByApplication": { applicationId: ids.applicationId },
		"webhook.findByCompose": { composeId: ids.composeId },
		"webhook.test": { webhookId: ids.webhookId, event: "deployment.failed" },
		"webhook.rotateSecret": { webhookId: ids.webhookId, secret: webhookSecret },
		"webhook.getDeliveries": { webhookId: ids.webhookId, status: "failed" },
		"webhook.delivery": { deliveryId: ids.deliveryId },
		"webhook.redeliver": { deliveryId: ids.deliveryId },
		"webhook.stats": { webhookId: ids.webhookId },
		"webhook.organizationStats": { anything: "extra" },
	});

	it("has a hostile input for every procedure of the API", () => {
		expect(Object.keys(inputs()).sort()).toEqual(Object.keys(appRouter._def.procedures).sort());
	});

	// The name and headers of a webhook, in particular, once reached the database and came back
	// as a 500 holding the whole statement and its parameters.
	it("refuses U+0000 in any string of any procedure with BAD_REQUEST, echoing no secret", async () => {
		const procedures = appRouter._def.procedures as unknown as Record<
			string,
			{ _def: { type: string } }
		>;
		const outcomes: string[] = [];
		for (const [path, input] of Object.entries(inputs())) {
			const type = procedures[path]!._def.type === "query" ? "query" : "mutation";
			const { status, body } = await call(path, withNulBytes(input), type);
			const { error } = JSON.parse(body) as ErrorEnvelope;
			outcomes.push(`${path}: ${status} ${String(error?.json.data.code)}`);
			for (const secret of secrets) expect(body, path).not.toContain(secret);
		}
		expect(outcomes).toEqual(Object.keys(inputs()).map((path) => `${path}: 400 BAD_REQUEST`));
		const webhook = await call(
			"webhook.create",
			withNulBytes(inputs()["webhook.create"]),
			"mutation",
		);
		expect(webhook.body).toContain("U+0000");
	});

	it("refuses values of the wrong type in every procedure without an internal error or an echoed secret", async () => {
		const procedures = appRouter._def.procedures as unknown as Record<
			string,
			{ _def: { type: string } }
		>;
		for (const [path, input] of Object.entries(inputs())) {
			const type = procedures[path]!._def.type === "query" ? "query" : "mutation";
			const { status, body } = await call(path, withWrongTypes(input), type);
			expect(status, `${path}: ${body}`).toBeLessThan(500);
			for (const secret of secrets) expect(body, path).not.toContain(secret);
		}
	});

	it("writes no secret, header value or URL query to the log", () => {
		for (const line of log.lines) {
			for (const secret of secrets) expect(line).not.toContain(secret);
		}
	});

	describe("an unexpected failure", () => {
		const parameterValue = `parameter-value-${uniqueSuffix()}`;
		// A real database error (a foreign key violation) of a statement that carries a value.
		const failing = createTRPCRouter({
			explode: publicProcedure.query(() =>
				createProject(`no-such-organization-${uniqueSuffix()}`, { name: parameterValue }),
			),
		});

		it("is answered with a generic message and an error id, and logged under that id without parameter values", async () => {
			const failingApi = await serveApi(failing);
			const linesBefore = log.lines.length;
			try {
				const response = await fetch(`${failingApi.baseUrl}/api/trpc/explode`);
				const body = await response.text();
				expect(response.status).toBe(500);
				expect(body).not.toContain(parameterValue);
				expect(body).not.toMatch(/insert|organization/i);
				const { error } = JSON.parse(body) as ErrorEnvelope;
				const errorId = error.json.data.errorId;
				expect(errorId).toEqual(expect.stringMatching(/^[\w-]{8,}$/));
				expect(error.json.message).toContain(String(errorId));

				const logged = log.lines.slice(linesBefore).join("\n");
				expect(logged).toContain(String(errorId));
				expect(logged).toContain("23503"); // enough to diagnose: the SQLSTATE...
				expect(logged).toContain('insert into \\"project\\"'); // ...and the statement
				expect(logged).not.toContain(parameterValue);
			} finally {
				await failingApi.close();
			}
		});
	});
});
