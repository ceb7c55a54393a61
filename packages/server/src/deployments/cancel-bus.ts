/**
 * Cancelling a running deployment is decided wherever the user clicks (the API) but carried out
 * where its build runs (a worker, maybe another process). The decision is recorded in the
 * database first; then a message on a Redis channel tells every worker to stop that build if
 * it is theirs.
 */
import { processSingleton } from "../lib/process-singleton";
import { createRedisConnection } from "../lib/redis";
import { cancelDeployment } from "../services/deployment";

const CHANNEL = "dokploy:deployment-cancel";

const publisher = () => processSingleton("cancel-bus-publisher", () => createRedisConnection());

export const requestDeploymentCancel = async (deploymentId: string, reason: string) => {
	const cancelled = await cancelDeployment(deploymentId, reason);
	if (cancelled) await publisher().publish(CHANNEL, deploymentId);
	return cancelled;
};

/** Calls `onCancel` for every cancelled deployment id; returns a function that unsubscribes. */
export const subscribeToCancellations = async (onCancel: (deploymentId: string) => void) => {
	const subscriber = createRedisConnection();
	subscriber.on("message", (channel: string, deploymentId: string) => {
		if (channel === CHANNEL) onCancel(deploymentId);
	});
	await subscriber.subscribe(CHANNEL);
	return async () => {
		await subscriber.unsubscribe(CHANNEL).catch(() => {});
		subscriber.disconnect();
	};
};
