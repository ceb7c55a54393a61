/**
 * The fault suite (issue 9): six faults against real PostgreSQL, Redis, worker processes
 * (compiled, as operators run them) and an HTTPS receiver in its own process, each checked for
 * lost and duplicated webhooks, stuck deployments and orphaned builds. Writes
 * bench/results/faults.json.
 *
 *   pnpm test:faults              # small: about 1,000 events per burst, short outages
 *   pnpm test:faults --full       # 10,000 events per burst, the outages (20 s, 60 s)
 *
 * FAULTS_EVENTS overrides the burst size; FAULTS_ONLY=<index> runs one fault. Exits 1 when any
 * fault loses a webhook, leaves a deployment stuck or a build running.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { FaultResult } from "./checks";
import { startPostgres, startRedis } from "./services";

const full = process.argv.includes("--full");
const events = Number(process.env.FAULTS_EVENTS ?? (full ? 10_000 : 1_000));
const outage = full
	? { redisShort: 20_000, redisLong: 60_000, receiver: 60_000 }
	: { redisShort: 8_000, redisLong: 15_000, receiver: 10_000 };
const only = process.env.FAULTS_ONLY === undefined ? null : Number(process.env.FAULTS_ONLY);
const SETTLE_MS = full ? 900_000 : 240_000;

const here = path.dirname(fileURLToPath(import.meta.url));
const work = mkdtempSync(path.join(tmpdir(), "dokploy-faults-"));
chmodSync(work, 0o755);
const postgres = await startPostgres(path.join(work, "pg"));
const redis = await startRedis(path.join(work, "redis"));
const cleanUp = async () => {
	await redis.stop().catch(() => undefined);
	try {
		postgres.stop();
	} catch {
		// Already stopped.
	}
	rmSync(work, { recursive: true, force: true });
};

const { killAllWorkers, startReceiverProcess, unexpectedDeaths } = await import("./product");
// Ctrl-C still stops what the suite started.
process.once("SIGINT", () => {
	void killAllWorkers()
		.then(cleanUp)
		.finally(() => process.exit(130));
});
const receiver = await startReceiverProcess(work);
const settings = {
	DATABASE_URL: postgres.url,
	REDIS_URL: redis.url,
	DOKPLOY_DATA_DIR: path.join(work, "data"),
	BETTER_AUTH_SECRET: "fault-suite-secret-that-is-long-enough",
	WEBHOOK_ALLOWED_HOSTS: "localhost",
	WEBHOOK_CA_FILE: receiver.caFile,
	WEBHOOK_RATE_LIMIT_PER_MINUTE: "1000000",
	// A receiver that fails for a minute must not be switched off: the suite counts every event.
	WEBHOOK_AUTO_DISABLE_AFTER: "0",
	WEBHOOK_RETRY_SCALE: "0.05",
	WEBHOOK_RECONCILE_MS: "2000",
	WEBHOOK_STALLED_INTERVAL_MS: "2000",
	DEPLOYMENT_CLAIM_TTL_MS: "3000",
	DEPLOYMENT_CONCURRENCY: "8",
	LOG_LEVEL: "error",
};
Object.assign(process.env, settings);
mkdirSync(settings.DOKPLOY_DATA_DIR, { recursive: true });

const { migrateDatabase } = await import("../db/migrate");
const { wireLifecycleListeners } = await import("../runtime/start-process");
const { countDeliveries, countOrphanBuilds, describeStuck, stuckDeployments } = await import(
	"./checks"
);
const { faults } = await import("./faults");
const { settle } = await import("./scenario");

await migrateDatabase();
wireLifecycleListeners();

const results: FaultResult[] = [];
try {
	for (const [index, fault] of faults.entries()) {
		if (only !== null && only !== index) continue;
		console.log(`fault ${index + 1}/${faults.length}: ${fault.name}`);
		const started = Date.now();
		const { scenario, workers } = await fault.run({
			events,
			outage,
			workerEnv: (extra = {}) => ({ ...process.env, ...extra }),
			receiver,
			redis,
			postgres,
		});
		const deathsBefore = unexpectedDeaths.length;
		const timedOut = await settle(scenario, SETTLE_MS);
		for (const process of workers) await process.stop();
		const outcomes = await scenario.outcomes();
		const expectedIds = await scenario.deliveryIds();
		// A deployment whose row is missing owes its deliveries all the same: they count as lost.
		const webhooksPerDeployment = scenario.webhookIds.length / scenario.services.length;
		const expected = outcomes.reduce(
			(sum, outcome) =>
				sum + (outcome.status === null ? 2 * webhooksPerDeployment : outcome.expectedDeliveries),
			0,
		);
		const counted = countDeliveries(expectedIds, receiver.received);
		const stuck = stuckDeployments(outcomes, fault.allowed);
		const result: FaultResult = {
			fault: fault.name,
			expected,
			received: counted.received,
			lost: expected - counted.received,
			duplicates: counted.duplicates,
			stuckDeployments: stuck.length,
			orphanProcesses: countOrphanBuilds(scenario.deploymentIds),
			deployments: outcomes.length,
			durationMs: Date.now() - started,
			crashedProcesses: unexpectedDeaths.length - deathsBefore,
			notes: [...(timedOut ? [timedOut] : []), ...stuck.slice(0, 5).map(describeStuck)],
		};
		console.log(JSON.stringify(result));
		results.push(result);
	}
} finally {
	await killAllWorkers();
	receiver.close();
	await cleanUp();
}
const failed = results.filter(
	(r) =>
		r.lost !== 0 || r.stuckDeployments !== 0 || r.orphanProcesses !== 0 || r.crashedProcesses !== 0,
);
const output =
	process.env.FAULTS_OUTPUT ??
	path.join(here, "../../../../bench/results", full ? "faults.json" : "faults-small.json");
mkdirSync(path.dirname(output), { recursive: true });
writeFileSync(
	output,
	`${JSON.stringify({ size: { events, ...outage }, ranAt: new Date().toISOString(), faults: results }, null, 2)}\n`,
);
console.log(
	`${failed.length === 0 ? "PASS" : "FAIL"}: ${results.length} faults, results in ${output}`,
);
process.exit(failed.length === 0 ? 0 : 1);
