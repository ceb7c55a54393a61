import { lookup } from "node:dns/promises";
import { once } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import type { TLSSocket } from "node:tls";
import { generate } from "selfsigned";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { type SendWebhookRequestOptions, sendWebhookRequest } from "./http";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

interface ReceivedRequest {
	method: string | undefined;
	url: string | undefined;
	host: string | undefined;
	servername: string | false | null;
	/** The server address the client connected to. */
	connectedTo: string | undefined;
	headers: IncomingMessage["headers"];
	body: string;
}

const certificateFor = async (hostname: string, ip?: string) => {
	const pems = await generate([{ name: "commonName", value: hostname }], {
		keyType: "ec",
		extensions: [
			{ name: "basicConstraints", cA: true },
			{
				name: "subjectAltName",
				altNames: ip ? [{ type: 7, ip }] : [{ type: 2, value: hostname }],
			},
		],
	});
	return { key: pems.private, cert: pems.cert };
};

let hooksTest: { key: string; cert: string };
let otherTest: { key: string; cert: string };
let loopbackIp: { key: string; cert: string };
const servers: Server[] = [];

beforeAll(async () => {
	[hooksTest, otherTest, loopbackIp] = await Promise.all([
		certificateFor("hooks.test"),
		certificateFor("other.test"),
		certificateFor("127.0.0.1", "127.0.0.1"),
	]);
});

afterEach(async () => {
	for (const server of servers.splice(0)) {
		server.closeAllConnections();
		server.close();
	}
});

/** A real HTTPS server on 127.0.0.1 that records what it receives. */
const startServer = async (handler: Handler, certificate = hooksTest) => {
	const received: ReceivedRequest[] = [];
	const server = createServer(certificate, (req, res) => {
		const chunks: Buffer[] = [];
		req.on("data", (chunk: Buffer) => chunks.push(chunk));
		req.on("end", () => {
			const socket = req.socket as TLSSocket;
			received.push({
				method: req.method,
				url: req.url,
				host: req.headers.host,
				servername: socket.servername,
				connectedTo: socket.localAddress,
				headers: req.headers,
				body: Buffer.concat(chunks).toString("utf8"),
			});
			handler(req, res);
		});
	});
	servers.push(server);
	server.listen(0, "127.0.0.1");
	await once(server, "listening");
	const { port } = server.address() as AddressInfo;
	return { port, received, url: new URL(`https://hooks.test:${port}/hook`) };
};

const send = (url: URL, overrides: Partial<SendWebhookRequestOptions> = {}) =>
	sendWebhookRequest({
		url,
		address: "127.0.0.1",
		family: 4,
		headers: { "content-type": "application/json", "x-dokploy-event": "deployment.success" },
		body: '{"event":"deployment.success"}',
		ca: hooksTest.cert,
		...overrides,
	});

