/**
 * Deliveries per second through the whole pipeline against a fast receiver (its own process),
 * with one and with two workers processes (`pnpm --filter dokploy workers`, the scale-out entry
 * point, against the same PostgreSQL and Redis). A burst of status changes on applications with
 * 10 webhooks each writes the deliveries; the time runs from the first commit to the last
 * arrival. The ceiling, measured in the same run: a plain undici keep-alive loop from this
 * process to the same receiver, as many requests in flight as one worker runs.
 *
 *   pnpm bench:throughput     (BENCH_EVENTS status changes per run, default 300; BENCH_RUNS)
 */
import { readFileSync } from "node:fs";
import { Pool } from "undici";
import { benchSetting, sleep, wallClockMs } from "./lib/env";
import {
	applicationWithWebhooks,
	emptyDeliveries,
	preparePipeline,
	startDeployment,
} from "./lib/pipeline";
import { startReceiverProcess } from "./lib/receiver-process";
import { medianOf, repeat, round, writeResult } from "./lib/report";
import { startWorkers, stopWorkers } from "./lib/workers";

const EVENTS = benchSetting("BENCH_EVENTS", 300);
const RUNS = benchSetting("BENCH_RUNS", 3);
const WEBHOOKS_PER_APPLICATION = 10;
const CEILING_REQUESTS = benchSetting("BENCH_CEILING_REQUESTS", 5_000);

const receiver = await startReceiverProcess();
process.env.WEBHOOK_CA_FILE = receiver.caFile;
const { closeDatabase } = await import("../packages/server/src/db/client");
const { serverConfig } = await import("../packages/server/src/lib/config");
const concurrency = serverConfig().webhooks.concurrency;

await preparePipeline();
const applications = await Promise.all(
	Array.from({ length: 10 }, () =>
		applicationWithWebhooks(
			Array.from({ length: WEBHOOKS_PER_APPLICATION }, () => receiver.url("/fast")),
		),
	),
);
const deliveries = EVENTS * WEBHOOKS_PER_APPLICATION;

/** A plain keep-alive loop: the most this machine gets out of this receiver. */
const ceilingPerSec = async () => {
	const url = new URL(receiver.url("/fast"));
	const pool = new Pool(url.origin, {
		connections: concurrency,
		connect: { ca: readFileSync(receiver.caFile, "utf8") },
	});
	const body = '{"deployment":{"id":"ceiling"}}';
	let sent = 0;
	const started = wallClockMs();
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (sent < CEILING_REQUESTS) {
				sent++;
				const response = await pool.request({ path: url.pathname, method: "POST", body });
				await response.body.text();
			}
		}),
	);
	const seconds = (wallClockMs() - started) / 1000;
	await pool.close();
	return CEILING_REQUESTS / seconds;
};

/** A burst of status changes, and the deliveries per second until the last one arrived. */
const pipelinePerSec = async (workersProcesses: number) => {
	const workers = await startWorkers(workersProcesses);
	await receiver.take();
	const before = (await receiver.count()).total;
	const started = wallClockMs();
	// 20 status changes at a time: deployments of many services starting together.
	let next = 0;
	await Promise.all(
		Array.from({ length: 20 }, async () => {
			while (next < EVENTS) await startDeployment(applications[next++ % applications.length]!);
		}),
	);
	while ((await receiver.count()).total < before + deliveries) await sleep(20);
	const { arrivals } = await receiver.take();
	const lastArrival = Math.max(...arrivals.map(([, at]) => at));
	await stopWorkers(workers);
	await emptyDeliveries();
	return deliveries / ((lastArrival - started) / 1000);
};

const perRun = await repeat(RUNS, async () => {
	const ceiling = await ceilingPerSec();
	const oneWorker = await pipelinePerSec(1);
	const twoWorkers = await pipelinePerSec(2);
	return {
		ceilingPerSec: round(ceiling, 0),
		oneWorkerPerSec: round(oneWorker, 0),
		twoWorkersPerSec: round(twoWorkers, 0),
		ratioToCeiling: round(oneWorker / ceiling),
		scaleOut: round(twoWorkers / oneWorker),
	};
});

const figures = {
	ceilingPerSec: medianOf(perRun, (r) => r.ceilingPerSec),
	oneWorkerPerSec: medianOf(perRun, (r) => r.oneWorkerPerSec),
	twoWorkersPerSec: medianOf(perRun, (r) => r.twoWorkersPerSec),
	ratioToCeiling: medianOf(perRun, (r) => r.ratioToCeiling),
	scaleOut: medianOf(perRun, (r) => r.scaleOut),
};
writeResult(
	"throughput",
	figures,
	[
		{ field: "ratioToCeiling", goal: ">= 0.25", met: figures.ratioToCeiling >= 0.25 },
		{ field: "scaleOut", goal: ">= 1.6", met: figures.scaleOut >= 1.6 },
	],
	{
		runs: RUNS,
		settings: {
			events: EVENTS,
			webhooksPerApplication: WEBHOOKS_PER_APPLICATION,
			deliveriesPerRun: deliveries,
			workerConcurrency: concurrency,
			ceilingRequests: CEILING_REQUESTS,
		},
		perRun,
	},
);
await receiver.stop();
await closeDatabase();
process.exit(0);
