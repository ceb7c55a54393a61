/** The newest delivery of each webhook, in one query, for the list the dashboard shows. */
import { desc, inArray } from "drizzle-orm";
import { getDatabase } from "../db/client";
import { type WebhookDelivery, webhookDeliveries } from "../db/schema/webhook";

export interface LatestDelivery {
	deliveryId: string;
	status: WebhookDelivery["status"];
	attemptCount: number;
	createdAt: string;
	finishedAt: string | null;
}

export const findLatestDeliveries = async (webhookIds: string[]) => {
	if (webhookIds.length === 0) return new Map<string, LatestDelivery>();
	const rows = await getDatabase()
		.selectDistinctOn([webhookDeliveries.webhookId], {
			webhookId: webhookDeliveries.webhookId,
			deliveryId: webhookDeliveries.deliveryId,
			status: webhookDeliveries.status,
			attemptCount: webhookDeliveries.attemptCount,
			createdAt: webhookDeliveries.createdAt,
			finishedAt: webhookDeliveries.finishedAt,
		})
		.from(webhookDeliveries)
		.where(inArray(webhookDeliveries.webhookId, webhookIds))
		.orderBy(
			webhookDeliveries.webhookId,
			desc(webhookDeliveries.createdAt),
			desc(webhookDeliveries.deliveryId),
		);
	return new Map(rows.map(({ webhookId, ...latest }) => [webhookId, latest]));
};
