/**
 * The product under test, as processes: compiled workers processes (as `pnpm --filter dokploy
 * workers` runs them), each in its own process group (killed with `kill -9 -<pgid>` as a crash
 * would), and the receiver process.
 */
import { type ChildProcess, fork, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { compiledWorkers } from "../__test__/compiled-workers";

const here = path.dirname(fileURLToPath(import.meta.url));

export interface Workers {
	pid: number;
	kill: () => Promise<void>;
	stop: () => Promise<void>;
}

/** Workers processes that died without being killed or stopped: each one is a finding. */
export const unexpectedDeaths: string[] = [];

/** Every workers process started, so that a crashed suite still leaves none behind. */
const everyWorkers: Workers[] = [];
export const killAllWorkers = async () => {
	for (const workers of everyWorkers.splice(0)) await workers.kill();
};

export const startWorkers = async (env: NodeJS.ProcessEnv) => {
	const workers = await spawnWorkers(env);
	everyWorkers.push(workers);
	return workers;
};

const spawnWorkers = (env: NodeJS.ProcessEnv) =>
	new Promise<Workers>((resolve, reject) => {
		const workers = compiledWorkers();
		const child = spawn(workers.command, workers.args, {
			cwd: workers.cwd,
			env,
			detached: true,
			stdio: ["ignore", "pipe", "pipe"],
		});
		let output = "";
		let ending = false;
		const exited = new Promise<void>((done) =>
			child.once("exit", (code, signal) => {
				// A product process that dies on its own is a finding: show why.
				if (!ending) {
					const report = `workers ${child.pid} died (${code ?? signal}):\n${output.slice(-4000)}`;
					unexpectedDeaths.push(report);
					console.error(report);
				}
				done();
			}),
		);
		const onData = (chunk: Buffer) => {
			output = (output + chunk.toString("utf8")).slice(-20_000);
			if (output.includes("Dokploy workers are running")) {
				resolve({
					pid: child.pid!,
					kill: async () => {
						ending = true;
						try {
							process.kill(-child.pid!, "SIGKILL");
						} catch {
							// Already gone.
						}
						await exited;
					},
					stop: async () => {
						ending = true;
						child.kill("SIGTERM");
						await exited;
					},
				});
			}
		};
		child.stdout?.on("data", onData);
		child.stderr?.on("data", (chunk: Buffer) => {
			output = (output + chunk.toString("utf8")).slice(-20_000);
		});
		child.once("exit", (code) =>
			reject(new Error(`workers exited (${code}) before running:\n${output}`)),
		);
	});

export interface ReceivedWebhook {
	id: string;
	status: number;
}

export const startReceiverProcess = (dir: string) =>
	new Promise<{
		caFile: string;
		url: string;
		received: ReceivedWebhook[];
		setFailing: (failing: boolean) => void;
		close: () => void;
	}>((resolve, reject) => {
		const child: ChildProcess = fork(path.join(here, "receiver-process.ts"), [], {
			execArgv: ["--import", "tsx"],
			env: { ...process.env, FAULTS_DIR: dir },
			stdio: ["ignore", "ignore", "inherit", "ipc"],
		});
		const received: ReceivedWebhook[] = [];
		child.on(
			"message",
			(message: { kind: string; id?: string; status?: number; caFile?: string; url?: string }) => {
				if (message.kind === "request") received.push({ id: message.id!, status: message.status! });
				if (message.kind === "ready") {
					resolve({
						caFile: message.caFile!,
						url: message.url!,
						received,
						setFailing: (failing) => child.send({ failing }),
						close: () => child.kill("SIGKILL"),
					});
				}
			},
		);
		child.once("exit", (code) => reject(new Error(`the receiver exited (${code})`)));
	});
