/**
 * Writes down what an attempt did, in one SQL statement: the attempt itself on the delivery
 * row, and on the webhook its last delivery time and failure streak. A webhook that answers
 * 410 Gone, or fails too many deliveries in a row, is disabled with the reason shown. When a
 * delivery ends, deliveries of that webhook beyond the newest 100 finished ones are deleted.
 * One statement is one round trip and atomic without a transaction around it.
 */
import { eq, type SQL, sql } from "drizzle-orm";
import { executePrepared, getDatabase } from "../db/client";
import { type WebhookAttempt, type WebhookDelivery, webhookDeliveries } from "../db/schema/webhook";
import { type DeliveryStatusAfterAttempt, retryDelaysMs } from "./retry-policy";

export const DELIVERIES_KEPT_PER_WEBHOOK = 100;

export interface RecordedAttempt {
	attempt: WebhookAttempt;
	status: DeliveryStatusAfterAttempt;
	nextAttemptAt: Date | null;
	disableWebhook: boolean;
	autoDisableAfterFailures: number;
	now: Date;
}

const updateDelivery = (delivery: WebhookDelivery, record: RecordedAttempt, finished: boolean) => {
	const retryNote = `Retry ${delivery.attemptCount + 1} of ${retryDelaysMs.length} at ${record.nextAttemptAt?.toISOString()}`;
	return sql`update webhook_deliveries set
		"status" = ${record.status}::"webhookDeliveryStatus",
		"attempts" = "attempts" || ${JSON.stringify([record.attempt])}::jsonb,
		"attemptCount" = "attemptCount" + 1,
		"nextAttemptAt" = ${record.nextAttemptAt?.toISOString() ?? null}::text,
		"statusDetail" = ${record.status === "retrying" ? retryNote : null}::text,
		"lastHttpStatus" = ${record.attempt.httpStatus}::integer,
		"lastDurationMs" = ${record.attempt.durationMs}::integer,
		"lastError" = ${record.attempt.error}::text,
		"finishedAt" = ${finished ? record.now.toISOString() : null}::text
		where "deliveryId" = ${delivery.deliveryId}`;
};

/** The webhook's health after a finished delivery; a test send only touches lastDeliveryAt. */
const updateWebhook = (delivery: WebhookDelivery, record: RecordedAttempt) => {
	const at = record.now.toISOString();
	if (delivery.isTest) {
		// Test sends say nothing about the receiver's health over time.
		return sql`update application_webhooks set "lastDeliveryAt" = ${at}::text
			where "webhookId" = ${delivery.webhookId}`;
	}
	const failed = record.status !== "success";
	// Column references on the right of SET read the row as it was before this update.
	const streak = sql`(case when ${failed}::boolean then "consecutiveFailures" + 1 else 0 end)`;
	const disable = sql`("enabled" and (${record.disableWebhook}::boolean or (${failed}::boolean
		and ${record.autoDisableAfterFailures}::integer > 0
		and "consecutiveFailures" + 1 >= ${record.autoDisableAfterFailures}::integer)))`;
	const reason = sql`(case when ${record.disableWebhook}::boolean
		then ${`Disabled on ${at}: the receiver answered 410 Gone`}::text
		else ${`Disabled on ${at} after `}::text || ("consecutiveFailures" + 1) || ' failed deliveries in a row' end)`;
	return sql`update application_webhooks set
		"lastDeliveryAt" = ${at}::text,
		"consecutiveFailures" = ${streak},
		"enabled" = (case when ${disable} then false else "enabled" end),
		"disabledReason" = (case when ${disable} then ${reason} else "disabledReason" end)
		where "webhookId" = ${delivery.webhookId}`;
};

/**
 * Deletes the webhook's finished deliveries beyond the newest `keep`. It runs in the same
 * statement as the update that finishes `delivery`, whose new status it cannot see yet, so that
 * delivery is counted as finished explicitly (and is never deleted here: it is not finished in
 * the statement's snapshot).
 */
const pruneFinished = (delivery: WebhookDelivery) =>
	// The cut-off is the newest finished delivery that no longer fits beside `delivery` and the
	// others kept; both the cut-off and the deletion read the partial index of finished rows, so
	// the cost does not grow with the webhook's backlog of pending deliveries.
	sql`delete from webhook_deliveries
		where "webhookId" = ${delivery.webhookId} and "status" in ('success', 'failed')
		and ("createdAt", "deliveryId") <= (
			select "createdAt", "deliveryId" from webhook_deliveries
			where "webhookId" = ${delivery.webhookId} and "status" in ('success', 'failed')
				and "deliveryId" <> ${delivery.deliveryId}
			order by "createdAt" desc, "deliveryId" desc
			offset ${DELIVERIES_KEPT_PER_WEBHOOK - 1}::integer limit 1)`;

export const recordAttempt = async (delivery: WebhookDelivery, record: RecordedAttempt) => {
	const finished = record.status !== "retrying";
	const steps: SQL[] = [updateDelivery(delivery, record, finished)];
	if (finished || delivery.isTest) steps.push(updateWebhook(delivery, record));
	if (finished) steps.push(pruneFinished(delivery));
	const [first, ...rest] = steps;
	const statement =
		rest.length === 0
			? first!
			: sql`with ${sql.join(
					rest.map((step, index) => sql`${sql.raw(`step${index + 1}`)} as (${step})`),
					sql`, `,
				)} ${first}`;
	await executePrepared(statement);
};

/** A delivery that waits for the rate limit: nothing was sent, so it is no attempt. */
export const recordDeferral = async (deliveryId: string, until: Date) => {
	await getDatabase()
		.update(webhookDeliveries)
		.set({
			nextAttemptAt: until.toISOString(),
			deferredCount: sql`${webhookDeliveries.deferredCount} + 1`,
			statusDetail: `Deferred by the rate limit until ${until.toISOString()}`,
		})
		.where(eq(webhookDeliveries.deliveryId, deliveryId));
};

/** Ends a delivery without sending it (its webhook was disabled meanwhile). */
export const recordSkipped = async (deliveryId: string, reason: string) => {
	await getDatabase()
		.update(webhookDeliveries)
		.set({
			status: "failed",
			lastError: reason,
			statusDetail: reason,
			nextAttemptAt: null,
			finishedAt: new Date().toISOString(),
		})
		.where(eq(webhookDeliveries.deliveryId, deliveryId));
};
