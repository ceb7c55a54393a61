/**
 * Writes the figures of bench/results/*.json (after) and bench/results/before/*.json (the same
 * benchmarks run on the engine before the performance work) into bench/README.md, between the
 * `figures` markers, so that no figure in the README is ever typed by hand.
 *
 *   pnpm bench:summary
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

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
				? `${result.date.slice(0, 16).replace("T", " ")} UTC, ${result.runs} run(s), ${result.cpus} CPUs, load ${result.loadAverage1m}, settings \`${JSON.stringify(result.settings)}\``
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

const readmePath = here("./README.md");
const readme = readFileSync(readmePath, "utf8");
const start = "<!-- figures:start -->";
const end = "<!-- figures:end -->";
const [head, rest] = readme.split(start);
const tail = rest?.split(end)[1];
if (head === undefined || tail === undefined) throw new Error(`README.md has no ${start} … ${end}`);
writeFileSync(readmePath, `${head}${start}\n${section}${end}${tail}`);
console.log("bench/README.md figures updated");
