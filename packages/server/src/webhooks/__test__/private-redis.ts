/**
 * A redis-server of one test file's own, on a free loopback port, that the test can stop and
 * start again on the same port (Redis going away and coming back). Nothing is persisted, so a
 * restart comes back empty, as after a crash of a cache-only Redis.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { freePort } from "../../__test__/free-port";

const waitUntilReady = (child: ChildProcess, port: number, timeoutMs: number) =>
	new Promise<void>((resolve, reject) => {
		let output = "";
		const onData = (chunk: Buffer) => {
			output += chunk.toString("utf8");
			if (output.includes("Ready to accept connections")) settle();
		};
		const onExit = (code: number | null) =>
			settle(new Error(`redis-server on port ${port} exited with ${code}:\n${output}`));
		const timer = setTimeout(
			() => settle(new Error(`redis-server on port ${port} did not start:\n${output}`)),
			timeoutMs,
		);
		function settle(error?: Error) {
			clearTimeout(timer);
			child.stdout?.off("data", onData);
			child.off("exit", onExit);
			child.off("error", settle);
			// Keep draining its output so that a full pipe never blocks the server.
			child.stdout?.resume();
			child.stderr?.resume();
			if (error) reject(error);
			else resolve();
		}
		child.stdout?.on("data", onData);
		child.once("exit", onExit);
		child.once("error", settle);
	});

export const startPrivateRedis = async ({ readyTimeoutMs = 10_000 } = {}) => {
	const port = await freePort();
	let server: ChildProcess | null = null;
	// A test process that dies without its afterAll must not leave a redis-server behind.
	const killOnExit = () => server?.kill("SIGKILL");
	process.once("exit", killOnExit);

	const start = async () => {
		if (server) throw new Error(`redis-server on port ${port} is already running`);
		const child = spawn(
			"redis-server",
			["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
			{ stdio: ["ignore", "pipe", "pipe"] },
		);
		server = child;
		try {
			await waitUntilReady(child, port, readyTimeoutMs);
		} catch (error) {
			server = null;
			child.kill("SIGKILL");
			throw error;
		}
	};

	/** Stops the server at once, as a crash would. */
	const stop = async () => {
		const child = server;
		if (!child) return;
		server = null;
		if (child.exitCode === null && child.signalCode === null) {
			const exited = new Promise((resolve) => child.once("exit", resolve));
			child.kill("SIGKILL");
			await exited;
		}
	};

	await start();
	return {
		port,
		url: `redis://127.0.0.1:${port}`,
		start,
		stop,
		isRunning: () => server !== null,
		/** Stops the server for good (afterAll). */
		close: async () => {
			await stop();
			process.off("exit", killOnExit);
		},
	};
};

export type PrivateRedis = Awaited<ReturnType<typeof startPrivateRedis>>;
