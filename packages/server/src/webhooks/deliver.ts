/**
 * One delivery attempt, from the row in the outbox to the receiver and back into the log:
 * check the rate limit, check the URL again (DNS may have changed since it was saved), sign,
 * POST over a connection pinned to the checked address, classify the answer, record it.
 * The queue worker calls this for every job; a test send calls it directly.
 */
import { eq } from "drizzle-orm";
import { getDatabase } from "../db/client";
import {
	type ApplicationWebhook,
	applicationWebhooks,
	type WebhookAttempt,
	type WebhookDelivery,
	webhookDeliveries,
} from "../db/schema/webhook";
import { logger } from "../lib/logger";
import { sendWebhookRequest, type WebhookHttpResult } from "./http";
import type { RateLimiter } from "./rate-limit";
import { recordAttempt, recordDeferral, recordSkipped } from "./record-attempt";
import { type AttemptResult, deliveryStatusAfter } from "./retry-policy";
import { decryptSecret, WebhookSecretError } from "./secrets";
import { userAgent, webhookConfig, webhookEncryptionKey } from "./settings";
import { buildSignatureHeaders, WebhookSignatureError } from "./signature";
import { assertWebhookUrl, type ResolveHost, WebhookUrlError } from "./url-guard";

export type DeliveryReport =
	| { kind: "skipped"; reason: string }
	| { kind: "deferred"; until: Date }
	| {
			kind: "attempted";
			status: "success" | "retrying" | "failed";
			nextAttemptAt: Date | null;
			attempt: WebhookAttempt;
	  };

export interface DeliverOptions {
	rateLimiter?: RateLimiter;
	resolve?: ResolveHost;
	now?: () => Date;
}

/** The secrets that sign right now: the current one, and the previous one during its grace. */
const signingSecrets = (webhook: ApplicationWebhook, now: Date) => {
	const key = webhookEncryptionKey();
	const secrets = [decryptSecret(webhook.secret, key)];
	if (
		webhook.previousSecret &&
		webhook.previousSecretExpiresAt &&
		Date.parse(webhook.previousSecretExpiresAt) > now.getTime()
	) {
		secrets.push(decryptSecret(webhook.previousSecret, key));
	}
	return secrets;
};

export const buildDeliveryHeaders = (
	webhook: ApplicationWebhook,
	delivery: WebhookDelivery,
	now: Date,
): Record<string, string> => ({
	...webhook.headers,
	"Content-Type": "application/json",
	"User-Agent": userAgent(),
	"X-Dokploy-Event": delivery.event,
	"X-Dokploy-Delivery": delivery.idempotencyKey,
	...(delivery.redeliveryOf ? { "X-Dokploy-Redelivery": "true" } : {}),
	...(delivery.isTest ? { "X-Dokploy-Test": "true" } : {}),
	...buildSignatureHeaders({
		deliveryId: delivery.idempotencyKey,
		body: delivery.body,
		secrets: signingSecrets(webhook, now),
		now,
	}),
});

/** Sends one delivery to the webhook's URL: the PRD's sendWebhook, without any bookkeeping. */
export const sendWebhook = async (
	webhook: ApplicationWebhook,
	delivery: WebhookDelivery,
	options: Pick<DeliverOptions, "resolve"> & { now?: Date } = {},
): Promise<{ result: AttemptResult; http: WebhookHttpResult | null; urlError: string | null }> => {
	const config = webhookConfig();
	const now = options.now ?? new Date();
	try {
		const target = await assertWebhookUrl(webhook.url, {
			allowlist: config.allowlist,
			...(options.resolve ? { resolve: options.resolve } : {}),
		});
		const http = await sendWebhookRequest({
			url: target.url,
			address: target.address,
			family: target.family,
			headers: buildDeliveryHeaders(webhook, delivery, now),
			body: delivery.body,
			timeoutMs: config.timeoutMs,
			...(config.caCertificates ? { ca: config.caCertificates } : {}),
		});
		return { result: http, http, urlError: null };
	} catch (error) {
		if (error instanceof WebhookUrlError)
			return { result: error.code, http: null, urlError: error.message };
		throw error;
	}
};

