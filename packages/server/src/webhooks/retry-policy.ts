/**
 * What to do after a delivery attempt: done, try again later, or give up.
 *
 * Retried (passing trouble): network errors, timeouts, 5xx, 429 and temporary DNS failures, after
 * 30 s, 2 min and 5 min (4 attempts in all). A 429/503 `Retry-After` is honoured when it asks for
 * longer, up to 10 minutes. Given up at once (retrying cannot help): other 4xx, 3xx (redirects
 * are not followed), TLS certificate errors, and URLs the guard refuses. TLS errors are not
 * retried because an untrusted, expired or misnamed certificate is the receiver's configuration
 * and will not change within the 7.5-minute retry window; a reset during the handshake is a
 * network error and is retried. A delivery that cannot be signed (its stored secret does not
 * decrypt) is given up too: waiting will not repair the key. 410 Gone also asks for the webhook
 * to be disabled. When no attempt remains, the last one is recorded as given up.
 * `scale` shrinks every delay (WEBHOOK_RETRY_SCALE, e.g. 0.001 in tests).
 */
import type { WebhookHttpResult } from "./http";
import type { WebhookUrlErrorCode } from "./url-guard";

export const retryDelaysMs = [30_000, 120_000, 300_000] as const;
export const maxAttempts = retryDelaysMs.length + 1;
const maxRetryAfterMs = 10 * 60_000;

type AttemptOutcome = "success" | "retry" | "give_up";

/** Nothing was sent: the stored secret cannot be decrypted or used to sign. */
export const CANNOT_SIGN = "cannot_sign";

export type AttemptResult =
	| Pick<WebhookHttpResult, "status" | "error" | "retryAfter">
	| WebhookUrlErrorCode
	| typeof CANNOT_SIGN;

export interface AttemptClassification {
	outcome: AttemptOutcome;
	reason: string;
	disableWebhook: boolean;
	/** The receiver's Retry-After, kept only where it is honoured (429 and 503). */
	retryAfter: string | null;
}

const decide = (
	outcome: AttemptOutcome,
	reason: string,
	extra: Partial<Pick<AttemptClassification, "disableWebhook" | "retryAfter">> = {},
): AttemptClassification => ({
	outcome,
	reason,
	disableWebhook: extra.disableWebhook ?? false,
	retryAfter: extra.retryAfter ?? null,
});

const unsentDecisions: Record<WebhookUrlErrorCode | typeof CANNOT_SIGN, AttemptClassification> = {
	[CANNOT_SIGN]: decide("give_up", "The delivery cannot be signed"),
	invalid_url: decide("give_up", "The webhook URL is not valid"),
	scheme_not_allowed: decide("give_up", "The webhook URL must use https:"),
	credentials_in_url: decide("give_up", "The webhook URL contains credentials"),
	blocked_address: decide("give_up", "The webhook host resolves to a non-public address"),
	unknown_host: decide("give_up", "The webhook host does not exist in DNS"),
	dns_temporary_failure: decide("retry", "DNS lookup of the webhook host failed temporarily"),
};

export const classifyAttempt = (result: AttemptResult): AttemptClassification => {
	if (typeof result === "string") return unsentDecisions[result];
	const { status, error } = result;
	if (error?.kind === "tls") return decide("give_up", `TLS error: ${error.message}`);
	if (error?.kind === "timeout") return decide("retry", `Timed out: ${error.message}`);
	if (error) return decide("retry", `Network error: ${error.message}`);
	if (status === null) return decide("retry", "No response was received");
	if (status >= 200 && status < 300) return decide("success", `HTTP ${status}`);
	if (status === 410) {
		return decide("give_up", "HTTP 410: the receiver is gone", { disableWebhook: true });
	}
	if (status === 429 || status === 503) {
		return decide("retry", `HTTP ${status}`, { retryAfter: result.retryAfter });
	}
	if (status >= 500) return decide("retry", `HTTP ${status}`);
	if (status >= 300 && status < 400) {
		return decide("give_up", `HTTP ${status}: redirects are not followed`);
	}
	return decide("give_up", `HTTP ${status}`);
};

/** Retry-After in milliseconds from now: delta-seconds or an HTTP date; null if unusable. */
export const parseRetryAfterMs = (value: string | null, now: Date): number | null => {
	const trimmed = value?.trim() ?? "";
	if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
	// HTTP dates start with the weekday; Date.parse alone would also take "-5" or "2025".
	const date = /^[A-Za-z]{3,9},? /.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
	return Number.isNaN(date) ? null : Math.max(0, date - now.getTime());
};

/** The wait before the next attempt, or null when none remain. */
export const nextRetryDelayMs = (options: {
	/** Attempts already made, counting the first one. */
	attemptNumber: number;
	scale: number;
	retryAfter: string | null;
	now: Date;
	/** Attempts this delivery may make in all (a test send makes one). */
	attemptsAllowed?: number;
}): number | null => {
	const { attemptNumber, scale, retryAfter, now, attemptsAllowed = maxAttempts } = options;
	if (!Number.isInteger(attemptNumber) || attemptNumber < 1) {
		throw new RangeError(`attemptNumber must be a positive integer, got ${attemptNumber}`);
	}
	if (attemptNumber >= attemptsAllowed) return null;
	const scheduled = retryDelaysMs[attemptNumber - 1];
	if (scheduled === undefined) return null;
	const requested = Math.min(parseRetryAfterMs(retryAfter, now) ?? 0, maxRetryAfterMs);
	return Math.round(Math.max(scheduled, requested) * scale);
};

export type DeliveryStatusAfterAttempt = "success" | "retrying" | "failed";

/**
 * The classification folded into what the delivery row needs: its status and next attempt.
 * An attempt that would be retried but has no attempt left is the last one, so its outcome is
 * `give_up`: the attempt log then says plainly which attempt ended the delivery.
 */
export const deliveryStatusAfter = (options: {
	result: AttemptResult;
	attemptNumber: number;
	scale: number;
	now: Date;
	/** Attempts this delivery may make in all: `maxAttempts`, or 1 for a test send. */
	attemptsAllowed?: number;
}): AttemptClassification & {
	status: DeliveryStatusAfterAttempt;
	nextAttemptAt: Date | null;
} => {
	const { result, attemptNumber, scale, now, attemptsAllowed = maxAttempts } = options;
	const classification = classifyAttempt(result);
	if (classification.outcome === "success") {
		return { ...classification, status: "success", nextAttemptAt: null };
	}
	if (classification.outcome === "retry") {
		const delay = nextRetryDelayMs({
			attemptNumber,
			scale,
			retryAfter: classification.retryAfter,
			now,
			attemptsAllowed,
		});
		if (delay !== null) {
			return {
				...classification,
				status: "retrying",
				nextAttemptAt: new Date(now.getTime() + delay),
			};
		}
		// A single-attempt send (a test) was never going to be retried: its reason needs no note.
		const reason =
			attemptNumber === 1
				? classification.reason
				: `${classification.reason} (gave up after ${attemptNumber} attempts)`;
		return { ...classification, outcome: "give_up", reason, status: "failed", nextAttemptAt: null };
	}
	return { ...classification, status: "failed", nextAttemptAt: null };
};
