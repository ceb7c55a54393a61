import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { WebhookHttpResult } from "./http";
import {
	CANNOT_SIGN,
	classifyAttempt,
	deliveryStatusAfter,
	maxAttempts,
	nextRetryDelayMs,
	parseRetryAfterMs,
	retryDelaysMs,
} from "./retry-policy";
import type { WebhookUrlErrorCode } from "./url-guard";

const now = new Date("2025-06-01T12:00:00.000Z");

const response = (status: number, retryAfter: string | null = null): WebhookHttpResult => ({
	ok: status >= 200 && status < 300,
	status,
	durationMs: 12,
	responseExcerpt: "",
	retryAfter,
	error: null,
});

const failure = (kind: "timeout" | "network" | "tls", status: number | null = null) => ({
	status,
	retryAfter: null,
	error: { kind, message: `${kind} trouble` },
});

describe("classifyAttempt", () => {
	it.each([200, 201, 202, 204, 299])("counts HTTP %i as success", (status) => {
		expect(classifyAttempt(response(status))).toEqual({
			outcome: "success",
			reason: `HTTP ${status}`,
			disableWebhook: false,
			retryAfter: null,
		});
	});

	it.each([500, 502, 504, 599, 429, 503])("retries HTTP %i", (status) => {
		expect(classifyAttempt(response(status)).outcome).toBe("retry");
	});

	it.each([400, 401, 403, 404, 408, 422, 418, 100])("gives up on HTTP %i", (status) => {
		expect(classifyAttempt(response(status))).toMatchObject({
			outcome: "give_up",
			disableWebhook: false,
		});
	});

	it.each([301, 302, 307, 308])(
		"gives up on the redirect %i, which is never followed",
		(status) => {
			expect(classifyAttempt(response(status))).toMatchObject({
				outcome: "give_up",
				reason: `HTTP ${status}: redirects are not followed`,
			});
		},
	);

	it("gives up on 410 and asks for the webhook to be disabled", () => {
		expect(classifyAttempt(response(410))).toMatchObject({
			outcome: "give_up",
			disableWebhook: true,
		});
	});

	it("keeps Retry-After only for 429 and 503", () => {
		expect(classifyAttempt(response(429, "120")).retryAfter).toBe("120");
		expect(classifyAttempt(response(503, "60")).retryAfter).toBe("60");
		expect(classifyAttempt(response(500, "60")).retryAfter).toBeNull();
		expect(classifyAttempt(response(200, "60")).retryAfter).toBeNull();
	});

	it("retries timeouts and network errors, even after a status arrived", () => {
		expect(classifyAttempt(failure("timeout"))).toMatchObject({
			outcome: "retry",
			reason: "Timed out: timeout trouble",
		});
		expect(classifyAttempt(failure("timeout", 200)).outcome).toBe("retry");
		expect(classifyAttempt(failure("network"))).toMatchObject({
			outcome: "retry",
			reason: "Network error: network trouble",
		});
	});

	it("gives up on TLS certificate errors", () => {
		expect(classifyAttempt(failure("tls"))).toMatchObject({
			outcome: "give_up",
			reason: "TLS error: tls trouble",
		});
	});

	it("retries when neither a status nor an error was recorded", () => {
		expect(classifyAttempt({ status: null, error: null, retryAfter: null }).outcome).toBe("retry");
	});

	it.each<[WebhookUrlErrorCode, string]>([
		["invalid_url", "give_up"],
		["scheme_not_allowed", "give_up"],
		["credentials_in_url", "give_up"],
		["blocked_address", "give_up"],
		["unknown_host", "give_up"],
		["dns_temporary_failure", "retry"],
	])("classifies the URL guard's %s as %s", (code, outcome) => {
		const classification = classifyAttempt(code);
		expect(classification.outcome).toBe(outcome);
		expect(classification.disableWebhook).toBe(false);
		expect(classification.reason.length).toBeGreaterThan(0);
	});
});

describe("parseRetryAfterMs", () => {
	it("reads delta-seconds", () => {
		expect(parseRetryAfterMs("120", now)).toBe(120_000);
		expect(parseRetryAfterMs(" 0 ", now)).toBe(0);
	});

	it("reads an HTTP date relative to now, never negative", () => {
		expect(parseRetryAfterMs("Sun, 01 Jun 2025 12:03:00 GMT", now)).toBe(180_000);
		expect(parseRetryAfterMs("Sun, 01 Jun 2025 11:00:00 GMT", now)).toBe(0);
		expect(parseRetryAfterMs("Sunday, 01-Jun-25 12:01:00 GMT", now)).toBe(60_000);
		expect(parseRetryAfterMs("Sun Jun  1 12:02:00 2025", now)).not.toBeNull();
	});

	it("ignores what it cannot read", () => {
		expect(parseRetryAfterMs(null, now)).toBeNull();
		expect(parseRetryAfterMs("soon", now)).toBeNull();
		expect(parseRetryAfterMs("-5", now)).toBeNull();
		expect(parseRetryAfterMs("Sun, 99 Foo 2025 99:99:99 GMT", now)).toBeNull();
	});
});

