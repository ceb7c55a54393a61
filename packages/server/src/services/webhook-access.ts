/**
 * Reading webhooks safely: the public view (no secret field at all) and the organization
 * check that makes another organization's webhook "not found".
 */
import { eq } from "drizzle-orm";
import { getDatabase } from "../db/client";
import { type ApplicationWebhook, applicationWebhooks } from "../db/schema/webhook";
import { NotFoundError, ValidationError } from "../lib/errors";
import { findService } from "./service";
import { serviceRefOf } from "./service-ref";

export interface WebhookView {
	webhookId: string;
	applicationId: string | null;
	composeId: string | null;
	name: string;
	url: string;
	secretHint: string;
	templateType: ApplicationWebhook["templateType"];
	customTemplate: string | null;
	events: string[];
	headers: Record<string, string>;
	enabled: boolean;
	consecutiveFailures: number;
	disabledReason: string | null;
	lastDeliveryAt: string | null;
	/** While a rotation's grace period lasts, the old secret still signs until this time. */
	previousSecretExpiresAt: string | null;
	createdAt: string;
	updatedAt: string | null;
}

/** Picks the public fields one by one, so a new secret column can never leak by default. */
export const toWebhookView = (row: ApplicationWebhook): WebhookView => ({
	webhookId: row.webhookId,
	applicationId: row.applicationId,
	composeId: row.composeId,
	name: row.name,
	url: row.url,
	secretHint: row.secretHint,
	templateType: row.templateType,
	customTemplate: row.customTemplate,
	events: row.events,
	headers: row.headers,
	enabled: row.enabled,
	consecutiveFailures: row.consecutiveFailures,
	disabledReason: row.disabledReason,
	lastDeliveryAt: row.lastDeliveryAt,
	previousSecretExpiresAt:
		row.previousSecretExpiresAt && Date.parse(row.previousSecretExpiresAt) > Date.now()
			? row.previousSecretExpiresAt
			: null,
	createdAt: row.createdAt,
	updatedAt: row.updatedAt,
});

export const parseInput = <T>(
	result: { success: true; data: T } | { success: false; error: { issues: { message: string }[] } },
) => {
	if (!result.success) {
		const issues = result.error.issues.map((issue) => issue.message);
		throw new ValidationError(issues[0] ?? "Invalid webhook settings", issues);
	}
	return result.data;
};

/** The webhook row, only if its service belongs to the organization. */
export const findWebhookRow = async (webhookId: string, organizationId: string) => {
	const [row] = await getDatabase()
		.select()
		.from(applicationWebhooks)
		.where(eq(applicationWebhooks.webhookId, webhookId));
	if (!row) throw new NotFoundError("Webhook");
	await findService(serviceRefOf(row), organizationId).catch(() => {
		throw new NotFoundError("Webhook");
	});
	return row;
};

export const findWebhookById = async (webhookId: string, organizationId: string) =>
	toWebhookView(await findWebhookRow(webhookId, organizationId));
