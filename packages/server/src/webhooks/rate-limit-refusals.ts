/**
 * Fewer rate-limit calls under load. The limiter is a sliding-window log: a slot frees only
 * when the oldest admission leaves the window, at the `retryAt` a refusal reports. Until then
 * every reservation for that key is refused for certain, so the answer is kept in the process
 * and given without asking Redis again. A backlog of one busy service then costs one Redis call
 * per freed slot instead of one per waiting delivery.
 */
import type { RateLimiter } from "./rate-limit";

export const rememberRefusals = (limiter: RateLimiter, now = Date.now): RateLimiter => {
	const refusedUntil = new Map<string, Date>();
	return {
		async reserve(key) {
			const until = refusedUntil.get(key);
			if (until && until.getTime() > now()) return { allowed: false, retryAt: until };
			refusedUntil.delete(key);
			const slot = await limiter.reserve(key);
			if (!slot.allowed) refusedUntil.set(key, slot.retryAt);
			return slot;
		},
	};
};
