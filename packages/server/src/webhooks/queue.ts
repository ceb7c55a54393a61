/**
 * The `webhook-deliveries` queue. A job id is its delivery id, so enqueueing a delivery twice
 * (after commit and again by the reconciler) makes one job. Jobs are removed when they end, so
 * the id is free again for a later redelivery of the same row. The database row, not the job,
 * says how far a delivery got.
 */
import { Queue } from "bullmq";
import { logger } from "../lib/logger";
import { forgetProcessSingleton, processSingleton } from "../lib/process-singleton";
import { createRedisConnection } from "../lib/redis";

export const WEBHOOK_DELIVERIES_QUEUE = "webhook-deliveries";
const QUEUE_SINGLETON = "webhook-deliveries-queue";

const createDeliveriesQueue = () => {
	const connection = createRedisConnection({
		// Fail fast while Redis is away: the outbox row is safe, the reconciler retries.
		enableOfflineQueue: false,
		maxRetriesPerRequest: 1,
	});
	const queue = new Queue<{ deliveryId: string }>(WEBHOOK_DELIVERIES_QUEUE, {
		connection,
		defaultJobOptions: { removeOnComplete: true, removeOnFail: true, attempts: 1 },
	});
	// BullMQ keeps the outcome of a queue's set-up for the queue's whole life, and failing fast
	// makes that set-up fail when Redis goes away in the middle of it: such a queue would refuse
	// every later call until the process restarts. It is dropped instead, and the next call
	// builds a new one (queue-set-up-cut.test.ts).
	queue.waitUntilReady().catch((error: unknown) => {
		logger.warn(
			{ err: error },
			"the webhook queue could not be set up; the next use builds it again",
		);
		forgetProcessSingleton(QUEUE_SINGLETON, queue);
		void queue
			.close()
			.catch(() => undefined)
			// BullMQ leaves a connection it was handed open.
			.finally(() => connection.disconnect());
	});
	return queue;
};

export const webhookDeliveriesQueue = () =>
	processSingleton(QUEUE_SINGLETON, createDeliveriesQueue);

/**
 * How long a caller waits for a queue that has never connected (a process that started while
 * Redis was away). A connected queue fails fast by itself: it has no offline queue.
 */
const FIRST_CONNECTION_TIMEOUT_MS = 2_000;

/** The queue, once connected; rejects instead of waiting for Redis to come back. */
export const connectedDeliveriesQueue = async () => {
	const queue = webhookDeliveriesQueue();
	let timer: NodeJS.Timeout | undefined;
	try {
		await Promise.race([
			queue.waitUntilReady(),
			new Promise<never>((_, reject) => {
				timer = setTimeout(
					() => reject(new Error("Redis is not reachable: the webhook queue is not connected")),
					FIRST_CONNECTION_TIMEOUT_MS,
				);
			}),
		]);
	} finally {
		clearTimeout(timer);
	}
	return queue;
};

export const enqueueDeliveries = async (deliveryIds: string[], delayMs = 0) => {
	if (deliveryIds.length === 0) return;
	const queue = await connectedDeliveriesQueue();
	await queue.addBulk(
		deliveryIds.map((deliveryId) => ({
			name: "deliver",
			data: { deliveryId },
			opts: { jobId: deliveryId, delay: Math.max(0, delayMs) },
		})),
	);
};
