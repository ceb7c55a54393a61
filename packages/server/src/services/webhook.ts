/**
 * Webhooks of applications and compose services: CRUD, secret rotation, and the PRD's
 * service interface (the delivery functions live in ../webhooks and are re-exported here).
 *
 * Secrets are encrypted before they are stored. Only createWebhook and rotateSecret return a
 * plain secret, once; every read returns a WebhookView, which has no secret field at all.
 */
import { and, count, eq } from "drizzle-orm";
import { getDatabase } from "../db/client";
import { applicationWebhooks } from "../db/schema/webhook";
import {
	apiCreateWebhook,
	apiUpdateWebhook,
	type CreateWebhookInput,
	type UpdateWebhookInput,
	webhookTemplateSettingsSchema,
} from "../db/schema/webhook-api";
import { serverConfig, webhookEncryptionKey } from "../lib/config";
import { ValidationError } from "../lib/errors";
import { MAX_WEBHOOKS_PER_SERVICE, webhookSecretSchema } from "../webhooks/rules";
import { encryptSecret, generateWebhookSecret, maskSecret } from "../webhooks/secrets";
import { assertWebhookUrl, type ResolveHost, WebhookUrlError } from "../webhooks/url-guard";
import { findService, type ServiceRef } from "./service";
import { serviceIdColumn, serviceOwnerColumns, serviceRefOf } from "./service-ref";
import { findWebhookRow, parseInput, toWebhookView } from "./webhook-access";
import { findLatestDeliveries } from "./webhook-latest-delivery";

// The PRD's delivery functions, implemented beside the engine.
/** @public the PRD's service interface */
export { sendWebhook } from "../webhooks/deliver";
/** @public the PRD's service interface */
export { triggerWebhooks } from "../webhooks/outbox";
export { findWebhookById } from "./webhook-access";
export {
	findDeliveryById,
	getDeliveries,
	redeliver,
	retryWebhook,
	testWebhook,
} from "./webhook-delivery";
export { previewWebhookTemplate } from "./webhook-preview";
export { getOrganizationWebhookStats, getWebhookStats } from "./webhook-stats";

/** A service's webhooks, each with the status of its newest delivery for the dashboard's list. */
const findWebhooksByService = async (ref: ServiceRef, organizationId: string) => {
	await findService(ref, organizationId);
	const rows = await getDatabase()
		.select()
		.from(applicationWebhooks)
		.where(eq(serviceIdColumn(applicationWebhooks, ref.type), ref.id))
		.orderBy(applicationWebhooks.createdAt);
	const latest = await findLatestDeliveries(rows.map((row) => row.webhookId));
	return rows.map((row) => ({
		...toWebhookView(row),
		lastDelivery: latest.get(row.webhookId) ?? null,
	}));
};

export const findWebhooksByApplication = (applicationId: string, organizationId: string) =>
	findWebhooksByService({ type: "application", id: applicationId }, organizationId);

export const findWebhooksByCompose = (composeId: string, organizationId: string) =>
	findWebhooksByService({ type: "compose", id: composeId }, organizationId);

const encrypt = (secret: string) => encryptSecret(secret, webhookEncryptionKey());

export interface SaveOptions {
	/** DNS resolution for the save-time check (tests inject one; the default asks the system). */
	resolve?: ResolveHost;
}

/**
 * The URL is checked with DNS when it is saved, so an admin hears at once that a host does not
 * exist or points inside the network; the worker checks again at every send, since DNS changes.
 */
const assertUrlAtSave = async (url: string, options: SaveOptions) => {
	try {
		await assertWebhookUrl(url, {
			allowlist: serverConfig().webhooks.allowlist,
			...(options.resolve ? { resolve: options.resolve } : {}),
		});
	} catch (error) {
		if (error instanceof WebhookUrlError) {
			throw new ValidationError(error.message, [error.message], { cause: error });
		}
		throw error;
	}
};

/** Creates a webhook; the result carries the plain secret, the only time it is ever returned. */
export const createWebhook = async (
	input: CreateWebhookInput,
	organizationId: string,
	options: SaveOptions = {},
) => {
	const data = parseInput(apiCreateWebhook.safeParse(input));
	const ref = serviceRefOf(data);
	await findService(ref, organizationId);
	const [existing] = await getDatabase()
		.select({ value: count() })
		.from(applicationWebhooks)
		.where(eq(serviceIdColumn(applicationWebhooks, ref.type), ref.id));
	if ((existing?.value ?? 0) >= MAX_WEBHOOKS_PER_SERVICE) {
		throw new ValidationError(`A service can have at most ${MAX_WEBHOOKS_PER_SERVICE} webhooks`);
	}
	await assertUrlAtSave(data.url, options);
	const secret = data.secret ?? generateWebhookSecret();
	const [row] = await getDatabase()
		.insert(applicationWebhooks)
		.values({
			...serviceOwnerColumns(ref),
			name: data.name,
			url: data.url,
			secret: encrypt(secret),
			secretHint: maskSecret(secret),
			templateType: data.templateType,
			customTemplate: data.templateType === "custom" ? (data.customTemplate ?? null) : null,
			events: data.events,
			headers: data.headers,
			enabled: data.enabled,
		})
		.returning();
	return { webhook: toWebhookView(row!), secret };
};

