/**
 * Every marked code block of docs/ runs here, as written, against the real product (started
 * once, on its own PostgreSQL database so that server-side snippets can open it too) and a
 * real delivery of a real deployment. Example ids and URLs in a block are replaced by real
 * ones (example-values.ts); nothing else is changed. The convention is in markdown-blocks.ts.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { freePort } from "@dokploy/server/__test__/free-port";
import { type Receiver, startReceiver } from "@dokploy/server/webhooks/__test__/receiver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, createApiClient, createApiKey, signInCookie } from "../api-client";
import { admin, startProduct } from "../product";
import {
	type Delivery,
	postDelivery,
	replayable,
	stale,
	tampered,
	transportHeaders,
} from "./deliveries";
import { type ExampleValues, withRealValues } from "./example-values";
import {
	type CodeBlock,
	documentationPages,
	documentationText,
	readCodeBlocks,
	repositoryRoot,
} from "./markdown-blocks";
import { describeResult, runProcess, runShell, startServerProcess } from "./processes";
import { groupSnippets } from "./snippet-groups";

const blocks = documentationPages().flatMap(readCodeBlocks);
const { scripts, receivers, verifiers, problems } = groupSnippets(blocks);
/** Inside the workspace (so `pnpm --filter` and package imports resolve), ignored by git. */
const scratchDir = path.join(repositoryRoot, "apps", "dokploy", ".snippets");
const allEvents = [
	"deployment.started",
	"deployment.success",
	"deployment.failed",
	"deployment.cancelled",
] as const;

let product: Awaited<ReturnType<typeof startProduct>>;
let capture: Receiver;
let api: ApiClient;
let apiKey: string;
let fixtures: { projectId: string; applicationId: string; composeId: string; deploymentId: string };
/** The demo app's webhook whose real deployment.success delivery the receivers are given. */
let captured: { secret: string; deliveryId: string };
/** Files the snippets saved, with what was there before (a developer's own script, say). */
const writtenFiles = new Map<string, string | null>();

/** A fresh database on the test server: the product seeds its demo into an empty one. */
const createDatabase = async (name: string) => {
	if (!process.env.DATABASE_URL) {
		throw new Error("The snippet test needs PostgreSQL: set DATABASE_URL or run `pnpm test`.");
	}
	const server = new URL(process.env.DATABASE_URL);
	server.pathname = "/postgres";
	const created = await runProcess(
		process.execPath,
		["scripts/create-database.mjs", server.toString(), name],
		{ cwd: repositoryRoot, env: process.env },
	);
	if (created.code !== 0) throw new Error(`Could not create ${name}: ${describeResult(created)}`);
	server.pathname = `/${name}`;
	return server.toString();
};

/** The demo app's deployment.success, delivered again now, so its signature is fresh. */
const freshRealDelivery = async (): Promise<Delivery> => {
	const before = capture.requests.length;
	await api.webhook.redeliver.mutate({ deliveryId: captured.deliveryId });
	const requests = await capture.waitForRequests(before + 1);
	const request = requests.slice(before).find((received) => received.path === "/capture");
	if (!request) throw new Error("The redelivery did not reach the capturing receiver");
	return { headers: request.headers, body: request.body };
};

/** The real values for one block: a webhook of its own, with one finished test delivery. */
const realValuesForBlock = async (): Promise<ExampleValues & { cleanUp: () => Promise<void> }> => {
	const { webhook } = await api.webhook.create.mutate({
		applicationId: fixtures.applicationId,
		name: "Docs example",
		url: capture.url("/dokploy"),
		events: [...allEvents],
	});
	const { deliveryId } = await api.webhook.test.mutate({ webhookId: webhook.webhookId });
	return {
		dashboardUrl: product.baseUrl,
		adminEmail: admin.email,
		adminPassword: admin.password,
		...fixtures,
		webhookId: webhook.webhookId,
		deliveryId,
		receiverOrigin: new URL(capture.url()).origin,
		// A block may delete its webhook itself; the limit of 50 per service needs the others gone.
		cleanUp: () =>
			api.webhook.delete
				.mutate({ webhookId: webhook.webhookId })
				.then(() => undefined)
				.catch(() => undefined),
	};
};

beforeAll(async () => {
	rmSync(scratchDir, { recursive: true, force: true });
	mkdirSync(scratchDir, { recursive: true });
	const databaseUrl = await createDatabase(`docs_snippets_${process.pid}`);
	capture = await startReceiver(scratchDir);
	product = await startProduct(
		{ WEBHOOK_ALLOWED_HOSTS: "localhost", WEBHOOK_CA_FILE: capture.caFile },
		{ databaseUrl, redisDatabase: 10 },
	);
	apiKey = await createApiKey(product.baseUrl, await signInCookie(product.baseUrl, admin), "docs");
	api = createApiClient(product.baseUrl, apiKey);

	const [project] = await api.project.all.query();
	const projectId = project!.projectId;
	const applications = await api.application.byProject.query({ projectId });
	const demo = applications.find((service) => service.appName === "demo-app")!;
	const [compose] = await api.compose.byProject.query({ projectId });
	// Slow enough that a snippet can see it queued and running, and cancel it.
	const docsApp = await api.application.create.mutate({
		projectId,
		name: "Docs app",
		appName: "docs-app",
		buildCommand: "sleep 30",
	});

	const { webhook, secret } = await api.webhook.create.mutate({
		applicationId: demo.id,
		name: "Capture",
		url: capture.url("/capture"),
		events: ["deployment.success"],
	});
	const { jobId } = await api.application.deploy.mutate({ applicationId: demo.id });
	await capture.waitForRequests(1, 60_000);
	const { items } = await api.webhook.getDeliveries.query({ webhookId: webhook.webhookId });
	captured = { secret, deliveryId: items[0]!.deliveryId };
	fixtures = {
		projectId,
		applicationId: docsApp.id,
		composeId: compose!.id,
		deploymentId: jobId,
	};
}, 240_000);

