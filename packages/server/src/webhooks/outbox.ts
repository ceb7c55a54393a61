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
import { user } from "../db/schema/auth";
import { applicationWebhooks, webhookDeliveries } from "../db/schema/webhook";
import { dashboardBaseUrl, serverConfig } from "../lib/config";
import { logger } from "../lib/logger";
import { registerLifecycleListener } from "../lifecycle/emitter";
import { type DeploymentLifecycleEvent, SYSTEM_TRIGGER } from "../lifecycle/types";
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

/**
 * Renders each distinct template once per event: a body depends on the event and the template
 * alone, so webhooks that share a format (most of them, generic or Slack) share its body.
 */
const bodyRenderer = (payload: ReturnType<typeof buildWebhookPayload>) => {
	const bodies = new Map<string, string>();
	return (webhook: WebhookToRender) => {
		const key = `${webhook.templateType}\u0000${webhook.customTemplate ?? ""}`;
		let body = bodies.get(key);
		if (body === undefined) {
			body = renderWebhookBody(webhook.templateType, payload, webhook.customTemplate);
			bodies.set(key, body);
		}
		return body;
	};
};

/** One webhook's delivery row; a template that cannot render yields a failed delivery. */
const deliveryFor = (
	webhook: WebhookToRender,
	event: DeploymentLifecycleEvent,
	render: (webhook: WebhookToRender) => string,
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
			body: render(webhook),
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

/** The email of the user who deployed; null for system triggers and deleted accounts. */
const findTriggerUserEmail = async (tx: Transaction, triggeredBy: string) => {
	if (triggeredBy === SYSTEM_TRIGGER) return null;
	const [row] = await tx.select({ email: user.email }).from(user).where(eq(user.id, triggeredBy));
	return row?.email ?? null;
};

/**
 * Writes the deliveries for one lifecycle event and returns the after-commit step that
 * enqueues them. This is the PRD's triggerWebhooks.
 */
export const triggerWebhooks = async (tx: Transaction, event: DeploymentLifecycleEvent) => {
	// With the feature turned off nothing is written, so nothing can be enqueued or sent later.
	if (!serverConfig().webhooks.enabled) return undefined;
	const column =
		event.service.type === "application"
			? applicationWebhooks.applicationId
			: applicationWebhooks.composeId;
	// Both statements run as prepared ones (PostgreSQL parses and plans each shape once per
	// connection): they are part of every deployment's transaction.
	const webhooks = await tx
		.select(renderingColumns)
		.from(applicationWebhooks)
		.where(
			and(
				eq(column, event.service.id),
				eq(applicationWebhooks.enabled, true),
				arrayContains(applicationWebhooks.events, [event.name]),
			),
		)
		.prepare("outbox_matching_webhooks")
		.execute();
	if (webhooks.length === 0) return undefined;
	const payload = buildWebhookPayload(event, {
		baseUrl: dashboardBaseUrl(),
		triggerUserEmail: await findTriggerUserEmail(tx, event.deployment.triggeredBy),
	});
	const render = bodyRenderer(payload);
	const rows = webhooks.map((webhook) => deliveryFor(webhook, event, render));
	await tx.insert(webhookDeliveries).values(rows).prepare("outbox_deliveries").execute();
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
