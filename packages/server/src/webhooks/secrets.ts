/**
 * Webhook signing secrets: generation, encryption at rest, and a hint for the UI.
 *
 * A secret is 32 random bytes shown once as `whsec_<base64>` (the Standard Webhooks form). The
 * database only holds `v1.<iv>.<tag>.<ciphertext>` (base64url, AES-256-GCM, fresh 12-byte IV);
 * GCM's tag makes any tampering or a wrong key fail loudly instead of yielding garbage, and the
 * `v1` prefix leaves room to change the scheme later.
 *
 * The key: `WEBHOOK_ENCRYPTION_KEY` given as 32 bytes (64 hex chars, or base64) is used as is.
 * Any other value is a passphrase, which may be guessable, so it is stretched with scrypt: every
 * guess then costs real memory and time, which HKDF (a fast expander for already-random input)
 * would not give. Without that variable the key is derived from `BETTER_AUTH_SECRET` with
 * HKDF-SHA256, a high-entropy secret that only needs a separate, purpose-bound key. Changing
 * whichever variable is in use makes the stored secrets undecryptable.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, scryptSync } from "node:crypto";

export type WebhookSecretErrorCode =
	| "missing_encryption_key"
	| "malformed_ciphertext"
	| "decryption_failed";

export class WebhookSecretError extends Error {
	override readonly name = "WebhookSecretError";
	readonly code: WebhookSecretErrorCode;

	constructor(code: WebhookSecretErrorCode, message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.code = code;
	}
}

export type RandomBytes = (size: number) => Buffer;

const secretPrefix = "whsec_";
const ciphertextVersion = "v1";
const keyBytes = 32;
const ivBytes = 12;
const tagBytes = 16;

export const generateWebhookSecret = (random: RandomBytes = randomBytes) =>
	`${secretPrefix}${random(32).toString("base64")}`;

const decodeRawKey = (value: string): Buffer | null => {
	if (/^[0-9a-f]{64}$/i.test(value)) return Buffer.from(value, "hex");
	if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) {
		const bytes = Buffer.from(value, "base64");
		return bytes.length === keyBytes ? bytes : null;
	}
	return null;
};

const stretchPassphrase = (() => {
	// scrypt costs ~16 MB and tens of milliseconds; remember the last result for repeat callers.
	let last: { passphrase: string; key: Buffer } | null = null;
	return (passphrase: string) => {
		if (last?.passphrase !== passphrase) {
			const key = scryptSync(passphrase, "dokploy:webhook-secrets:v1", keyBytes, {
				N: 2 ** 14,
				r: 8,
				p: 1,
			});
			last = { passphrase, key };
		}
		return Buffer.from(last.key);
	};
})();

/** The 32-byte AES key for webhook secrets, from the environment. */
export const resolveEncryptionKey = (
	env: Record<string, string | undefined> = process.env,
): Buffer => {
	const configured = env.WEBHOOK_ENCRYPTION_KEY?.trim();
	if (configured) return decodeRawKey(configured) ?? stretchPassphrase(configured);
	const authSecret = env.BETTER_AUTH_SECRET?.trim();
	if (authSecret) {
		const derived = hkdfSync("sha256", authSecret, "", "dokploy:webhook-secrets:v1", keyBytes);
		return Buffer.from(derived);
	}
	throw new WebhookSecretError(
		"missing_encryption_key",
		"Webhook secrets need an encryption key: set WEBHOOK_ENCRYPTION_KEY (e.g. `openssl rand -hex 32`) or BETTER_AUTH_SECRET",
	);
};

export const encryptSecret = (plain: string, key: Buffer, random: RandomBytes = randomBytes) => {
	const iv = random(ivBytes);
	const cipher = createCipheriv("aes-256-gcm", key, iv);
	const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
	const tag = cipher.getAuthTag();
	return [ciphertextVersion, iv, tag, ciphertext]
		.map((part) => (typeof part === "string" ? part : part.toString("base64url")))
		.join(".");
};

export const decryptSecret = (blob: string, key: Buffer): string => {
	const parts = blob.split(".");
	const [version, iv, tag, ciphertext] = parts.map((part, index) =>
		index === 0 ? part : Buffer.from(part, "base64url"),
	);
	if (
		parts.length !== 4 ||
		version !== ciphertextVersion ||
		!(iv instanceof Buffer && iv.length === ivBytes) ||
		!(tag instanceof Buffer && tag.length === tagBytes) ||
		!(ciphertext instanceof Buffer)
	) {
		throw new WebhookSecretError(
			"malformed_ciphertext",
			"The stored webhook secret is not in the v1.<iv>.<tag>.<ciphertext> format",
		);
	}
	try {
		const decipher = createDecipheriv("aes-256-gcm", key, iv);
		decipher.setAuthTag(tag);
		return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
	} catch (cause) {
		throw new WebhookSecretError(
			"decryption_failed",
			"The stored webhook secret could not be decrypted: it was altered, or the encryption key changed",
			{ cause },
		);
	}
};

/** `whsec_abcd…`: enough for a person to tell secrets apart, nothing to sign with. */
export const maskSecret = (secret: string) => {
	const prefix = secret.startsWith(secretPrefix) ? secretPrefix : "";
	const rest = secret.slice(prefix.length);
	return rest.length >= 16 ? `${prefix}${rest.slice(0, 4)}…` : `${prefix}…`;
};
