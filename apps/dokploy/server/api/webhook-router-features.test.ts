// biome-ignore-all lint/suspicious/noTemplateCurlyInString: custom templates use ${variable} placeholders.
/**
 * The procedures the dashboard added (toggle, preview) and the WEBHOOKS_ENABLED feature flag, on
 * real PostgreSQL: with the flag off every procedure answers with the reason and a deployment
 * writes no delivery, so nothing can be enqueued.
 */
import { closeDatabase } from "@dokploy/server/db/client";
import { migrateDatabase } from "@dokploy/server/db/migrate";
import { forgetServerConfig } from "@dokploy/server/lib/config";
import { createDeployment } from "@dokploy/server/services/deployment";
import {
	deliveriesOf,
	disableAsTheWorkerWould,
} from "@dokploy/server/webhooks/__test__/deliveries";
import { registerWebhookOutbox } from "@dokploy/server/webhooks/outbox";
import { TRPCError } from "@trpc/server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { signUpOwner, uniqueSuffix } from "./__test__/organizations";
import { createCaller } from "./root";
import { WEBHOOKS_DISABLED_MESSAGE } from "./routers/webhook";

type Caller = ReturnType<typeof createCaller>;

process.env.WEBHOOK_ALLOWED_HOSTS = "localhost";
const receiverUrl = "https://localhost:1/hook";

const setFlag = (value: string | undefined) => {
	if (value === undefined) delete process.env.WEBHOOKS_ENABLED;
	else process.env.WEBHOOKS_ENABLED = value;
	// The configuration is read once per process; make the next read see the new value.
	forgetServerConfig();
};

describe("webhook router: toggle, preview and the feature flag", () => {
	let owner: Caller;
	let applicationId: string;

	const newWebhook = async () =>
		(
			await owner.webhook.create({
				applicationId,
				name: "Ops",
				url: receiverUrl,
				events: ["deployment.started"],
			})
		).webhook.webhookId;

	beforeAll(async () => {
		await migrateDatabase();
		registerWebhookOutbox();
		owner = createCaller((await signUpOwner("features-owner")).caller);
		const project = await owner.project.create({ name: "Features" });
		applicationId = (
			await owner.application.create({
				projectId: project.projectId,
				name: "app",
				appName: `features-${uniqueSuffix()}`,
			})
		).id;
	});

	afterEach(() => setFlag(undefined));
	afterAll(async () => {
		await closeDatabase();
	});

	describe("toggle", () => {
		it("disables and enables; enabling clears the disabled reason and the failure streak", async () => {
			const webhookId = await newWebhook();
			await disableAsTheWorkerWould(webhookId, "the receiver answered 410 Gone", 20);

			const enabled = await owner.webhook.toggle({ webhookId, enabled: true });
			expect(enabled).toMatchObject({
				enabled: true,
				disabledReason: null,
				consecutiveFailures: 0,
			});

			const disabled = await owner.webhook.toggle({ webhookId, enabled: false });
			expect(disabled.enabled).toBe(false);
			expect((await owner.webhook.one({ webhookId })).enabled).toBe(false);
		});
	});

	describe("preview", () => {
		it("renders a built-in template against sample data of the chosen event", async () => {
			const result = await owner.webhook.preview({
				templateType: "generic",
				event: "deployment.failed",
			});
			expect(result.ok).toBe(true);
			if (!result.ok) return;
			const body = JSON.parse(result.body);
			expect(body.event).toBe("deployment.failed");
			expect(body.error.message).toEqual(expect.any(String));
			expect(body.test).toBe(true);
		});

		it("renders an unsaved custom template the way the worker will", async () => {
			const result = await owner.webhook.preview({
				templateType: "custom",
				customTemplate: '{"text": "${applicationName} is ${status}", "seconds": ${duration}}',
				event: "deployment.success",
			});
			expect(result.ok).toBe(true);
			if (!result.ok) return;
			expect(JSON.parse(result.body)).toMatchObject({
				text: expect.stringMatching(/ is done$/),
				seconds: expect.any(Number),
			});
		});

		it("answers a broken custom template with the problem, its line and its column", async () => {
			const result = await owner.webhook.preview({
				templateType: "custom",
				customTemplate: '{\n  "text": "${applicationName}",\n  "n": 1,\n}',
				event: "deployment.success",
			});
			expect(result.ok).toBe(false);
			if (result.ok) return;
			expect(result.errors[0]).toMatchObject({ line: 4, column: 1 });
			expect(result.errors[0]?.message).toMatch(/Invalid JSON at line 4, column 1/);
		});

		it("names an unknown variable", async () => {
			const result = await owner.webhook.preview({
				templateType: "custom",
				customTemplate: '{"text": "${nope}"}',
				event: "deployment.success",
			});
			expect(result).toMatchObject({
				ok: false,
				errors: [{ message: expect.stringMatching(/Unknown variables: \$\{nope\}/) }],
			});
		});
	});

	describe("WEBHOOKS_ENABLED=false", () => {
		it("answers every procedure with the reason, and PRECONDITION_FAILED", async () => {
			const webhookId = await newWebhook();
			setFlag("false");
			const calls: Array<() => Promise<unknown>> = [
				() => owner.webhook.one({ webhookId }),
				() => owner.webhook.findByApplication({ applicationId }),
				() =>
					owner.webhook.create({
						applicationId,
						name: "x",
						url: receiverUrl,
						events: ["deployment.success"],
					}),
				() => owner.webhook.toggle({ webhookId, enabled: false }),
				() => owner.webhook.preview({ templateType: "generic", event: "deployment.success" }),
				() => owner.webhook.organizationStats(),
			];
			for (const call of calls) {
				const error = await call().catch((caught: unknown) => caught);
				expect(error).toBeInstanceOf(TRPCError);
				expect(error).toMatchObject({
					code: "PRECONDITION_FAILED",
					message: WEBHOOKS_DISABLED_MESSAGE,
				});
			}
		});

		it("writes no delivery for a deployment, so nothing is enqueued; with the flag on it does", async () => {
			const webhookId = await newWebhook();
			setFlag("false");
			await createDeployment(applicationId, { trigger: { type: "manual" } });
			expect(await deliveriesOf(webhookId)).toHaveLength(0);

			setFlag("true");
			await createDeployment(applicationId, { trigger: { type: "manual" } });
			expect((await deliveriesOf(webhookId)).map((row) => row.event)).toEqual([
				"deployment.started",
			]);
		});

		it("refuses a value that is neither true nor false, naming the variable", async () => {
			setFlag("maybe");
			const error = await owner.webhook.organizationStats().catch((caught: unknown) => caught);
			expect(String((error as Error).message)).toMatch(/WEBHOOKS_ENABLED must be true or false/);
		});
	});
});
