/**
 * BullMQ keeps the outcome of a queue's first set-up for the queue's whole life. Found by the
 * fault suite: when Redis went away in the middle of that set-up, the delivery queue refused
 * every later call, so no delivery was ever queued again, by the outbox or the reconciler,
 * until the process restarted.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCuttingProxy } from "./__test__/cutting-proxy";
import { settlesWithin } from "./__test__/hang-guard";
import { closeQueue } from "./__test__/own-redis";
import { type PrivateRedis, startPrivateRedis } from "./__test__/private-redis";
import { connectedDeliveriesQueue, enqueueDeliveries, webhookDeliveriesQueue } from "./queue";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the delivery queue after Redis cut off its set-up", () => {
	let redis: PrivateRedis;
	let proxy: Awaited<ReturnType<typeof startCuttingProxy>>;
	beforeAll(async () => {
		redis = await startPrivateRedis();
		proxy = await startCuttingProxy({ host: "127.0.0.1", port: redis.port });
		process.env.REDIS_URL = proxy.url;
	});
	afterAll(async () => {
		try {
			await closeQueue(webhookDeliveriesQueue(), "webhook-deliveries-queue");
		} finally {
			// Even when the queue is still the broken one (the test failed), Redis is not left behind.
			await proxy.close();
			await redis.close();
		}
	});

	it("is built again, so deliveries are queued once Redis answers again", async () => {
		proxy.goAwayAfterReadyCheck();
		await expect(connectedDeliveriesQueue()).rejects.toThrow();
		await proxy.comeBack();

		// The reconciler's way: try again every so often until the delivery is queued.
		const queuedOnceRedisAnswers = async () => {
			for (;;) {
				try {
					await enqueueDeliveries(["delivery-after-the-cut"]);
					return;
				} catch {
					await sleep(100);
				}
			}
		};
		await settlesWithin(queuedOnceRedisAnswers(), 10_000, "enqueueing after the cut");
		const job = await webhookDeliveriesQueue().getJob("delivery-after-the-cut");
		expect(job?.data).toEqual({ deliveryId: "delivery-after-the-cut" });
	});
});
