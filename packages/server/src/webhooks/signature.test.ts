import { createHmac } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { generateWebhookSecret } from "./secrets";
import {
	buildSignatureHeaders,
	dokploySignatureHeader,
	verifyDokploySignature,
	WebhookSignatureError,
} from "./signature";

const body = JSON.stringify({ event: "deployment.success", deployment: { id: "dep_1" } });
const now = new Date("2025-06-01T12:00:00.000Z");
const nowSeconds = now.getTime() / 1000;
const currentSecret = generateWebhookSecret();
const previousSecret = generateWebhookSecret();

const headersFor = (secrets: string[], at = now, payload = body) =>
	buildSignatureHeaders({ deliveryId: "msg_delivery1", body: payload, secrets, now: at });

describe("buildSignatureHeaders", () => {
	it("emits the Dokploy and the Standard Webhooks headers for the same timestamp", () => {
		const headers = headersFor([currentSecret]);
		expect(headers["webhook-id"]).toBe("msg_delivery1");
		expect(headers["webhook-timestamp"]).toBe(String(nowSeconds));
		expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
		expect(headers[dokploySignatureHeader]).toMatch(
			new RegExp(`^t=${nowSeconds},v1=[0-9a-f]{64}$`),
		);
	});

	it("signs t.body with the secret string as the HMAC key", () => {
		const expected = createHmac("sha256", currentSecret)
			.update(`${nowSeconds}.${body}`)
			.digest("hex");
		expect(headersFor([currentSecret])[dokploySignatureHeader]).toBe(
			`t=${nowSeconds},v1=${expected}`,
		);
	});

	it("is verified by the standardwebhooks library", () => {
		const headers = headersFor([currentSecret], new Date());
		expect(new Webhook(currentSecret).verify(body, headers)).toEqual(JSON.parse(body));
	});

	it("during a rotation carries one signature per secret, each verifiable alone", () => {
		const headers = headersFor([currentSecret, previousSecret], new Date());
		expect(headers["webhook-signature"].split(" ")).toHaveLength(2);
		expect(headers[dokploySignatureHeader].match(/v1=/g)).toHaveLength(2);
		for (const secret of [currentSecret, previousSecret]) {
			expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
			expect(verifyDokploySignature(body, headers[dokploySignatureHeader], secret)).toBe(true);
		}
		const stranger = generateWebhookSecret();
		expect(() => new Webhook(stranger).verify(body, headers)).toThrow();
		expect(verifyDokploySignature(body, headers[dokploySignatureHeader], stranger)).toBe(false);
	});

	it("is refused by the standardwebhooks library when the body was altered", () => {
		const headers = headersFor([currentSecret], new Date());
		expect(() => new Webhook(currentSecret).verify(`${body} `, headers)).toThrow();
	});

	it("refuses to sign without a secret or with a secret that holds no key bytes", () => {
		expect(() => headersFor([])).toThrowError(WebhookSignatureError);
		expect(() => headersFor(["whsec_"])).toThrowError(WebhookSignatureError);
	});
});

describe("verifyDokploySignature", () => {
	const header = headersFor([currentSecret])[dokploySignatureHeader];

	it("accepts a valid signature within the tolerance", () => {
		expect(verifyDokploySignature(body, header, currentSecret, 300, now)).toBe(true);
		expect(
			verifyDokploySignature(body, header, currentSecret, 300, new Date(now.getTime() + 299_000)),
		).toBe(true);
	});

	it("rejects a tampered body", () => {
		expect(
			verifyDokploySignature(body.replace("success", "failed"), header, currentSecret, 300, now),
		).toBe(false);
	});

	it("rejects the wrong secret", () => {
		expect(verifyDokploySignature(body, header, previousSecret, 300, now)).toBe(false);
	});

	it("rejects an expired or future timestamp beyond the tolerance", () => {
		const later = new Date(now.getTime() + 301_000);
		const earlier = new Date(now.getTime() - 301_000);
		expect(verifyDokploySignature(body, header, currentSecret, 300, later)).toBe(false);
		expect(verifyDokploySignature(body, header, currentSecret, 300, earlier)).toBe(false);
	});

	it("rejects a signature moved to another timestamp", () => {
		const replayed = header.replace(`t=${nowSeconds}`, `t=${nowSeconds + 60}`);
		expect(verifyDokploySignature(body, replayed, currentSecret, 300, now)).toBe(false);
	});

	it("accepts when any one of several v1 entries matches, and ignores unknown schemes", () => {
		const decoy = `v1=${"0".repeat(64)}`;
		const [timestamp, signature] = header.split(",");
		const rotated = `${timestamp},${decoy},v0=abc,${signature}`;
		expect(verifyDokploySignature(body, rotated, currentSecret, 300, now)).toBe(true);
	});

	it.each([
		"",
		"garbage",
		`t=${nowSeconds}`,
		"v1=00",
		`t=abc,v1=${"0".repeat(64)}`,
		`t=${nowSeconds},v1=xyz`,
		`t=${nowSeconds},t=${nowSeconds},v1=${"0".repeat(64)}`,
		`t=${nowSeconds},v1`,
	])("rejects the malformed header %j", (malformed) => {
		expect(verifyDokploySignature(body, malformed, currentSecret, 300, now)).toBe(false);
	});
});
