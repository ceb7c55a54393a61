/**
 * Custom headers are refused at save when they cannot be sent as written (issue 9 §3). Before,
 * these were accepted and then broke every attempt: undici throws on them, each attempt counted as
 * a network error and was retried until the delivery failed. Each case first shows, against a
 * real loopback server and the undici the worker uses, what happens when such a header is sent,
 * then that saving it is refused with a message naming the header.
 */
import { once } from "node:events";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
	webhookInput as input,
	newApplication,
	publicDnsAtSave,
	rejection,
} from "../services/__test__/webhook-inputs";
import { createWebhook, updateWebhook } from "./__test__/as-owner";
import { useWebhookEngine } from "./__test__/engine";
import { findHeaderProblem } from "./rules";

useWebhookEngine();

let url: string;
let lastHeaders: IncomingHttpHeaders = {};
const server = createServer((req, res) => {
	lastHeaders = req.headers;
	req.resume();
	req.on("end", () => res.end("ok"));
});

beforeAll(async () => {
	server.listen(0, "127.0.0.1");
	await once(server, "listening");
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const send = async (name: string, value: string) => {
	lastHeaders = {};
	const response = await request(url, { method: "POST", headers: { [name]: value }, body: "{}" });
	await response.body.text();
	return lastHeaders[name.toLowerCase()];
};

/** [header, value, what undici does with it, the refusal's wording] */
const unsendable: [string, string, RegExp][] = [
	["Transfer-Encoding", "chunked", /controls the connection/],
	["Keep-Alive", "timeout=5", /controls the connection/],
	["Upgrade", "websocket", /controls the connection/],
	["Expect", "100-continue", /controls the connection/],
	["X-Control", "a\u0001b", /visible ASCII/],
	["X-Nul", "a\u0000b", /visible ASCII/],
	["X-Delete", "a\u007fb", /visible ASCII/],
	["X-Symbol", "ok \u2713", /visible ASCII/],
];

describe("custom headers that cannot be sent", () => {
	it.each(unsendable)(
		"%s: undici refuses to send it, and saving it is refused",
		async (name, value, refusal) => {
			await expect(send(name, value)).rejects.toThrow(/invalid|not supported/);
			const applicationId = await newApplication();
			const message = await rejection(
				createWebhook(
					input(applicationId, { headers: { [name]: value } }),
					undefined,
					publicDnsAtSave,
				),
			);
			expect(message).toMatch(refusal);
			expect(message).toContain(name);
		},
	);

	it("Connection: undici rewrites the admin's value (it owns the connection), and saving it is refused", async () => {
		expect(await send("Connection", "close, X-Secret")).not.toBe("close, X-Secret");
		const applicationId = await newApplication();
		expect(
			await rejection(
				createWebhook(
					input(applicationId, { headers: { Connection: "close" } }),
					undefined,
					publicDnsAtSave,
				),
			),
		).toMatch(/The header Connection controls the connection/);
	});

	it.each([
		["TE", "trailers"],
		["Trailer", "X-Checksum"],
		["Proxy-Connection", "keep-alive"],
	])(
		"%s is hop-by-hop (a proxy on the way drops it), so saving it is refused",
		async (name, value) => {
			const applicationId = await newApplication();
			expect(
				await rejection(
					createWebhook(
						input(applicationId, { headers: { [name]: value } }),
						undefined,
						publicDnsAtSave,
					),
				),
			).toMatch(new RegExp(`The header ${name} controls the connection`));
		},
	);

	it("a value outside ASCII reaches the receiver re-encoded as Latin-1, so it is refused too", async () => {
		// Node reads header bytes as Latin-1: "héllo" back means the byte 0xE9 went out, which a
		// receiver reading UTF-8 (as most do) cannot decode.
		expect(await send("X-Name", "héllo")).toBe("héllo");
		expect(await send("X-Name", "héllo")).not.toBe(Buffer.from("héllo").toString("latin1"));
		expect(findHeaderProblem("X-Name", "héllo")?.code).toBe("invalid_value");
	});

	it("refuses the same headers on update and keeps the saved ones", async () => {
		const applicationId = await newApplication();
		const { webhook } = await createWebhook(
			input(applicationId, { headers: { Authorization: "Bearer token-1" } }),
			undefined,
			publicDnsAtSave,
		);
		expect(
			await rejection(
				updateWebhook({
					webhookId: webhook.webhookId,
					headers: { "Transfer-Encoding": "chunked" },
				}),
			),
		).toMatch(/Transfer-Encoding controls the connection/);
		const unchanged = await updateWebhook({ webhookId: webhook.webhookId, name: "Renamed" });
		expect(unchanged.headers).toEqual({ Authorization: "Bearer token-1" });
	});

	it("accepts every header a receiver commonly needs", () => {
		const ok: [string, string][] = [
			["Authorization", "Bearer abc.def-ghi_jkl"],
			["X-Api-Key", "k3y!#$%&'*+.^_`|~"],
			["X-Tab", "a\tb"],
			["X-Empty", ""],
		];
		for (const [name, value] of ok) expect(findHeaderProblem(name, value), name).toBeNull();
	});
});
