/**
 * Writes down what an attempt did: the attempt itself on the delivery row, and on the webhook
 * its last delivery time and failure streak. A webhook that answers 410 Gone, or fails too many
 * deliveries in a row, is disabled with the reason shown. When a delivery ends, deliveries of
 * that webhook beyond the newest 100 finished ones are deleted.
 */
import { and, desc, eq, inArray, notInArray, sql } from "drizzle-orm";
import { getDatabase } from "../db/client";
import {
	applicationWebhooks,
	type WebhookAttempt,
	type WebhookDelivery,
	webhookDeliveries,
} from "../db/schema/webhook";
import type { DeliveryStatusAfterAttempt } from "./retry-policy";

export const DELIVERIES_KEPT_PER_WEBHOOK = 100;

export interface RecordedAttempt {
	attempt: WebhookAttempt;
	status: DeliveryStatusAfterAttempt;
	nextAttemptAt: Date | null;
	disableWebhook: boolean;
	autoDisableAfterFailures: number;
	now: Date;
}

const finishedStatuses = ["success", "failed"] as const;

export const pruneDeliveries = async (webhookId: string, keep = DELIVERIES_KEPT_PER_WEBHOOK) => {
	const db = getDatabase();
	const newest = db
		.select({ id: webhookDeliveries.deliveryId })
		.from(webhookDeliveries)
		.where(
			and(
				eq(webhookDeliveries.webhookId, webhookId),
				inArray(webhookDeliveries.status, [...finishedStatuses]),
			),
		)
		.orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.deliveryId))
		.limit(keep);
	await db
		.delete(webhookDeliveries)
		.where(
			and(
				eq(webhookDeliveries.webhookId, webhookId),
				inArray(webhookDeliveries.status, [...finishedStatuses]),
				notInArray(webhookDeliveries.deliveryId, newest),
			),
		);
};

const disabledReasonFor = (record: RecordedAttempt, failures: number) => {
	if (record.disableWebhook) {
		return `Disabled on ${record.now.toISOString()}: the receiver answered 410 Gone`;
	}
	if (record.autoDisableAfterFailures > 0 && failures >= record.autoDisableAfterFailures) {
		return `Disabled on ${record.now.toISOString()} after ${failures} failed deliveries in a row`;
	}
	return null;
};

export const recordAttempt = async (delivery: WebhookDelivery, record: RecordedAttempt) => {
	const finished = record.status !== "retrying";
	await getDatabase().transaction(async (tx) => {
		await tx
			.update(webhookDeliveries)
			.set({
				status: record.status,
				attempts: [...delivery.attempts, record.attempt],
				attemptCount: delivery.attemptCount + 1,
				nextAttemptAt: record.nextAttemptAt?.toISOString() ?? null,
				statusDetail:
					record.status === "retrying"
						? `Retry ${delivery.attemptCount + 1} of 3 at ${record.nextAttemptAt?.toISOString()}`
						: null,
				lastHttpStatus: record.attempt.httpStatus,
				lastDurationMs: record.attempt.durationMs,
				lastError: record.attempt.error,
				finishedAt: finished ? record.now.toISOString() : null,
			})
			.where(eq(webhookDeliveries.deliveryId, delivery.deliveryId));
		if (delivery.isTest) {
			// Test sends say nothing about the receiver's health over time.
			await tx
				.update(applicationWebhooks)
				.set({ lastDeliveryAt: record.now.toISOString() })
				.where(eq(applicationWebhooks.webhookId, delivery.webhookId));
			return;
		}
		if (!finished) return;
		const [webhook] = await tx
			.update(applicationWebhooks)
			.set({
				lastDeliveryAt: record.now.toISOString(),
				consecutiveFailures:
					record.status === "success" ? 0 : sql`${applicationWebhooks.consecutiveFailures} + 1`,
			})
			.where(eq(applicationWebhooks.webhookId, delivery.webhookId))
			.returning();
		const reason = webhook ? disabledReasonFor(record, webhook.consecutiveFailures) : null;
		if (reason && webhook?.enabled) {
			await tx
				.update(applicationWebhooks)
				.set({ enabled: false, disabledReason: reason })
				.where(eq(applicationWebhooks.webhookId, delivery.webhookId));
		}
	});
	if (finished) await pruneDeliveries(delivery.webhookId);
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
