/**
 * Puts back into the queue every unfinished delivery that has no job: those whose enqueue
 * after commit failed (Redis was down) or was never reached (the process died in between).
 * Runs at start-up and then every `intervalMs`. Adding a job whose id already exists does
 * nothing, so running it anywhere, any number of times, is safe.
 */
import { inArray } from "drizzle-orm";
import { getDatabase } from "../db/client";
import { unfinishedDeliveryStatuses, webhookDeliveries } from "../db/schema/webhook";
import { serverConfig } from "../lib/config";
import { logger } from "../lib/logger";
import { connectedDeliveriesQueue, enqueueDeliveries } from "./queue";

export const reconcileDeliveries = async (now = new Date()) => {
	const open = await getDatabase()
		.select({
			deliveryId: webhookDeliveries.deliveryId,
			nextAttemptAt: webhookDeliveries.nextAttemptAt,
		})
		.from(webhookDeliveries)
		.where(inArray(webhookDeliveries.status, unfinishedDeliveryStatuses));
	const queue = await connectedDeliveriesQueue();
	let requeued = 0;
	for (const row of open) {
		if (await queue.getJob(row.deliveryId)) continue;
		const delay = row.nextAttemptAt ? Date.parse(row.nextAttemptAt) - now.getTime() : 0;
		await enqueueDeliveries([row.deliveryId], delay);
		requeued++;
	}
	return requeued;
};

export const startReconciler = (intervalMs = serverConfig().webhooks.reconcileIntervalMs) => {
	let running: Promise<unknown> | null = null;
	const tick = () => {
		if (running) return;
		running = reconcileDeliveries()
			.then((count) => {
				if (count > 0) logger.info({ count }, "re-enqueued webhook deliveries that had no job");
			})
			.catch((error: unknown) => logger.warn({ err: error }, "webhook reconciler could not run"))
			.finally(() => {
				running = null;
			});
	};
	tick();
	const timer = setInterval(tick, intervalMs);
	timer.unref();
	return {
		close: async () => {
			clearInterval(timer);
			await running;
		},
	};
};
