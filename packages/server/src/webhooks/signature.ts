/**
 * Signing of webhook bodies, in two formats at once so receivers can pick either:
 *
 * - `X-Dokploy-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`, keyed
 *   with the secret string itself (UTF-8), Stripe-style; the timestamp makes replays detectable.
 * - Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64>`), keyed
 *   with the bytes base64-encoded after `whsec_`, so the `standardwebhooks` libraries verify it.
 *
 * During a secret rotation every still-valid secret signs, one `v1` entry each; a receiver that
 * knows any one of them accepts the delivery.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export const dokploySignatureHeader = "X-Dokploy-Signature";

export class WebhookSignatureError extends Error {
	override readonly name = "WebhookSignatureError";
	readonly code = "invalid_signing_secret";
}

export interface SignatureHeaders {
	[dokploySignatureHeader]: string;
	"webhook-id": string;
	"webhook-timestamp": string;
	"webhook-signature": string;
}

const unixSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

const hmac = (key: string | Buffer, message: string) =>
	createHmac("sha256", key).update(message, "utf8");

/** The key Standard Webhooks derives from a secret: the bytes base64-encoded after `whsec_`. */
const standardWebhooksKey = (secret: string) => {
	const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
	if (key.length === 0) {
		throw new WebhookSignatureError("A webhook signing secret must be whsec_<base64 bytes>");
	}
	return key;
};

/** @public documented in docs/webhooks/api-reference.md */
export const signDokployPayload = (body: string, secret: string, timestamp: number) =>
	hmac(secret, `${timestamp}.${body}`).digest("hex");

export const buildSignatureHeaders = (options: {
	deliveryId: string;
	body: string;
	/** The current secret first, then secrets still inside their rotation grace period. */
	secrets: readonly string[];
	now: Date;
}): SignatureHeaders => {
	const { deliveryId, body, secrets, now } = options;
	if (secrets.length === 0) {
		throw new WebhookSignatureError("A webhook delivery needs at least one signing secret");
	}
	const timestamp = unixSeconds(now);
	const dokploy = secrets.map((secret) => `v1=${signDokployPayload(body, secret, timestamp)}`);
	const standard = secrets.map(
		(secret) =>
			`v1,${hmac(standardWebhooksKey(secret), `${deliveryId}.${timestamp}.${body}`).digest("base64")}`,
	);
	return {
		[dokploySignatureHeader]: [`t=${timestamp}`, ...dokploy].join(","),
		"webhook-id": deliveryId,
		"webhook-timestamp": String(timestamp),
		"webhook-signature": standard.join(" "),
	};
};

const parseDokploySignature = (header: string) => {
	let timestamp: number | null = null;
	const signatures: string[] = [];
	for (const part of header.split(",")) {
		const separator = part.indexOf("=");
		if (separator < 0) return null;
		const key = part.slice(0, separator).trim();
		const value = part.slice(separator + 1).trim();
		if (key === "t" && /^\d{1,12}$/.test(value) && timestamp === null) timestamp = Number(value);
		else if (key === "v1" && /^[0-9a-f]{64}$/i.test(value)) signatures.push(value.toLowerCase());
		else if (key === "t" || key === "v1") return null;
		// Unknown keys (future schemes) are ignored so that receivers keep working.
	}
	return timestamp === null || signatures.length === 0 ? null : { timestamp, signatures };
};

/**
 * Receiver-side check of `X-Dokploy-Signature`, for our docs, tests and the "test webhook"
 * feature: the timestamp must be within `toleranceSeconds` of `now` and any `v1` must match.
 */
export const verifyDokploySignature = (
	body: string,
	header: string,
	secret: string,
	toleranceSeconds = 300,
	now = new Date(),
): boolean => {
	const parsed = parseDokploySignature(header);
	if (!parsed) return false;
	if (Math.abs(unixSeconds(now) - parsed.timestamp) > toleranceSeconds) return false;
	const expected = Buffer.from(signDokployPayload(body, secret, parsed.timestamp), "hex");
	// Every entry is compared, in constant time, so timing says nothing about which one matched.
	let matched = false;
	for (const signature of parsed.signatures) {
		matched = timingSafeEqual(expected, Buffer.from(signature, "hex")) || matched;
	}
	return matched;
};