export const updateWebhook = async (
	input: UpdateWebhookInput,
	organizationId: string,
	options: SaveOptions = {},
) => {
	const data = parseInput(apiUpdateWebhook.safeParse(input));
	const current = await findWebhookRow(data.webhookId, organizationId);
	const templateType = data.templateType ?? current.templateType;
	// A template given with a non-custom type is refused, as on create; a stored one is dropped
	// when the type changes away from custom.
	const customTemplate =
		data.customTemplate !== undefined
			? data.customTemplate
			: templateType === "custom"
				? current.customTemplate
				: null;
	parseInput(webhookTemplateSettingsSchema.safeParse({ templateType, customTemplate }));
	if (data.url !== undefined && data.url !== current.url) await assertUrlAtSave(data.url, options);
	const { webhookId, ...changes } = data;
	const reEnabled = changes.enabled === true && !current.enabled;
	const [row] = await getDatabase()
		.update(applicationWebhooks)
		.set({
			...changes,
			templateType,
			customTemplate: templateType === "custom" ? customTemplate : null,
			updatedAt: new Date().toISOString(),
			// Turning a webhook back on clears what the system recorded when it turned it off.
			...(reEnabled ? { disabledReason: null, consecutiveFailures: 0 } : {}),
		})
		.where(eq(applicationWebhooks.webhookId, webhookId))
		.returning();
	return toWebhookView(row!);
};

/**
 * Turns a webhook on or off. Turning it on clears what the system recorded when it turned the
 * webhook off (the reason and the failure streak), so the next failure starts a fresh count.
 */
export const toggleWebhook = async (
	webhookId: string,
	enabled: boolean,
	organizationId: string,
) => {
	await findWebhookRow(webhookId, organizationId);
	const [row] = await getDatabase()
		.update(applicationWebhooks)
		.set({
			enabled,
			updatedAt: new Date().toISOString(),
			...(enabled ? { disabledReason: null, consecutiveFailures: 0 } : {}),
		})
		.where(eq(applicationWebhooks.webhookId, webhookId))
		.returning();
	return toWebhookView(row!);
};

/** Deletes a webhook; its deliveries go with it (ON DELETE CASCADE). */
export const deleteWebhook = async (webhookId: string, organizationId: string) => {
	const row = await findWebhookRow(webhookId, organizationId);
	await getDatabase()
		.delete(applicationWebhooks)
		.where(eq(applicationWebhooks.webhookId, webhookId));
	return toWebhookView(row);
};

const DEFAULT_ROTATION_GRACE_HOURS = 24;

/**
 * Replaces the signing secret. During the grace period both secrets sign every delivery, so
 * receivers can switch over without missing one. Returns the new secret, once.
 */
export const rotateSecret = async (
	webhookId: string,
	organizationId: string,
	options: { graceHours?: number; secret?: string; now?: Date } = {},
) => {
	const current = await findWebhookRow(webhookId, organizationId);
	const graceHours = options.graceHours ?? DEFAULT_ROTATION_GRACE_HOURS;
	if (!(graceHours >= 0 && graceHours <= 24 * 30)) {
		throw new ValidationError("The grace period is between 0 hours and 30 days");
	}
	const now = options.now ?? new Date();
	const secret =
		options.secret === undefined
			? generateWebhookSecret()
			: parseInput(webhookSecretSchema.safeParse(options.secret));
	const [row] = await getDatabase()
		.update(applicationWebhooks)
		.set({
			secret: encrypt(secret),
			secretHint: maskSecret(secret),
			previousSecret: graceHours > 0 ? current.secret : null,
			previousSecretExpiresAt:
				graceHours > 0 ? new Date(now.getTime() + graceHours * 3_600_000).toISOString() : null,
			updatedAt: now.toISOString(),
		})
		.where(and(eq(applicationWebhooks.webhookId, webhookId)))
		.returning();
	return { webhook: toWebhookView(row!), secret };
};
