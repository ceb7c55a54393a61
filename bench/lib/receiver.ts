/**
 * The benchmarks' webhook receiver, run as its own process (as a real receiver would be): HTTPS
 * on loopback with a self-signed certificate for localhost. `/hang` never answers; any other path
 * answers 200 at once and records the arrival (wall-clock time and the event's deployment id).
 * The parent talks to it over IPC: "take" returns and clears the arrivals, "count" the total.
 */
import { writeFileSync } from "node:fs";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { generate } from "selfsigned";

export type ReceiverRequest = { type: "take" } | { type: "count" } | { type: "stop" };
export type Arrival = [deploymentId: string, atMs: number];
export type ReceiverReply =
	| { type: "ready"; port: number; caFile: string }
	| { type: "arrivals"; arrivals: Arrival[]; total: number; connections: number }
	| { type: "count"; total: number; connections: number };

const send = (reply: ReceiverReply) => process.send?.(reply);
const wallClockMs = () => performance.timeOrigin + performance.now();

const pems = await generate([{ name: "commonName", value: "localhost" }], {
	keyType: "ec",
	extensions: [
		{ name: "basicConstraints", cA: true },
		{ name: "subjectAltName", altNames: [{ type: 2, value: "localhost" }] },
	],
});
const caFile = path.join(process.argv[2] ?? "/tmp", `bench-receiver-ca-${process.pid}.pem`);
writeFileSync(caFile, pems.cert);

let arrivals: Arrival[] = [];
let total = 0;
let connections = 0;
// The generic payload names its deployment; reading the id is all a benchmark needs.
const deploymentIdPattern = /"deployment":\{"id":"([^"]+)"/;

const server = createServer({ key: pems.private, cert: pems.cert }, (request, response) => {
	if (request.url === "/hang") return;
	const chunks: Buffer[] = [];
	request.on("data", (chunk: Buffer) => chunks.push(chunk));
	request.on("end", () => {
		const at = wallClockMs();
		total++;
		const match = deploymentIdPattern.exec(Buffer.concat(chunks).toString("utf8"));
		arrivals.push([match?.[1] ?? "", at]);
		response.writeHead(200, { "content-type": "text/plain" });
		response.end("ok");
	});
});
server.keepAliveTimeout = 60_000;
server.on("secureConnection", (socket) => {
	connections++;
	socket.on("error", () => undefined);
});
server.listen(0, "127.0.0.1", () => {
	send({ type: "ready", port: (server.address() as AddressInfo).port, caFile });
});

process.on("message", (message: ReceiverRequest) => {
	if (message.type === "take") {
		send({ type: "arrivals", arrivals, total, connections });
		arrivals = [];
	} else if (message.type === "count") {
		send({ type: "count", total, connections });
	} else {
		server.closeAllConnections();
		server.close();
		process.exit(0);
	}
});
