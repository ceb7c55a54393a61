/**
 * The rules a webhook's settings must meet, as zod schemas shared by the service, the tRPC API
 * and the dashboard's forms. Errors say what is wrong and how to fix it.
 */
import { z } from "zod";
import { deploymentEventNames } from "../lifecycle/types";
import { validateCustomTemplate } from "./templates/custom";
import { webhookTemplateTypes } from "./templates/types";
import { checkWebhookUrlShape, type WebhookAllowlist } from "./url-guard";

export const MAX_WEBHOOKS_PER_SERVICE = 50;
export const MAX_CUSTOM_HEADERS = 20;
export const MAX_HEADER_VALUE_BYTES = 1024;

/** Headers the engine sets itself; a custom header may not replace them. */
const reservedHeader = /^(content-type|content-length|host|user-agent|x-dokploy-.*|webhook-.*)$/i;
/** An HTTP field name (RFC 9110 token). */
const headerToken = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export const webhookEventSchema = z.enum(deploymentEventNames);

export const webhookHeadersSchema = z.record(z.string(), z.string()).superRefine((headers, ctx) => {
	const names = Object.keys(headers);
	if (names.length > MAX_CUSTOM_HEADERS) {
		ctx.addIssue({ code: "custom", message: `At most ${MAX_CUSTOM_HEADERS} custom headers` });
	}
	const seen = new Set<string>();
	for (const name of names) {
		const value = headers[name] ?? "";
		if (!headerToken.test(name)) {
			ctx.addIssue({ code: "custom", message: `"${name}" is not a valid header name` });
		} else if (reservedHeader.test(name)) {
			ctx.addIssue({
				code: "custom",
				message: `The header ${name} is set by Dokploy and cannot be changed`,
			});
		} else if (seen.has(name.toLowerCase())) {
			ctx.addIssue({ code: "custom", message: `The header ${name} is given twice` });
		}
		seen.add(name.toLowerCase());
		if (/[\r\n\0]/.test(value)) {
			ctx.addIssue({ code: "custom", message: `The value of ${name} may not contain line breaks` });
		}
		if (Buffer.byteLength(value) > MAX_HEADER_VALUE_BYTES) {
			ctx.addIssue({ code: "custom", message: `The value of ${name} is longer than 1 KB` });
		}
	}
});

export const webhookSecretSchema = z
	.string()
	.trim()
	.regex(
		/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/,
		"A secret is whsec_ followed by base64 (at least 24 bytes); leave it empty to generate one",
	);

export const webhookUrlSchema = (allowlist: WebhookAllowlist) =>
	z
		.string()
		.trim()
		.min(1, "A URL is required")
		.max(2048, "The URL is longer than 2048 characters")
		.superRefine((value, ctx) => {
			try {
				checkWebhookUrlShape(value, allowlist);
			} catch (error) {
				ctx.addIssue({ code: "custom", message: (error as Error).message });
			}
		});

const fields = (allowlist: WebhookAllowlist) => ({
	name: z.string().trim().min(1, "Name is required").max(100, "Name is at most 100 characters"),
	url: webhookUrlSchema(allowlist),
	templateType: z.enum(webhookTemplateTypes),
	customTemplate: z.string().nullish(),
	events: z
		.array(webhookEventSchema)
		.min(1, "Choose at least one event")
		.transform((events) => [...new Set(events)]),
	headers: webhookHeadersSchema,
	enabled: z.boolean(),
});

type TemplateFields = { templateType?: string; customTemplate?: string | null };

/** A custom template is required exactly when the template type is custom, and must render. */
const checkTemplate = (value: TemplateFields, ctx: z.RefinementCtx) => {
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

const serviceTarget = {
	applicationId: z.string().min(1).optional(),
	composeId: z.string().min(1).optional(),
};

export const createWebhookSchema = (allowlist: WebhookAllowlist) =>
	z
		.object({
			...serviceTarget,
			...fields(allowlist),
			templateType: fields(allowlist).templateType.default("generic"),
			headers: webhookHeadersSchema.default({}),
			enabled: z.boolean().default(true),
			secret: webhookSecretSchema.optional(),
		})
		.superRefine((value, ctx) => {
			if (Boolean(value.applicationId) === Boolean(value.composeId)) {
				ctx.addIssue({
					code: "custom",
					message: "A webhook belongs to exactly one application or compose service",
				});
			}
			checkTemplate(value, ctx);
		});

export const updateWebhookSchema = (allowlist: WebhookAllowlist) =>
	z
		.object({ webhookId: z.string().min(1), ...fields(allowlist) })
		.partial()
		.required({ webhookId: true });

/** Checked on the merged result of an update, since either field may change alone. */
export const webhookTemplateSettingsSchema = z
	.object({ templateType: z.enum(webhookTemplateTypes), customTemplate: z.string().nullish() })
	.superRefine(checkTemplate);

export type CreateWebhookInput = z.input<ReturnType<typeof createWebhookSchema>>;
export type UpdateWebhookInput = z.input<ReturnType<typeof updateWebhookSchema>>;
