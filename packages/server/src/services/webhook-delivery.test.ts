import { Webhook as StandardWebhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { waitFor } from "../__test__/fixtures";
import { getDatabase } from "../db/client";
import { webhookDeliveries } from "../db/schema/webhook";
import { NotFoundError, ValidationError } from "../lib/errors";
import { webhookAnsweredBy } from "../webhooks/__test__/answered-webhook";
import {
	deleteWebhook,
	findWebhookById,
	getWebhookStats,
	redeliver,
	retryWebhook,
	testWebhook,
	updateWebhook,
} from "../webhooks/__test__/as-owner";
import { deliveriesOf, deploy, waitForFinishedDeliveries } from "../webhooks/__test__/deliveries";
import { useWebhookEngine } from "../webhooks/__test__/engine";
import { respondWith } from "../webhooks/__test__/receiver";
import { heldUntilReleased, inSequence, useReceiverRoutes } from "../webhooks/__test__/routes";
import { webhookDeliveriesQueue } from "../webhooks/queue";

const engine = useWebhookEngine();
const route = useReceiverRoutes(engine);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("testWebhook", () => {
	it("answers with ok, status, time and excerpt, and logs a test delivery with test: true", async () => {
		const { target, service, webhookId } = await webhookAnsweredBy(
			route,
			respondWith(200, "thanks!"),
		);
		const result = await testWebhook(webhookId);
		expect(result).toEqual({
			ok: true,
			deliveryId: expect.any(String),
			httpStatus: 200,
			durationMs: expect.any(Number),
			error: null,
			responseExcerpt: "thanks!",
		});
		const [request] = target.requests();
		expect(request!.headers["x-dokploy-test"]).toBe("true");
		const body = JSON.parse(request!.body);
		expect(body).toMatchObject({ event: "deployment.success", test: true });
		expect(body.application).toMatchObject({ id: service.id, name: service.name });
		const [row] = await deliveriesOf(webhookId);
		expect(row).toMatchObject({
			deliveryId: result.deliveryId,
			isTest: true,
			status: "success",
			attemptCount: 1,
		});
		expect((await getWebhookStats(webhookId)).total).toBe(0);
	});

	it("answers a failing test send at once: never retried, not counted against the webhook", async () => {
		const { target, webhookId } = await webhookAnsweredBy(
			route,
			inSequence(respondWith(500, "boom"), respondWith(410)),
		);
		const failed = await testWebhook(webhookId, undefined, "deployment.failed");
		expect(failed).toMatchObject({
			ok: false,
			httpStatus: 500,
			error: "HTTP 500",
			responseExcerpt: "boom",
		});
		expect(JSON.parse(target.requests()[0]!.body).error.message).toEqual(expect.any(String));
		const gone = await testWebhook(webhookId);
		expect(gone).toMatchObject({ ok: false, httpStatus: 410 });
		await sleep(1_000);
		expect(target.requests()).toHaveLength(2);
		const rows = await deliveriesOf(webhookId);
		expect(rows.map((row) => [row.status, row.attemptCount, row.nextAttemptAt])).toEqual([
			["failed", 1, null],
			["failed", 1, null],
		]);
		expect(await getWebhookStats(webhookId)).toMatchObject({ total: 0, failed: 0 });
		expect(await findWebhookById(webhookId)).toMatchObject({
			enabled: true,
			consecutiveFailures: 0,
			disabledReason: null,
		});
	});

	it("tests a disabled webhook too, and bounds the excerpt it returns", async () => {
		const { webhookId } = await webhookAnsweredBy(route, respondWith(200, "é".repeat(5_000)));
		await updateWebhook({ webhookId, enabled: false });
		const result = await testWebhook(webhookId);
		expect(result.ok).toBe(true);
		expect(result.responseExcerpt).toBe("é".repeat(500));
		const [row] = await deliveriesOf(webhookId);
		expect(Buffer.byteLength(row!.attempts[0]!.responseExcerpt)).toBe(4_096);
	});
});

describe("redeliver", () => {
	it("sends a finished delivery again: new row, same idempotency key and webhook-id, marked as a redelivery", async () => {
		const { target, ref, webhookId, secret } = await webhookAnsweredBy(
			route,
			inSequence(respondWith(400), respondWith(200)),
		);
		await deploy(ref);
		const [original] = await waitForFinishedDeliveries(webhookId, 1);
		expect(original!.status).toBe("failed");
		const again = await redeliver(original!.deliveryId);
		expect(again).toMatchObject({
			idempotencyKey: original!.idempotencyKey,
			redeliveryOf: original!.deliveryId,
			body: original!.body,
			status: "pending",
		});
		expect(again.deliveryId).not.toBe(original!.deliveryId);
		const [first, second] = await target.waitForRequests(2);
		expect(first!.headers["x-dokploy-redelivery"]).toBeUndefined();
		expect(second!.headers).toMatchObject({
			"x-dokploy-redelivery": "true",
			"webhook-id": first!.headers["webhook-id"],
			"x-dokploy-delivery": first!.headers["x-dokploy-delivery"],
		});
		expect(second!.body).toBe(first!.body);
		expect(() => new StandardWebhook(secret).verify(second!.body, second!.headers)).not.toThrow();
		const rows = await waitForFinishedDeliveries(webhookId, 2);
		expect(rows.map((row) => row.status)).toEqual(["failed", "success"]);
	});

	it("refuses to redeliver a delivery that is still under way", async () => {
		const held = heldUntilReleased();
		const { target, ref, webhookId } = await webhookAnsweredBy(route, held.responder);
		await deploy(ref);
		await target.waitForRequests(1);
		const [inFlight] = await deliveriesOf(webhookId);
		expect(inFlight!.status).toBe("pending");
		const refused = await redeliver(inFlight!.deliveryId).catch((error: unknown) => error);
		expect(refused).toBeInstanceOf(ValidationError);
		expect((refused as Error).message).toMatch(/still under way/);
		held.release(respondWith(200));
		await waitForFinishedDeliveries(webhookId, 1);
		expect(await deliveriesOf(webhookId)).toHaveLength(1);
	});
});

describe("retryWebhook, and deliveries whose webhook changed while they waited", () => {
	it("schedules an unfinished delivery now, and refuses a finished or unknown one", async () => {
		const { target, service, webhookId } = await webhookAnsweredBy(route, respondWith(200));
		const [row] = await getDatabase()
			.insert(webhookDeliveries)
			.values({
				idempotencyKey: "never-enqueued",
				webhookId,
				serviceType: "application",
				serviceId: service.id,
				event: "deployment.success",
				body: '{"waiting":true}',
			})
			.returning();
		await retryWebhook(row!.deliveryId);
		const [done] = await waitForFinishedDeliveries(webhookId, 1);
		expect(done).toMatchObject({ status: "success", attemptCount: 1 });
		expect(target.requests().map((request) => request.body)).toEqual(['{"waiting":true}']);
		await expect(retryWebhook(row!.deliveryId)).rejects.toThrow(/use redeliver/);
		await expect(retryWebhook("no-such-delivery")).rejects.toBeInstanceOf(NotFoundError);
	});

	it("ends a waiting retry without sending it once the webhook has been disabled", async () => {
		const held = heldUntilReleased();
		const { target, ref, webhookId } = await webhookAnsweredBy(route, held.responder);
		await deploy(ref);
		await target.waitForRequests(1);
		await updateWebhook({ webhookId, enabled: false });
		held.release(respondWith(500));
		const [delivery] = await waitForFinishedDeliveries(webhookId, 1);
		expect(delivery).toMatchObject({
			status: "failed",
			attemptCount: 1,
			lastError: "The webhook was disabled before this delivery was sent",
		});
		expect(target.requests()).toHaveLength(1);
	});

	it("drops a waiting retry without sending it once the webhook has been deleted", async () => {
		const held = heldUntilReleased();
		const { target, ref, webhookId } = await webhookAnsweredBy(route, held.responder);
		await deploy(ref);
		await target.waitForRequests(1);
		const [inFlight] = await deliveriesOf(webhookId);
		await deleteWebhook(webhookId);
		held.release(respondWith(500));
		await waitFor(
			async () => (await webhookDeliveriesQueue().getJob(inFlight!.deliveryId)) ?? null,
			(job) => job === null,
			{ what: "the retry's job to run and end" },
		);
		expect(target.requests()).toHaveLength(1);
	});
});