describe("nextRetryDelayMs", () => {
	const delay = (attemptNumber: number, retryAfter: string | null = null, scale = 1) =>
		nextRetryDelayMs({ attemptNumber, scale, retryAfter, now });

	it("waits 30 s, 2 min, then 5 min, and stops after 4 attempts", () => {
		expect(maxAttempts).toBe(4);
		expect([1, 2, 3, 4, 5].map((attempt) => delay(attempt))).toEqual([
			30_000,
			120_000,
			300_000,
			null,
			null,
		]);
	});

	it("scales every delay", () => {
		expect(retryDelaysMs.map((_, index) => delay(index + 1, null, 0.001))).toEqual([30, 120, 300]);
	});

	it("honours a longer Retry-After, capped at 10 minutes", () => {
		expect(delay(1, "90")).toBe(90_000);
		expect(delay(1, "10")).toBe(30_000);
		expect(delay(1, "86400")).toBe(600_000);
		expect(delay(2, "Sun, 01 Jun 2025 12:04:00 GMT")).toBe(240_000);
	});

	it("scales the Retry-After and its cap too", () => {
		expect(delay(1, "90", 0.001)).toBe(90);
		expect(delay(1, "86400", 0.001)).toBe(600);
	});

	it("ignores Retry-After once no retries remain", () => {
		expect(delay(4, "60")).toBeNull();
	});

	it.each([0, -1, 1.5, Number.NaN])("refuses the attempt number %s", (attemptNumber) => {
		expect(() => delay(attemptNumber)).toThrowError(RangeError);
	});

	it("never waits less than the schedule nor more than the cap", () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 3 }),
				fc.option(fc.nat({ max: 10 ** 7 }).map(String)),
				(attemptNumber, retryAfter) => {
					const waited = delay(attemptNumber, retryAfter);
					const scheduled = retryDelaysMs[attemptNumber - 1] ?? 0;
					expect(waited).toBeGreaterThanOrEqual(scheduled);
					expect(waited).toBeLessThanOrEqual(600_000);
				},
			),
		);
	});
});

describe("deliveryStatusAfter", () => {
	const after = (result: Parameters<typeof classifyAttempt>[0], attemptNumber: number) =>
		deliveryStatusAfter({ result, attemptNumber, scale: 1, now });

	it("marks a 2xx delivery as success with no next attempt", () => {
		expect(after(response(204), 1)).toMatchObject({ status: "success", nextAttemptAt: null });
	});

	it("schedules a retry at now plus the delay", () => {
		expect(after(response(500), 2)).toMatchObject({
			status: "retrying",
			nextAttemptAt: new Date(now.getTime() + 120_000),
		});
		expect(after(response(429, "240"), 1).nextAttemptAt).toEqual(new Date(now.getTime() + 240_000));
	});

	it("fails a retryable delivery once the attempts are used up, saying so, and records that attempt as given up", () => {
		const result = after(failure("timeout"), maxAttempts);
		expect(result).toMatchObject({ status: "failed", nextAttemptAt: null, outcome: "give_up" });
		expect(result.reason).toContain("gave up after 4 attempts");
	});

	it("records the last attempt of a failed delivery as give_up, the ones before as retry", () => {
		expect(after(failure("timeout"), maxAttempts - 1).outcome).toBe("retry");
		expect(after(failure("timeout"), maxAttempts)).toMatchObject({
			outcome: "give_up",
			status: "failed",
		});
	});

	it("never retries a delivery allowed a single attempt (a test send), and keeps its reason plain", () => {
		const result = deliveryStatusAfter({
			result: response(500),
			attemptNumber: 1,
			scale: 1,
			now,
			attemptsAllowed: 1,
		});
		expect(result).toMatchObject({
			status: "failed",
			nextAttemptAt: null,
			outcome: "give_up",
			reason: "HTTP 500",
		});
	});

	it("gives up at once on a delivery that cannot be signed", () => {
		expect(after(CANNOT_SIGN, 1)).toMatchObject({
			status: "failed",
			outcome: "give_up",
			nextAttemptAt: null,
			reason: "The delivery cannot be signed",
		});
	});

	it("fails at once when giving up, passing on the disable request", () => {
		expect(after("blocked_address", 1)).toMatchObject({ status: "failed", nextAttemptAt: null });
		expect(after(response(410), 1)).toMatchObject({ status: "failed", disableWebhook: true });
	});
});
