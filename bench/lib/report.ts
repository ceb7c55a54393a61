/**
 * Figures and how they are reported: percentiles, the median of repeated runs, a table on the
 * terminal, and bench/results/<name>.json with the machine it ran on and whether each target
 * was met. Nothing here is ever typed in by hand.
 */
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";

export const percentile = (values: number[], p: number) => {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

const median = (values: number[]) => percentile(values, 50);

export const round = (value: number, digits = 2) => Number(value.toFixed(digits));

/** Runs `measure` `runs` times and keeps every run's figures. */
export const repeat = async <T>(runs: number, measure: (run: number) => Promise<T>) => {
	const results: T[] = [];
	for (let run = 1; run <= runs; run++) {
		results.push(await measure(run));
		console.log(`  run ${run}/${runs}: ${JSON.stringify(results.at(-1))}`);
	}
	return results;
};

/** The median of one field over all runs. */
export const medianOf = <T>(results: T[], pick: (result: T) => number) => median(results.map(pick));

export interface Target {
	field: string;
	/** e.g. "<= 1.5" */
	goal: string;
	met: boolean;
}

export const writeResult = (
	name: string,
	figures: Record<string, unknown>,
	targets: Target[],
	extra: { runs: number; settings: Record<string, unknown>; perRun: unknown[] },
) => {
	const result = {
		name,
		date: new Date().toISOString(),
		node: process.version,
		cpus: cpus().length,
		cpuModel: cpus()[0]?.model ?? "unknown",
		// Load average over the last minute when the benchmark ended: these machines are shared.
		loadAverage1m: round(loadavg()[0] ?? 0),
		runs: extra.runs,
		settings: extra.settings,
		...figures,
		targets: Object.fromEntries(targets.map((t) => [t.field, { goal: t.goal, met: t.met }])),
		allTargetsMet: targets.every((t) => t.met),
		perRun: extra.perRun,
	};
	const file = fileURLToPath(new URL(`../results/${name}.json`, import.meta.url));
	// Tabs, as everywhere in the repository (the results are generated, and not linted).
	writeFileSync(file, `${JSON.stringify(result, null, "\t")}\n`);
	console.log(
		`\n${name} (median of ${extra.runs} runs, ${result.cpus} CPUs, load ${result.loadAverage1m})`,
	);
	console.table(figures);
	for (const t of targets) console.log(`target ${t.field} ${t.goal}: ${t.met ? "met" : "NOT met"}`);
	console.log(`written to bench/results/${name}.json`);
	return result;
};
