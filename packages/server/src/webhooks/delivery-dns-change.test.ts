import { lookup } from "node:dns/promises";
import type { AddressInfo } from "node:net";
import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestService } from "../__test__/fixtures";
import { PUBLIC_ADDRESS } from "../services/__test__/webhook-inputs";
import { createWebhook } from "./__test__/as-owner";
import { deploy, waitForFinishedDeliveries } from "./__test__/deliveries";
import { useWebhookEngine } from "./__test__/engine";
import { useReceiverRoutes } from "./__test__/routes";
import type { ResolvedAddress, ResolveHost } from "./url-guard";

/**
 * DNS as these tests script it, injected both where a webhook is saved (createWebhook) and where
 * it is sent (the worker), so a test can change a name's answer in between. Only localhost, the
 * test receiver, goes to the system's resolver: no name here can reach a real host.
 */
const answers = new Map<string, readonly ResolvedAddress[]>();
const failures = new Map<string, string[]>();
const lookups: string[] = [];
const resolve: ResolveHost = async (hostname) => {
	lookups.push(hostname);
	const code = failures.get(hostname)?.shift();
	if (code) throw Object.assign(new Error(`scripted ${code}`), { code });
	const scripted = answers.get(hostname);
	if (scripted) return scripted;
	if (hostname === "localhost") return lookup(hostname, { all: true });
	throw Object.assign(new Error(`no scripted answer for ${hostname}`), { code: "ENOTFOUND" });
};
const lookupsOf = (host: string) => lookups.filter((name) => name === host).length;
const publicAnswer: readonly ResolvedAddress[] = [{ address: PUBLIC_ADDRESS, family: 4 }];

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

/** Saves a webhook for a new application; its URL is checked with the scripted DNS. */
const saveWebhook = async (url: string) => {
	const { ref } = await createTestService("application", { buildCommand: "true" });
	const { webhook } = await createWebhook(
		{ applicationId: ref.id, name: "DNS", url, events: ["deployment.started"] },
		undefined,
		{ resolve },
	);
	return { ref, webhookId: webhook.webhookId };
};

/** Deploys the application and waits for the webhook's one delivery to finish. */
const deliverOnce = async (saved: Awaited<ReturnType<typeof saveWebhook>>) => {
	await deploy(saved.ref);
	const [delivery] = await waitForFinishedDeliveries(saved.webhookId, 1);
	return delivery!;
};

const listenerUrl = (host: string) =>
	`https://${host}:${(listener.address() as AddressInfo).port}/hook`;

describe("DNS answers that change between save and send", () => {
	it("refuses a DNS answer that changes between save and send: saved while public, sent while private, not retried, nothing sent", async () => {
		const host = "hooks-rebound.example.com";
		answers.set(host, publicAnswer);
		const saved = await saveWebhook(listenerUrl(host));
		expect(lookupsOf(host), "the URL is checked with DNS when it is saved").toBe(1);

		answers.set(host, [{ address: "10.0.0.5", family: 4 }]);
		const before = connections;
		const delivery = await deliverOnce(saved);
		expect(lookupsOf(host), "the worker resolves the name again, once, to send").toBe(2);
		expect(delivery).toMatchObject({
			status: "failed",
			attemptCount: 1,
			lastHttpStatus: null,
			lastError: `Address 10.0.0.5 of ${host} is private-range and cannot receive webhooks`,
		});
		expect(delivery.attempts).toHaveLength(1);
		// The guard's refusal, not a connection error, is what the attempt recorded: no request left.
		expect(delivery.attempts[0]).toMatchObject({
			outcome: "give_up",
			httpStatus: null,
			error: delivery.lastError,
		});
		expect(connections).toBe(before);
	});

	// The private-range case is the test above; these are the other internal answers.
	it.each([
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
		"refuses to send, without retrying, when the host resolved to a public address at save and resolves to %s at send time",
		async (_case, label, addresses, reason) => {
			const host = `hooks-${label}.example.com`;
			answers.set(host, publicAnswer);
			const saved = await saveWebhook(listenerUrl(host));
			answers.set(host, addresses);
			const before = connections;
			const delivery = await deliverOnce(saved);
			expect(lookupsOf(host)).toBe(2);
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
		const saved = await saveWebhook(target.url);
		failures.set("localhost", ["EAI_AGAIN"]);
		const delivery = await deliverOnce(saved);
		expect(delivery).toMatchObject({ status: "success", attemptCount: 2 });
		expect(delivery.attempts[0]).toMatchObject({
			outcome: "retry",
			error: "DNS lookup of localhost failed temporarily (EAI_AGAIN)",
		});
		expect(target.requests()).toHaveLength(1);
	});

	it("gives up at once on a host that existed at save and no longer exists at send", async () => {
		answers.set("gone.example.com", publicAnswer);
		const saved = await saveWebhook("https://gone.example.com/hook");
		answers.delete("gone.example.com");
		failures.set("gone.example.com", ["ENOTFOUND"]);
		const delivery = await deliverOnce(saved);
		expect(delivery).toMatchObject({
			status: "failed",
			attemptCount: 1,
			lastError: "Host gone.example.com does not exist in DNS (ENOTFOUND)",
		});
	});
});
