/**
 * Status change → arrival at the receiver, through the whole pipeline (outbox row, BullMQ, one
 * workers process: rate limit, URL check, signing, pooled HTTPS POST, attempt record), at 10,
 * 100 and 500 status changes per second for BENCH_SECONDS each. The receiver runs in its own
 * process and stamps each arrival; the latency is that stamp minus the commit of the deployment
 * the delivery belongs to. A delivery still missing BENCH_GRACE_SECONDS after the last status
 * change counts as lost.
 *
 *   pnpm bench:latency     (BENCH_SECONDS per rate, default 30; BENCH_RUNS, default 3)
 */
import { benchSetting, sleep } from "./lib/env";
import {
	applicationWithWebhooks,
	emitAtRate,
	emptyDeliveries,
	preparePipeline,
	unfinishedSummary,
} from "./lib/pipeline";
import { startReceiverProcess } from "./lib/receiver-process";
import { medianOf, percentile, repeat, round, writeResult } from "./lib/report";
import { startWorkers, stopWorkers } from "./lib/workers";

const SECONDS = benchSetting("BENCH_SECONDS", 30);
const RUNS = benchSetting("BENCH_RUNS", 3);
const GRACE_SECONDS = benchSetting("BENCH_GRACE_SECONDS", 30);
const RATES = [10, 100, 500] as const;

// Alike by shape only with the other benches: each reads its own settings before the shared set-up.
const receiver = await startReceiverProcess();
process.env.WEBHOOK_CA_FILE = receiver.caFile;
const { closeDatabase } = await import("../packages/server/src/db/client");

await preparePipeline();
// A few applications, one webhook each: the rate limit and the lanes are per service.
const applications = await Promise.all(
	Array.from({ length: 5 }, () => applicationWithWebhooks([receiver.url("/fast")])),
);

const measureRate = async (perSecond: number) => {
	// A fresh workers process per rate: no job of the previous rate is still in its hands when
	// the queue is emptied between rates.
	const workers = await startWorkers(1);
	// Warm up the new process (JIT, connection pools, prepared statements) before measuring.
	const arrivedBefore = (await receiver.count()).total;
	const warmUp = await emitAtRate(applications, 20, 1);
	const warmUpEnds = Date.now() + 10_000;
	const warmedUp = arrivedBefore + warmUp.committed.size;
	while ((await receiver.count()).total < warmedUp && Date.now() < warmUpEnds) {
		await sleep(50);
	}
	await emptyDeliveries();
	await receiver.take();
	// The receiver's count runs on since it started: wait for this rate's own arrivals.
	const arrivedBeforeRate = (await receiver.count()).total;
	const { committed, achievedPerSecond } = await emitAtRate(applications, perSecond, SECONDS);
	const graceEnds = Date.now() + GRACE_SECONDS * 1000;
	while (
		(await receiver.count()).total - arrivedBeforeRate < committed.size &&
		Date.now() < graceEnds
	) {
		await sleep(100);
	}
	const { arrivals } = await receiver.take();
	const latencies: number[] = [];
	const arrived = new Set<string>();
	for (const [deploymentId, at] of arrivals) {
		const committedAt = committed.get(deploymentId);
		if (committedAt === undefined || arrived.has(deploymentId)) continue;
		arrived.add(deploymentId);
		latencies.push(at - committedAt);
	}
	const missing = committed.size - arrived.size;
	if (missing > 0)
		console.log(`  ${perSecond}/s: ${missing} not arrived;`, await unfinishedSummary());
	await stopWorkers(workers);
	await emptyDeliveries();
	return {
		p50Ms: round(percentile(latencies, 50), 1),
		p95Ms: round(percentile(latencies, 95), 1),
		p99Ms: round(percentile(latencies, 99), 1),
		lost: committed.size - arrived.size,
		achievedPerSecond: round(achievedPerSecond, 1),
	};
};

const perRun = await repeat(RUNS, async () => {
	const byRate: Record<string, Awaited<ReturnType<typeof measureRate>>> = {};
	for (const rate of RATES) byRate[`${rate}/s`] = await measureRate(rate);
	return byRate;
});

const figures = Object.fromEntries(
	RATES.map((rate) => {
		const key = `${rate}/s`;
		return [
			key,
			{
				p50Ms: medianOf(perRun, (r) => r[key]!.p50Ms),
				p95Ms: medianOf(perRun, (r) => r[key]!.p95Ms),
				p99Ms: medianOf(perRun, (r) => r[key]!.p99Ms),
				lost: medianOf(perRun, (r) => r[key]!.lost),
				achievedPerSecond: medianOf(perRun, (r) => r[key]!.achievedPerSecond),
			},
		];
	}),
);
const at100 = figures["100/s"]!;
writeResult(
	"latency",
	figures,
	[
		{ field: "100/s.p50Ms", goal: "<= 20", met: at100.p50Ms <= 20 },
		{ field: "100/s.p99Ms", goal: "<= 100", met: at100.p99Ms <= 100 },
		{ field: "100/s.lost", goal: "= 0", met: at100.lost === 0 },
	],
	{
		runs: RUNS,
		settings: { secondsPerRate: SECONDS, graceSeconds: GRACE_SECONDS, workersProcesses: 1 },
		perRun,
	},
);
await receiver.stop();
await closeDatabase();
process.exit(0);
