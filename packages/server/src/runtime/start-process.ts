/**
 * The one composition point of a Dokploy process. The dashboard process, the workers-only
 * process and the test harness all start through `startProcess`, which wires, in this order:
 *
 * 1. migrations, so every later step finds its tables;
 * 2. the lifecycle listeners (the webhook outbox), before anything can emit an event;
 * 3. recovery of deployments that a dead process left running or never started (they emit
 *    deployment.cancelled, which is why the listeners come first), then every few seconds;
 * 4. the deployment and webhook workers;
 * 5. the webhook reconciler.
 *
 * The emitter refuses to run while no listener is registered (lifecycle/emitter.ts), so an
 * event can never be emitted into the void by a process wired in another order.
 */
import { migrateDatabase } from "../db/migrate";
import { startDeploymentWatchdog } from "../deployments/watchdog";
import { type DeploymentWorkerOptions, startDeploymentWorker } from "../deployments/worker";
import { serverConfig } from "../lib/config";
import { logger } from "../lib/logger";
import { registerWebhookOutbox } from "../webhooks/outbox";
import { startReconciler } from "../webhooks/reconciler";
import { startWebhookWorker, type WebhookWorkerOptions } from "../webhooks/worker";

export interface ProcessOptions {
	deploymentWorker?: DeploymentWorkerOptions;
	/** `false` leaves the webhook worker stopped (tests that run their own). */
	webhookWorker?: WebhookWorkerOptions | false;
	reconcileIntervalMs?: number;
}

export interface DokployProcess {
	close: () => Promise<void>;
}

/** Registers every lifecycle listener the product has. Registering twice is harmless. */
export const wireLifecycleListeners = () => {
	registerWebhookOutbox();
};

export const startProcess = async (options: ProcessOptions = {}): Promise<DokployProcess> => {
	// Every setting is read and validated first: a bad value stops start-up with its name.
	const config = serverConfig();
	await migrateDatabase();
	wireLifecycleListeners();
	const claimTtlMs = options.deploymentWorker?.claimTtlMs ?? config.deployments.claimTtlMs;
	const watchdog = await startDeploymentWatchdog({ claimTtlMs });
	const deployments = await startDeploymentWorker({ ...options.deploymentWorker, claimTtlMs });
	const webhooks =
		options.webhookWorker === false ? null : startWebhookWorker(options.webhookWorker);
	const reconciler = startReconciler(options.reconcileIntervalMs);
	logger.info("workers started");
	return {
		close: async () => {
			await reconciler.close();
			await watchdog.close();
			await deployments.close();
			await webhooks?.close();
		},
	};
};
