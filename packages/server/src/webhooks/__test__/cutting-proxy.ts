/**
 * A TCP proxy in front of a Redis that can make Redis go away in the middle of a client's
 * set-up: after `goAwayAfterReadyCheck()`, the next connection gets its requests answered up to
 * ioredis's ready check (an INFO) and is cut when it sends the next one; from then on every
 * connection is refused, as by a stopped server, until `comeBack()`.
 */
import net from "node:net";

type State = "up" | "cut-after-ready-check" | "down";

export const startCuttingProxy = async (target: { host: string; port: number }) => {
	let state: State = "up";
	const sockets = new Set<net.Socket>();
	const server = net.createServer((client) => {
		const upstream = net.connect(target);
		sockets.add(client).add(upstream);
		const forget = () => {
			client.destroy();
			upstream.destroy();
			sockets.delete(client);
			sockets.delete(upstream);
		};
		client.on("close", forget).on("error", forget);
		upstream.on("close", forget).on("error", forget);
		let readyChecked = false;
		client.on("data", (chunk: Buffer) => {
			if (state === "cut-after-ready-check" && readyChecked) {
				state = "down";
				server.close();
				for (const socket of sockets) socket.destroy();
				return;
			}
			upstream.write(chunk);
			readyChecked ||= chunk.toString("latin1").toLowerCase().includes("$4\r\ninfo\r\n");
		});
		upstream.pipe(client);
	});
	const listen = (port: number) =>
		new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
	await listen(0);
	const { port } = server.address() as net.AddressInfo;
	return {
		url: `redis://127.0.0.1:${port}`,
		goAwayAfterReadyCheck: () => {
			state = "cut-after-ready-check";
		},
		comeBack: async () => {
			state = "up";
			await listen(port);
		},
		close: async () => {
			for (const socket of sockets) socket.destroy();
			if (server.listening) await new Promise((resolve) => server.close(resolve));
		},
	};
};
