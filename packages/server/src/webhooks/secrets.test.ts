import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
	decryptSecret,
	encryptSecret,
	generateWebhookSecret,
	maskSecret,
	resolveEncryptionKey,
	WebhookSecretError,
} from "./secrets";

const key = randomBytes(32);
const base64url = /^[A-Za-z0-9_-]+$/;

const secretErrorCode = (run: () => unknown) => {
	try {
		run();
	} catch (error) {
		if (error instanceof WebhookSecretError) return error.code;
		throw error;
	}
	throw new Error("expected a WebhookSecretError");
};

describe("generateWebhookSecret", () => {
	it("encodes 32 bytes of the injected randomness as whsec_<base64>", () => {
		const bytes = Buffer.alloc(32, 7);
		const secret = generateWebhookSecret((size) => {
			expect(size).toBe(32);
			return bytes;
		});
		expect(secret).toBe(`whsec_${bytes.toString("base64")}`);
	});

	it("produces a different secret each time by default", () => {
		const secret = generateWebhookSecret();
		expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
		expect(generateWebhookSecret()).not.toBe(secret);
	});
});

describe("encryptSecret / decryptSecret", () => {
	const secret = generateWebhookSecret();

	it("round-trips a secret", () => {
		expect(decryptSecret(encryptSecret(secret, key), key)).toBe(secret);
		expect(decryptSecret(encryptSecret("", key), key)).toBe("");
		expect(decryptSecret(encryptSecret("üñí©ødé", key), key)).toBe("üñí©ødé");
	});

	it("writes v1.<iv>.<tag>.<ciphertext> in base64url with a 12-byte IV and a 16-byte tag", () => {
		const blob = encryptSecret(secret, key);
		const [version, iv, tag, ciphertext, ...rest] = blob.split(".");
		expect(version).toBe("v1");
		expect(rest).toEqual([]);
		for (const part of [iv, tag, ciphertext]) expect(part).toMatch(base64url);
		expect(Buffer.from(iv ?? "", "base64url")).toHaveLength(12);
		expect(Buffer.from(tag ?? "", "base64url")).toHaveLength(16);
		expect(Buffer.from(ciphertext ?? "", "base64url")).toHaveLength(Buffer.byteLength(secret));
		expect(blob).not.toContain(secret.slice(6, 20));
	});

	it("uses a fresh IV so two encryptions of one secret differ", () => {
		const first = encryptSecret(secret, key);
		const second = encryptSecret(secret, key);
		expect(first).not.toBe(second);
		expect(first.split(".")[1]).not.toBe(second.split(".")[1]);
	});

	it("takes the IV from the injected randomness", () => {
		const iv = Buffer.alloc(12, 1);
		const blob = encryptSecret(secret, key, () => iv);
		expect(blob.split(".")[1]).toBe(iv.toString("base64url"));
		expect(decryptSecret(blob, key)).toBe(secret);
	});

	it("detects tampering with the ciphertext, the tag or the IV", () => {
		const [version, iv, tag, ciphertext] = encryptSecret(secret, key).split(".") as [
			string,
			string,
			string,
			string,
		];
		const flip = (part: string) => {
			const bytes = Buffer.from(part, "base64url");
			bytes[0] = (bytes[0] ?? 0) ^ 1;
			return bytes.toString("base64url");
		};
		for (const altered of [
			[version, iv, tag, flip(ciphertext)],
			[version, iv, flip(tag), ciphertext],
			[version, flip(iv), tag, ciphertext],
		]) {
			expect(secretErrorCode(() => decryptSecret(altered.join("."), key))).toBe(
				"decryption_failed",
			);
		}
	});

	it("refuses to decrypt with the wrong key", () => {
		const blob = encryptSecret(secret, key);
		expect(secretErrorCode(() => decryptSecret(blob, randomBytes(32)))).toBe("decryption_failed");
	});

	it.each(["", "plaintext", "v2.a.b.c", "v1.AAAA.AAAA.AAAA", "v1.a.b.c.d"])(
		"reports %j as malformed",
		(blob) => {
			expect(secretErrorCode(() => decryptSecret(blob, key))).toBe("malformed_ciphertext");
		},
	);
});

describe("resolveEncryptionKey", () => {
	const raw = randomBytes(32);

	it("uses 64 hex characters as the key bytes", () => {
		expect(resolveEncryptionKey({ WEBHOOK_ENCRYPTION_KEY: raw.toString("hex") })).toEqual(raw);
	});

	it("uses base64 or base64url of 32 bytes as the key bytes", () => {
		expect(resolveEncryptionKey({ WEBHOOK_ENCRYPTION_KEY: raw.toString("base64") })).toEqual(raw);
		expect(resolveEncryptionKey({ WEBHOOK_ENCRYPTION_KEY: raw.toString("base64url") })).toEqual(
			raw,
		);
	});

	it("stretches any other value into a stable 32-byte key, distinct per passphrase", () => {
		const first = resolveEncryptionKey({ WEBHOOK_ENCRYPTION_KEY: "correct horse battery staple" });
		expect(first).toHaveLength(32);
		expect(
			resolveEncryptionKey({ WEBHOOK_ENCRYPTION_KEY: "correct horse battery staple" }),
		).toEqual(first);
		expect(resolveEncryptionKey({ WEBHOOK_ENCRYPTION_KEY: "another passphrase" })).not.toEqual(
			first,
		);
	});

	it("prefers WEBHOOK_ENCRYPTION_KEY over BETTER_AUTH_SECRET", () => {
		expect(
			resolveEncryptionKey({
				WEBHOOK_ENCRYPTION_KEY: raw.toString("hex"),
				BETTER_AUTH_SECRET: "auth-secret",
			}),
		).toEqual(raw);
	});

	it("derives a key from BETTER_AUTH_SECRET that differs from the secret itself", () => {
		const authSecret = randomBytes(32).toString("hex");
		const derived = resolveEncryptionKey({
			BETTER_AUTH_SECRET: authSecret,
			WEBHOOK_ENCRYPTION_KEY: " ",
		});
		expect(derived).toHaveLength(32);
		expect(derived.toString("hex")).not.toBe(authSecret);
		expect(resolveEncryptionKey({ BETTER_AUTH_SECRET: authSecret })).toEqual(derived);
	});

	it("explains which variables to set when neither is present", () => {
		expect(() => resolveEncryptionKey({})).toThrowError(
			/WEBHOOK_ENCRYPTION_KEY.*BETTER_AUTH_SECRET/,
		);
		expect(secretErrorCode(() => resolveEncryptionKey({ BETTER_AUTH_SECRET: "" }))).toBe(
			"missing_encryption_key",
		);
	});

	it("yields a key that encrypts and decrypts", () => {
		const derived = resolveEncryptionKey({ BETTER_AUTH_SECRET: "s3cret" });
		expect(decryptSecret(encryptSecret("whsec_x", derived), derived)).toBe("whsec_x");
	});
});

describe("maskSecret", () => {
	it("shows the prefix and the first four characters only", () => {
		expect(maskSecret("whsec_abcdEFGHijklMNOPqrstUVWX")).toBe("whsec_abcd…");
		expect(maskSecret("abcdEFGHijklMNOPqrst")).toBe("abcd…");
	});

	it("reveals nothing of a short secret", () => {
		expect(maskSecret("whsec_abcdef")).toBe("whsec_…");
		expect(maskSecret("")).toBe("…");
	});
});
