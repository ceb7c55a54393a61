/**
 * Who is building which deployment. A worker claims a deployment in Redis just before it starts
 * it, renews the claim every third of its TTL while the build runs, and releases it when the
 * deployment has ended. A claim that expired means its worker died (SIGKILL, a crash, a lost
 * host): any other process may then take the deployment over at once, instead of waiting for
 * BullMQ to notice the stalled job.
 *
 * Claims live in Redis, so they can vanish with it (a restart without persistence) or expire
 * while it is away. Nobody judges a claim until Redis has been up for a whole TTL: by then
 * every live worker has renewed its claims.
 */
import type { Redis } from "ioredis";
import { logger } from "../lib/logger";

const claimKey = (deploymentId: string) => `dokploy:deployment-owner:${deploymentId}`;

export const createOwnership = (options: { redis: Redis; workerId: string; ttlMs: number }) => {
	const { redis, workerId, ttlMs } = options;
	const owned = new Set<string>();
	let renewing: Promise<unknown> | null = null;

	const renew = () => {
		if (renewing || owned.size === 0) return;
		const batch = redis.multi();
		for (const deploymentId of owned) batch.set(claimKey(deploymentId), workerId, "PX", ttlMs);
		renewing = batch
			.exec()
			.catch((error: unknown) => logger.warn({ err: error }, "could not renew deployment claims"))
			.finally(() => {
				renewing = null;
			});
	};
	const timer = setInterval(renew, Math.max(100, Math.floor(ttlMs / 3)));
	timer.unref();

	return {
		claim: async (deploymentId: string) => {
			owned.add(deploymentId);
			await redis.set(claimKey(deploymentId), workerId, "PX", ttlMs);
		},
		release: async (deploymentId: string) => {
			owned.delete(deploymentId);
			await redis.del(claimKey(deploymentId));
		},
		/** Stops renewing; claims still held then expire with their TTL. */
		close: () => clearInterval(timer),
	};
};

export const isClaimed = async (redis: Redis, deploymentId: string) =>
	(await redis.exists(claimKey(deploymentId))) === 1;

/** True once Redis has been up for a whole TTL, so a missing claim means a dead owner. */
export const claimsAreReliable = async (redis: Redis, ttlMs: number) => {
	const info = await redis.info("server");
	const uptimeSeconds = Number(/uptime_in_seconds:(\d+)/.exec(info)?.[1] ?? 0);
	return uptimeSeconds * 1000 >= ttlMs;
};
