import { describe, expect, it } from "vitest";
import type { RateLimiter } from "./rate-limit";
import { rememberRefusals } from "./rate-limit-refusals";

/** A limiter that admits `room` reservations per key, then refuses until `freesAt`. */
const countingLimiter = (room: number, freesAt: number) => {
	const taken = new Map<string, number>();
	const limiter = {
		calls: 0,
		async reserve(key: string) {
			limiter.calls++;
			const count = taken.get(key) ?? 0;
			if (count >= room) return { allowed: false as const, retryAt: new Date(freesAt) };
			taken.set(key, count + 1);
			return { allowed: true as const };
		},
	} satisfies RateLimiter & { calls: number };
	return limiter;
};

describe("rememberRefusals", () => {
	it("answers a refused key locally until the refusal's retryAt, then asks the limiter again", async () => {
		const limiter = countingLimiter(1, 5_000);
		let clock = 0;
		const remembered = rememberRefusals(limiter, () => clock);
		expect(await remembered.reserve("application:a")).toEqual({ allowed: true });
		const refusal = { allowed: false, retryAt: new Date(5_000) };
		expect(await remembered.reserve("application:a")).toEqual(refusal);
		expect(await remembered.reserve("application:a")).toEqual(refusal);
		expect(await remembered.reserve("application:a")).toEqual(refusal);
		expect(limiter.calls, "refusals before retryAt cost no limiter call").toBe(2);

		clock = 5_000;
		await remembered.reserve("application:a");
		expect(limiter.calls).toBe(3);
	});

	it("does not let one key's refusal hold up another key", async () => {
		const limiter = countingLimiter(1, 5_000);
		const remembered = rememberRefusals(limiter, () => 0);
		await remembered.reserve("application:a");
		await remembered.reserve("application:a");
		expect(await remembered.reserve("compose:b")).toEqual({ allowed: true });
	});
});
