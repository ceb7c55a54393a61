/**
 * One interface for every body format. A template turns the generic payload into a JSON value;
 * the caller serializes it once, so the bytes that are signed are the bytes that are sent.
 * Adding a format (Discord, Teams...) is one new module implementing this, plus a registry entry.
 */
import type { WebhookPayload } from "../payload";

export const webhookTemplateTypes = ["generic", "slack", "n8n", "custom"] as const;

export type WebhookTemplateType = (typeof webhookTemplateTypes)[number];

interface WebhookTemplateRenderOptions {
	/** The user's JSON template; only the "custom" format reads it. */
	customTemplate?: string | null;
}

export interface WebhookTemplate {
	type: WebhookTemplateType;
	render(payload: WebhookPayload, options: WebhookTemplateRenderOptions): unknown;
}
