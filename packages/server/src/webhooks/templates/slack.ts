/**
 * Slack format: a Block Kit message for incoming webhooks. The blocks sit in one attachment so the
 * message gets a colour bar by status; the top-level `text` is what notifications and old clients
 * show. Slack rejects a whole message when one block breaks a limit, so every text is fitted to its
 * limit here (with an ellipsis) instead of trusting the lengths of names and error logs.
 */
import type {
	ActionsBlock,
	Button,
	ContextBlock,
	HeaderBlock,
	KnownBlock,
	MessageAttachment,
	MrkdwnElement,
	SectionBlock,
} from "@slack/types";
import { shortenCommit, type WebhookPayload } from "../payload";
import type { WebhookTemplate } from "./types";

// Slack's documented limits, in characters.
export const slackLimits = {
	headerText: 150,
	sectionText: 3000,
	fieldText: 2000,
	fields: 10,
	contextText: 2000,
	buttonUrl: 3000,
	messageText: 3000,
} as const;

interface SlackAttachment extends MessageAttachment {
	color: string;
	fallback: string;
	blocks: KnownBlock[];
}

export interface SlackWebhookBody {
	text: string;
	attachments: [SlackAttachment];
}

const statusLook: Record<WebhookPayload["event"], { emoji: string; title: string; color: string }> =
	{
		"deployment.started": { emoji: "🚀", title: "Deployment started", color: "#3b82f6" },
		"deployment.success": { emoji: "✅", title: "Deployment succeeded", color: "#22c55e" },
		"deployment.failed": { emoji: "❌", title: "Deployment failed", color: "#ef4444" },
		"deployment.cancelled": { emoji: "⏹️", title: "Deployment cancelled", color: "#9ca3af" },
	};

const TEST_MARKER = "🧪 [TEST] ";
const ELLIPSIS = "…";
const MISSING = "—";

export const renderSlackBody = (payload: WebhookPayload): SlackWebhookBody => {
	const look = statusLook[payload.event];
	const marker = payload.test ? TEST_MARKER : "";
	const headline = `${marker}${look.emoji} ${look.title}: ${payload.application.name}`;

	const blocks: KnownBlock[] = [
		buildHeader(headline),
		buildFieldsSection(payload),
		...buildOutcomeSections(payload),
		buildContext(payload),
	];
	const actions = buildActions(payload);
	if (actions) blocks.push(actions);

	const summary = `${headline} (${payload.project.name})`;
	const text = fitText(summary, slackLimits.messageText, { escape: escapeMrkdwn });
	return { text, attachments: [{ color: look.color, fallback: text, blocks }] };
};

export const slackTemplate: WebhookTemplate = {
	type: "slack",
	render: (payload) => renderSlackBody(payload),
};

const buildHeader = (headline: string): HeaderBlock => ({
	type: "header",
	text: { type: "plain_text", text: fitText(headline, slackLimits.headerText), emoji: true },
});

const buildFieldsSection = (payload: WebhookPayload): SectionBlock => {
	const { application, trigger } = payload;
	const service =
		application.type === "compose" ? `${application.name} (compose)` : application.name;
	const who = trigger.user ? (trigger.user.email ?? trigger.user.id) : null;
	const triggeredBy = who ? `${trigger.type} · ${who}` : trigger.type;
	const fields: Array<[string, string | null]> = [
		["Project", payload.project.name],
		["Service", service],
		["Branch", payload.source.branch],
		["Commit", shortenCommit(payload.source.commit)],
		["Duration", formatDuration(payload)],
		["Triggered by", triggeredBy],
	];
	return {
		type: "section",
		fields: fields.slice(0, slackLimits.fields).map(([label, value]) => buildField(label, value)),
	};
};

const buildField = (label: string, value: string | null): MrkdwnElement => {
	const prefix = `*${label}*\n`;
	const budget = slackLimits.fieldText - prefix.length;
	return {
		type: "mrkdwn",
		text: prefix + fitText(value || MISSING, budget, { escape: escapeMrkdwn }),
	};
};

