/** One query: a delivery row together with its webhook's row, or null when either is gone. */
import { eq } from "drizzle-orm";
import { getDatabase } from "../db/client";
import { applicationWebhooks, webhookDeliveries } from "../db/schema/webhook";

export const loadDeliveryWithWebhook = async (deliveryId: string) => {
	const [row] = await getDatabase()
		.select({ delivery: webhookDeliveries, webhook: applicationWebhooks })
		.from(webhookDeliveries)
		.innerJoin(applicationWebhooks, eq(applicationWebhooks.webhookId, webhookDeliveries.webhookId))
		.where(eq(webhookDeliveries.deliveryId, deliveryId));
	return row ?? null;
};