afterAll(async () => {
	for (const [file, before] of writtenFiles) {
		if (before === null) rmSync(file, { force: true });
		else writeFileSync(file, before);
	}
	await product?.stop();
	await capture?.close();
	rmSync(scratchDir, { recursive: true, force: true });
});

/** tRPC and better-auth answer errors as JSON with a 4xx status, which curl -sS prints. */
const apiErrorIn = (output: string) => /"error":\{|"code":"[A-Z_]+"/.test(output);

describe("the documentation's snippets", () => {
	it("marks every code block as runnable, as shown only, or as data", () => {
		expect(problems).toEqual([]);
	});

	it("has a receiver in Node with standardwebhooks and with node:crypto, one in Python, and an openssl check", () => {
		const kinds = receivers.map(
			(group) =>
				`${group.language}:${/standardwebhooks/.test(group.source) ? "standardwebhooks" : "plain"}`,
		);
		expect(kinds).toEqual(
			expect.arrayContaining(["js:standardwebhooks", "js:plain", "python:plain"]),
		);
		expect(verifiers.some((block) => block.code.includes("openssl"))).toBe(true);
	});

	it.each(scripts)("$block.where runs against the product", async ({ block, files }) => {
		const values = await realValuesForBlock();
		try {
			for (const file of files) {
				const target = path.join(repositoryRoot, file.path);
				mkdirSync(path.dirname(target), { recursive: true });
				if (!writtenFiles.has(target)) {
					writtenFiles.set(target, existsSync(target) ? readFileSync(target, "utf8") : null);
				}
				writeFileSync(target, withRealValues(file.block.code, values));
			}
			const result = await runShell(withRealValues(block.code, values), {
				cwd: scratchDir,
				env: { ...product.env, DOKPLOY_URL: product.baseUrl, DOKPLOY_API_KEY: apiKey },
			});
			expect(result.code, describeResult(result)).toBe(0);
			expect(apiErrorIn(result.stdout), describeResult(result)).toBe(false);
		} finally {
			await values.cleanUp();
		}
	});

	it.each(receivers)(
		"the $name receiver ($where) accepts a real delivery and refuses a tampered body and a stale timestamp",
		async (group) => {
			const port = await freePort();
			const file = path.join(
				scratchDir,
				`${group.name}.${group.language === "python" ? "py" : "mjs"}`,
			);
			writeFileSync(file, group.source);
			const [command, args] =
				group.language === "python" ? ["python3", [file]] : [process.execPath, [file]];
			const server = await startServerProcess(command, args as string[], port, {
				cwd: scratchDir,
				env: { ...process.env, PORT: String(port), DOKPLOY_WEBHOOK_SECRET: captured.secret },
			});
			const { webhook } = await api.webhook.create.mutate({
				applicationId: fixtures.applicationId,
				name: `Receiver ${group.name}`,
				url: `http://localhost:${port}/dokploy`,
				events: [...allEvents],
				secret: captured.secret,
			});
			try {
				const sent = await api.webhook.test.mutate({ webhookId: webhook.webhookId });
				expect(sent, server.output()).toMatchObject({ ok: true });

				const real = await freshRealDelivery();
				const url = `http://localhost:${port}/dokploy`;
				expect(await postDelivery(url, replayable(real)), server.output()).toBeLessThan(300);
				expect(await postDelivery(url, tampered(real)), "a tampered body").toBeGreaterThanOrEqual(
					400,
				);
				expect(
					await postDelivery(url, stale(real, captured.secret)),
					"a stale timestamp",
				).toBeGreaterThanOrEqual(400);
			} finally {
				await api.webhook.delete.mutate({ webhookId: webhook.webhookId });
				await server.stop();
			}
		},
	);

	it.each(verifiers)(
		"the check at $where accepts a real delivery and refuses a tampered body and a stale timestamp",
		async (block: CodeBlock) => {
			const real = await freshRealDelivery();
			const check = async (delivery: Delivery, name: string) => {
				const dir = path.join(scratchDir, `verifier-${name}`);
				mkdirSync(dir, { recursive: true });
				writeFileSync(path.join(dir, "body.json"), delivery.body);
				return runShell(block.code, {
					cwd: dir,
					env: {
						...process.env,
						DOKPLOY_WEBHOOK_SECRET: captured.secret,
						DOKPLOY_SIGNATURE: delivery.headers["x-dokploy-signature"] ?? "",
					},
				});
			};
			const accepted = await check(replayable(real), "real");
			expect(accepted.code, describeResult(accepted)).toBe(0);
			expect((await check(tampered(real), "tampered")).code).not.toBe(0);
			expect((await check(stale(real, captured.secret), "stale")).code).not.toBe(0);
		},
	);

	// Last: by now the worker has sent deployment events, test sends and redeliveries here.
	it("documents every header the worker sent in this run", () => {
		const sent = new Set(capture.requests.flatMap((request) => Object.keys(request.headers)));
		expect(sent).toContain("x-dokploy-test");
		expect(sent).toContain("x-dokploy-redelivery");
		const docs = documentationText().toLowerCase();
		const missing = [...sent].filter((name) => !transportHeaders.has(name) && !docs.includes(name));
		expect(missing).toEqual([]);
	});
});
