/**
 * Webhook figures for the dashboard. They cover the deliveries still kept (the newest 100
 * finished ones per webhook and every open one); test sends are left out.
 */
import { and, count, eq, inArray } from "drizzle-orm";
import { getDatabase } from "../db/client";
import { project } from "../db/schema/project";
import { applicationWebhooks, webhookDeliveries } from "../db/schema/webhook";
import { serviceIdColumn, serviceTables, serviceTypes } from "./service-ref";
import { findWebhookRow } from "./webhook-access";

const RECENT_FOR_CHART = 30;

/** Figures over the deliveries still kept (the newest 100 finished ones and all open ones). */
export const getWebhookStats = async (webhookId: string, organizationId: string) => {
	await findWebhookRow(webhookId, organizationId);
	const rows = await getDatabase()
		.select({
			status: webhookDeliveries.status,
			attemptCount: webhookDeliveries.attemptCount,
			lastDurationMs: webhookDeliveries.lastDurationMs,
			createdAt: webhookDeliveries.createdAt,
			deliveryId: webhookDeliveries.deliveryId,
		})
		.from(webhookDeliveries)
		.where(and(eq(webhookDeliveries.webhookId, webhookId), eq(webhookDeliveries.isTest, false)))
		.orderBy(webhookDeliveries.createdAt);
	const finished = rows.filter((row) => row.status === "success" || row.status === "failed");
	const timed = rows.filter((row) => row.attemptCount > 0 && row.lastDurationMs !== null);
	const retried = finished.filter((row) => row.attemptCount > 1).length;
	return {
		total: rows.length,
		succeeded: rows.filter((row) => row.status === "success").length,
		failed: rows.filter((row) => row.status === "failed").length,
		pending: rows.length - finished.length,
		averageResponseMs:
			timed.length === 0
				? null
				: Math.round(timed.reduce((sum, row) => sum + (row.lastDurationMs ?? 0), 0) / timed.length),
		retryRate: finished.length === 0 ? 0 : retried / finished.length,
		/** The newest deliveries, oldest first, for the dashboard's chart. */
		recent: rows.slice(-RECENT_FOR_CHART).map((row) => ({
			deliveryId: row.deliveryId,
			at: row.createdAt,
			status: row.status,
			durationMs: row.lastDurationMs,
		})),
	};
};

/** Ids of the organization's webhooks, through their services and projects. */
const organizationWebhookIds = async (organizationId: string) => {
	const ids: string[] = [];
	for (const type of serviceTypes) {
		const { table, idColumn } = serviceTables[type];
		const rows = await getDatabase()
			.select({ id: applicationWebhooks.webhookId })
			.from(applicationWebhooks)
			.innerJoin(table, eq(idColumn, serviceIdColumn(applicationWebhooks, type)))
			.innerJoin(project, eq(project.projectId, table.projectId))
			.where(eq(project.organizationId, organizationId));
		ids.push(...rows.map((row) => row.id));
	}
	return ids;
};

export const getOrganizationWebhookStats = async (organizationId: string) => {
	const ids = await organizationWebhookIds(organizationId);
	const deliveries = { pending: 0, retrying: 0, success: 0, failed: 0 };
	if (ids.length > 0) {
		const rows = await getDatabase()
			.select({ status: webhookDeliveries.status, value: count() })
			.from(webhookDeliveries)
			.where(and(inArray(webhookDeliveries.webhookId, ids), eq(webhookDeliveries.isTest, false)))
			.groupBy(webhookDeliveries.status);
		for (const row of rows) deliveries[row.status] = row.value;
	}
	return { webhooksConfigured: ids.length, deliveries };
};
