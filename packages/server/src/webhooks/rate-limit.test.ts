import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createRedisConnection } from "../lib/redis";
import { createRateLimiter } from "./rate-limit";

// Two connections, as two worker processes would have.
const workerA = createRedisConnection();
const workerB = createRedisConnection();

const minute = 60_000;
const start = Date.parse("2025-06-01T12:00:00.000Z");

const prefixesInUse: string[] = [];

/** A fresh key prefix per test, so tests never see each other's windows. */
const uniquePrefix = () => {
	const prefix = `test:webhooks:rate-limit:${randomUUID()}:`;
	prefixesInUse.push(prefix);
	return prefix;
};

const deleteKeysUnder = async (redis: Redis, prefix: string) => {
	const keys = await redis.keys(`${prefix}*`);
	if (keys.length > 0) await redis.del(...keys);
};

/** A clock the test moves by hand. */
const manualClock = (time = start) => ({
	now: () => time,
	advance: (ms: number) => {
		time += ms;
	},
});

afterEach(async () => {
	for (const prefix of prefixesInUse.splice(0)) await deleteKeysUnder(workerA, prefix);
});

afterAll(async () => {
	await Promise.all([workerA.quit(), workerB.quit()]);
});

describe("createRateLimiter", () => {
	it("admits up to the limit, then defers the next until the oldest entry leaves the window", async () => {
		const clock = manualClock();
		const limiter = createRateLimiter({
			redis: workerA,
			limit: 3,
			windowMs: minute,
			now: clock.now,
			prefix: uniquePrefix(),
		});

		expect(await limiter.reserve("application:a")).toEqual({ allowed: true });
		clock.advance(1_000);
		expect(await limiter.reserve("application:a")).toEqual({ allowed: true });
		clock.advance(1_000);
		expect(await limiter.reserve("application:a")).toEqual({ allowed: true });
		clock.advance(1_000);

		expect(await limiter.reserve("application:a")).toEqual({
			allowed: false,
			retryAt: new Date(start + minute),
		});
	});

	it("admits again once the injected clock reaches the deferred time, and defers to the next oldest", async () => {
		const clock = manualClock();
		const limiter = createRateLimiter({
			redis: workerA,
			limit: 2,
			windowMs: minute,
			now: clock.now,
			prefix: uniquePrefix(),
		});
		await limiter.reserve("compose:c");
		clock.advance(5_000);
		await limiter.reserve("compose:c");

		clock.advance(minute - 5_000 - 1);
		expect(await limiter.reserve("compose:c")).toEqual({
			allowed: false,
			retryAt: new Date(start + minute),
		});

		clock.advance(1);
		expect(await limiter.reserve("compose:c")).toEqual({ allowed: true });
		expect(await limiter.reserve("compose:c")).toEqual({
			allowed: false,
			retryAt: new Date(start + 5_000 + minute),
		});
	});

	it("counts deliveries made in the same millisecond separately", async () => {
		const limiter = createRateLimiter({
			redis: workerA,
			limit: 5,
			windowMs: minute,
			now: () => start,
			prefix: uniquePrefix(),
		});

		const results = [];
		for (let i = 0; i < 6; i++) results.push(await limiter.reserve("application:a"));

		expect(results.filter((result) => result.allowed)).toHaveLength(5);
		expect(results[5]).toEqual({ allowed: false, retryAt: new Date(start + minute) });
	});

	it("keeps a separate window for each key", async () => {
		const limiter = createRateLimiter({
			redis: workerA,
			limit: 1,
			windowMs: minute,
			now: () => start,
			prefix: uniquePrefix(),
		});

		expect(await limiter.reserve("application:a")).toEqual({ allowed: true });
		expect(await limiter.reserve("application:a")).toMatchObject({ allowed: false });
		expect(await limiter.reserve("application:b")).toEqual({ allowed: true });
		expect(await limiter.reserve("compose:a")).toEqual({ allowed: true });
	});

	it("admits exactly the limit when two worker connections reserve 300 times concurrently", async () => {
		const prefix = uniquePrefix();
		const options = { limit: 100, windowMs: minute, now: () => start, prefix };
		const limiterA = createRateLimiter({ redis: workerA, ...options });
		const limiterB = createRateLimiter({ redis: workerB, ...options });

		const results = await Promise.all(
			Array.from({ length: 300 }, (_, i) =>
				(i % 2 === 0 ? limiterA : limiterB).reserve("application:busy"),
			),
		);

		expect(results.filter((result) => result.allowed)).toHaveLength(100);
		for (const result of results.filter((result) => !result.allowed)) {
			expect(result).toEqual({ allowed: false, retryAt: new Date(start + minute) });
		}
		expect(await workerA.zcard(`${prefix}application:busy`)).toBe(100);
	});

	it("lets an idle key expire after one window", async () => {
		const prefix = uniquePrefix();
		const limiter = createRateLimiter({ redis: workerA, limit: 10, windowMs: minute, prefix });

		await limiter.reserve("application:idle");

		const ttl = await workerA.pttl(`${prefix}application:idle`);
		expect(ttl).toBeGreaterThan(0);
		expect(ttl).toBeLessThanOrEqual(minute);
	});

	it.each([0, -1, 1.5, Number.NaN])("refuses to be created with limit %s", (limit) => {
		expect(() => createRateLimiter({ redis: workerA, limit, windowMs: minute })).toThrow(
			/limit must be a positive integer/,
		);
	});

	it.each([0, -1_000])("refuses to be created with windowMs %s", (windowMs) => {
		expect(() => createRateLimiter({ redis: workerA, limit: 100, windowMs })).toThrow(
			/windowMs must be a positive integer/,
		);
	});
});