/** What went wrong (message, then the end of the log) or why the deployment was cancelled. */
const buildOutcomeSections = (payload: WebhookPayload): SectionBlock[] => {
	const sections: SectionBlock[] = [];
	if (payload.error) {
		const stage = payload.error.stage ? ` during ${payload.error.stage}` : "";
		sections.push(buildCodeSection(`*Error${stage}*`, payload.error.message, "start"));
		if (payload.error.logs.trim()) {
			// The end of a build log is where the failure is, so a long log loses its beginning.
			sections.push(buildCodeSection("*Last log lines*", payload.error.logs, "end"));
		}
	}
	if (payload.cancellation) {
		const { reason, stage, logs } = payload.cancellation;
		const prefix =
			stage === "queued" ? "*Cancelled before it started*\n" : `*Cancelled during ${stage}*\n`;
		const text = fitText(reason || MISSING, slackLimits.sectionText - prefix.length, {
			escape: escapeMrkdwn,
		});
		sections.push({ type: "section", text: { type: "mrkdwn", text: prefix + text } });
		if (logs.trim()) sections.push(buildCodeSection("*Last log lines*", logs, "end"));
	}
	return sections;
};

const buildCodeSection = (title: string, content: string, keep: "start" | "end"): SectionBlock => {
	const open = `${title}\n\`\`\`\n`;
	const close = "\n```";
	// A backtick run inside the content would end the code block early.
	const safeContent = content.replaceAll("```", "`\u200b`\u200b`");
	const budget = slackLimits.sectionText - open.length - close.length;
	const body = fitText(safeContent, budget, { escape: escapeMrkdwn, keep });
	return { type: "section", text: { type: "mrkdwn", text: open + body + close } };
};

const buildContext = (payload: WebhookPayload): ContextBlock => {
	const seconds = Math.floor(Date.parse(payload.timestamp) / 1000);
	// Slack shows <!date> in each reader's own time zone, falling back to the ISO text.
	const when = Number.isFinite(seconds)
		? `<!date^${seconds}^{date_short_pretty} at {time}|${escapeMrkdwn(payload.timestamp)}>`
		: escapeMrkdwn(payload.timestamp);
	const deployment = `Deployment \`${payload.deployment.id}\``;
	const text = fitText(deployment, slackLimits.contextText - when.length - 3, {
		escape: escapeMrkdwn,
	});
	return { type: "context", elements: [{ type: "mrkdwn", text: `${text} · ${when}` }] };
};

/** Buttons need whole URLs: one too long for Slack is left out rather than cut. */
const buildActions = (payload: WebhookPayload): ActionsBlock | null => {
	const buttons: Button[] = [];
	const addButton = (actionId: string, label: string, url: string | null) => {
		if (url && url.length <= slackLimits.buttonUrl) {
			buttons.push({
				type: "button",
				action_id: actionId,
				text: { type: "plain_text", text: label },
				url,
			});
		}
	};
	addButton("view_logs", "View logs", payload.links.logs);
	addButton("open_application", "Open app", payload.application.url);
	return buttons.length > 0 ? { type: "actions", elements: buttons } : null;
};

export const formatDuration = (payload: WebhookPayload) => {
	const seconds = payload.deployment.duration;
	if (seconds === null) return payload.event === "deployment.started" ? "running" : null;
	const hours = Math.floor(seconds / 3600);
	const minutes = Math.floor((seconds % 3600) / 60);
	const parts = [hours ? `${hours}h` : "", minutes ? `${minutes}m` : "", `${seconds % 60}s`];
	return parts.filter(Boolean).join(" ");
};

/** Slack reads &, < and > as markup (links, mentions such as <!channel>); user text must not. */
export const escapeMrkdwn = (text: string) =>
	text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

/**
 * Fits text into `max` UTF-16 units after escaping, cutting whole characters (never half an emoji
 * or half an `&amp;`) and marking the cut with an ellipsis. `keep: "end"` keeps the tail instead.
 */
export const fitText = (
	raw: string,
	max: number,
	options: { escape?: (text: string) => string; keep?: "start" | "end" } = {},
) => {
	const escapePiece = options.escape ?? ((text: string) => text);
	const pieces = Array.from(raw, escapePiece);
	const full = pieces.join("");
	if (full.length <= max) return full;

	const keepEnd = options.keep === "end";
	const kept: string[] = [];
	let used = ELLIPSIS.length;
	for (const piece of keepEnd ? pieces.reverse() : pieces) {
		if (used + piece.length > max) break;
		kept.push(piece);
		used += piece.length;
	}
	return keepEnd ? ELLIPSIS + kept.reverse().join("") : kept.join("") + ELLIPSIS;
};
