/** The Slack template's text helpers: durations and texts cut to Slack's limits. */
import { describe, expect, it } from "vitest";
import { buildSampleLifecycleEvent, buildWebhookPayload, type WebhookPayload } from "../payload";
import { escapeMrkdwn, fitText, formatDuration } from "./slack";

const payloadFor = (event: WebhookPayload["event"], duration: number | null) => {
	const payload = buildWebhookPayload(
		buildSampleLifecycleEvent(event, { now: new Date("2025-03-01T12:00:00.000Z") }),
		{ baseUrl: "https://dokploy.example.com" },
	);
	payload.deployment.duration = duration;
	return payload;
};

describe("formatDuration", () => {
	it("formats hours, minutes and seconds, skipping empty units", () => {
		const withDuration = (duration: number | null, event: WebhookPayload["event"]) =>
			formatDuration(payloadFor(event, duration));

		expect(withDuration(3725, "deployment.success")).toBe("1h 2m 5s");
		expect(withDuration(3600, "deployment.success")).toBe("1h 0s");
		expect(withDuration(0, "deployment.failed")).toBe("0s");
		expect(withDuration(null, "deployment.started")).toBe("running");
		expect(withDuration(null, "deployment.cancelled")).toBeNull();
	});
});

describe("fitText", () => {
	it("returns text within the limit unchanged, only escaped", () => {
		expect(fitText("a<b", 10, { escape: escapeMrkdwn })).toBe("a&lt;b");
	});

	it("cuts at the end by default and keeps the tail when asked, ellipsis included in the limit", () => {
		expect(fitText("abcdefghij", 5)).toBe("abcd…");
		expect(fitText("abcdefghij", 5, { keep: "end" })).toBe("…ghij");
	});

	it("never splits an emoji or an escaped entity", () => {
		expect(fitText("😀😀😀", 4)).toBe("😀…");
		expect(fitText("a<<<", 6, { escape: escapeMrkdwn })).toBe("a&lt;…");
	});
});
