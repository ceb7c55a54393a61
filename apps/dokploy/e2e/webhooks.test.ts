/**
 * The webhook feature in the running product, through its public surfaces only: sign in over
 * HTTP, create an API key, manage webhooks through tRPC with `x-api-key`, deploy the seeded
 * demo apps, and watch a local HTTPS receiver get signed requests in all four templates,
 * retried as specified, and logged.
 */

import {
	type Receiver,
	respondWith,
	startReceiver,
} from "@dokploy/server/webhooks/__test__/receiver";
import { verifyDokploySignature } from "@dokploy/server/webhooks/signature";
import { Webhook as StandardWebhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, createApiClient, createApiKey, signInCookie } from "./api-client";
import { admin, startProduct } from "./product";

let product: Awaited<ReturnType<typeof startProduct>>;
let receiver: Receiver;
let api: ApiClient;

beforeAll(async () => {
	const { mkdtempSync } = await import("node:fs");
	const { tmpdir } = await import("node:os");
	const path = await import("node:path");
	receiver = await startReceiver(mkdtempSync(path.join(tmpdir(), "dokploy-e2e-receiver-")));
	product = await startProduct({
		WEBHOOK_ALLOWED_HOSTS: "localhost",
		WEBHOOK_CA_FILE: receiver.caFile,
		WEBHOOK_RETRY_SCALE: "0.01",
	});
	const cookie = await signInCookie(product.baseUrl, admin);
	api = createApiClient(product.baseUrl, await createApiKey(product.baseUrl, cookie));
}, 180_000);

afterAll(async () => {
	await product?.stop();
	await receiver?.close();
});

describe("webhooks in the running product", () => {
	it("delivers signed requests in all four templates for the demo apps, retries, and logs them", async () => {
		const [project] = await api.project.all.query();
		const services = await api.application.byProject.query({ projectId: project!.projectId });
		const demo = services.find((service) => service.appName === "demo-app")!;
		const broken = services.find((service) => service.appName === "broken-app")!;

		const templates = [
			{ templateType: "generic" as const, path: "/generic" },
			{ templateType: "slack" as const, path: "/slack" },
			{ templateType: "n8n" as const, path: "/n8n" },
			{
				templateType: "custom" as const,
				path: "/custom",
				// biome-ignore lint/suspicious/noTemplateCurlyInString: the custom template's own syntax.
				customTemplate: '{"text": "${applicationName} is ${status}", "domains": ${domains}}',
			},
		];
		const secrets = new Map<string, string>();
		for (const template of templates) {
			const created = await api.webhook.create.mutate({
				applicationId: demo.id,
				name: template.templateType,
				url: receiver.url(template.path),
				events: ["deployment.started", "deployment.success"],
				templateType: template.templateType,
				...(template.customTemplate ? { customTemplate: template.customTemplate } : {}),
			});
			secrets.set(template.path, created.secret);
		}
		const failing = await api.webhook.create.mutate({
			applicationId: broken.id,
			name: "flaky receiver",
			url: receiver.url("/flaky"),
			events: ["deployment.failed"],
		});

		let flakyCalls = 0;
		receiver.respond((request, response) => {
			if (request.path === "/flaky" && flakyCalls++ < 2)
				return respondWith(503)(request, response, 0);
			return respondWith(200)(request, response, 0);
		});

		await api.application.deploy.mutate({ applicationId: demo.id });
		await api.application.deploy.mutate({ applicationId: broken.id });
		// 4 templates x (started + success), and the failed event: 2 refusals then success.
		const requests = await receiver.waitForRequests(11, 60_000);

		for (const template of templates) {
			const received = requests.filter((request) => request.path === template.path);
			expect(received.map((request) => request.headers["x-dokploy-event"]).sort()).toEqual([
				"deployment.started",
				"deployment.success",
			]);
			const secret = secrets.get(template.path)!;
			for (const request of received) {
				expect(() =>
					new StandardWebhook(secret).verify(request.body, request.headers),
				).not.toThrow();
				expect(
					verifyDokploySignature(request.body, request.headers["x-dokploy-signature"]!, secret),
				).toBe(true);
			}
		}
		const bodyOf = (path: string) =>
			JSON.parse(
				requests.find(
					(request) =>
						request.path === path && request.headers["x-dokploy-event"] === "deployment.success",
				)!.body,
			);
		expect(bodyOf("/generic")).toMatchObject({
			event: "deployment.success",
			application: { name: "Demo app" },
		});
		expect(bodyOf("/slack").attachments[0].blocks.length).toBeGreaterThan(0);
		expect(bodyOf("/n8n")).toMatchObject({
			event: "deployment.success",
			applicationName: "Demo app",
			data: {},
		});
		expect(bodyOf("/custom")).toEqual({
			text: "Demo app is done",
			domains: ["demo-app.localhost"],
		});

		const flaky = requests.filter((request) => request.path === "/flaky");
		expect(flaky).toHaveLength(3);
		expect(new Set(flaky.map((request) => request.headers["webhook-id"])).size).toBe(1);
		expect(JSON.parse(flaky[0]!.body).error.logs).toContain("cannot find module");

		const log = await api.webhook.getDeliveries.query({ webhookId: failing.webhook.webhookId });
		expect(log.items).toHaveLength(1);
		expect(log.items[0]).toMatchObject({
			status: "success",
			attemptCount: 3,
			event: "deployment.failed",
		});
		expect(log.items[0]!.attempts.map((attempt) => attempt.httpStatus)).toEqual([503, 503, 200]);
	});

	it("delivers deployment.cancelled, with the stage reached and the user who deployed, when a running build is cancelled through the API", async () => {
		const [project] = await api.project.all.query();
		const slow = await api.application.create.mutate({
			projectId: project!.projectId,
			name: "Slow app",
			appName: "slow-app",
			buildCommand: "sleep 60",
		});
		const { secret } = await api.webhook.create.mutate({
			applicationId: slow.id,
			name: "cancellations",
			url: receiver.url("/cancelled"),
			events: ["deployment.cancelled"],
		});
		receiver.respond(respondWith(200));
		const { jobId } = await api.application.deploy.mutate({ applicationId: slow.id });
		await expect
			.poll(async () => (await api.deployment.one.query({ deploymentId: jobId })).status, {
				timeout: 30_000,
			})
			.toBe("running");
		await api.deployment.cancel.mutate({ deploymentId: jobId, reason: "Wrong branch" });
		await expect
			.poll(() => receiver.requests.filter((request) => request.path === "/cancelled").length, {
				timeout: 30_000,
			})
			.toBe(1);
		const request = receiver.requests.find((received) => received.path === "/cancelled")!;
		expect(() => new StandardWebhook(secret).verify(request.body, request.headers)).not.toThrow();
		expect(JSON.parse(request.body)).toMatchObject({
			event: "deployment.cancelled",
			deployment: { id: jobId, status: "cancelled" },
			cancellation: { reason: "Wrong branch", stage: "build" },
			trigger: { type: "manual", triggeredBy: "user", user: { email: admin.email } },
		});
	});
});
