/**
 * For a test file that stops and starts Redis: a redis-server of its own. Call it before
 * `useWebhookEngine`: its beforeAll sets REDIS_URL before the engine's (the first thing that
 * connects), and its afterAll runs after the engine's (hooks unwind like a stack), disconnects
 * what is still connected, then stops Redis.
 */
import type { Queue } from "bullmq";
import { afterAll, beforeAll } from "vitest";
import { deploymentsQueue } from "../../deployments/queue";
import { forgetProcessSingleton } from "../../lib/process-singleton";
import { sharedRedis } from "../../lib/redis";
import { webhookDeliveriesQueue } from "../queue";
import { type PrivateRedis, startPrivateRedis } from "./private-redis";

/** Closes a queue singleton and the connection it was given (BullMQ leaves that one open). */
export const closeQueue = async (queue: Queue, singletonKey: string) => {
	const connection = await queue.client;
	await queue.close();
	connection.disconnect();
	forgetProcessSingleton(singletonKey);
};

export const useOwnRedis = (): (() => PrivateRedis) => {
	let redis: PrivateRedis | undefined;
	beforeAll(async () => {
		redis = await startPrivateRedis();
		process.env.REDIS_URL = redis.url;
	});
	afterAll(async () => {
		await closeQueue(webhookDeliveriesQueue(), "webhook-deliveries-queue");
		await closeQueue(deploymentsQueue(), "deployments-queue");
		sharedRedis().disconnect();
		forgetProcessSingleton("redis-commands");
		await redis?.close();
	});
	return () => {
		if (!redis) throw new Error("useOwnRedis: Redis is started in beforeAll; use it in tests");
		return redis;
	};
};
