/**
 * The `webhook-deliveries` queue. A job id is its delivery id, so enqueueing a delivery twice
 * (after commit and again by the reconciler) makes one job. Jobs are removed when they end, so
 * the id is free again for a later redelivery of the same row. The database row, not the job,
 * says how far a delivery got.
 */
import { Queue } from "bullmq";
import { processSingleton } from "../lib/process-singleton";
import { createRedisConnection } from "../lib/redis";

export const WEBHOOK_DELIVERIES_QUEUE = "webhook-deliveries";

export const webhookDeliveriesQueue = () =>
	processSingleton(
		"webhook-deliveries-queue",
		() =>
			new Queue<{ deliveryId: string }>(WEBHOOK_DELIVERIES_QUEUE, {
				connection: createRedisConnection({
					// Fail fast while Redis is away: the outbox row is safe, the reconciler retries.
					enableOfflineQueue: false,
					maxRetriesPerRequest: 1,
				}),
				defaultJobOptions: { removeOnComplete: true, removeOnFail: true, attempts: 1 },
			}),
	);

export const enqueueDeliveries = async (deliveryIds: string[], delayMs = 0) => {
	if (deliveryIds.length === 0) return;
	await webhookDeliveriesQueue().addBulk(
		deliveryIds.map((deliveryId) => ({
			name: "deliver",
			data: { deliveryId },
			opts: { jobId: deliveryId, delay: Math.max(0, delayMs) },
		})),
	);
};
