/**
 * Runs recovery (recovery.ts) once when a process starts and then every half claim TTL, so a
 * dead worker's deployments are taken over within seconds by whichever process is alive. An
 * outage of PostgreSQL or Redis only skips a round.
 */
import { logger } from "../lib/logger";
import { recoverOrphanedDeployments, recoverUnstartedDeployments } from "./recovery";

export interface WatchdogOptions {
	claimTtlMs: number;
	intervalMs?: number;
}

const runOnce = async (claimTtlMs: number) => {
	const recovered = await recoverOrphanedDeployments(claimTtlMs);
	if (recovered.length > 0) {
		logger.warn({ deployments: recovered }, "cancelled deployments whose worker stopped");
	}
	const { requeued, cancelled } = await recoverUnstartedDeployments(claimTtlMs);
	if (requeued.length > 0) {
		logger.warn({ deployments: requeued }, "queued again deployments that Redis had lost");
	}
	if (cancelled.length > 0) {
		logger.warn({ deployments: cancelled }, "cancelled accepted deployments that could not start");
	}
};

export const startDeploymentWatchdog = async (options: WatchdogOptions) => {
	let running: Promise<void> | null = null;
	const tick = () => {
		running ??= runOnce(options.claimTtlMs)
			.catch((error: unknown) => logger.warn({ err: error }, "deployment watchdog could not run"))
			.finally(() => {
				running = null;
			});
		return running;
	};
	await tick();
	const timer = setInterval(tick, options.intervalMs ?? Math.max(250, options.claimTtlMs / 2));
	timer.unref();
	return {
		close: async () => {
			clearInterval(timer);
			await running;
		},
	};
};
