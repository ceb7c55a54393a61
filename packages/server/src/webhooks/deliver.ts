/**
 * One delivery attempt, from the row in the outbox to the receiver and back into the log:
 * check the rate limit, check the URL again (DNS may have changed since it was saved), sign,
 * POST over a connection pinned to the checked address, let the retry policy decide, record.
 * The queue worker calls this for every job; a test send calls it directly.
 */
import type { ApplicationWebhook, WebhookAttempt, WebhookDelivery } from "../db/schema/webhook";
import { serverConfig, type WebhookConfig, webhookUserAgent } from "../lib/config";
import { logger } from "../lib/logger";
import type { ConnectionPools } from "./connection-pools";
import { sendWebhookRequest, type WebhookHttpResult } from "./http";
import type { InFlightLimit } from "./in-flight-limit";
import { loadDeliveryWithWebhook } from "./load-delivery";
import type { RateLimiter } from "./rate-limit";
import { recordAttempt, recordDeferral, recordSkipped } from "./record-attempt";
import { type AttemptResult, CANNOT_SIGN, deliveryStatusAfter } from "./retry-policy";
import { WebhookSecretError } from "./secrets";
import { buildSignatureHeaders, WebhookSignatureError } from "./signature";
import { signingSecrets } from "./signing-secrets";
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
	config: WebhookConfig;
	rateLimiter?: RateLimiter;
	resolve?: ResolveHost;
	pools?: ConnectionPools;
	now?: () => Date;
	/** Attempts the delivery may make in all; a test send makes exactly one. */
	attemptsAllowed?: number;
	/** Caps one webhook's attempts in flight, so a hanging receiver cannot take every slot. */
	inFlight?: InFlightLimit;
}

const buildDeliveryHeaders = (
	webhook: ApplicationWebhook,
	delivery: WebhookDelivery,
	now: Date,
): Record<string, string> => ({
	...webhook.headers,
	"Content-Type": "application/json",
	"User-Agent": webhookUserAgent(),
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

/** What one send produced: the policy's input, the HTTP exchange if any, and why nothing was sent. */
export interface SendOutcome {
	result: AttemptResult;
	http: WebhookHttpResult | null;
	/** The guard's or the signer's own words, when the request never left. */
	unsentReason: string | null;
}

/**
 * Sends one delivery to the webhook's URL: the PRD's sendWebhook, without any bookkeeping. A URL
 * the guard refuses and a secret that cannot sign are outcomes, not exceptions: neither heals by
 * throwing the job away, and the attempt log must say why.
 */
export const sendWebhook = async (
	webhook: ApplicationWebhook,
	delivery: WebhookDelivery,
	options: Partial<Pick<DeliverOptions, "config" | "resolve" | "pools">> & { now?: Date } = {},
): Promise<SendOutcome> => {
	const config = options.config ?? serverConfig().webhooks;
	const now = options.now ?? new Date();
	try {
		const target = await assertWebhookUrl(webhook.url, {
			allowlist: config.allowlist,
			...(options.resolve ? { resolve: options.resolve } : {}),
		});
		const headers = buildDeliveryHeaders(webhook, delivery, now);
		const http = await sendWebhookRequest({
			url: target.url,
			address: target.address,
			family: target.family,
			headers,
			body: delivery.body,
			timeoutMs: config.timeoutMs,
			...(config.caCertificates ? { ca: config.caCertificates } : {}),
			...(options.pools ? { pools: options.pools } : {}),
		});
		return { result: http, http, unsentReason: null };
	} catch (error) {
		if (error instanceof WebhookUrlError) {
			return { result: error.code, http: null, unsentReason: error.message };
		}
		if (error instanceof WebhookSecretError || error instanceof WebhookSignatureError) {
			const reason = `The delivery cannot be signed: ${error.message}`;
			return { result: CANNOT_SIGN, http: null, unsentReason: reason };
		}
		throw error;
	}
};

const skipped = (reason: string): DeliveryReport => ({ kind: "skipped", reason });

export const attemptDelivery = async (
	deliveryId: string,
	options: DeliverOptions,
): Promise<DeliveryReport> => {
	const now = options.now ?? (() => new Date());
	const loaded = await loadDeliveryWithWebhook(deliveryId);
	if (!loaded) return skipped("The delivery or its webhook no longer exists");
	const { delivery, webhook } = loaded;
	if (delivery.status === "success") return skipped("The delivery has already succeeded");
	if (delivery.status === "failed") return skipped("The delivery has already failed");
	// A test send is how an admin checks a webhook before enabling it again.
	if (!webhook.enabled && !delivery.isTest) {
		const reason =
			webhook.disabledReason ?? "The webhook was disabled before this delivery was sent";
		await recordSkipped(deliveryId, reason);
		return skipped(reason);
	}
	const slot = options.inFlight?.tryEnter(webhook.webhookId) ?? { entered: true, leave() {} };
	if (!slot.entered) {
		// Its receiver is slow or hanging: wait instead of holding one more of the worker's slots.
		const waitMs = Math.min(slot.waitMs, options.config.timeoutMs);
		return { kind: "deferred", until: new Date(now().getTime() + waitMs) };
	}
	try {
		return await rateLimitedAttempt(delivery, webhook, options, now);
	} finally {
		slot.leave();
	}
};

const rateLimitedAttempt = async (
	delivery: WebhookDelivery,
	webhook: ApplicationWebhook,
	options: DeliverOptions,
	now: () => Date,
): Promise<DeliveryReport> => {
	const deliveryId = delivery.deliveryId;
	if (options.rateLimiter) {
		const slot = await options.rateLimiter.reserve(`${delivery.serviceType}:${delivery.serviceId}`);
		if (!slot.allowed) {
			await recordDeferral(deliveryId, slot.retryAt);
			return { kind: "deferred", until: slot.retryAt };
		}
	}

	const startedAt = now();
	const sent = await sendWebhook(webhook, delivery, { ...options, now: startedAt });
	const decision = deliveryStatusAfter({
		result: sent.result,
		attemptNumber: delivery.attemptCount + 1,
		scale: options.config.retryScale,
		now: now(),
		...(options.attemptsAllowed ? { attemptsAllowed: options.attemptsAllowed } : {}),
	});
	const attempt: WebhookAttempt = {
		number: delivery.attemptCount + 1,
		at: startedAt.toISOString(),
		httpStatus: sent.http?.status ?? null,
		durationMs: Math.round(sent.http?.durationMs ?? 0),
		outcome: decision.outcome,
		error: decision.outcome === "success" ? null : (sent.unsentReason ?? decision.reason),
		responseExcerpt: sent.http?.responseExcerpt ?? "",
	};
	await recordAttempt(delivery, {
		attempt,
		status: decision.status,
		nextAttemptAt: decision.nextAttemptAt,
		disableWebhook: decision.disableWebhook,
		autoDisableAfterFailures: options.config.autoDisableAfterFailures,
		now: now(),
	});
	logger.info(
		{
			deliveryId,
			webhookId: webhook.webhookId,
			event: delivery.event,
			attempt: attempt.number,
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
