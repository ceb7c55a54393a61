import { lookup } from "node:dns/promises";
import { describe, expect, it } from "vitest";
import { createTestService } from "../__test__/fixtures";
import { createWebhook } from "./__test__/as-owner";
import { deploy, waitForFinishedDeliveries } from "./__test__/deliveries";
import { useWebhookEngine } from "./__test__/engine";
import { useReceiverRoutes } from "./__test__/routes";
import type { ResolvedAddress, ResolveHost } from "./url-guard";

/**
 * The worker keeps warm connections, and that must not weaken the address check made before
 * every send. Here only the address 127.0.0.1 is allowlisted (not the name localhost), so the
 * receiver is reachable while localhost resolves there, and refused once DNS says otherwise.
 * The scripted resolver is injected uncached, so each send sees the current answer.
 */
let answer: readonly ResolvedAddress[] | null = null;
const resolve: ResolveHost = async (hostname) =>
	hostname === "localhost" && answer ? answer : lookup(hostname, { all: true });

const engine = useWebhookEngine({
	worker: { resolve },
	env: { WEBHOOK_ALLOWED_HOSTS: "127.0.0.1" },
});
const route = useReceiverRoutes(engine);

describe("warm connection pools in the worker", () => {
	it("delivers one webhook's events over one kept-alive connection, and refuses the warm pool once DNS moves the host to a private address", async () => {
		answer = [{ address: "127.0.0.1", family: 4 }];
		const target = route();
		const { ref } = await createTestService("application", { buildCommand: "true" });
		const { webhook } = await createWebhook(
			{ applicationId: ref.id, name: "warm", url: target.url, events: ["deployment.started"] },
			undefined,
			{ resolve },
		);
		const connectionsBefore = engine.receiver.connections();
		for (let round = 1; round <= 3; round++) {
			await deploy(ref);
			await waitForFinishedDeliveries(webhook.webhookId, round);
		}
		expect(target.requests()).toHaveLength(3);
		expect(
			engine.receiver.connections() - connectionsBefore,
			"one TLS connection for 3 events",
		).toBe(1);

		answer = [{ address: "10.0.0.5", family: 4 }];
		await deploy(ref);
		const deliveries = await waitForFinishedDeliveries(webhook.webhookId, 4);
		expect(deliveries.at(-1)).toMatchObject({
			status: "failed",
			attemptCount: 1,
			lastHttpStatus: null,
			lastError: "Address 10.0.0.5 of localhost is private-range and cannot receive webhooks",
		});
		expect(target.requests(), "nothing went over the warm connection").toHaveLength(3);
	});
});
