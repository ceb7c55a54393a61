/**
 * Saving a webhook resolves its URL's host, so an admin hears at once that the host does not
 * exist or points inside the network. DNS is scripted here; the worker's own check before every
 * send is in delivery-dns-change.test.ts.
 */
import { describe, expect, it } from "vitest";
import { createTestService } from "../__test__/fixtures";
import { NotFoundError } from "../lib/errors";
import {
	createWebhook,
	findWebhooksByApplication,
	updateWebhook,
} from "../webhooks/__test__/as-owner";
import { webhookRow } from "../webhooks/__test__/deliveries";
import { useWebhookEngine } from "../webhooks/__test__/engine";
import type { ResolvedAddress, ResolveHost } from "../webhooks/url-guard";
import {
	webhookInput as input,
	newApplication,
	PUBLIC_ADDRESS,
	publicDnsAtSave,
	rejection,
} from "./__test__/webhook-inputs";

useWebhookEngine();

/** A resolver with one scripted answer (addresses, or a DNS error code) that notes each name asked. */
const scriptedDns = (answer: readonly ResolvedAddress[] | { code: string }) => {
	const asked: string[] = [];
	const resolve: ResolveHost = async (hostname) => {
		asked.push(hostname);
		if ("code" in answer) {
			throw Object.assign(new Error(`scripted ${answer.code}`), { code: answer.code });
		}
		return answer;
	};
	return { asked, resolve };
};

const publicAnswer = [{ address: PUBLIC_ADDRESS, family: 4 }];

const refusals: [string, readonly ResolvedAddress[] | { code: string }, string][] = [
	[
		"a host that does not exist",
		{ code: "ENOTFOUND" },
		"Host hooks.example.com does not exist in DNS (ENOTFOUND)",
	],
	["a host without addresses", [], "Host hooks.example.com has no addresses in DNS"],
	[
		"a host that resolves to a private address",
		[{ address: "10.0.0.5", family: 4 }],
		"Address 10.0.0.5 of hooks.example.com is private-range and cannot receive webhooks",
	],
	[
		"a host that resolves to a public and a private address",
		[...publicAnswer, { address: "192.168.1.10", family: 4 }],
		"Address 192.168.1.10 of hooks.example.com is private-range and cannot receive webhooks",
	],
	[
		"a host whose DNS lookup fails temporarily",
		{ code: "EAI_AGAIN" },
		"DNS lookup of hooks.example.com failed temporarily (EAI_AGAIN)",
	],
];

describe("the URL's host is resolved when a webhook is saved", () => {
	it.each(refusals)(
		"createWebhook refuses %s with a clear message and saves nothing",
		async (_case, answer, message) => {
			const applicationId = await newApplication();
			const dns = scriptedDns(answer);
			const refused = createWebhook(input(applicationId), undefined, { resolve: dns.resolve });
			expect(await rejection(refused)).toBe(message);
			expect(dns.asked).toEqual(["hooks.example.com"]);
			expect(await findWebhooksByApplication(applicationId)).toEqual([]);
		},
	);

	it.each(refusals)(
		"updateWebhook refuses a new URL on %s with a clear message and changes nothing",
		async (_case, answer, message) => {
			const { webhook } = await createWebhook(
				input(await newApplication(), { url: "https://old.example.com/in" }),
				undefined,
				publicDnsAtSave,
			);
			const before = await webhookRow(webhook.webhookId);
			const dns = scriptedDns(answer);
			const refused = updateWebhook(
				{ webhookId: webhook.webhookId, name: "Moved", url: "https://hooks.example.com/dokploy" },
				undefined,
				{ resolve: dns.resolve },
			);
			expect(await rejection(refused)).toBe(message);
			expect(dns.asked).toEqual(["hooks.example.com"]);
			expect(await webhookRow(webhook.webhookId)).toEqual(before);
		},
	);

	it("does not resolve again on an update that leaves the URL as it is", async () => {
		const saving = scriptedDns(publicAnswer);
		const { webhook } = await createWebhook(input(await newApplication()), undefined, {
			resolve: saving.resolve,
		});
		expect(saving.asked).toEqual(["hooks.example.com"]);
		const { webhookId, url } = webhook;

		// The host has vanished since; edits that keep the URL still save, as they never ask DNS.
		const vanished = scriptedDns({ code: "ENOTFOUND" });
		const options = { resolve: vanished.resolve };
		await updateWebhook(
			{ webhookId, name: "Renamed", events: ["deployment.failed"] },
			undefined,
			options,
		);
		await updateWebhook({ webhookId, url, enabled: false }, undefined, options);
		expect(vanished.asked).toEqual([]);
		expect(await webhookRow(webhookId)).toMatchObject({ name: "Renamed", url, enabled: false });

		const moving = scriptedDns(publicAnswer);
		const moved = await updateWebhook(
			{ webhookId, url: "https://moved.example.com/in" },
			undefined,
			{ resolve: moving.resolve },
		);
		expect(moving.asked).toEqual(["moved.example.com"]);
		expect(moved.url).toBe("https://moved.example.com/in");
	});

	it("asks DNS only once the input is valid and the service or webhook is the caller's", async () => {
		const { service, organizationId } = await createTestService("application");
		const stranger = await createTestService("application");
		const dns = scriptedDns(publicAnswer);
		const options = { resolve: dns.resolve };
		expect(
			await rejection(createWebhook(input(service.id, { name: "" }), undefined, options)),
		).toMatch(/Name is required/);
		await expect(
			createWebhook(input(service.id), stranger.organizationId, options),
		).rejects.toBeInstanceOf(NotFoundError);
		const { webhook } = await createWebhook(input(service.id), organizationId, publicDnsAtSave);
		await expect(
			updateWebhook(
				{ webhookId: webhook.webhookId, url: "https://moved.example.com/in" },
				stranger.organizationId,
				options,
			),
		).rejects.toBeInstanceOf(NotFoundError);
		expect(dns.asked).toEqual([]);
	});
});
