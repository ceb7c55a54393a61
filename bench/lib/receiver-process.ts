/** Starts bench/lib/receiver.ts in its own process and talks to it over IPC. */
import { type ChildProcess, fork } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { dataDir } from "./env";
import type { ReceiverReply, ReceiverRequest } from "./receiver";

const script = fileURLToPath(new URL("./receiver.ts", import.meta.url));

const ask = async <T extends ReceiverReply["type"]>(
	child: ChildProcess,
	request: ReceiverRequest,
	replyType: T,
) => {
	const reply = new Promise<Extract<ReceiverReply, { type: T }>>((resolve) => {
		const onMessage = (message: ReceiverReply) => {
			if (message.type !== replyType) return;
			child.off("message", onMessage);
			resolve(message as Extract<ReceiverReply, { type: T }>);
		};
		child.on("message", onMessage);
	});
	child.send(request);
	return reply;
};

export const startReceiverProcess = async () => {
	const child = fork(script, [dataDir], {
		execArgv: ["--import", "tsx"],
		stdio: ["ignore", "inherit", "inherit", "ipc"],
	});
	// If the benchmark dies, its receiver goes with it.
	process.once("exit", () => child.kill());
	const [ready] = (await once(child, "message")) as [Extract<ReceiverReply, { type: "ready" }>];
	return {
		caFile: ready.caFile,
		url: (pathname: string) => `https://localhost:${ready.port}${pathname}`,
		take: () => ask(child, { type: "take" }, "arrivals"),
		count: () => ask(child, { type: "count" }, "count"),
		stop: async () => {
			child.send({ type: "stop" });
			await once(child, "exit");
		},
	};
};
