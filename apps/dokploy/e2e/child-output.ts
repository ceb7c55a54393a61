import type { ChildProcess } from "node:child_process";
import { connect } from "node:net";

/** Gathers what a child prints on stdout and stderr, for its readiness checks and failures. */
export const collectOutput = (child: ChildProcess): (() => string) => {
	let output = "";
	const collect = (chunk: Buffer) => {
		output += chunk.toString("utf8");
	};
	child.stdout?.on("data", collect);
	child.stderr?.on("data", collect);
	return () => output;
};

/** Whether something accepts TCP connections on the loopback port. */
export const portAnswers = (port: number) =>
	new Promise<boolean>((resolve) => {
		const socket = connect(port, "127.0.0.1");
		socket.once("connect", () => {
			socket.destroy();
			resolve(true);
		});
		socket.once("error", () => resolve(false));
	});
