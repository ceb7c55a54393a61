/**
 * One healthy endpoint's latency, alone and beside 10 endpoints that never answer (the receiver
 * holds their requests open; each such attempt lasts the whole 10 s timeout). All 11 webhooks
 * belong to one application and get every event, so the hanging ones compete with the healthy
 * one for the same worker. Status changes come at BENCH_RATE per second for BENCH_SECONDS; the
 * healthy endpoint's p99 (status change → arrival) is compared between the two cases.
 *
 *   pnpm bench:isolation      (BENCH_RATE, default 2; BENCH_SECONDS, default 20; BENCH_RUNS)
 */
import { benchSetting, sleep } from "./lib/env";
import {
	applicationWithWebhooks,
	emitAtRate,
	emptyDeliveries,
	preparePipeline,
} from "./lib/pipeline";
import { startReceiverProcess } from "./lib/receiver-process";
import { medianOf, percentile, repeat, round, writeResult } from "./lib/report";
import { startWorkers, stopWorkers } from "./lib/workers";

const RATE = benchSetting("BENCH_RATE", 2);
const SECONDS = benchSetting("BENCH_SECONDS", 20);
const RUNS = benchSetting("BENCH_RUNS", 3);
const HANGING = 10;

const receiver = await startReceiverProcess();
process.env.WEBHOOK_CA_FILE = receiver.caFile;
const { closeDatabase } = await import("../packages/server/src/db/client");

await preparePipeline();
const alone = await applicationWithWebhooks([receiver.url("/fast")]);
const beside = await applicationWithWebhooks([
	receiver.url("/fast"),
	...Array.from({ length: HANGING }, () => receiver.url("/hang")),
]);

/** The healthy endpoint's p99 while status changes of `applicationId` come at RATE. */
const healthyP99 = async (applicationId: string) => {
	// A fresh workers process each time: no attempt of an earlier case is still hanging.
	const workers = await startWorkers(1);
	await receiver.take();
	// The receiver's count runs on since it started (hanging requests are never counted).
	const arrivedBefore = (await receiver.count()).total;
	const { committed } = await emitAtRate([applicationId], RATE, SECONDS);
	const deadline = Date.now() + 30_000;
	while ((await receiver.count()).total - arrivedBefore < committed.size && Date.now() < deadline) {
		await sleep(50);
	}
	const { arrivals } = await receiver.take();
	const latencies = arrivals
		.filter(([deploymentId]) => committed.has(deploymentId))
		.map(([deploymentId, at]) => at - committed.get(deploymentId)!);
	await stopWorkers(workers);
	await emptyDeliveries();
	return { p99: percentile(latencies, 99), lost: committed.size - latencies.length };
};

const perRun = await repeat(RUNS, async () => {
	const aloneFigures = await healthyP99(alone);
	const besideFigures = await healthyP99(beside);
	return {
		aloneP99Ms: round(aloneFigures.p99, 1),
		besideHangingP99Ms: round(besideFigures.p99, 1),
		ratioP99: round(besideFigures.p99 / aloneFigures.p99),
		healthyLostBeside: besideFigures.lost,
	};
});

const figures = {
	aloneP99Ms: medianOf(perRun, (r) => r.aloneP99Ms),
	besideHangingP99Ms: medianOf(perRun, (r) => r.besideHangingP99Ms),
	ratioP99: medianOf(perRun, (r) => r.ratioP99),
};
writeResult(
	"isolation",
	figures,
	[{ field: "ratioP99", goal: "<= 2", met: figures.ratioP99 <= 2 }],
	{
		runs: RUNS,
		settings: { eventsPerSecond: RATE, seconds: SECONDS, hangingEndpoints: HANGING },
		perRun,
	},
);
await receiver.stop();
await closeDatabase();
process.exit(0);
