import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createTestService } from "../__test__/fixtures";
import { getDatabase } from "../db/client";
import { webhookDeliveries } from "../db/schema/webhook";
import { webhookAnsweredBy } from "./__test__/answered-webhook";
import { createWebhook, testWebhook } from "./__test__/as-owner";
import { deploy, gapsBetweenAttempts, waitForFinishedDeliveries } from "./__test__/deliveries";
import { useWebhookEngine } from "./__test__/engine";
import { type Responder, respondWith } from "./__test__/receiver";
import { inSequence, neverAnswer, useReceiverRoutes } from "./__test__/routes";

// A short attempt timeout, so that a receiver that never answers costs little test time.
const engine = useWebhookEngine({ env: { WEBHOOK_TIMEOUT_MS: "400" } });
const route = useReceiverRoutes(engine);

const deliverTo = async (script: Responder) => {
	const { ref, webhookId, target } = await webhookAnsweredBy(route, script);
	await deploy(ref);
	const [delivery] = await waitForFinishedDeliveries(webhookId, 1);
	return { delivery: delivery!, target };
};

describe("receivers that do not answer in time", () => {
	it("records a timed-out attempt and retries it", async () => {
		const { delivery, target } = await deliverTo(inSequence(neverAnswer, respondWith(200)));
		expect(delivery).toMatchObject({ status: "success", attemptCount: 2 });
		expect(delivery.attempts[0]).toMatchObject({
			outcome: "retry",
			httpStatus: null,
			error: expect.stringMatching(/^Timed out: /),
		});
		// The attempt waited out the configured timeout (timers may round down by a millisecond).
		expect(delivery.attempts[0]!.durationMs).toBeGreaterThanOrEqual(390);
		expect(gapsBetweenAttempts(delivery)[0]).toBeGreaterThanOrEqual(390 + 300);
		expect(target.requests()).toHaveLength(2);
	});

	it("gives up after 4 timed-out attempts", async () => {
		const { delivery, target } = await deliverTo(neverAnswer);
		expect(delivery).toMatchObject({
			status: "failed",
			attemptCount: 4,
			lastHttpStatus: null,
			lastError: expect.stringMatching(/^Timed out: .*\(gave up after 4 attempts\)$/),
		});
		expect(delivery.attempts.every((attempt) => attempt.error?.startsWith("Timed out"))).toBe(true);
		expect(delivery.attempts.map((attempt) => attempt.outcome)).toEqual([
			"retry",
			"retry",
			"retry",
			"give_up",
		]);
		expect(target.requests()).toHaveLength(4);
	});

	it("records a timed-out test send as give_up: a test send is never retried", async () => {
		const target = route(neverAnswer);
		const { ref } = await createTestService("application", { buildCommand: "true" });
		const { webhook } = await createWebhook({
			applicationId: ref.id,
			name: "Slow test",
			url: target.url,
			events: ["deployment.started"],
		});
		const { deliveryId, ok } = await testWebhook(webhook.webhookId);
		expect(ok).toBe(false);
		const [delivery] = await getDatabase()
			.select()
			.from(webhookDeliveries)
			.where(eq(webhookDeliveries.deliveryId, deliveryId));
		expect(delivery).toMatchObject({ status: "failed", attemptCount: 1 });
		expect(delivery!.attempts[0]).toMatchObject({
			outcome: "give_up",
			error: expect.stringMatching(/^Timed out: /),
		});
	});
});
