/**
 * The delivery side of the webhook service: test sends, redeliveries, the delivery log and
 * its figures. Organization checks go through findWebhookRow, so another organization's
 * webhook or delivery is simply not found.
 */
import { and, count, desc, eq, type SQL } from "drizzle-orm";
import { nanoid } from "nanoid";
import { getDatabase } from "../db/client";
import { type WebhookDelivery, webhookDeliveries } from "../db/schema/webhook";
import { dashboardBaseUrl, serverConfig } from "../lib/config";
import { NotFoundError, ValidationError } from "../lib/errors";
import { toLifecycleService } from "../lifecycle/event";
import type { DeploymentEventName } from "../lifecycle/types";
import { attemptDelivery } from "../webhooks/deliver";
import { buildSamplePayload } from "../webhooks/payload";
import { enqueueDeliveries } from "../webhooks/queue";
import { renderWebhookBody } from "../webhooks/templates";
import { findServiceUnscoped } from "./service";
import { serviceRefOf } from "./service-ref";
import { findWebhookRow } from "./webhook-access";

export interface TestResult {
	ok: boolean;
	deliveryId: string;
	httpStatus: number | null;
	durationMs: number;
	error: string | null;
	responseExcerpt: string;
}

const RESPONSE_EXCERPT_FOR_CALLER = 500;

/**
 * Sends a sample event to the webhook now and answers with what happened. The send is logged
 * as a test delivery, is never retried and does not count towards the failure streak.
 */
export const testWebhook = async (
	webhookId: string,
	organizationId: string,
	event: DeploymentEventName = "deployment.success",
): Promise<TestResult> => {
	const webhook = await findWebhookRow(webhookId, organizationId);
	const ref = serviceRefOf(webhook);
	const service = await findServiceUnscoped(ref);
	const payload = buildSamplePayload(event, dashboardBaseUrl(), {
		service: toLifecycleService(service),
	});
	const deliveryId = nanoid();
	await getDatabase()
		.insert(webhookDeliveries)
		.values({
			deliveryId,
			idempotencyKey: deliveryId,
			webhookId,
			isTest: true,
			serviceType: ref.type,
			serviceId: ref.id,
			event,
			body: renderWebhookBody(webhook.templateType, payload, webhook.customTemplate),
		});
	// A test send answers its caller at once: one attempt, never retried, not rate-limited.
	const report = await attemptDelivery(deliveryId, {
		config: serverConfig().webhooks,
		attemptsAllowed: 1,
	});
	if (report.kind !== "attempted") {
		return {
			ok: false,
			deliveryId,
			httpStatus: null,
			durationMs: 0,
			error: report.kind === "skipped" ? report.reason : "Deferred",
			responseExcerpt: "",
		};
	}
	return {
		ok: report.status === "success",
		deliveryId,
		httpStatus: report.attempt.httpStatus,
		durationMs: report.attempt.durationMs,
		error: report.attempt.error,
		responseExcerpt: report.attempt.responseExcerpt.slice(0, RESPONSE_EXCERPT_FOR_CALLER),
	};
};

const findDeliveryRow = async (deliveryId: string, organizationId: string) => {
	const [row] = await getDatabase()
		.select()
		.from(webhookDeliveries)
		.where(eq(webhookDeliveries.deliveryId, deliveryId));
	if (!row) throw new NotFoundError("Delivery");
	await findWebhookRow(row.webhookId, organizationId).catch(() => {
		throw new NotFoundError("Delivery");
	});
	return row;
};

/**
 * Sends a finished delivery again: the same body and the same idempotency id (webhook-id), a
 * new row marked as a redelivery, through the queue like any other delivery.
 */
export const redeliver = async (deliveryId: string, organizationId: string) => {
	const original = await findDeliveryRow(deliveryId, organizationId);
	if (original.status !== "success" && original.status !== "failed") {
		throw new ValidationError(
			"This delivery is still under way; redeliver it once it has finished",
		);
	}
	if (!original.body) throw new ValidationError("This delivery has no body to send again");
	const [row] = await getDatabase()
		.insert(webhookDeliveries)
		.values({
			idempotencyKey: original.idempotencyKey,
			redeliveryOf: original.deliveryId,
			webhookId: original.webhookId,
			isTest: original.isTest,
			serviceType: original.serviceType,
			serviceId: original.serviceId,
			deploymentId: original.deploymentId,
			event: original.event,
			body: original.body,
		})
		.returning();
	await enqueueDeliveries([row!.deliveryId]);
	return row!;
};

/** Schedules the next attempt of an unfinished delivery: the PRD's retryWebhook. */
export const retryWebhook = async (deliveryId: string, organizationId: string, delayMs = 0) => {
	const row = await findDeliveryRow(deliveryId, organizationId);
	if (row.status === "success" || row.status === "failed") {
		throw new ValidationError("This delivery has finished; use redeliver to send it again");
	}
	await enqueueDeliveries([deliveryId], delayMs);
};

export interface DeliveriesQuery {
	page?: number;
	pageSize?: number;
	status?: WebhookDelivery["status"];
	event?: string;
}

export const getDeliveries = async (
	webhookId: string,
	organizationId: string,
	query: DeliveriesQuery = {},
) => {
	await findWebhookRow(webhookId, organizationId);
	const page = Math.max(1, Math.floor(query.page ?? 1));
	const pageSize = Math.min(100, Math.max(1, Math.floor(query.pageSize ?? 20)));
	const filters: SQL[] = [eq(webhookDeliveries.webhookId, webhookId)];
	if (query.status) filters.push(eq(webhookDeliveries.status, query.status));
	if (query.event) filters.push(eq(webhookDeliveries.event, query.event));
	const where = and(...filters);
	const db = getDatabase();
	const [total] = await db.select({ value: count() }).from(webhookDeliveries).where(where);
	const items = await db
		.select()
		.from(webhookDeliveries)
		.where(where)
		.orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.deliveryId))
		.limit(pageSize)
		.offset((page - 1) * pageSize);
	return { items, total: total?.value ?? 0, page, pageSize };
};

export const findDeliveryById = (deliveryId: string, organizationId: string) =>
	findDeliveryRow(deliveryId, organizationId);
