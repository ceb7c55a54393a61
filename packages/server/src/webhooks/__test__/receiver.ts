/**
 * A real HTTPS webhook receiver on loopback for tests: a self-signed certificate for
 * "localhost" (written to a CA file the engine is configured to trust), every request recorded,
 * and responses scripted per test.
 */
import { writeFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { generate } from "selfsigned";

export interface ReceivedRequest {
	path: string;
	headers: Record<string, string>;
	body: string;
	receivedAt: number;
}

export type Responder = (
	request: ReceivedRequest,
	response: ServerResponse,
	index: number,
) => void | Promise<void>;

export const respondWith =
	(status: number, body = "ok", headers: Record<string, string> = {}): Responder =>
	(_request, response) => {
		response.writeHead(status, { "content-type": "text/plain", ...headers });
		response.end(body);
	};

const readBody = (request: IncomingMessage) =>
	new Promise<string>((resolve, reject) => {
		const chunks: Buffer[] = [];
		request.on("data", (chunk: Buffer) => chunks.push(chunk));
		request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
		request.on("error", reject);
	});

export const startReceiver = async (caDir: string) => {
	const pems = await generate([{ name: "commonName", value: "localhost" }], {
		keyType: "ec",
		extensions: [
			{ name: "basicConstraints", cA: true },
			{ name: "subjectAltName", altNames: [{ type: 2, value: "localhost" }] },
		],
	});
	const caFile = path.join(caDir, `receiver-ca-${Date.now()}.pem`);
	writeFileSync(caFile, pems.cert);
	const requests: ReceivedRequest[] = [];
	let responder: Responder = respondWith(200);
	const waiters: Array<() => void> = [];
	const server = createServer({ key: pems.private, cert: pems.cert }, async (request, response) => {
		const received: ReceivedRequest = {
			path: request.url ?? "/",
			headers: Object.fromEntries(
				Object.entries(request.headers).map(([name, value]) => [name, String(value)]),
			),
			body: await readBody(request),
			receivedAt: Date.now(),
		};
		const index = requests.push(received) - 1;
		for (const wake of waiters.splice(0)) wake();
		try {
			await responder(received, response, index);
		} catch {
			response.destroy();
		}
	});
	// TLS connections accepted: how tests see whether the sender reuses warm connections.
	let connections = 0;
	server.on("secureConnection", () => {
		connections++;
	});
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const { port } = server.address() as AddressInfo;
	return {
		caFile,
		connections: () => connections,
		url: (pathname = "/hook") => `https://localhost:${port}${pathname}`,
		requests,
		respond: (next: Responder) => {
			responder = next;
		},
		/** Waits until at least `count` requests arrived (or fails after `timeoutMs`). */
		waitForRequests: async (count: number, timeoutMs = 20_000) => {
			const deadline = Date.now() + timeoutMs;
			while (requests.length < count) {
				const left = deadline - Date.now();
				if (left <= 0) {
					throw new Error(`Expected ${count} webhook requests, got ${requests.length}`);
				}
				await new Promise<void>((resolve) => {
					const timer = setTimeout(resolve, Math.min(left, 250));
					waiters.push(() => {
						clearTimeout(timer);
						resolve();
					});
				});
			}
			return requests;
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
};

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;
