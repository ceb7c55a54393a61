/**
 * The outbox. When a deployment event is emitted, one delivery row per matching webhook is
 * written in the same transaction as the deployment change, with its body already rendered
 * and fixed: a committed status change always has its deliveries, a rolled-back one never.
 * After commit the rows are enqueued; if that fails (Redis down, a crash in between), the
 * reconciler enqueues them later.
 */
import { and, arrayContains, eq } from "drizzle-orm";
import { nanoid } from "nanoid";
import type { Transaction } from "../db/client";
import { applicationWebhooks, webhookDeliveries } from "../db/schema/webhook";
import { dashboardBaseUrl } from "../lib/config";
import { logger } from "../lib/logger";
import { registerLifecycleListener } from "../lifecycle/emitter";
import type { DeploymentLifecycleEvent } from "../lifecycle/types";
import { buildWebhookPayload } from "./payload";
import { enqueueDeliveries } from "./queue";
import { renderWebhookBody } from "./templates";

type NewDelivery = typeof webhookDeliveries.$inferInsert;

/** Only what rendering needs: the secret, headers and the rest stay in the database. */
const renderingColumns = {
	webhookId: applicationWebhooks.webhookId,
	templateType: applicationWebhooks.templateType,
	customTemplate: applicationWebhooks.customTemplate,
};
type WebhookToRender = {
	[K in keyof typeof renderingColumns]: (typeof applicationWebhooks.$inferSelect)[K];
};

/** Renders one webhook's body; a template that cannot render yields a failed delivery. */
const deliveryFor = (
	webhook: WebhookToRender,
	event: DeploymentLifecycleEvent,
	payload: ReturnType<typeof buildWebhookPayload>,
): NewDelivery => {
	const deliveryId = nanoid();
	const base = {
		deliveryId,
		idempotencyKey: deliveryId,
		webhookId: webhook.webhookId,
		serviceType: event.service.type,
		serviceId: event.service.id,
		deploymentId: event.deployment.deploymentId,
		event: event.name,
	};
	try {
		return {
			...base,
			body: renderWebhookBody(webhook.templateType, payload, webhook.customTemplate),
		};
	} catch (error) {
		const message = `The ${webhook.templateType} template could not be rendered: ${(error as Error).message}`;
		return {
			...base,
			body: "",
			status: "failed",
			lastError: message,
			statusDetail: message,
			finishedAt: new Date().toISOString(),
		};
	}
};

/**
 * Writes the deliveries for one lifecycle event and returns the after-commit step that
 * enqueues them. This is the PRD's triggerWebhooks.
 */
export const triggerWebhooks = async (tx: Transaction, event: DeploymentLifecycleEvent) => {
	const column =
		event.service.type === "application"
			? applicationWebhooks.applicationId
			: applicationWebhooks.composeId;
	const webhooks = await tx
		.select(renderingColumns)
		.from(applicationWebhooks)
		.where(
			and(
				eq(column, event.service.id),
				eq(applicationWebhooks.enabled, true),
				arrayContains(applicationWebhooks.events, [event.name]),
			),
		);
	if (webhooks.length === 0) return undefined;
	const payload = buildWebhookPayload(event, { baseUrl: dashboardBaseUrl() });
	const rows = webhooks.map((webhook) => deliveryFor(webhook, event, payload));
	await tx.insert(webhookDeliveries).values(rows);
	const pending = rows.filter((row) => row.status !== "failed").map((row) => row.deliveryId!);
	return async () => {
		try {
			await enqueueDeliveries(pending);
		} catch (error) {
			logger.warn(
				{ err: error, deliveries: pending.length },
				"could not enqueue webhook deliveries; the reconciler will pick them up",
			);
		}
	};
};

export const WEBHOOK_LISTENER = "webhook-outbox";

/** Plugs the outbox into the deployment lifecycle. Registering twice is harmless. */
export const registerWebhookOutbox = () =>
	registerLifecycleListener(WEBHOOK_LISTENER, triggerWebhooks);
