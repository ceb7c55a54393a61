/**
 * Webhooks of a service (`application_webhooks`, as in the PRD) and their deliveries
 * (`webhook_deliveries`, the outbox and the delivery log in one table). A delivery row is
 * written in the same transaction as the deployment change it reports; its id is the
 * idempotency key receivers see.
 */
import { relations, sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgEnum, pgTable, text } from "drizzle-orm/pg-core";
import type { ServiceType } from "../../lifecycle/types";
import { webhookTemplateTypes } from "../../webhooks/templates/types";
import { application } from "./application";
import { compose } from "./compose";
import { createdAtColumn, idColumn } from "./shared";
import { type WebhookDeliveryStatus, webhookDeliveryStatuses } from "./webhook-api";

export const webhookTemplateType = pgEnum("webhookTemplateType", webhookTemplateTypes);

export const webhookDeliveryStatus = pgEnum("webhookDeliveryStatus", webhookDeliveryStatuses);

export const applicationWebhooks = pgTable(
	"application_webhooks",
	{
		webhookId: idColumn("webhookId"),
		applicationId: text("applicationId").references(() => application.applicationId, {
			onDelete: "cascade",
		}),
		composeId: text("composeId").references(() => compose.composeId, { onDelete: "cascade" }),
		name: text("name").notNull(),
		url: text("url").notNull(),
		/** AES-256-GCM ciphertext of the signing secret; the plain secret is never stored. */
		secret: text("secret").notNull(),
		/** The first characters of the secret, so admins can tell secrets apart. */
		secretHint: text("secretHint").notNull(),
		/** After a rotation the old secret still signs, until this time. */
		previousSecret: text("previousSecret"),
		previousSecretExpiresAt: text("previousSecretExpiresAt"),
		templateType: webhookTemplateType("templateType").notNull().default("generic"),
		customTemplate: text("customTemplate"),
		events: text("events").array().notNull(),
		headers: jsonb("headers").$type<Record<string, string>>().notNull().default({}),
		enabled: boolean("enabled").notNull().default(true),
		consecutiveFailures: integer("consecutiveFailures").notNull().default(0),
		/** Why the system disabled the webhook (410 Gone, too many failures); null otherwise. */
		disabledReason: text("disabledReason"),
		lastDeliveryAt: text("lastDeliveryAt"),
		createdAt: createdAtColumn(),
		updatedAt: text("updatedAt"),
	},
	(table) => [
		index("application_webhooks_applicationId_idx").on(table.applicationId),
		index("application_webhooks_composeId_idx").on(table.composeId),
		check(
			"application_webhooks_one_service",
			sql`num_nonnulls(${table.applicationId}, ${table.composeId}) = 1`,
		),
	],
);

export interface WebhookAttempt {
	number: number;
	at: string;
	httpStatus: number | null;
	durationMs: number;
	outcome: "success" | "retry" | "give_up";
	error: string | null;
	responseExcerpt: string;
}

export const webhookDeliveries = pgTable(
	"webhook_deliveries",
	{
		deliveryId: idColumn("deliveryId"),
		webhookId: text("webhookId")
			.notNull()
			.references(() => applicationWebhooks.webhookId, { onDelete: "cascade" }),
		/** The id receivers deduplicate on; a redelivery reuses the original's. */
		idempotencyKey: text("idempotencyKey").notNull(),
		redeliveryOf: text("redeliveryOf"),
		isTest: boolean("isTest").notNull().default(false),
		/** The service whose rate limit the delivery counts against. */
		serviceType: text("serviceType").$type<ServiceType>().notNull(),
		serviceId: text("serviceId").notNull(),
		deploymentId: text("deploymentId"),
		event: text("event").notNull(),
		/** The exact body that is signed and sent. */
		body: text("body").notNull(),
		status: webhookDeliveryStatus("status").notNull().default("pending"),
		attempts: jsonb("attempts").$type<WebhookAttempt[]>().notNull().default([]),
		attemptCount: integer("attemptCount").notNull().default(0),
		/** How often the rate limit made this delivery wait (waiting is no attempt). */
		deferredCount: integer("deferredCount").notNull().default(0),
		nextAttemptAt: text("nextAttemptAt"),
		/** A human-readable note on the current state, e.g. why it waits. */
		statusDetail: text("statusDetail"),
		lastHttpStatus: integer("lastHttpStatus"),
		lastDurationMs: integer("lastDurationMs"),
		lastError: text("lastError"),
		createdAt: createdAtColumn(),
		finishedAt: text("finishedAt"),
	},
	(table) => [
		index("webhook_deliveries_webhookId_createdAt_idx").on(table.webhookId, table.createdAt),
		index("webhook_deliveries_status_idx").on(table.status),
		// The finished deliveries of a webhook, newest first: pruning to the newest 100 reads only
		// these, however many deliveries of the webhook are still pending.
		index("webhook_deliveries_finished_idx")
			.on(table.webhookId, table.createdAt, table.deliveryId)
			.where(sql`"status" in ('success', 'failed')`),
	],
);

export const applicationWebhooksRelations = relations(applicationWebhooks, ({ one, many }) => ({
	application: one(application, {
		fields: [applicationWebhooks.applicationId],
		references: [application.applicationId],
	}),
	compose: one(compose, {
		fields: [applicationWebhooks.composeId],
		references: [compose.composeId],
	}),
	deliveries: many(webhookDeliveries),
}));

export const webhookDeliveriesRelations = relations(webhookDeliveries, ({ one }) => ({
	webhook: one(applicationWebhooks, {
		fields: [webhookDeliveries.webhookId],
		references: [applicationWebhooks.webhookId],
	}),
}));

/** A delivery in one of these still has an attempt to come. */
export const unfinishedDeliveryStatuses = [
	"pending",
	"retrying",
] as const satisfies readonly WebhookDeliveryStatus[];

export type ApplicationWebhook = typeof applicationWebhooks.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
