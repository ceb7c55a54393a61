import type { HeaderBlock, KnownBlock, SectionBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import { deploymentEventNames } from "../../lifecycle/types";
import {
	buildSampleLifecycleEvent,
	buildSamplePayload,
	buildWebhookPayload,
	type WebhookPayload,
} from "../payload";
import { renderSlackBody, type SlackWebhookBody, slackLimits } from "./slack";

const baseUrl = "https://dokploy.example.com";
const now = new Date("2025-03-01T12:00:00.000Z");

/** A real (non-test) payload for `event`, adjusted by `change`. */
const payloadFor = (
	event: WebhookPayload["event"],
	change: (payload: WebhookPayload) => void = () => {},
) => {
	const payload = buildWebhookPayload(buildSampleLifecycleEvent(event, { now }), { baseUrl });
	change(payload);
	return payload;
};

const blocksOf = (body: SlackWebhookBody) => body.attachments[0].blocks;
const headerOf = (body: SlackWebhookBody) =>
	(blocksOf(body).find((block) => block.type === "header") as HeaderBlock).text.text;
const sections = (body: SlackWebhookBody) =>
	blocksOf(body).filter((block): block is SectionBlock => block.type === "section");
const sectionTexts = (body: SlackWebhookBody) =>
	sections(body).flatMap((section) => (section.text ? [section.text.text] : []));
const fieldTexts = (body: SlackWebhookBody) =>
	sections(body).flatMap((section) => section.fields?.map((field) => field.text) ?? []);
const buttonsOf = (body: SlackWebhookBody) =>
	blocksOf(body).flatMap((block) =>
		block.type === "actions" ? block.elements.flatMap((e) => (e.type === "button" ? [e] : [])) : [],
	);

/** Every limit Slack enforces on the blocks we produce; Slack drops the message otherwise. */
const limitViolations = (body: SlackWebhookBody) => {
	const violations: string[] = [];
	const check = (what: string, text: string, max: number) => {
		if (text.length > max) violations.push(`${what}: ${text.length} > ${max}`);
	};
	for (const block of blocksOf(body) as KnownBlock[]) {
		if (block.type === "header") check("header", block.text.text, slackLimits.headerText);
		if (block.type === "section") {
			if (block.text) check("section", block.text.text, slackLimits.sectionText);
			if ((block.fields?.length ?? 0) > slackLimits.fields) violations.push("too many fields");
			for (const field of block.fields ?? []) check("field", field.text, slackLimits.fieldText);
		}
		if (block.type === "context") {
			for (const element of block.elements) {
				if ("text" in element) check("context", element.text, slackLimits.contextText);
			}
		}
	}
	for (const button of buttonsOf(body))
		check("button url", button.url ?? "", slackLimits.buttonUrl);
	check("text", body.text, slackLimits.messageText);
	return violations;
};

describe("renderSlackBody", () => {
	it.each([
		["deployment.started", "🚀 Deployment started: storefront", "#3b82f6"],
		["deployment.success", "✅ Deployment succeeded: storefront", "#22c55e"],
		["deployment.failed", "❌ Deployment failed: storefront", "#ef4444"],
		["deployment.cancelled", "⏹️ Deployment cancelled: storefront", "#9ca3af"],
	] as const)("renders %s with its emoji header and colour bar", (event, header, color) => {
		const body = renderSlackBody(payloadFor(event));

		expect(headerOf(body)).toBe(header);
		expect(body.attachments[0].color).toBe(color);
		expect(body.text).toBe(`${header} (Acme Shop)`);
		expect(body.attachments[0].fallback).toBe(body.text);
		expect(limitViolations(body)).toEqual([]);
	});

	it("marks test sends in the header and the notification text", () => {
		const body = renderSlackBody(buildSamplePayload("deployment.success", baseUrl, { now }));

		expect(headerOf(body)).toBe("🧪 [TEST] ✅ Deployment succeeded: storefront");
		expect(body.text.startsWith("🧪 [TEST]")).toBe(true);
	});

	it("shows project, service, branch, short commit, duration and trigger as fields", () => {
		const body = renderSlackBody(payloadFor("deployment.success"));

		expect(fieldTexts(body)).toEqual([
			"*Project*\nAcme Shop",
			"*Service*\nstorefront",
			"*Branch*\nmain",
			"*Commit*\n9f3c2a7",
			"*Duration*\n1m 35s",
			"*Triggered by*\nwebhook",
		]);
	});

	it("labels compose services, names the user of manual triggers by email and dashes missing values", () => {
		const body = renderSlackBody(
			payloadFor("deployment.started", (p) => {
				p.application.type = "compose";
				p.trigger = {
					type: "manual",
					triggeredBy: "user",
					user: { id: "usr_42", email: "ada@example.com" },
				};
				p.source.branch = null;
				p.source.commit = null;
			}),
		);

		expect(fieldTexts(body)).toEqual([
			"*Project*\nAcme Shop",
			"*Service*\nstorefront (compose)",
			"*Branch*\n—",
			"*Commit*\n—",
			"*Duration*\nrunning",
			"*Triggered by*\nmanual · ada@example.com",
		]);
	});

	it("names a user whose account is gone by id", () => {
		const body = renderSlackBody(
			payloadFor("deployment.started", (p) => {
				p.trigger = { type: "manual", triggeredBy: "user", user: { id: "usr_42", email: null } };
			}),
		);

		expect(fieldTexts(body).at(-1)).toBe("*Triggered by*\nmanual · usr_42");
	});

	it("shows the error message and the end of the log in code blocks on failures", () => {
		const texts = sectionTexts(renderSlackBody(payloadFor("deployment.failed")));

		expect(texts[0]).toBe(
			"*Error during build*\n```\nBuild failed: pnpm build exited with code 2\n```",
		);
		expect(texts[1]).toMatch(/^\*Last log lines\*\n```\n#7 \[build 4\/6\]/);
		expect(texts[1]).toContain("exit code: 2\n```");
	});

	it("leaves out the stage when unknown and the log section when the log is empty", () => {
		const texts = sectionTexts(
			renderSlackBody(
				payloadFor("deployment.failed", (p) => {
					p.error = { message: "boom", stage: null, logs: "  \n" };
				}),
			),
		);

		expect(texts).toEqual(["*Error*\n```\nboom\n```"]);
	});

	it("shows the stage a cancellation reached, its reason and the end of the log", () => {
		const texts = sectionTexts(renderSlackBody(payloadFor("deployment.cancelled")));

		expect(texts[0]).toBe("*Cancelled during build*\nCancelled from the dashboard");
		expect(texts[1]).toMatch(/^\*Last log lines\*\n```\n#7 \[build 4\/6\]/);
	});

	it("dashes a missing cancellation reason and leaves out an empty log", () => {
		const body = renderSlackBody(
			payloadFor("deployment.cancelled", (p) => {
				p.cancellation = { reason: null, stage: "queued", logs: "" };
			}),
		);

		expect(sectionTexts(body)).toEqual(["*Cancelled before it started*\n—"]);
	});

	it("escapes Slack markup so names cannot mention @channel or forge links", () => {
		const body = renderSlackBody(
			payloadFor("deployment.failed", (p) => {
				p.project.name = "<!channel> & <https://evil.example|click>";
				p.error = { message: 'He said "hi" \\ back\nslash ```', stage: "deploy", logs: "" };
			}),
		);

		expect(fieldTexts(body)[0]).toBe(
			"*Project*\n&lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;",
		);
		expect(body.text).toContain("(&lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;)");
		// A ``` in the message must not close the code block early.
		expect(sectionTexts(body)[0]).toBe(
			'*Error during deploy*\n```\nHe said "hi" \\ back\nslash `\u200b`\u200b`\n```',
		);
	});

	it("keeps every Slack limit with a 10,000-character error, log and very long names", () => {
		const body = renderSlackBody(
			payloadFor("deployment.failed", (p) => {
				p.application.name = "🚀".repeat(400);
				p.project.name = "<&>".repeat(1000);
				p.source.branch = "b".repeat(5000);
				p.trigger = {
					type: "manual",
					triggeredBy: "user",
					user: { id: "u".repeat(3000), email: "e".repeat(3000) },
				};
				p.error = {
					message: `START${"x".repeat(10_000)}`,
					stage: "build",
					logs: `${"early line\n".repeat(2000)}THE LAST LINE`,
				};
			}),
		);

		expect(limitViolations(body)).toEqual([]);
		const header = headerOf(body);
		expect(header.endsWith("…")).toBe(true);
		// Cut between characters: no lone half of a surrogate pair is left before the ellipsis.
		expect(header).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
		const [errorText, logText] = sectionTexts(body);
		expect(errorText).toMatch(/^\*Error during build\*\n```\nSTARTx+…\n```$/);
		expect(logText).toMatch(/^\*Last log lines\*\n```\n…[\s\S]*THE LAST LINE\n```$/);
		// An escaped "&lt;" is either kept whole or dropped, never cut.
		expect(fieldTexts(body)[0]).toMatch(/^\*Project\*\n(&lt;&amp;&gt;)+…$/);
	});

	it("links to the logs and to the app with buttons", () => {
		const payload = payloadFor("deployment.success");
		const buttons = buttonsOf(renderSlackBody(payload));

		expect(buttons.map((b) => [b.text.text, b.url])).toEqual([
			["View logs", payload.links.logs],
			["Open app", "https://shop.example.com"],
		]);
	});

	it("offers no app button without a URL and drops buttons whose URL Slack would refuse", () => {
		const noDomain = renderSlackBody(
			payloadFor("deployment.started", (p) => {
				p.application.url = null;
			}),
		);
		const hugeUrls = renderSlackBody(
			payloadFor("deployment.started", (p) => {
				p.application.url = null;
				p.links.logs = `https://dokploy.example.com/${"a".repeat(3000)}`;
			}),
		);

		expect(buttonsOf(noDomain).map((b) => b.text.text)).toEqual(["View logs"]);
		expect(blocksOf(hugeUrls).some((block) => block.type === "actions")).toBe(false);
	});

	it("dates the message with Slack's local-time date token, or plain text for a bad timestamp", () => {
		const context = (payload: WebhookPayload) => {
			const block = blocksOf(renderSlackBody(payload)).find((b) => b.type === "context");
			return block?.type === "context" && "text" in block.elements[0]!
				? block.elements[0].text
				: "";
		};

		expect(context(payloadFor("deployment.success"))).toBe(
			"Deployment `dep_sample_0001` · <!date^1740830400^{date_short_pretty} at {time}|2025-03-01T12:00:00.000Z>",
		);
		expect(
			context(
				payloadFor("deployment.success", (p) => {
					p.timestamp = "<soon>";
				}),
			),
		).toBe("Deployment `dep_sample_0001` · &lt;soon&gt;");
	});

	it.each(deploymentEventNames)("renders %s within limits and as JSON-safe data", (event) => {
		const body = renderSlackBody(buildSamplePayload(event, baseUrl, { now }));

		expect(limitViolations(body)).toEqual([]);
		expect(JSON.parse(JSON.stringify(body))).toEqual(body);
	});
});
