/**
 * Running snippets as real processes. Everything is asynchronous: a snippet often calls the
 * product, which delivers to a receiver that lives in the test's own process, so blocking the
 * event loop while a snippet runs would deadlock.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { collectOutput, portAnswers } from "../child-output";

export interface ProcessResult {
	code: number | null;
	stdout: string;
	stderr: string;
}

export interface RunOptions {
	cwd: string;
	env: NodeJS.ProcessEnv;
	/** Only there so that a hanging snippet fails with its output instead of the test timeout. */
	hangGuardMs?: number;
}

export const runProcess = (command: string, args: string[], options: RunOptions) =>
	new Promise<ProcessResult>((resolve, reject) => {
		const child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env,
			stdio: ["ignore", "pipe", "pipe"],
		});
		let stdout = "";
		let stderr = "";
		child.stdout.on("data", (chunk: Buffer) => {
			stdout += chunk.toString("utf8");
		});
		child.stderr.on("data", (chunk: Buffer) => {
			stderr += chunk.toString("utf8");
		});
		const guard = setTimeout(() => child.kill("SIGKILL"), options.hangGuardMs ?? 90_000);
		child.once("error", reject);
		child.once("close", (code) => {
			clearTimeout(guard);
			resolve({ code, stdout, stderr });
		});
	});

/** Runs shell code the way a reader pastes it into bash, stopping at the first failure. */
export const runShell = (code: string, options: RunOptions) =>
	runProcess("bash", ["-euo", "pipefail", "-c", code], options);

export const describeResult = (result: ProcessResult) =>
	`exit code ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;

export interface ServerProcess {
	child: ChildProcess;
	output: () => string;
	stop: () => Promise<void>;
}

/** Starts a server and waits until it accepts connections on `port` (or exits, or hangs). */
export const startServerProcess = async (
	command: string,
	args: string[],
	port: number,
	options: RunOptions,
): Promise<ServerProcess> => {
	const child = spawn(command, args, {
		cwd: options.cwd,
		env: options.env,
		stdio: ["ignore", "pipe", "pipe"],
	});
	const output = collectOutput(child);
	const deadline = Date.now() + (options.hangGuardMs ?? 20_000);
	while (!(await portAnswers(port))) {
		if (child.exitCode !== null) throw new Error(`The server exited early:\n${output()}`);
		if (Date.now() > deadline)
			throw new Error(`The server did not listen on ${port}:\n${output()}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return {
		child,
		output,
		stop: async () => {
			if (child.exitCode !== null) return;
			const exited = new Promise((resolve) => child.once("exit", resolve));
			child.kill("SIGTERM");
			await exited;
		},
	};
};
