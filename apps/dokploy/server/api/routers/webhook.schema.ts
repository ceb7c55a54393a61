/**
 * Inputs of the webhook router. They check shapes only; the webhook service applies every
 * rule (URL safety, headers, templates, limits) and its messages reach the caller as
 * BAD_REQUEST, so the rules live in one place.
 */

import { idSchema as id } from "@dokploy/server/db/schema/shared";
import { deploymentEventNames } from "@dokploy/server/lifecycle/types";
import { webhookTemplateTypes } from "@dokploy/server/webhooks/templates/types";
import { z } from "zod";

const event = z.enum(deploymentEventNames);

const settings = {
	name: z.string(),
	url: z.string(),
	templateType: z.enum(webhookTemplateTypes),
	customTemplate: z.string().nullish(),
	events: z.array(event),
	headers: z.record(z.string(), z.string()),
	enabled: z.boolean(),
};

export const apiCreateWebhook = z.object({
	applicationId: id.optional(),
	composeId: id.optional(),
	...settings,
	templateType: settings.templateType.optional(),
	headers: settings.headers.optional(),
	enabled: settings.enabled.optional(),
	secret: z.string().optional(),
});

export const apiUpdateWebhook = z
	.object({ webhookId: id, ...settings })
	.partial()
	.required({
		webhookId: true,
	});

export const apiFindWebhook = z.object({ webhookId: id });
export const apiFindByApplication = z.object({ applicationId: id });
export const apiFindByCompose = z.object({ composeId: id });
export const apiTestWebhook = z.object({ webhookId: id, event: event.optional() });
export const apiRotateSecret = z.object({
	webhookId: id,
	graceHours: z.number().min(0).max(720).optional(),
	/** A secret of the admin's own (whsec_…); one is generated when left out. */
	secret: z.string().optional(),
});
export const apiFindDelivery = z.object({ deliveryId: id });
export const apiGetDeliveries = z.object({
	webhookId: id,
	page: z.number().int().min(1).optional(),
	pageSize: z.number().int().min(1).max(100).optional(),
	status: z.enum(["pending", "retrying", "success", "failed"]).optional(),
	event: event.optional(),
});
