import { once } from "node:events";
import { createServer, type Server } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { generate } from "selfsigned";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { type ConnectionPools, createConnectionPools } from "./connection-pools";
import { sendWebhookRequest } from "./http";

/**
 * Real HTTPS receivers on loopback that count the TLS connections they accept, so that reuse
 * (or its absence) is observed from the receiver's side, as a real receiver would see it.
 */
let certificate: { key: string; cert: string };
beforeAll(async () => {
	const pems = await generate([{ name: "commonName", value: "hooks.test" }], {
		keyType: "ec",
		extensions: [
			{ name: "basicConstraints", cA: true },
			{ name: "subjectAltName", altNames: [{ type: 2, value: "hooks.test" }] },
		],
	});
	certificate = { key: pems.private, cert: pems.cert };
});

interface CountingReceiver {
	port: number;
	connections: number;
	requests: number;
	/** Sockets the receiver still has open. */
	open: Set<Socket>;
	server: Server;
}

const receivers: CountingReceiver[] = [];
const poolSets: ConnectionPools[] = [];

const startReceiver = async (host = "127.0.0.1", port = 0) => {
	const server = createServer(certificate, (request, response) => {
		request.resume();
		request.on("end", () => {
			receiver.requests++;
			response.end("ok");
		});
	});
	const receiver: CountingReceiver = {
		port: 0,
		connections: 0,
		requests: 0,
		open: new Set(),
		server,
	};
	server.on("secureConnection", (socket) => {
		receiver.connections++;
		receiver.open.add(socket);
		// A client that stops reading resets the connection; that is expected here.
		socket.on("error", () => undefined);
		socket.on("close", () => receiver.open.delete(socket));
	});
	server.listen(port, host);
	await once(server, "listening");
	receiver.port = (server.address() as AddressInfo).port;
	receivers.push(receiver);
	return receiver;
};

const newPools = (options: Parameters<typeof createConnectionPools>[0] = {}) => {
	const pools = createConnectionPools(options);
	poolSets.push(pools);
	return pools;
};

/**
 * One POST, answered. undici hands a connection back to its pool on the next turn of the event
 * loop, so the helper yields one turn, as any real caller does (the worker writes the attempt to
 * the database in between); without it a back-to-back send would open a second connection.
 */
const post = async (pools: ConnectionPools, port: number, address = "127.0.0.1") => {
	const result = await sendWebhookRequest({
		url: new URL(`https://hooks.test:${port}/hook`),
		address,
		family: 4,
		headers: { "content-type": "application/json" },
		body: "{}",
		ca: certificate.cert,
		pools,
	});
	await new Promise((resolve) => setImmediate(resolve));
	return result;
};

/** Resolves once the receiver has no open connection left. */
const allClosed = async (receiver: CountingReceiver) => {
	for (const socket of receiver.open) {
		// Not events.once: it would reject on the reset that precedes the close.
		await new Promise((resolve) => socket.once("close", resolve));
	}
};

afterEach(async () => {
	await Promise.all(poolSets.splice(0).map((pools) => pools.close()));
	for (const receiver of receivers.splice(0)) {
		receiver.server.closeAllConnections();
		receiver.server.close();
	}
});

describe("connection pools", () => {
	it("sends many deliveries to one receiver over one kept-alive connection", async () => {
		const receiver = await startReceiver();
		const pools = newPools();
		for (let index = 0; index < 5; index++) {
			expect(await post(pools, receiver.port)).toMatchObject({ ok: true, status: 200 });
		}
		expect(receiver.requests).toBe(5);
		expect(receiver.connections).toBe(1);
		expect(pools.size()).toBe(1);
	});

	it("never reuses a warm pool for another address: a new DNS answer gets its own connection", async () => {
		const first = await startReceiver("127.0.0.1");
		const second = await startReceiver("127.0.0.2", first.port);
		const pools = newPools();
		await post(pools, first.port, "127.0.0.1");
		const result = await post(pools, first.port, "127.0.0.2");
		expect(result).toMatchObject({ ok: true, status: 200 });
		expect(first).toMatchObject({ requests: 1, connections: 1 });
		expect(second).toMatchObject({ requests: 1, connections: 1 });
		expect(pools.size()).toBe(2);
	});

	it("keeps a separate pool per trusted CA set", async () => {
		const receiver = await startReceiver();
		const pools = newPools();
		await post(pools, receiver.port);
		await sendWebhookRequest({
			url: new URL(`https://hooks.test:${receiver.port}/hook`),
			address: "127.0.0.1",
			family: 4,
			headers: {},
			body: "{}",
			ca: [certificate.cert, certificate.cert],
			pools,
		});
		expect(receiver.connections).toBe(2);
		expect(pools.size()).toBe(2);
	});

	it("closes a pool and its connections once it has been idle for idleMs", async () => {
		const receiver = await startReceiver();
		let clock = 0;
		const pools = newPools({ idleMs: 60_000, now: () => clock });
		await post(pools, receiver.port);
		expect(receiver.open.size).toBe(1);

		clock = 59_999;
		await pools.sweep();
		expect(pools.size(), "a pool used within idleMs stays").toBe(1);
		expect(receiver.open.size).toBe(1);

		clock = 60_000;
		await pools.sweep();
		expect(pools.size()).toBe(0);
		await allClosed(receiver);
		expect(receiver.open.size).toBe(0);
	});

	it("keeps at most maxPools pools, closing the least recently used first", async () => {
		const first = await startReceiver();
		const second = await startReceiver();
		const third = await startReceiver();
		const pools = newPools({ maxPools: 2 });
		await post(pools, first.port);
		await post(pools, second.port);
		await post(pools, first.port);
		await post(pools, third.port);
		expect(pools.size()).toBe(2);
		await allClosed(second);
		expect(second.open.size, "the least recently used pool was closed").toBe(0);
		expect(first.open.size).toBe(1);
		expect(third.open.size).toBe(1);
	});

	it("still drops the connection when a response exceeds the read bound, and opens a new one next time", async () => {
		const receiver = await startReceiver();
		receiver.server.removeAllListeners("request");
		receiver.server.on("request", (request, response) => {
			request.resume();
			request.on("end", () => {
				receiver.requests++;
				response.end("x".repeat(200_000));
			});
		});
		const pools = newPools();
		const result = await post(pools, receiver.port);
		expect(result).toMatchObject({ ok: true, status: 200 });
		await allClosed(receiver);
		expect(await post(pools, receiver.port)).toMatchObject({ ok: true, status: 200 });
		expect(receiver.requests).toBe(2);
		expect(receiver.connections, "the dropped connection was not reused").toBeGreaterThan(1);
	});
});
