/**
 * Writes the figures of bench/results/*.json (after) and bench/results/before/*.json (the same
 * benchmarks run on the engine before the performance work) into bench/README.md, between the
 * `figures` markers, and the fault suite's (faults-small.json, faults.json) between the `faults`
 * markers, so that no figure in the README is ever typed by hand.
 *
 *   pnpm bench:summary
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { FaultResult } from "../packages/server/src/faults/checks";

const names = ["deploy-overhead", "latency", "throughput", "isolation", "backlog"] as const;
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

type Result = Record<string, unknown> & {
	date: string;
	runs: number;
	cpus: number;
	loadAverage1m: number;
	settings: Record<string, unknown>;
	targets: Record<string, { goal: string; met: boolean }>;
};

/** "2026-11-30 14:07 UTC" from an ISO timestamp. */
const utcMinute = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

const read = (path: string): Result | null =>
	existsSync(here(path)) ? (JSON.parse(readFileSync(here(path), "utf8")) as Result) : null;

/** The figures of a result, flattened ("100/s.p50Ms"), without the bookkeeping fields. */
const figuresOf = (result: Result | null) => {
	const skip = new Set(["name", "date", "node", "cpus", "cpuModel", "loadAverage1m", "runs"]);
	const skipAlso = new Set(["settings", "targets", "allTargetsMet", "perRun"]);
	const flat = new Map<string, unknown>();
	for (const [key, value] of Object.entries(result ?? {})) {
		if (skip.has(key) || skipAlso.has(key)) continue;
		if (value && typeof value === "object") {
			for (const [inner, innerValue] of Object.entries(value))
				flat.set(`${key}.${inner}`, innerValue);
		} else flat.set(key, value);
	}
	return flat;
};

const section = names
	.map((name) => {
		const after = read(`./results/${name}.json`);
		const before = read(`./results/before/${name}.json`);
		if (!after) return `### ${name}\n\nNo result yet: run \`pnpm bench:${name}\`.\n`;
		const afterFigures = figuresOf(after);
		const beforeFigures = figuresOf(before);
		const rows = [...afterFigures].map(([field, value]) => {
			const target = after.targets[field];
			const goal = target ? `${target.goal} ${target.met ? "(met)" : "(**not met**)"}` : "";
			return `| \`${field}\` | ${beforeFigures.get(field) ?? "–"} | ${value} | ${goal} |`;
		});
		const describe = (result: Result | null) =>
			result
				? `${utcMinute(result.date)}, ${result.runs} run(s), ${result.cpus} CPUs, load ${result.loadAverage1m}, settings \`${JSON.stringify(result.settings)}\``
				: "not measured";
		return [
			`### ${name}`,
			"",
			"| figure | before | after | target |",
			"| --- | --- | --- | --- |",
			...rows,
			"",
			`After: ${describe(after)}.  `,
			`Before: ${describe(before)}.`,
			"",
		].join("\n");
	})
	.join("\n");

interface FaultRun {
	size: { events: number };
	ranAt?: string;
	partial?: boolean;
	faults: FaultResult[];
}

const faultRun = (path: string) =>
	existsSync(here(path)) ? (JSON.parse(readFileSync(here(path), "utf8")) as FaultRun) : null;

const faultSection = () => {
	const runs = [faultRun("./results/faults-small.json"), faultRun("./results/faults.json")];
	const names = [...new Set(runs.flatMap((run) => run?.faults.map((f) => f.fault) ?? []))];
	const cell = (run: FaultRun | null, name: string) => {
		const f = run?.faults.find((fault) => fault.fault === name);
		if (!f) return "not run";
		const figures = [f.expected, f.received, f.lost, f.duplicates, f.stuckDeployments];
		return `${[...figures, f.orphanProcesses].join(" / ")} (${Math.round(f.durationMs / 1000)} s)`;
	};
	const describe = (run: FaultRun | null, file: string) =>
		run
			? `\`${file}\`: ${run.size.events.toLocaleString("en")} events per burst, ran ` +
				`${run.ranAt ? utcMinute(run.ranAt) : "at an unrecorded time"}` +
				(run.partial ? ", **partial run**" : "")
			: `\`${file}\`: not run yet`;
	return [
		`${describe(runs[0]!, "faults-small.json")}; ${describe(runs[1]!, "faults.json")}.`,
		"Each cell: expected / received / lost / duplicates / stuck / orphans (duration).",
		"",
		"| fault | small | full |",
		"| --- | --- | --- |",
		...names.map((name) => `| ${name} | ${cell(runs[0]!, name)} | ${cell(runs[1]!, name)} |`),
		"",
	].join("\n");
};

/** Replaces what lies between `<!-- name:start -->` and `<!-- name:end -->`. */
const between = (text: string, name: string, content: string) => {
	const start = `<!-- ${name}:start -->`;
	const end = `<!-- ${name}:end -->`;
	const [head, rest] = text.split(start);
	const tail = rest?.split(end)[1];
	if (head === undefined || tail === undefined)
		throw new Error(`README.md has no ${start} … ${end}`);
	return `${head}${start}\n${content}${end}${tail}`;
};

const readmePath = here("./README.md");
const readme = readFileSync(readmePath, "utf8");
writeFileSync(readmePath, between(between(readme, "figures", section), "faults", faultSection()));
console.log("bench/README.md figures updated");
