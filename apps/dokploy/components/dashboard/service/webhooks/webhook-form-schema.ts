/**
 * The webhook form: the API's own field schemas (db/schema/webhook-api.ts), with two things only a
 * form needs: headers are edited as rows, and a custom template the admin typed is kept while
 * another template type is chosen (it is sent only with the custom type).
 */
import { checkTemplateFields, webhookSettingsShape } from "@dokploy/server/db/schema/webhook-api";
import {
	findHeaderProblem,
	MAX_CUSTOM_HEADERS,
	webhookSecretSchema,
} from "@dokploy/server/webhooks/rules";
import { z } from "zod";

export interface HeaderRow {
	name: string;
	value: string;
}

const isBlank = (row: HeaderRow) => row.name.trim() === "" && row.value === "";

/** The rows' problems by index, with the rule's code for a translated message. */
export const findHeaderRowProblems = (rows: HeaderRow[]) => {
	const seen = new Set<string>();
	return rows.map((row) => {
		if (isBlank(row)) return null;
		const name = row.name.trim();
		const problem = findHeaderProblem(name, row.value, seen);
		seen.add(name.toLowerCase());
		return problem;
	});
};

const headerRowsSchema = z
	.array(z.object({ name: z.string(), value: z.string() }))
	.superRefine((rows, ctx) => {
		if (rows.filter((row) => !isBlank(row)).length > MAX_CUSTOM_HEADERS) {
			ctx.addIssue({ code: "custom", message: `At most ${MAX_CUSTOM_HEADERS} custom headers` });
		}
		findHeaderRowProblems(rows).forEach((problem, index) => {
			if (problem)
				ctx.addIssue({ code: "custom", path: [index, problem.field], message: problem.message });
		});
	})
	.transform((rows) =>
		Object.fromEntries(
			rows.filter((row) => !isBlank(row)).map((row) => [row.name.trim(), row.value]),
		),
	);

const { name, url, templateType, events, enabled } = webhookSettingsShape;

export const webhookFormSchema = z
	.object({
		name,
		url,
		templateType,
		customTemplate: z.string(),
		events,
		headers: headerRowsSchema,
		enabled,
		/** Only when creating: the secret the form generated and showed. */
		secret: webhookSecretSchema.optional(),
	})
	.transform((values) => ({
		...values,
		customTemplate: values.templateType === "custom" ? values.customTemplate : null,
	}))
	.superRefine(checkTemplateFields);

export type WebhookFormInput = z.input<typeof webhookFormSchema>;
export type WebhookFormOutput = z.output<typeof webhookFormSchema>;

export const emptyWebhookForm = (secret?: string): WebhookFormInput => ({
	name: "",
	url: "",
	templateType: "generic",
	customTemplate: "",
	events: ["deployment.success", "deployment.failed"],
	headers: [],
	enabled: true,
	...(secret ? { secret } : {}),
});

/** 32 random bytes as whsec_<base64>, the form the server generates too (Standard Webhooks). */
export const generateWebhookSecret = () => {
	const bytes = crypto.getRandomValues(new Uint8Array(32));
	return `whsec_${btoa(String.fromCharCode(...bytes))}`;
};
