/**
 * The compiled workers process (as `pnpm --filter dokploy workers` runs it) as a real child
 * process in a process group of its own, so that a test can kill it the way an operator's
 * `kill -9 -<pgid>` or a crashed container would.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { compiledWorkers } from "@dokploy/server/__test__/compiled-workers";
import { settlesWithin } from "@dokploy/server/webhooks/__test__/hang-guard";
import { collectOutput } from "./child-output";

/** Only there so that a hang fails with a message instead of the test timeout. */
const START_GUARD_MS = 30_000;

export interface WorkersChild {
	child: ChildProcess;
	pid: number;
	output: () => string;
	exited: Promise<number | null>;
	/** SIGKILL of the whole process group, as a crash would. */
	killGroup: () => Promise<void>;
}

export const startWorkersChild = async (env: NodeJS.ProcessEnv): Promise<WorkersChild> => {
	const workers = compiledWorkers();
	const child = spawn(workers.command, workers.args, {
		cwd: workers.cwd,
		env,
		detached: true,
		stdio: ["ignore", "pipe", "pipe"],
	});
	const output = collectOutput(child);
	const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
	const running = new Promise<void>((resolve, reject) => {
		child.stdout?.on("data", () => {
			if (output().includes("Dokploy workers are running")) resolve();
		});
		child.once("exit", (code) =>
			reject(new Error(`the workers process exited (${code}) before it ran:\n${output()}`)),
		);
	});
	await settlesWithin(running, START_GUARD_MS, "the workers process's start");
	const pid = child.pid!;
	return {
		child,
		pid,
		output,
		exited,
		killGroup: async () => {
			try {
				process.kill(-pid, "SIGKILL");
			} catch {
				// Already gone.
			}
			await exited;
		},
	};
};
