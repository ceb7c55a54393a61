/** One query: a delivery row together with its webhook's row, or null when either is gone. */
import { eq, sql } from "drizzle-orm";
import { type Database, getDatabase } from "../db/client";
import { applicationWebhooks, webhookDeliveries } from "../db/schema/webhook";

const prepareLoad = (db: Database) =>
	db
		.select({ delivery: webhookDeliveries, webhook: applicationWebhooks })
		.from(webhookDeliveries)
		.innerJoin(applicationWebhooks, eq(applicationWebhooks.webhookId, webhookDeliveries.webhookId))
		.where(eq(webhookDeliveries.deliveryId, sql.placeholder("deliveryId")))
		.prepare("load_delivery_with_webhook");

// Built once per database (tests open several): each delivery's load then skips building the
// query here and, on PostgreSQL, parsing and planning it on the server.
const prepared = new WeakMap<Database, ReturnType<typeof prepareLoad>>();

export const loadDeliveryWithWebhook = async (deliveryId: string) => {
	const db = getDatabase();
	let load = prepared.get(db);
	if (!load) {
		load = prepareLoad(db);
		prepared.set(db, load);
	}
	const [row] = await load.execute({ deliveryId });
	return row ?? null;
};
