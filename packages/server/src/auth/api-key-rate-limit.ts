/**
 * Rate limit of API keys: at most 600 HTTP requests per key in any 60 s, counted by every
 * process in one Redis sliding window (webhooks/rate-limit.ts), so a key gets the same answer
 * whichever process serves it. Only admitted requests are counted: a script that calls steadily
 * below the limit is never refused, and one above it gets 429 for its excess only, each time
 * with the moment a slot frees (Retry-After), never a lock-out until it pauses.
 *
 * The key itself never reaches Redis: the window is named by its SHA-256.
 */
import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import { processSingleton } from "../lib/process-singleton";
import { sharedRedis } from "../lib/redis";
import { createRateLimiter } from "../webhooks/rate-limit";

export const API_KEY_REQUESTS_PER_WINDOW = 600;
const API_KEY_WINDOW_MS = 60_000;

export class ApiKeyRateLimitedError extends Error {
	readonly code = "RATE_LIMITED";
	constructor(
		/** Whole seconds until a slot frees, at least 1: the value of Retry-After. */
		readonly retryAfterSeconds: number,
	) {
		super(
			`Rate limit exceeded: at most ${API_KEY_REQUESTS_PER_WINDOW} requests per minute per API key. Retry in ${retryAfterSeconds} s.`,
		);
		this.name = "ApiKeyRateLimitedError";
	}
}

export interface ApiKeyRateLimit {
	/** Counts one request of the key, or throws ApiKeyRateLimitedError when its window is full. */
	take(apiKey: string): Promise<void>;
}

export const createApiKeyRateLimit = ({
	redis,
	limit = API_KEY_REQUESTS_PER_WINDOW,
	windowMs = API_KEY_WINDOW_MS,
	now = Date.now,
	prefix = "dokploy:api-key-rate-limit:",
}: {
	redis: Redis;
	limit?: number;
	windowMs?: number;
	now?: () => number;
	prefix?: string;
}): ApiKeyRateLimit => {
	const limiter = createRateLimiter({ redis, limit, windowMs, now, prefix });
	return {
		async take(apiKey) {
			const windowName = createHash("sha256").update(apiKey).digest("hex");
			const reserved = await limiter.reserve(windowName);
			if (reserved.allowed) return;
			const waitMs = reserved.retryAt.getTime() - now();
			throw new ApiKeyRateLimitedError(Math.max(1, Math.ceil(waitMs / 1000)));
		},
	};
};

export const apiKeyRateLimit = () =>
	processSingleton("api-key-rate-limit", () => createApiKeyRateLimit({ redis: sharedRedis() }));
