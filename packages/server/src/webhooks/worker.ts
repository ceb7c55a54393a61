/**
 * The delivery worker. Each job is one delivery; the worker makes an attempt and, when the
 * delivery must wait (a retry, or the rate limit), puts the same job back as delayed until
 * its time. Concurrency is high (default 20) so one slow receiver never holds up the others;
 * the attempt's own 10 s timeout bounds how long a slot is held.
 */
import { DelayedError, Worker } from "bullmq";
import { logger } from "../lib/logger";
import { createRedisConnection, sharedRedis } from "../lib/redis";
import { attemptDelivery, type DeliverOptions } from "./deliver";
import { WEBHOOK_DELIVERIES_QUEUE } from "./queue";
import { createRateLimiter } from "./rate-limit";
import { webhookConfig } from "./settings";

export interface WebhookWorkerOptions extends Pick<DeliverOptions, "resolve" | "now"> {
	concurrency?: number;
	/** How often a worker looks for jobs whose worker died (their lock expired). */
	stalledIntervalMs?: number;
	/**
	 * How long a job's lock outlives a worker that died holding it (a live worker renews it every
	 * half of this). A dead worker's job is handed to a live one after this plus at most one
	 * stalled interval.
	 */
	lockDurationMs?: number;
	rateLimitPerMinute?: number;
	rateLimitWindowMs?: number;
}

export const startWebhookWorker = (options: WebhookWorkerOptions = {}) => {
	const config = webhookConfig();
	const rateLimiter = createRateLimiter({
		redis: sharedRedis(),
		limit: options.rateLimitPerMinute ?? config.rateLimitPerMinute,
		windowMs: options.rateLimitWindowMs ?? 60_000,
	});
	// BullMQ leaves a connection it was handed open when the worker closes; close() ends it.
	const connection = createRedisConnection();
	const worker = new Worker<{ deliveryId: string }>(
		WEBHOOK_DELIVERIES_QUEUE,
		async (job, token) => {
			const report = await attemptDelivery(job.data.deliveryId, {
				rateLimiter,
				...(options.resolve ? { resolve: options.resolve } : {}),
				...(options.now ? { now: options.now } : {}),
			});
			const wakeAt =
				report.kind === "deferred"
					? report.until
					: report.kind === "attempted" && report.status === "retrying"
						? report.nextAttemptAt
						: null;
			if (wakeAt) {
				await job.moveToDelayed(wakeAt.getTime(), token);
				throw new DelayedError();
			}
		},
		{
			connection,
			concurrency: options.concurrency ?? config.concurrency,
			// A worker that dies mid-delivery leaves a stalled job; it is delivered again, with the
			// same webhook-id, so receivers can tell it is the same event.
			maxStalledCount: 10,
			stalledInterval:
				options.stalledIntervalMs ?? Number(process.env.WEBHOOK_STALLED_INTERVAL_MS ?? 15_000),
			lockDuration: options.lockDurationMs ?? 30_000,
		},
	);
	worker.on("failed", (job, error) =>
		logger.error({ err: error, deliveryId: job?.data.deliveryId }, "webhook delivery job failed"),
	);
	worker.on("error", (error) => logger.error({ err: error }, "webhook worker error"));
	return {
		worker,
		close: async () => {
			await worker.close();
			connection.disconnect();
		},
	};
};
