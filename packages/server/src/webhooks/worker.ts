/**
 * The delivery worker. Each job is one delivery; the worker makes an attempt and, when the
 * delivery must wait (a retry, or the rate limit), puts the same job back as delayed until
 * its time. Concurrency is high so one slow receiver never holds up the others; the attempt's
 * own timeout bounds how long a slot is held. The worker owns its warm connection pools and
 * its DNS cache, and closes them with itself.
 */
import { DelayedError, Worker } from "bullmq";
import { serverConfig, type WebhookConfig } from "../lib/config";
import { logger } from "../lib/logger";
import { createRedisConnection, sharedRedis } from "../lib/redis";
import { createConnectionPools } from "./connection-pools";
import { attemptDelivery, type DeliverOptions } from "./deliver";
import { createCachedResolver } from "./dns-cache";
import { createInFlightLimit } from "./in-flight-limit";
import { WEBHOOK_DELIVERIES_QUEUE } from "./queue";
import { createRateLimiter } from "./rate-limit";
import { rememberRefusals } from "./rate-limit-refusals";

export interface WebhookWorkerOptions extends Pick<DeliverOptions, "resolve" | "now"> {
	/** The settings to run with; the process's configuration by default. */
	config?: WebhookConfig;
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
	const config = options.config ?? serverConfig().webhooks;
	const rateLimiter = rememberRefusals(
		createRateLimiter({
			redis: sharedRedis(),
			limit: options.rateLimitPerMinute ?? config.rateLimitPerMinute,
			windowMs: options.rateLimitWindowMs ?? 60_000,
		}),
	);
	const pools = createConnectionPools({ connectTimeoutMs: config.timeoutMs });
	// An injected resolver (tests scripting DNS) is used as is; the system's answers are cached.
	const resolve = options.resolve ?? createCachedResolver();
	const deliverOptions: DeliverOptions = {
		config,
		rateLimiter,
		inFlight: createInFlightLimit(),
		resolve,
		pools,
		...(options.now ? { now: options.now } : {}),
	};
	// BullMQ leaves a connection it was handed open when the worker closes; close() ends it.
	const connection = createRedisConnection();
	const worker = new Worker<{ deliveryId: string }>(
		WEBHOOK_DELIVERIES_QUEUE,
		async (job, token) => {
			const report = await attemptDelivery(job.data.deliveryId, deliverOptions);
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
			stalledInterval: options.stalledIntervalMs ?? config.stalledIntervalMs,
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
			await pools.close();
		},
	};
};
