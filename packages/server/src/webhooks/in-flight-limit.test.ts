import { describe, expect, it } from "vitest";
import { createInFlightLimit } from "./in-flight-limit";

describe("createInFlightLimit", () => {
	it("lets a fast receiver's burst through, however many attempts are in flight", () => {
		const limit = createInFlightLimit({ maxSlow: 2, slowAfterMs: 1_000, now: () => 0 });
		const slots = Array.from({ length: 50 }, () => limit.tryEnter("fast"));
		expect(slots.every((slot) => slot !== null)).toBe(true);
	});

	it("refuses a webhook with maxSlow attempts in flight longer than slowAfterMs, and not other webhooks", () => {
		let clock = 0;
		const limit = createInFlightLimit({ maxSlow: 2, slowAfterMs: 1_000, now: () => clock });
		limit.tryEnter("hanging");
		limit.tryEnter("hanging");
		clock = 999;
		expect(limit.tryEnter("hanging"), "not slow yet").not.toBeNull();
		clock = 1_000;
		expect(limit.tryEnter("hanging")).toBeNull();
		expect(limit.tryEnter("healthy")).not.toBeNull();
	});

	it("gives the slot back when a slow attempt ends", () => {
		let clock = 0;
		const limit = createInFlightLimit({ maxSlow: 1, slowAfterMs: 1_000, now: () => clock });
		const slow = limit.tryEnter("hanging");
		clock = 5_000;
		expect(limit.tryEnter("hanging")).toBeNull();
		slow?.leave();
		expect(limit.tryEnter("hanging")).not.toBeNull();
	});
});
