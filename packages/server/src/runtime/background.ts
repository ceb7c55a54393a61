/**
 * Everything that runs beside the dashboard: migrations, recovery of deployments a crash
 * interrupted, and the workers. The dashboard process starts it, and so does the workers-only
 * entry point that operators use to scale out.
 */
import { migrateDatabase } from "../db/migrate";
import { recoverOrphanedDeployments } from "../deployments/recovery";
import { startDeploymentWorker } from "../deployments/worker";
import { serverConfig } from "../lib/config";
import { logger } from "../lib/logger";
import { registerWebhookOutbox } from "../webhooks/outbox";
import { startReconciler } from "../webhooks/reconciler";
import { startWebhookWorker } from "../webhooks/worker";

export interface Background {
	close: () => Promise<void>;
}

export const startBackground = async (): Promise<Background> => {
	// Every setting is read and validated first: a bad value stops start-up with its name.
	serverConfig();
	await migrateDatabase();
	const recovered = await recoverOrphanedDeployments();
	if (recovered.length > 0) {
		logger.warn({ deployments: recovered }, "cancelled deployments interrupted by a restart");
	}
	registerWebhookOutbox();
	const deployments = await startDeploymentWorker();
	const webhooks = startWebhookWorker();
	const reconciler = startReconciler();
	logger.info("workers started");
	return {
		close: async () => {
			await reconciler.close();
			await deployments.close();
			await webhooks.close();
		},
	};
};