/**
 * A stored secret that cannot be decrypted (the encryption key changed, or the row was altered)
 * will not heal by waiting: the attempt fails at once and says why, instead of the job throwing
 * and leaving the delivery pending with nothing in its log.
 */
const unsignable = (error: unknown) => {
	if (!(error instanceof WebhookSecretError || error instanceof WebhookSignatureError)) throw error;
	return {
		http: null,
		urlError: null,
		signingError: `The delivery cannot be signed: ${error.message}`,
	};
};

const loadDelivery = async (deliveryId: string) => {
	const [row] = await getDatabase()
		.select({ delivery: webhookDeliveries, webhook: applicationWebhooks })
		.from(webhookDeliveries)
		.innerJoin(applicationWebhooks, eq(applicationWebhooks.webhookId, webhookDeliveries.webhookId))
		.where(eq(webhookDeliveries.deliveryId, deliveryId));
	return row ?? null;
};

export const attemptDelivery = async (
	deliveryId: string,
	options: DeliverOptions = {},
): Promise<DeliveryReport> => {
	const now = options.now ?? (() => new Date());
	const loaded = await loadDelivery(deliveryId);
	if (!loaded) return { kind: "skipped", reason: "The delivery or its webhook no longer exists" };
	const { delivery, webhook } = loaded;
	if (delivery.status === "success" || delivery.status === "failed") {
		return {
			kind: "skipped",
			reason: `The delivery has already ${delivery.status === "success" ? "succeeded" : "failed"}`,
		};
	}
	if (!webhook.enabled && !delivery.isTest) {
		const reason =
			webhook.disabledReason ?? "The webhook was disabled before this delivery was sent";
		await recordSkipped(deliveryId, reason);
		return { kind: "skipped", reason };
	}
	if (options.rateLimiter && !delivery.isTest) {
		const slot = await options.rateLimiter.reserve(`${delivery.serviceType}:${delivery.serviceId}`);
		if (!slot.allowed) {
			await recordDeferral(deliveryId, slot.retryAt);
			return { kind: "deferred", until: slot.retryAt };
		}
	}
	const startedAt = now();
	const sent = await sendWebhook(webhook, delivery, {
		now: startedAt,
		...(options.resolve ? { resolve: options.resolve } : {}),
	}).catch(unsignable);
	const attemptNumber = delivery.attemptCount + 1;
	const decision =
		"signingError" in sent
			? {
					outcome: "give_up" as const,
					reason: sent.signingError,
					disableWebhook: false,
					retryAfter: null,
					status: "failed" as const,
					nextAttemptAt: null,
				}
			: deliveryStatusAfter({
					result: sent.result,
					attemptNumber,
					scale: webhookConfig().retryScale,
					now: now(),
					// A test send answers its caller at once: one attempt, never retried.
					...(delivery.isTest ? { attemptsAllowed: 1 } : {}),
				});
	const attempt: WebhookAttempt = {
		number: attemptNumber,
		at: startedAt.toISOString(),
		httpStatus: sent.http?.status ?? null,
		durationMs: Math.round(sent.http?.durationMs ?? 0),
		outcome: decision.outcome,
		error: decision.outcome === "success" ? null : (sent.urlError ?? decision.reason),
		responseExcerpt: sent.http?.responseExcerpt ?? "",
	};
	await recordAttempt(delivery, {
		attempt,
		status: decision.status,
		nextAttemptAt: decision.nextAttemptAt,
		disableWebhook: decision.disableWebhook && !delivery.isTest,
		autoDisableAfterFailures: webhookConfig().autoDisableAfterFailures,
		now: now(),
	});
	logger.info(
		{
			deliveryId,
			webhookId: webhook.webhookId,
			event: delivery.event,
			attempt: attemptNumber,
			httpStatus: attempt.httpStatus,
			durationMs: attempt.durationMs,
			outcome: decision.outcome,
			status: decision.status,
			error: attempt.error,
		},
		"webhook delivery attempt",
	);
	return {
		kind: "attempted",
		status: decision.status,
		nextAttemptAt: decision.nextAttemptAt,
		attempt,
	};
};
