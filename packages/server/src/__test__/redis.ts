import { deploymentsQueue } from "../deployments/queue";
import { sharedRedis } from "../lib/redis";

/** Empties the deployments queue and the lanes, so a test file starts from a clean Redis. */
export const resetDeploymentQueue = async () => {
	await deploymentsQueue().obliterate({ force: true });
	const redis = sharedRedis();
	const lanes = await redis.keys("dokploy:deploy-lane:*");
	if (lanes.length > 0) await redis.del(...lanes);
};
