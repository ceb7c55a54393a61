/**
 * One interface for every body format. A template turns the generic payload into a JSON value;
 * the caller serializes it once, so the bytes that are signed are the bytes that are sent.
 * Adding a format (Discord, Teams...) is one new module implementing this, a registry entry,
 * and the value in the `webhookTemplateType` database enum.
 */
import { webhookTemplateType } from "../../db/schema/webhook";
import type { WebhookPayload } from "../payload";

/** The formats are the database enum's values, so a new format starts there (and a migration). */
export const webhookTemplateTypes = webhookTemplateType.enumValues;

export type WebhookTemplateType = (typeof webhookTemplateTypes)[number];

interface WebhookTemplateRenderOptions {
	/** The user's JSON template; only the "custom" format reads it. */
	customTemplate?: string | null;
}

export interface WebhookTemplate {
	type: WebhookTemplateType;
	render(payload: WebhookPayload, options: WebhookTemplateRenderOptions): unknown;
}
