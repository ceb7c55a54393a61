import { describe, expect, it } from "vitest";
import { createInFlightLimit } from "./in-flight-limit";

describe("createInFlightLimit", () => {
	it("lets a fast receiver's burst through, however many attempts are in flight", () => {
		const limit = createInFlightLimit({ maxSlow: 2, slowAfterMs: 1_000, now: () => 0 });
		const slots = Array.from({ length: 50 }, () => limit.tryEnter("fast"));
		expect(slots.every((slot) => slot.entered)).toBe(true);
	});

	it("refuses a webhook with maxSlow attempts in flight longer than slowAfterMs, and not other webhooks", () => {
		let clock = 0;
		const limit = createInFlightLimit({ maxSlow: 2, slowAfterMs: 1_000, now: () => clock });
		limit.tryEnter("hanging");
		limit.tryEnter("hanging");
		clock = 999;
		expect(limit.tryEnter("hanging").entered, "not slow yet").toBe(true);
		clock = 1_000;
		expect(limit.tryEnter("hanging").entered).toBe(false);
		expect(limit.tryEnter("healthy").entered).toBe(true);
	});

	it("asks a refused delivery to wait as long as the webhook's oldest attempt has been in flight", () => {
		let clock = 0;
		const limit = createInFlightLimit({ maxSlow: 1, slowAfterMs: 1_000, now: () => clock });
		limit.tryEnter("hanging");
		clock = 1_500;
		expect(limit.tryEnter("hanging")).toEqual({ entered: false, waitMs: 1_500 });
		clock = 8_000;
		expect(limit.tryEnter("hanging")).toEqual({ entered: false, waitMs: 8_000 });
	});

	it("gives the slot back when a slow attempt ends", () => {
		let clock = 0;
		const limit = createInFlightLimit({ maxSlow: 1, slowAfterMs: 1_000, now: () => clock });
		const slow = limit.tryEnter("hanging");
		clock = 5_000;
		expect(limit.tryEnter("hanging").entered).toBe(false);
		if (slow.entered) slow.leave();
		expect(limit.tryEnter("hanging").entered).toBe(true);
	});
});
