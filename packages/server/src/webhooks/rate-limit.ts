/**
 * Per-service delivery rate limit, shared by every worker process (default: 100 deliveries per
 * minute per application or compose service).
 *
 * The state lives in Redis, so that all workers count against the same window: a sliding-window
 * log, one sorted set per key whose members are the admitted deliveries scored by their time.
 * One Lua script trims the entries that left the window, counts the rest and either adds the new
 * entry or reports when the oldest one leaves. Running it as a script makes check-and-take atomic,
 * so two workers can never both take the last slot. A sliding log (rather than fixed minute
 * buckets) never lets 2 × limit through around a bucket boundary.
 *
 * A refused delivery is not dropped: the caller gets `retryAt` and defers the delivery to that
 * time, where it asks again (it may be deferred again if another delivery took the slot first).
 * The clock is injected and passed to the script instead of Redis TIME, so tests drive time
 * without sleeping; workers share a clock as far as their hosts agree. The key expires one window
 * after its last admission, when all its entries are stale anyway, so idle services leave nothing.
 */
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";

export interface RateLimiter {
	/** Takes one slot for `key` if the window has room; otherwise says when the next slot frees. */
	reserve(key: string): Promise<{ allowed: true } | { allowed: false; retryAt: Date }>;
}

export interface RateLimiterOptions {
	redis: Redis;
	/** Deliveries admitted per window and key; a positive integer. */
	limit: number;
	windowMs: number;
	now?: () => number;
	/** Prepended to every key, e.g. to keep tests apart. */
	prefix?: string;
}

const defaultRateLimitPrefix = "dokploy:webhooks:rate-limit:";

// KEYS[1] the window's sorted set; ARGV: now (ms), window (ms), limit, a unique member.
// Returns -1 when admitted, otherwise the time (ms) at which the oldest entry leaves the window.
const reserveScript = `
local key = KEYS[1]
local now = tonumber(ARGV[1])
local windowMs = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
redis.call("ZREMRANGEBYSCORE", key, "-inf", now - windowMs)
if redis.call("ZCARD", key) < limit then
	redis.call("ZADD", key, now, ARGV[4])
	redis.call("PEXPIRE", key, windowMs)
	return -1
end
local oldest = redis.call("ZRANGE", key, 0, 0, "WITHSCORES")
return tonumber(oldest[2]) + windowMs
`;

const assertPositiveInteger = (name: string, value: number) => {
	if (!Number.isInteger(value) || value <= 0) {
		throw new RangeError(`Rate limiter ${name} must be a positive integer, got ${value}`);
	}
};

export const createRateLimiter = ({
	redis,
	limit,
	windowMs,
	now = Date.now,
	prefix = defaultRateLimitPrefix,
}: RateLimiterOptions): RateLimiter => {
	assertPositiveInteger("limit", limit);
	assertPositiveInteger("windowMs", windowMs);

	return {
		async reserve(key) {
			const time = Math.floor(now());
			// Two deliveries in the same millisecond must stay two entries, hence the random suffix.
			const member = `${time}-${randomUUID()}`;
			const result = await redis.eval(
				reserveScript,
				1,
				`${prefix}${key}`,
				time,
				windowMs,
				limit,
				member,
			);
			const freesAt = Number(result);
			return freesAt === -1 ? { allowed: true } : { allowed: false, retryAt: new Date(freesAt) };
		},
	};
};
