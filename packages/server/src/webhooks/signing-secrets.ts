/**
 * The plain secrets a delivery is signed with: the webhook's current secret, and its previous
 * one while the rotation's grace period lasts. Decrypting (AES-256-GCM) on every delivery of a
 * busy webhook is wasted work, so plain secrets are kept in a small cache keyed by their
 * ciphertext: a rotated or altered secret has another ciphertext and is decrypted afresh, and a
 * secret that fails to decrypt is never cached.
 */
import type { ApplicationWebhook } from "../db/schema/webhook";
import { webhookEncryptionKey } from "../lib/config";
import { processSingleton } from "../lib/process-singleton";
import { decryptSecret } from "./secrets";

const CACHED_SECRETS = 512;

const decryptedSecrets = () =>
	processSingleton("webhook-decrypted-secrets", () => new Map<string, string>());

const decryptCached = (ciphertext: string) => {
	const cache = decryptedSecrets();
	const known = cache.get(ciphertext);
	if (known !== undefined) return known;
	const plain = decryptSecret(ciphertext, webhookEncryptionKey());
	cache.set(ciphertext, plain);
	// Oldest first in a Map: drop from the front to stay within bounds.
	for (const oldest of cache.keys()) {
		if (cache.size <= CACHED_SECRETS) break;
		cache.delete(oldest);
	}
	return plain;
};

export const signingSecrets = (webhook: ApplicationWebhook, now: Date) => {
	const secrets = [decryptCached(webhook.secret)];
	if (
		webhook.previousSecret &&
		webhook.previousSecretExpiresAt &&
		Date.parse(webhook.previousSecretExpiresAt) > now.getTime()
	) {
		secrets.push(decryptCached(webhook.previousSecret));
	}
	return secrets;
};
