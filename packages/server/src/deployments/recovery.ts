import { sharedRedis } from "../lib/redis";
import { recoverInterruptedDeployments } from "../services/deployment";
import { DEPLOYMENTS_QUEUE } from "./queue";

/**
 * A deployment's job holds a BullMQ lock while a live worker builds it; with the lock gone the
 * worker died, and the deployment is recovered as cancelled. Safe to run from every process
 * that starts, even while other workers are busy.
 */
export const recoverOrphanedDeployments = () =>
	recoverInterruptedDeployments(async (deploymentId) => {
		const lock = await sharedRedis().exists(`bull:${DEPLOYMENTS_QUEUE}:${deploymentId}:lock`);
		return lock === 1;
	});
