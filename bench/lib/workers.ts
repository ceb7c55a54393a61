/**
 * The workers under test run as the product runs them when it scales out: each one is
 * `pnpm --filter dokploy workers` (packages/server/src/runtime/workers-main.ts, compiled)
 * against the same PostgreSQL and Redis, in its own process group so that stopping it stops
 * everything it started.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { webhookDeliveriesQueue } from "../../packages/server/src/webhooks/queue";
import { sleep } from "./env";

export interface WorkersProcess {
	child: ChildProcess;
	/** Resident memory of the process that runs the workers, in MB. */
	rssMb: () => number;
	stop: () => Promise<void>;
}

const childrenOf = (pid: number): number[] => {
	const children: number[] = [];
	for (const entry of readdirSync("/proc")) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
			// The parent pid is the second field after the parenthesised command name.
			const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
			if (parent === pid) children.push(Number(entry));
		} catch {
			// The process ended while we looked.
		}
	}
	return children.flatMap((child) => [child, ...childrenOf(child)]);
};

const rssMbOf = (pid: number) => {
	try {
		const status = readFileSync(`/proc/${pid}/status`, "utf8");
		const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
		return kb / 1024;
	} catch {
		return 0;
	}
};

/** Processes in the process group `pgid` (pnpm's children outlive it when it exits first). */
const groupPids = (pgid: number) =>
	readdirSync("/proc")
		.filter((entry) => /^\d+$/.test(entry))
		.filter((entry) => {
			try {
				const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
				return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]) === pgid;
			} catch {
				return false;
			}
		});

const signalGroup = (pgid: number, signal: NodeJS.Signals) => {
	try {
		process.kill(-pgid, signal);
	} catch {
		// Already gone.
	}
};

/** SIGTERM to the whole group (a clean shutdown), SIGKILL to whatever is left after 15 s. */
const stopGroup = async (child: ChildProcess) => {
	const pgid = child.pid!;
	signalGroup(pgid, "SIGTERM");
	const deadline = Date.now() + 15_000;
	while (groupPids(pgid).length > 0 && Date.now() < deadline) await sleep(100);
	signalGroup(pgid, "SIGKILL");
};

// If the benchmark dies, the workers it started go with it.
const live = new Set<ChildProcess>();
process.once("exit", () => {
	for (const child of live) {
		try {
			process.kill(-child.pid!, "SIGTERM");
		} catch {
			// Already gone.
		}
	}
});

/** Starts `count` workers processes and waits until each has a webhook worker on the queue. */
export const startWorkers = async (
	count: number,
	env: Record<string, string> = {},
): Promise<WorkersProcess[]> => {
	const queue = webhookDeliveriesQueue();
	const started = Array.from({ length: count }, () => {
		const child = spawn("pnpm", ["--silent", "--filter", "dokploy", "workers"], {
			env: { ...process.env, LOG_LEVEL: "info", ...env },
			stdio: ["ignore", "ignore", "inherit"],
			detached: true,
		});
		live.add(child);
		child.once("exit", () => live.delete(child));
		return {
			child,
			// The largest process of the group is the one running the workers (tsx starts it).
			rssMb: () => Math.max(0, ...childrenOf(child.pid!).map(rssMbOf)),
			stop: () => stopGroup(child),
		};
	});
	const deadline = Date.now() + 60_000;
	// The benchmark owns its Redis and stops its workers before starting others, so counting
	// from zero is right (a stopped worker's connection may linger a moment in Redis's count).
	while ((await queue.getWorkersCount()) < count) {
		if (Date.now() > deadline) throw new Error("the workers processes did not start within 60 s");
		await sleep(100);
	}
	return started;
};

/** Stops the workers and waits until Redis no longer counts them (up to 10 s). */
export const stopWorkers = async (workers: WorkersProcess[]) => {
	await Promise.all(workers.map((w) => w.stop()));
	const deadline = Date.now() + 10_000;
	while ((await webhookDeliveriesQueue().getWorkersCount()) > 0 && Date.now() < deadline) {
		await sleep(100);
	}
};
