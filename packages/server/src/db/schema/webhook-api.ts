/**
 * The webhook API's zod schemas (Dokploy's `api*` habit, beside the table in webhook.ts). The
 * tRPC router, the webhook service and the dashboard's forms all parse with these, so a rule is
 * written once. Nothing here imports Node: the browser bundles this file. The checks that need
 * DNS or the operator's allowlist run in the service when a webhook is saved.
 */
import { z } from "zod";
import { deploymentEventNames } from "../../lifecycle/types";
import { webhookHeadersSchema, webhookSecretSchema, webhookUrlSchema } from "../../webhooks/rules";
import { validateCustomTemplate } from "../../webhooks/templates/custom";
import { webhookTemplateTypes } from "../../webhooks/templates/types";
import { idSchema } from "./shared";

const webhookEventSchema = z.enum(deploymentEventNames);
const webhookTemplateTypeSchema = z.enum(webhookTemplateTypes);
export const webhookDeliveryStatuses = ["pending", "retrying", "success", "failed"] as const;
export const MAX_ROTATION_GRACE_HOURS = 24 * 30;

const webhookNameSchema = z
	.string()
	.trim()
	.min(1, "Name is required")
	.max(100, "Name is at most 100 characters");

const webhookEventsSchema = z
	.array(webhookEventSchema)
	.min(1, "Choose at least one event")
	.transform((events) => [...new Set(events)]);

/** The settings an admin edits, as the form and the API both send them. */
export const webhookSettingsShape = {
	name: webhookNameSchema,
	url: webhookUrlSchema,
	templateType: webhookTemplateTypeSchema,
	customTemplate: z.string().nullish(),
	events: webhookEventsSchema,
	headers: webhookHeadersSchema,
	enabled: z.boolean(),
};

type TemplateFields = { templateType?: string | undefined; customTemplate?: string | null };

/** A custom template is required exactly when the template type is custom, and must render. */
export const checkTemplateFields = (value: TemplateFields, ctx: z.RefinementCtx) => {
	if (value.templateType === undefined) return;
	const template = value.customTemplate?.trim() ? value.customTemplate : null;
	if (value.templateType !== "custom") {
		if (template) {
			ctx.addIssue({
				code: "custom",
				path: ["customTemplate"],
				message: "A custom template is only used with the custom template type",
			});
		}
		return;
	}
	if (!template) {
		ctx.addIssue({
			code: "custom",
			path: ["customTemplate"],
			message: "The custom template is required",
		});
		return;
	}
	const result = validateCustomTemplate(template);
	if (!result.ok) {
		for (const message of result.errors) {
			ctx.addIssue({ code: "custom", path: ["customTemplate"], message });
		}
	}
};

export const apiCreateWebhook = z
	.object({
		applicationId: idSchema.optional(),
		composeId: idSchema.optional(),
		...webhookSettingsShape,
		templateType: webhookSettingsShape.templateType.default("generic"),
		headers: webhookHeadersSchema.default({}),
		enabled: z.boolean().default(true),
		/** A secret of the admin's own (whsec_…); one is generated when left out. */
		secret: webhookSecretSchema.optional(),
	})
	.superRefine((value, ctx) => {
		if (Boolean(value.applicationId) === Boolean(value.composeId)) {
			ctx.addIssue({
				code: "custom",
				message: "A webhook belongs to exactly one application or compose service",
			});
		}
		checkTemplateFields(value, ctx);
	});

/** Any subset of the settings; the template pair is checked on the merged result. */
export const apiUpdateWebhook = z
	.object({ webhookId: idSchema, ...webhookSettingsShape })
	.partial()
	.required({ webhookId: true });

export const webhookTemplateSettingsSchema = z
	.object({ templateType: webhookTemplateTypeSchema, customTemplate: z.string().nullish() })
	.superRefine(checkTemplateFields);

export const apiFindWebhook = z.object({ webhookId: idSchema });
export const apiFindByApplication = z.object({ applicationId: idSchema });
export const apiFindByCompose = z.object({ composeId: idSchema });
export const apiToggleWebhook = z.object({ webhookId: idSchema, enabled: z.boolean() });
export const apiTestWebhook = z.object({
	webhookId: idSchema,
	event: webhookEventSchema.optional(),
});
export const apiRotateSecret = z.object({
	webhookId: idSchema,
	graceHours: z
		.number()
		.min(0, "The grace period is between 0 hours and 30 days")
		.max(MAX_ROTATION_GRACE_HOURS, "The grace period is between 0 hours and 30 days")
		.optional(),
	/** A secret of the admin's own (whsec_…); one is generated when left out. */
	secret: webhookSecretSchema.optional(),
});
export const apiFindDelivery = z.object({ deliveryId: idSchema });
export const apiGetDeliveries = z.object({
	webhookId: idSchema,
	page: z.number().int().min(1).optional(),
	pageSize: z.number().int().min(1).max(100).optional(),
	status: z.enum(webhookDeliveryStatuses).optional(),
	event: webhookEventSchema.optional(),
});
/** Renders a template against sample data of an event, as the worker would render it. */
export const apiPreviewTemplate = z.object({
	templateType: webhookTemplateTypeSchema,
	customTemplate: z
		.string()
		.max(64 * 1024)
		.nullish(),
	event: webhookEventSchema.default("deployment.success"),
});

export type CreateWebhookInput = z.input<typeof apiCreateWebhook>;
export type UpdateWebhookInput = z.input<typeof apiUpdateWebhook>;
export type WebhookEvent = z.infer<typeof webhookEventSchema>;
export type WebhookDeliveryStatus = (typeof webhookDeliveryStatuses)[number];
