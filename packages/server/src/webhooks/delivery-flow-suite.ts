import { Webhook as StandardWebhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import type { TestDriver } from "../__test__/environment";
import { createTestService, waitFor } from "../__test__/fixtures";
import { enqueueDeployment } from "../deployments/queue";
import { createWebhook, getDeliveries } from "./__test__/as-owner";
import { useWebhookEngine } from "./__test__/engine";
import { verifyDokploySignature } from "./signature";

/**
 * The whole path, deployment → outbox → queue → worker → receiver → delivery log, run once per
 * database driver by the *.test.ts files beside this one (the outbox query and the log writes
 * are where PGlite and PostgreSQL could differ).
 */
export const describeDeliveryFlow = (driver: TestDriver) => {
	const engine = useWebhookEngine({ driver });

	describe(`delivery flow from a deployment to the receiver on ${driver}`, () => {
		it("delivers signed started and success events for a deployment, verifiable with standardwebhooks", async () => {
			const { ref, service } = await createTestService("application", { buildCommand: "echo hi" });
			const { webhook, secret } = await createWebhook({
				applicationId: ref.id,
				name: "Receiver",
				url: engine.receiver.url("/flow"),
				events: ["deployment.started", "deployment.success"],
			});
			const before = engine.receiver.requests.length;
			const { jobId } = await enqueueDeployment(ref, {
				trigger: { type: "manual", triggeredBy: "u1" },
			});
			const requests = (await engine.receiver.waitForRequests(before + 2)).slice(before);
			const events = requests.map((request) => JSON.parse(request.body).event).sort();
			expect(events).toEqual(["deployment.started", "deployment.success"]);
			for (const request of requests) {
				expect(request.path).toBe("/flow");
				const payload = JSON.parse(request.body);
				expect(payload.deployment.id).toBe(jobId);
				expect(payload.application).toMatchObject({ id: service.id, type: "application" });
				expect(request.headers["x-dokploy-event"]).toBe(payload.event);
				expect(request.headers["content-type"]).toBe("application/json");
				expect(request.headers["user-agent"]).toMatch(/^Dokploy-Webhooks\//);
				const verified = new StandardWebhook(secret).verify(request.body, request.headers);
				expect(verified).toEqual(payload);
				expect(
					verifyDokploySignature(request.body, request.headers["x-dokploy-signature"]!, secret),
				).toBe(true);
				expect(request.headers["x-dokploy-delivery"]).toBe(request.headers["webhook-id"]);
			}
			const log = await waitFor(
				() => getDeliveries(webhook.webhookId),
				(page) => page.items.every((item) => item.status === "success") && page.total === 2,
				{ what: "both deliveries to be logged as success" },
			);
			expect(log.items.map((item) => item.attemptCount)).toEqual([1, 1]);
		});
	});
};
