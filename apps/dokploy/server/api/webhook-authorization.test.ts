/**
 * Who may call which webhook procedure, as one table: every procedure of the webhook router
 * against an owner, an admin, a member, a user of another organization, an anonymous caller and
 * an owner's API key, on real PostgreSQL. A procedure added to the router without a row here
 * fails the first test, so nobody can add one without deciding who may call it.
 */
import { getAuth } from "@dokploy/server/auth/auth";
import { closeDatabase } from "@dokploy/server/db/client";
import { migrateDatabase } from "@dokploy/server/db/migrate";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
	insertMember,
	insertOrganization,
	signUpOwner,
	uniqueSuffix,
} from "./__test__/organizations";
import { anonymousContext, type CallerContext, createContextFromHeaders } from "./context";
import { createCaller } from "./root";
import { webhookRouter } from "./routers/webhook";

type Caller = ReturnType<typeof createCaller>;
type Role = "owner" | "admin" | "member" | "otherOrganization" | "anonymous" | "apiKey";
type Outcome = "allowed" | TRPCError["code"];

// Nothing listens on port 1: test sends fail fast, and no outside address is ever involved.
process.env.WEBHOOK_ALLOWED_HOSTS = "localhost";
const receiverUrl = "https://localhost:1/hook";

interface Fixture {
	applicationId: string;
	composeId: string;
	webhookId: string;
	deliveryId: string;
	/** A webhook of its own for a call that may delete it. */
	freshWebhook: () => Promise<string>;
}

type Call = (caller: Caller, fixture: Fixture) => Promise<unknown>;

/** Owners, admins and their API keys manage webhooks; members may not; others find nothing. */
const adminOnly: Record<Role, Outcome> = {
	owner: "allowed",
	admin: "allowed",
	member: "FORBIDDEN",
	otherOrganization: "NOT_FOUND",
	anonymous: "UNAUTHORIZED",
	apiKey: "allowed",
};
/** Procedures about no resource of the owner's: another organization gets its own answer. */
const adminOnlyWithoutResource: Record<Role, Outcome> = {
	...adminOnly,
	otherOrganization: "allowed",
};

const matrix: Record<string, { call: Call; expected: Record<Role, Outcome> }> = {
	create: {
		call: (c, f) =>
			c.webhook.create({
				applicationId: f.applicationId,
				name: "Matrix",
				url: receiverUrl,
				events: ["deployment.success"],
			}),
		expected: adminOnly,
	},
	update: {
		call: (c, f) => c.webhook.update({ webhookId: f.webhookId, name: "Renamed" }),
		expected: adminOnly,
	},
	toggle: {
		call: (c, f) => c.webhook.toggle({ webhookId: f.webhookId, enabled: true }),
		expected: adminOnly,
	},
	delete: {
		call: async (c, f) => c.webhook.delete({ webhookId: await f.freshWebhook() }),
		expected: adminOnly,
	},
	one: { call: (c, f) => c.webhook.one({ webhookId: f.webhookId }), expected: adminOnly },
	findByApplication: {
		call: (c, f) => c.webhook.findByApplication({ applicationId: f.applicationId }),
		expected: adminOnly,
	},
	findByCompose: {
		call: (c, f) => c.webhook.findByCompose({ composeId: f.composeId }),
		expected: adminOnly,
	},
	test: { call: (c, f) => c.webhook.test({ webhookId: f.webhookId }), expected: adminOnly },
	preview: {
		call: (c) => c.webhook.preview({ templateType: "slack", event: "deployment.failed" }),
		expected: adminOnlyWithoutResource,
	},
	rotateSecret: {
		call: (c, f) => c.webhook.rotateSecret({ webhookId: f.webhookId, graceHours: 0 }),
		expected: adminOnly,
	},
	getDeliveries: {
		call: (c, f) => c.webhook.getDeliveries({ webhookId: f.webhookId }),
		expected: adminOnly,
	},
	delivery: {
		call: (c, f) => c.webhook.delivery({ deliveryId: f.deliveryId }),
		expected: adminOnly,
	},
	redeliver: {
		call: (c, f) => c.webhook.redeliver({ deliveryId: f.deliveryId }),
		expected: adminOnly,
	},
	stats: { call: (c, f) => c.webhook.stats({ webhookId: f.webhookId }), expected: adminOnly },
	organizationStats: {
		call: (c) => c.webhook.organizationStats(),
		expected: adminOnlyWithoutResource,
	},
};

const roles: Role[] = ["owner", "admin", "member", "otherOrganization", "anonymous", "apiKey"];
const cases = Object.entries(matrix).flatMap(([procedure, row]) =>
	roles.map((role) => [procedure, role, row.expected[role]] as const),
);

const outcomeOf = async (call: () => Promise<unknown>): Promise<Outcome> => {
	try {
		await call();
		return "allowed";
	} catch (error) {
		if (error instanceof TRPCError) return error.code;
		throw error;
	}
};

describe("webhook procedures × callers", () => {
	const callers = {} as Record<Role, Caller>;
	const fixture = {} as Fixture;

	beforeAll(async () => {
		await migrateDatabase();
		const owner = await signUpOwner("matrix-owner");
		const contexts: Record<Role, CallerContext> = {
			owner: owner.caller,
			admin: await insertMember(owner.organizationId, "admin", "matrix-admin"),
			member: await insertMember(owner.organizationId, "member", "matrix-member"),
			otherOrganization: await insertMember(
				await insertOrganization("Matrix other"),
				"owner",
				"matrix-other",
			),
			anonymous: anonymousContext(),
			apiKey: await createContextFromHeaders(
				new Headers({
					"x-api-key": (await getAuth().api.createApiKey({ body: { userId: owner.userId } })).key,
				}),
			),
		};
		for (const role of roles) callers[role] = createCaller(contexts[role]);
		const project = await callers.owner.project.create({ name: "Matrix" });
		const service = { projectId: project.projectId, buildCommand: "true" };
		fixture.applicationId = (
			await callers.owner.application.create({
				...service,
				name: "app",
				appName: `matrix-${uniqueSuffix()}`,
			})
		).id;
		fixture.composeId = (
			await callers.owner.compose.create({
				...service,
				name: "stack",
				appName: `matrix-${uniqueSuffix()}`,
			})
		).id;
		fixture.freshWebhook = async () =>
			(
				await callers.owner.webhook.create({
					applicationId: fixture.applicationId,
					name: "Fresh",
					url: receiverUrl,
					events: ["deployment.success"],
				})
			).webhook.webhookId;
		fixture.webhookId = await fixture.freshWebhook();
		// A finished (failed) test delivery, so redeliver has something to send again.
		fixture.deliveryId = (
			await callers.owner.webhook.test({ webhookId: fixture.webhookId })
		).deliveryId;
	});

	afterAll(async () => {
		await closeDatabase();
	});

	it("has a row for every procedure of the webhook router, and none for a missing one", () => {
		expect(Object.keys(matrix).sort()).toEqual(Object.keys(webhookRouter._def.procedures).sort());
	});

	it.each(cases)("%s as %s: %s", async (procedure, role, expected) => {
		expect(await outcomeOf(() => matrix[procedure]!.call(callers[role], fixture))).toBe(expected);
	});
});