describe("sendWebhookRequest", () => {
	it("posts the body to the pinned address with the hostname as SNI and Host, although the hostname is not in DNS", async () => {
		await expect(lookup("hooks.test")).rejects.toThrow();
		const server = await startServer((_req, res) => res.end("thanks"));

		const result = await send(server.url);

		expect(result).toMatchObject({
			ok: true,
			status: 200,
			responseExcerpt: "thanks",
			retryAfter: null,
			error: null,
		});
		expect(server.received).toEqual([
			expect.objectContaining({
				method: "POST",
				url: "/hook",
				host: `hooks.test:${server.port}`,
				servername: "hooks.test",
				connectedTo: "127.0.0.1",
				body: '{"event":"deployment.success"}',
			}),
		]);
		expect(server.received[0]?.headers["x-dokploy-event"]).toBe("deployment.success");
	});

	it("keeps only the first 4 KB of the response as the excerpt", async () => {
		const server = await startServer((_req, res) => res.end("a".repeat(10_000)));
		const result = await send(server.url);
		expect(result.ok).toBe(true);
		expect(result.responseExcerpt).toBe("a".repeat(4096));
	});

	it("cuts the excerpt at a whole UTF-8 character", async () => {
		const server = await startServer((_req, res) => res.end(`a${"é".repeat(3000)}`));
		const result = await send(server.url);
		expect(result.responseExcerpt).toBe(`a${"é".repeat(2047)}`);
		expect(result.responseExcerpt).not.toContain("\uFFFD");
	});

	it("returns a 302 as is and does not follow it", async () => {
		const target = await startServer((_req, res) => res.end("followed"));
		const redirecting = await startServer((_req, res) => {
			res.writeHead(302, { location: target.url.href }).end("moved");
		});

		const result = await send(redirecting.url);

		expect(result).toMatchObject({ ok: false, status: 302, responseExcerpt: "moved", error: null });
		expect(target.received).toHaveLength(0);
	});

	it("reports a non-2xx status with its Retry-After header", async () => {
		const server = await startServer((_req, res) => {
			res.writeHead(429, { "retry-after": "120" }).end("slow down");
		});
		const result = await send(server.url);
		expect(result).toMatchObject({
			ok: false,
			status: 429,
			retryAfter: "120",
			responseExcerpt: "slow down",
			error: null,
		});
	});

	it("reports a timeout when the server never answers", async () => {
		const server = await startServer(() => undefined);
		const result = await send(server.url, { timeoutMs: 300 });
		expect(result).toMatchObject({ ok: false, status: null, responseExcerpt: "" });
		expect(result.error).toEqual({
			kind: "timeout",
			message: "No complete response within 300 ms",
		});
		expect(server.received).toHaveLength(1);
	});

	it("counts the body in the timeout: headers followed by a stalled body time out", async () => {
		const server = await startServer((_req, res) => {
			res.writeHead(200);
			res.write("partial");
		});
		const result = await send(server.url, { timeoutMs: 300 });
		expect(result).toMatchObject({ ok: false, status: 200, error: { kind: "timeout" } });
	});

	it("stops reading an endless response body and closes the connection", async () => {
		let closedByClient: Promise<unknown> = Promise.resolve();
		const server = await startServer((_req, res) => {
			closedByClient = once(res, "close");
			const chunk = Buffer.alloc(16 * 1024, "z");
			const pump = () => {
				while (!res.destroyed && res.write(chunk)) {}
			};
			res.on("drain", pump);
			pump();
		});

		const result = await send(server.url, { maxResponseBytes: 64 * 1024 });

		expect(result).toMatchObject({ ok: true, status: 200, error: null });
		expect(result.responseExcerpt).toBe("z".repeat(4096));
		await closedByClient;
	});

	it("refuses a certificate that is not trusted", async () => {
		const server = await startServer((_req, res) => res.end("ok"));
		const result = await send(server.url, { ca: undefined });
		expect(result.ok).toBe(false);
		expect(result.status).toBeNull();
		expect(result.error?.kind).toBe("tls");
		expect(result.error?.message).toMatch(/self[- ]signed/i);
		expect(server.received).toHaveLength(0);
	});

	it("refuses a trusted certificate issued for another hostname", async () => {
		const server = await startServer((_req, res) => res.end("ok"), otherTest);
		const result = await send(server.url, { ca: [hooksTest.cert, otherTest.cert] });
		expect(result.error?.kind).toBe("tls");
		expect(result.error?.message).toContain("ERR_TLS_CERT_ALTNAME_INVALID");
		expect(server.received).toHaveLength(0);
	});

	it("verifies the certificate of an IP-literal URL against the IP", async () => {
		const server = await startServer((_req, res) => res.end("by ip"), loopbackIp);
		const url = new URL(`https://127.0.0.1:${server.port}/hook`);
		const result = await send(url, { ca: loopbackIp.cert });
		expect(result).toMatchObject({ ok: true, responseExcerpt: "by ip" });
		expect(server.received[0]?.servername).toBe(false);
	});

	it("reports a refused connection as a network error", async () => {
		const server = await startServer((_req, res) => res.end("ok"));
		server.received.length = 0;
		const closed = servers.pop();
		closed?.close();
		if (closed) await once(closed, "close");

		const result = await send(server.url);

		expect(result).toMatchObject({ ok: false, status: null, error: { kind: "network" } });
		expect(result.error?.message).toContain("ECONNREFUSED");
	});

	it("measures the duration with the injected clock", async () => {
		const server = await startServer((_req, res) => res.end("ok"));
		const ticks = [1_000, 1_250];
		const result = await send(server.url, { now: () => ticks.shift() ?? 9_999 });
		expect(result.durationMs).toBe(250);
	});
});
