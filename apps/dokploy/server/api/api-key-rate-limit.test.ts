/**
 * The API-key rate limit with real better-auth keys, real PostgreSQL and a real Redis window:
 * steady streams below and above the limit, time driven by an injected clock (no sleeping),
 * and the 429 answer over HTTP with Retry-After.
 */
import { randomUUID } from "node:crypto";
import {
	API_KEY_REQUESTS_PER_WINDOW,
	ApiKeyRateLimitedError,
	createApiKeyRateLimit,
} from "@dokploy/server/auth/api-key-rate-limit";
import { getAuth } from "@dokploy/server/auth/auth";
import { closeDatabase } from "@dokploy/server/db/client";
import { migrateDatabase } from "@dokploy/server/db/migrate";
import { createRedisConnection } from "@dokploy/server/lib/redis";
import { TRPCError } from "@trpc/server";
import { fromNodeHeaders } from "better-auth/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUpOwner } from "./__test__/organizations";
import { serveApi } from "./__test__/serve-api";
import { createContextFromHeaders } from "./context";
import { appRouter } from "./root";

const redis = createRedisConnection();
const prefixes: string[] = [];

/** A limiter with a clock the test moves by hand, and a Redis prefix of its own. */
const limiterWithClock = (limit?: number) => {
	let time = Date.parse("2025-06-01T12:00:00.000Z");
	const prefix = `test:api-key-rate-limit:${randomUUID()}:`;
	prefixes.push(prefix);
	const rateLimit = createApiKeyRateLimit({
		redis,
		now: () => time,
		prefix,
		...(limit ? { limit } : {}),
	});
	return {
		rateLimit,
		advance: (ms: number) => {
			time += ms;
		},
	};
};

/** One request of a steady stream: admitted, or refused with the seconds to wait. */
const attempt = async (headers: Headers, rateLimit: ReturnType<typeof limiterWithClock>) => {
	try {
		await createContextFromHeaders(headers, rateLimit.rateLimit);
		return "admitted" as const;
	} catch (error) {
		if (!(error instanceof TRPCError) || error.code !== "TOO_MANY_REQUESTS") throw error;
		expect(error.cause).toBeInstanceOf(ApiKeyRateLimitedError);
		return (error.cause as ApiKeyRateLimitedError).retryAfterSeconds;
	}
};

describe("API-key rate limit", () => {
	let headers: Headers;

	beforeAll(async () => {
		if (!process.env.DATABASE_URL) throw new Error("Set DATABASE_URL to a test database");
		await migrateDatabase();
		const owner = await signUpOwner("rate-limited-script");
		const created = await getAuth().api.createApiKey({ body: { userId: owner.userId } });
		headers = new Headers({ "x-api-key": created.key });
	});

	afterAll(async () => {
		for (const prefix of prefixes) {
			const keys = await redis.keys(`${prefix}*`);
			if (keys.length > 0) await redis.del(...keys);
		}
		redis.disconnect();
		await closeDatabase();
	});

	it("never refuses a script that calls steadily below the limit (150 a minute for 5 minutes)", async () => {
		const stream = limiterWithClock();
		const outcomes: Array<"admitted" | number> = [];
		for (let request = 0; request < 750; request++) {
			outcomes.push(await attempt(headers, stream));
			stream.advance(60_000 / 150);
		}
		expect(API_KEY_REQUESTS_PER_WINDOW).toBe(600);
		expect(outcomes.filter((outcome) => outcome !== "admitted")).toEqual([]);
	});

	it("above the limit refuses only the excess, says when to retry, and admits again as the window slides", async () => {
		// 20 a minute against a limit of 10: one request every 3 s for 3 minutes.
		const stream = limiterWithClock(10);
		const outcomes: Array<"admitted" | number> = [];
		for (let request = 0; request < 60; request++) {
			outcomes.push(await attempt(headers, stream));
			stream.advance(3_000);
		}
		const minute = (index: number) => outcomes.slice(index * 20, index * 20 + 20);
		for (const index of [0, 1, 2]) {
			// Admitted in the first half of every minute, refused in the second: no lock-out.
			expect(minute(index).slice(0, 10)).toEqual(Array(10).fill("admitted"));
			expect(
				minute(index)
					.slice(10)
					.every((outcome) => outcome !== "admitted"),
			).toBe(true);
		}
		// At 30 s the oldest admitted request (0 s) leaves the window at 60 s; at 57 s, after 3 s.
		expect(outcomes[10]).toBe(30);
		expect(outcomes[19]).toBe(3);
	});

	it("answers an over-limit request over HTTP with 429, Retry-After and the tRPC error envelope", async () => {
		const stream = limiterWithClock(2);
		const api = await serveApi(appRouter, ({ req }) =>
			createContextFromHeaders(fromNodeHeaders(req.headers), stream.rateLimit),
		);
		try {
			const call = () =>
				fetch(`${api.baseUrl}/api/trpc/project.all`, {
					headers: { "x-api-key": headers.get("x-api-key")! },
				});
			expect((await call()).status).toBe(200);
			expect((await call()).status).toBe(200);
			const refused = await call();
			expect(refused.status).toBe(429);
			expect(refused.headers.get("retry-after")).toBe("60");
			const body = (await refused.json()) as {
				error: { json: { message: string; data: { code: string } } };
			};
			expect(body.error.json.data.code).toBe("TOO_MANY_REQUESTS");
			expect(body.error.json.message).toContain("Retry in 60 s");
			stream.advance(60_000);
			expect((await call()).status).toBe(200);
		} finally {
			await api.close();
		}
	});
});
