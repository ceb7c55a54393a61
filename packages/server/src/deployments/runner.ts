/**
 * Runs a build command as a real child process: `/bin/sh -c <command>` in the service's own
 * working directory, in its own process group, with stdout and stderr appended to the
 * deployment's log file. Cancelling or timing out stops the whole group (TERM, then KILL after
 * a grace period), so a build's own children never outlive it.
 */
import { spawn } from "node:child_process";
import { mkdir, open } from "node:fs/promises";
import path from "node:path";

export type BuildOutcome =
	| { kind: "success" }
	| { kind: "failed"; exitCode: number | null; signal: string | null }
	| { kind: "timeout" }
	| { kind: "cancelled" }
	| { kind: "spawn_error"; message: string };

export interface RunBuildOptions {
	command: string;
	cwd: string;
	logPath: string;
	timeoutMs: number;
	env?: Record<string, string>;
	signal?: AbortSignal;
	killGraceMs?: number;
	/** Called with the pid (also the process group id) once the build has started. */
	onSpawn?: (pid: number) => Promise<void>;
}

const stamp = () => new Date().toISOString();

/**
 * The environment a build sees: enough to run tools, nothing of the server's secrets. Builds
 * default to NODE_ENV=production, as they would on a real deployment.
 */
const buildEnvironment = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
	PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin",
	HOME: process.env.HOME ?? "/tmp",
	LANG: process.env.LANG ?? "C.UTF-8",
	NODE_ENV: "production",
	...extra,
});

export const runBuild = async (options: RunBuildOptions): Promise<BuildOutcome> => {
	await mkdir(options.cwd, { recursive: true });
	await mkdir(path.dirname(options.logPath), { recursive: true });
	const log = await open(options.logPath, "a");
	const note = (line: string) => log.write(`[${stamp()}] ${line}\n`);
	try {
		if (options.signal?.aborted) return { kind: "cancelled" };
		if (!options.command.trim()) {
			await note("No build command is set; nothing to run.");
			return { kind: "success" };
		}
		await note(`$ ${options.command}`);
		const outcome = await new Promise<BuildOutcome>((resolve) => {
			const child = spawn("/bin/sh", ["-c", options.command], {
				cwd: options.cwd,
				detached: true,
				stdio: ["ignore", log.fd, log.fd],
				env: buildEnvironment(options.env),
			});
			let stopping: BuildOutcome | null = null;
			let killTimer: NodeJS.Timeout | undefined;
			const stopGroup = (why: BuildOutcome) => {
				if (stopping || child.pid === undefined) return;
				stopping = why;
				const signalGroup = (signal: NodeJS.Signals) => {
					try {
						process.kill(-child.pid!, signal);
					} catch {
						// The group is already gone.
					}
				};
				signalGroup("SIGTERM");
				killTimer = setTimeout(() => signalGroup("SIGKILL"), options.killGraceMs ?? 5_000);
				killTimer.unref();
			};
			if (child.pid !== undefined && options.onSpawn) {
				// Recording it is a safety net for recovery; the build never waits for it.
				options.onSpawn(child.pid).catch(() => undefined);
			}
			const timeout = setTimeout(() => stopGroup({ kind: "timeout" }), options.timeoutMs);
			const onAbort = () => stopGroup({ kind: "cancelled" });
			options.signal?.addEventListener("abort", onAbort, { once: true });
			const finish = (result: BuildOutcome) => {
				clearTimeout(timeout);
				clearTimeout(killTimer);
				options.signal?.removeEventListener("abort", onAbort);
				resolve(stopping ?? result);
			};
			child.once("error", (error) => finish({ kind: "spawn_error", message: error.message }));
			child.once("exit", (code, signal) =>
				finish(code === 0 ? { kind: "success" } : { kind: "failed", exitCode: code, signal }),
			);
		});
		await note(describeOutcome(outcome, options.timeoutMs));
		return outcome;
	} finally {
		await log.close();
	}
};

export const describeOutcome = (outcome: BuildOutcome, timeoutMs: number) => {
	switch (outcome.kind) {
		case "success":
			return "Build finished successfully.";
		case "failed":
			return outcome.signal
				? `Build was killed by signal ${outcome.signal}.`
				: `Build failed: the command exited with code ${outcome.exitCode}.`;
		case "timeout":
			return `Build timed out after ${formatDuration(timeoutMs)} and was stopped.`;
		case "cancelled":
			return "Build was cancelled and stopped.";
		case "spawn_error":
			return `Build could not start: ${outcome.message}`;
	}
};

const formatDuration = (ms: number) =>
	ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1000)} s`;
