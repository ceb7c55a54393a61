import { Redis, type RedisOptions } from "ioredis";
import { logger } from "./logger";
import { processSingleton } from "./process-singleton";

const redisUrl = () => process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

/**
 * A new Redis connection. BullMQ workers need `maxRetriesPerRequest: null` (they block on
 * Redis); producers keep it too so that a short Redis outage delays rather than fails them.
 */
export const createRedisConnection = (options: RedisOptions = {}, url = redisUrl()) =>
	// ioredis reconnects by itself; without a listener it prints every failed attempt as an
	// "Unhandled error event". The outage goes to the log instead.
	new Redis(url, { maxRetriesPerRequest: null, ...options }).on("error", (error) =>
		logger.warn({ err: error }, "Redis connection error; reconnecting"),
	);

/** One connection per process for plain commands (not for blocking or subscribing). */
export const sharedRedis = () => processSingleton("redis-commands", () => createRedisConnection());
