import { Webhook as StandardWebhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { createTestService } from "../__test__/fixtures";
import { createWebhook, findWebhookById, rotateSecret } from "./__test__/as-owner";
import { deliveriesOf, deploy, waitForFinishedDeliveries } from "./__test__/deliveries";
import { useWebhookEngine } from "./__test__/engine";
import type { ReceivedRequest } from "./__test__/receiver";
import { useReceiverRoutes } from "./__test__/routes";
import { generateWebhookSecret } from "./secrets";
import { verifyDokploySignature } from "./signature";

const engine = useWebhookEngine();
const route = useReceiverRoutes(engine);

/** Whether each receiver-side check accepts the request with `secret`. */
const verifiesWith = (request: ReceivedRequest, secret: string) => {
	let standard = true;
	try {
		new StandardWebhook(secret).verify(request.body, request.headers);
	} catch {
		standard = false;
	}
	const dokploy = verifyDokploySignature(
		request.body,
		request.headers["x-dokploy-signature"] ?? "",
		secret,
	);
	return { dokploy, standard };
};
const both = { dokploy: true, standard: true };
const neither = { dokploy: false, standard: false };

/** An application with one webhook on deployment.started, delivering to its own route. */
const startedWebhook = async (headers: Record<string, string> = {}) => {
	const target = route();
	const { ref } = await createTestService("application", { buildCommand: "true" });
	const created = await createWebhook({
		applicationId: ref.id,
		name: "Signed",
		url: target.url,
		events: ["deployment.started"],
		headers,
	});
	/** Deploys and returns the request the receiver got for it. */
	const deliverOne = async () => {
		const before = target.requests().length;
		await deploy(ref);
		return (await target.waitForRequests(before + 1))[before]!;
	};
	return { ...created, target, deliverOne };
};

describe("signatures on real deliveries", () => {
	it("signs the exact body with X-Dokploy-Signature and the Standard Webhooks headers", async () => {
		const { webhook, secret, deliverOne } = await startedWebhook();
		const request = await deliverOne();
		const [delivery] = await waitForFinishedDeliveries(webhook.webhookId, 1);
		expect(request.body).toBe(delivery!.body);
		const header = request.headers["x-dokploy-signature"]!;
		const [, timestamp] = header.match(/^t=(\d+),v1=[0-9a-f]{64}$/) ?? [];
		expect(Math.abs(Number(timestamp) - request.receivedAt / 1000)).toBeLessThan(300);
		expect(request.headers).toMatchObject({
			"webhook-id": delivery!.idempotencyKey,
			"x-dokploy-delivery": delivery!.idempotencyKey,
			"webhook-timestamp": timestamp,
			"x-dokploy-event": "deployment.started",
			"content-type": "application/json",
		});
		expect(request.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
		expect(verifiesWith(request, secret)).toEqual(both);
		expect(verifiesWith(request, generateWebhookSecret())).toEqual(neither);
		const tampered = {
			...request,
			body: request.body.replace("deployment.started", "deployment.failed"),
		};
		expect(verifiesWith(tampered, secret)).toEqual(neither);
	});

	it("delivers the webhook's custom headers beside Dokploy's own", async () => {
		const { deliverOne } = await startedWebhook({
			"X-Team": "platform",
			Authorization: "Bearer receiver-token",
		});
		const request = await deliverOne();
		expect(request.headers).toMatchObject({
			"x-team": "platform",
			authorization: "Bearer receiver-token",
			"content-type": "application/json",
			"user-agent": expect.stringMatching(/^Dokploy-Webhooks\/\d/),
		});
	});
});

describe("secret rotation", () => {
	it("signs with both secrets during the grace period, and each secret alone verifies", async () => {
		const { webhook, secret: oldSecret, deliverOne } = await startedWebhook();
		const rotated = await rotateSecret(webhook.webhookId, undefined, { graceHours: 1 });
		expect(rotated.webhook.previousSecretExpiresAt).not.toBeNull();
		const request = await deliverOne();
		expect(request.headers["x-dokploy-signature"]).toMatch(
			/^t=\d+,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/,
		);
		expect(request.headers["webhook-signature"]!.split(" ")).toHaveLength(2);
		expect(verifiesWith(request, oldSecret)).toEqual(both);
		expect(verifiesWith(request, rotated.secret)).toEqual(both);
		expect(verifiesWith(request, generateWebhookSecret())).toEqual(neither);
	});

	it.each([
		["the grace period is zero hours", { graceHours: 0 }],
		["the grace period is over", { graceHours: 1, now: new Date(Date.now() - 2 * 3_600_000) }],
	])("signs with the new secret only when %s", async (_case, options) => {
		const { webhook, secret: oldSecret, deliverOne } = await startedWebhook();
		const rotated = await rotateSecret(webhook.webhookId, undefined, options);
		expect((await findWebhookById(webhook.webhookId)).previousSecretExpiresAt).toBeNull();
		const request = await deliverOne();
		expect(request.headers["x-dokploy-signature"]).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
		expect(verifiesWith(request, rotated.secret)).toEqual(both);
		expect(verifiesWith(request, oldSecret)).toEqual(neither);
		expect(await deliveriesOf(webhook.webhookId)).toHaveLength(1);
	});
});
