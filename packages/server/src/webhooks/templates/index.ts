/**
 * The template registry and the one function the outbox calls: payload in, the exact JSON text to
 * sign and send out. Serializing here, once, keeps the signed bytes and the sent bytes identical.
 */
import type { WebhookPayload } from "../payload";
import { customTemplate } from "./custom";
import { genericTemplate } from "./generic";
import { n8nTemplate } from "./n8n";
import { slackTemplate } from "./slack";
import type { WebhookTemplate, WebhookTemplateType } from "./types";

export const webhookTemplates: Record<WebhookTemplateType, WebhookTemplate> = {
	generic: genericTemplate,
	slack: slackTemplate,
	n8n: n8nTemplate,
	custom: customTemplate,
};

export const renderWebhookBody = (
	type: WebhookTemplateType,
	payload: WebhookPayload,
	customTemplate?: string | null,
): string => JSON.stringify(webhookTemplates[type].render(payload, { customTemplate }));
