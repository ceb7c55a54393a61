import { lookup } from "node:dns/promises";
import type { AddressInfo } from "node:net";
import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestService } from "../__test__/fixtures";
import { createWebhook } from "../services/webhook";
import { deploy, waitForFinishedDeliveries } from "./__test__/deliveries";
import { useWebhookEngine } from "./__test__/engine";
import { useReceiverRoutes } from "./__test__/routes";
import type { ResolvedAddress, ResolveHost } from "./url-guard";

/** DNS as the worker sees it at send time: scripted answers per host, the real resolver otherwise. */
const answers = new Map<string, readonly ResolvedAddress[]>();
const failures = new Map<string, string[]>();
const lookups: string[] = [];
const resolve: ResolveHost = async (hostname) => {
	lookups.push(hostname);
	const code = failures.get(hostname)?.shift();
	if (code) throw Object.assign(new Error(`scripted ${code}`), { code });
	return answers.get(hostname) ?? lookup(hostname, { all: true });
};

const engine = useWebhookEngine({ worker: { resolve } });
const route = useReceiverRoutes(engine);

// A plain TCP listener on loopback: if a blocked delivery were sent anyway, it would connect here.
let listener: Server;
let connections = 0;
beforeAll(async () => {
	listener = createServer((socket) => {
		connections++;
		socket.destroy();
	});
	await new Promise<void>((done) => listener.listen(0, "127.0.0.1", done));
});
afterAll(() => new Promise<void>((done) => listener.close(() => done())));

const deliverTo = async (url: string) => {
	const { ref } = await createTestService("application", { buildCommand: "true" });
	const { webhook } = await createWebhook({
		applicationId: ref.id,
		name: "DNS",
		url,
		events: ["deployment.started"],
	});
	await deploy(ref);
	const [delivery] = await waitForFinishedDeliveries(webhook.webhookId, 1);
	return delivery!;
};

describe("DNS answers that change between save and send", () => {
	it.each([
		[
			"a private address",
			"private",
			[{ address: "10.0.0.5", family: 4 }],
			/10\.0\.0\.5 .*is private-range/,
		],
		["loopback", "loopback", [{ address: "127.0.0.1", family: 4 }], /127\.0\.0\.1 .*is loopback/],
		["IPv4-mapped loopback", "mapped", [{ address: "::ffff:127.0.0.1", family: 6 }], /is loopback/],
		[
			"a public and a private address",
			"mixed",
			[
				{ address: "93.184.215.14", family: 4 },
				{ address: "127.0.0.1", family: 4 },
			],
			/127\.0\.0\.1 .*is loopback/,
		],
	])(
		"refuses to send, without retrying, when the host resolves to %s at send time",
		async (_case, label, addresses, reason) => {
			const host = `hooks-${label}.example.com`;
			const port = (listener.address() as AddressInfo).port;
			// Saving only checks the URL's shape: the host is a name, so it is accepted.
			answers.set(host, addresses);
			const before = connections;
			const delivery = await deliverTo(`https://${host}:${port}/hook`);
			expect(lookups).toContain(host);
			expect(delivery).toMatchObject({ status: "failed", attemptCount: 1, lastHttpStatus: null });
			expect(delivery.attempts[0]).toMatchObject({ outcome: "give_up", httpStatus: null });
			expect(delivery.lastError).toMatch(reason);
			expect(delivery.lastError).toMatch(
				new RegExp(`of ${host.replaceAll(".", "\\.")} .*cannot receive webhooks`),
			);
			expect(connections).toBe(before);
		},
	);

	it("retries a temporary DNS failure and delivers once the name resolves", async () => {
		const target = route();
		failures.set("localhost", ["EAI_AGAIN"]);
		const delivery = await deliverTo(target.url);
		expect(delivery).toMatchObject({ status: "success", attemptCount: 2 });
		expect(delivery.attempts[0]).toMatchObject({
			outcome: "retry",
			error: "DNS lookup of localhost failed temporarily (EAI_AGAIN)",
		});
		expect(target.requests()).toHaveLength(1);
	});

	it("gives up at once on a host that no longer exists", async () => {
		failures.set("gone.example.com", ["ENOTFOUND"]);
		const delivery = await deliverTo("https://gone.example.com/hook");
		expect(delivery).toMatchObject({
			status: "failed",
			attemptCount: 1,
			lastError: "Host gone.example.com does not exist in DNS (ENOTFOUND)",
		});
	});
});
