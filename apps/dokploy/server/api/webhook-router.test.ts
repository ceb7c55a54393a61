/**
 * The webhook router on real PostgreSQL: the owning organization manages its webhooks, the
 * secret is returned by create alone, another organization gets NOT_FOUND for everything,
 * members get FORBIDDEN, and the service's validation reaches the caller as BAD_REQUEST.
 */
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
import { anonymousContext } from "./context";
import { createCaller } from "./root";

type Caller = ReturnType<typeof createCaller>;

// Nothing listens on port 1: test sends fail fast, and no outside address is ever involved.
process.env.WEBHOOK_ALLOWED_HOSTS = "localhost";
const receiverUrl = "https://localhost:1/hook";

const rejectionCode = async (call: () => Promise<unknown>) => {
	const outcome = await call().then(
		() => null,
		(error: unknown) => error,
	);
	if (outcome === null) throw new Error("expected the call to be refused, but it succeeded");
	expect(outcome).toBeInstanceOf(TRPCError);
	return (outcome as TRPCError).code;
};

describe("webhook router", () => {
	let a: Caller;
	let b: Caller;
	let memberOfA: Caller;
	let applicationId: string;
	let webhookId: string;
	let secret: string;
	let deliveryId: string;

	beforeAll(async () => {
		await migrateDatabase();
		const ownerA = await signUpOwner("webhook-owner-a");
		a = createCaller(ownerA.caller);
		b = createCaller(await insertMember(await insertOrganization("Other org"), "owner", "owner-b"));
		memberOfA = createCaller(await insertMember(ownerA.organizationId, "member", "member-a"));
		const project = await a.project.create({ name: "Webhooks" });
		const application = await a.application.create({
			projectId: project.projectId,
			name: "Hooked app",
			appName: `hooked-${uniqueSuffix()}`,
		});
		applicationId = application.id;
		const created = await a.webhook.create({
			applicationId,
			name: "Ops",
			url: receiverUrl,
			events: ["deployment.failed"],
		});
		webhookId = created.webhook.webhookId;
		secret = created.secret;
		deliveryId = (await a.webhook.test({ webhookId })).deliveryId;
	});

	afterAll(async () => {
		await closeDatabase();
	});

	it("creates a webhook and shows its generated secret once, never in later reads", async () => {
		expect(secret).toMatch(/^whsec_/);
		const reads = [
			await a.webhook.one({ webhookId }),
			await a.webhook.findByApplication({ applicationId }),
			await a.webhook.update({ webhookId, name: "Ops team" }),
			await a.webhook.getDeliveries({ webhookId }),
			await a.webhook.delivery({ deliveryId }),
			await a.webhook.stats({ webhookId }),
		];
		for (const read of reads) expect(JSON.stringify(read)).not.toContain(secret);
		expect((await a.webhook.one({ webhookId })).name).toBe("Ops team");
	});

	it("answers a test send synchronously and logs it as a test delivery", async () => {
		const result = await a.webhook.test({ webhookId, event: "deployment.started" });
		expect(result.ok).toBe(false);
		expect(result.httpStatus).toBeNull();
		expect(result.error).toMatch(/network|refused|connect/i);
		const page = await a.webhook.getDeliveries({ webhookId, event: "deployment.started" });
		expect(page.items[0]).toMatchObject({
			deliveryId: result.deliveryId,
			isTest: true,
			status: "failed",
		});
	});

	it("turns the service's validation into BAD_REQUEST with the reason", async () => {
		const refusal = await a.webhook
			.create({
				applicationId,
				name: "Bad",
				url: "http://example.com/x",
				events: ["deployment.success"],
			})
			.catch((error: unknown) => error as TRPCError);
		expect(refusal).toBeInstanceOf(TRPCError);
		expect((refusal as TRPCError).code).toBe("BAD_REQUEST");
		expect((refusal as TRPCError).message).toMatch(/https/i);
	});

	it("rotates the secret, returning the new one once", async () => {
		const rotated = await a.webhook.rotateSecret({ webhookId, graceHours: 1 });
		expect(rotated.secret).toMatch(/^whsec_/);
		expect(rotated.secret).not.toBe(secret);
		expect(rotated.webhook.previousSecretExpiresAt).not.toBeNull();
		expect(JSON.stringify(await a.webhook.one({ webhookId }))).not.toContain(rotated.secret);
	});

	it("rotates to a secret the admin brings, and refuses a malformed one", async () => {
		const own = `whsec_${Buffer.alloc(32, 7).toString("base64")}`;
		expect((await a.webhook.rotateSecret({ webhookId, secret: own, graceHours: 0 })).secret).toBe(
			own,
		);
		expect(
			await rejectionCode(() => a.webhook.rotateSecret({ webhookId, secret: "hunter2" })),
		).toBe("BAD_REQUEST");
	});

	describe("another organization gets NOT_FOUND", () => {
		const attempts: Array<[string, (caller: Caller) => Promise<unknown>]> = [
			["one", (c) => c.webhook.one({ webhookId })],
			["findByApplication", (c) => c.webhook.findByApplication({ applicationId })],
			["getDeliveries", (c) => c.webhook.getDeliveries({ webhookId })],
			["delivery", (c) => c.webhook.delivery({ deliveryId })],
			["stats", (c) => c.webhook.stats({ webhookId })],
			["test", (c) => c.webhook.test({ webhookId })],
			["update", (c) => c.webhook.update({ webhookId, name: "Taken" })],
			["redeliver", (c) => c.webhook.redeliver({ deliveryId })],
			["rotateSecret", (c) => c.webhook.rotateSecret({ webhookId })],
			[
				"create on the other's application",
				(c) =>
					c.webhook.create({
						applicationId,
						name: "Intruder",
						url: receiverUrl,
						events: ["deployment.success"],
					}),
			],
			["delete", (c) => c.webhook.delete({ webhookId })],
		];
		it.each(attempts)("%s", async (_name, attempt) => {
			expect(await rejectionCode(() => attempt(b))).toBe("NOT_FOUND");
		});

		it("and its organization figures do not count the other's webhooks", async () => {
			expect((await b.webhook.organizationStats()).webhooksConfigured).toBe(0);
			expect((await a.webhook.organizationStats()).webhooksConfigured).toBeGreaterThanOrEqual(1);
		});
	});

	it("refuses members (not admins) and anonymous callers", async () => {
		expect(await rejectionCode(() => memberOfA.webhook.one({ webhookId }))).toBe("FORBIDDEN");
		expect(
			await rejectionCode(() =>
				memberOfA.webhook.create({
					applicationId,
					name: "M",
					url: receiverUrl,
					events: ["deployment.success"],
				}),
			),
		).toBe("FORBIDDEN");
		const anonymous = createCaller(anonymousContext());
		expect(await rejectionCode(() => anonymous.webhook.one({ webhookId }))).toBe("UNAUTHORIZED");
	});

	it("deletes the webhook and its deliveries for the owner", async () => {
		await a.webhook.delete({ webhookId });
		expect(await rejectionCode(() => a.webhook.one({ webhookId }))).toBe("NOT_FOUND");
		expect(await rejectionCode(() => a.webhook.delivery({ deliveryId }))).toBe("NOT_FOUND");
	});
});
