/**
 * The environment every benchmark runs in, set before any server module reads it. The receiver
 * is on loopback and its host is allowlisted; the rate limit is raised out of the way (it is a
 * policy, not a cost: each attempt still makes its Redis call); logs go where production sends
 * them, but nobody reads them here.
 */
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

if (!process.env.DATABASE_URL?.startsWith("postgres")) {
	console.error(
		"The benchmarks need PostgreSQL: run them with `pnpm bench:<name>` (see bench/README.md).",
	);
	process.exit(1);
}
if (!process.env.REDIS_URL) {
	console.error(
		"The benchmarks need a Redis of their own: set REDIS_URL or use `pnpm bench:<name>`.",
	);
	process.exit(1);
}
process.env.DOKPLOY_DATA_DIR ??= mkdtempSync(path.join(tmpdir(), "dokploy-bench-"));
mkdirSync(process.env.DOKPLOY_DATA_DIR, { recursive: true });
process.env.BETTER_AUTH_SECRET ??= "benchmark-secret-benchmark-secret";
process.env.WEBHOOK_ALLOWED_HOSTS = "localhost";
process.env.WEBHOOK_RATE_LIMIT_PER_MINUTE = "100000000";
process.env.LOG_LEVEL ??= "warn";

export const dataDir = process.env.DOKPLOY_DATA_DIR;

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across processes. */
export const wallClockMs = () => performance.timeOrigin + performance.now();

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A whole-number setting of the benchmark (BENCH_*), with its default. */
export const benchSetting = (name: string, fallback: number) => {
	const raw = process.env[name];
	if (raw === undefined || raw === "") return fallback;
	const value = Number(raw);
	if (!Number.isFinite(value) || value <= 0) {
		console.error(`${name} must be a positive number, got "${raw}"`);
		process.exit(1);
	}
	return value;
};

// Interrupted, a benchmark still stops the receiver and workers it started (their exit hooks).
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(130));
