/**
 * Recognising a build's process group after the worker that started it died. Builds run in a
 * process group of their own (runner.ts), so a SIGKILL of the worker leaves them running. The
 * worker records the group id and its leader's start time; recovery kills the group only when
 * the leader with that pid still has that start time, which a reused pid cannot have. If the
 * leader is gone, the members that still carry the group id and started no earlier than it are
 * killed: a group id cannot be handed out again while any member of the old group lives.
 */
import { readdir, readFile } from "node:fs/promises";
import { hostname } from "node:os";
import type { BuildProcess } from "../db/schema/deployment";

interface ProcStat {
	pgid: number;
	startTicks: bigint;
}

/** Fields of /proc/<pid>/stat after the command name, which may itself hold spaces and ")". */
const readProcStat = async (pid: number): Promise<ProcStat | null> => {
	const text = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => null);
	if (!text) return null;
	const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
	// After "pid (comm) ", field 3 (state) is index 0: pgid is field 5, starttime field 22.
	const pgid = Number(fields[2]);
	const startTicks = fields[19];
	if (!Number.isInteger(pgid) || !startTicks) return null;
	return { pgid, startTicks: BigInt(startTicks) };
};

/** What to record about a build whose leader (and group id) is `pid`; null off Linux. */
export const describeBuildProcess = async (pid: number): Promise<BuildProcess | null> => {
	const stat = await readProcStat(pid);
	if (!stat) return null;
	return { host: hostname(), pgid: pid, startTicks: String(stat.startTicks) };
};

const groupMembers = async (record: BuildProcess) => {
	const entries = await readdir("/proc").catch(() => [] as string[]);
	const members: number[] = [];
	for (const entry of entries) {
		if (!/^\d+$/.test(entry)) continue;
		const stat = await readProcStat(Number(entry));
		if (stat?.pgid === record.pgid && stat.startTicks >= BigInt(record.startTicks)) {
			members.push(Number(entry));
		}
	}
	return members;
};

/**
 * Kills what is left of a recorded build, if it is provably that build. Returns the number of
 * processes it signalled (0 when nothing of it is left, or it runs on another host).
 */
export const killOrphanedBuild = async (record: BuildProcess | null): Promise<number> => {
	if (!record || record.host !== hostname()) return 0;
	const leader = await readProcStat(record.pgid);
	if (leader) {
		const ours = leader.pgid === record.pgid && String(leader.startTicks) === record.startTicks;
		if (!ours) return 0;
		const members = await groupMembers(record);
		signalGroup(record.pgid);
		return members.length;
	}
	const members = await groupMembers(record);
	for (const pid of members) signalProcess(pid);
	return members.length;
};

const signalGroup = (pgid: number) => {
	try {
		process.kill(-pgid, "SIGKILL");
	} catch {
		// Gone in the meantime.
	}
};

const signalProcess = (pid: number) => {
	try {
		process.kill(pid, "SIGKILL");
	} catch {
		// Gone in the meantime.
	}
};
