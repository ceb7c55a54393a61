/**
 * A backlog draining: BENCH_BACKLOG (default 100,000) pending deliveries, spread over 10
 * webhooks of 10 applications, already in the queue (as after a long outage of the workers),
 * delivered by one workers process to a fast receiver in its own process. Measured: the time
 * from starting the workers until the last arrival, deliveries per second, and the highest
 * resident memory of the workers process, sampled every 250 ms.
 *
 *   pnpm bench:backlog        (BENCH_BACKLOG, BENCH_RUNS)
 */
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

const BACKLOG = benchSetting("BENCH_BACKLOG", 100_000);
const RUNS = benchSetting("BENCH_RUNS", 3);
const WEBHOOKS = 10;

const receiver = await startReceiverProcess();
process.env.WEBHOOK_CA_FILE = receiver.caFile;
const { closeDatabase, getDatabase } = await import("../packages/server/src/db/client");
const { enqueueDeliveries } = await import("../packages/server/src/webhooks/queue");
const { webhookDeliveries } = await import("../packages/server/src/db/schema/webhook");

await preparePipeline();
const applications = await Promise.all(
	Array.from({ length: WEBHOOKS }, () => applicationWithWebhooks([receiver.url("/fast")])),
);

/**
 * BACKLOG delivery rows copied from real ones (one real status change per application gives
 * each webhook a rendered body), written and enqueued in chunks.
 */
const fillBacklog = async () => {
	for (const applicationId of applications) await startDeployment(applicationId);
	const db = getDatabase();
	const templates = await db.select().from(webhookDeliveries);
	await db.delete(webhookDeliveries);
	const perWebhook = Math.ceil(BACKLOG / templates.length);
	for (let start = 0; start < perWebhook; start += 100) {
		const rows = templates.flatMap((template) =>
			Array.from({ length: Math.min(100, perWebhook - start) }, (_, offset) => {
				const deliveryId = `backlog-${start + offset}-${template.deliveryId}`;
				return {
					deliveryId,
					idempotencyKey: deliveryId,
					webhookId: template.webhookId,
					serviceType: template.serviceType,
					serviceId: template.serviceId,
					deploymentId: template.deploymentId,
					event: template.event,
					body: template.body,
				};
			}),
		);
		await db.insert(webhookDeliveries).values(rows);
		await enqueueDeliveries(rows.map((row) => row.deliveryId));
	}
	return perWebhook * templates.length;
};

const drain = async () => {
	await emptyDeliveries();
	const count = await fillBacklog();
	const before = (await receiver.count()).total;
	const started = wallClockMs();
	const [workers] = await startWorkers(1);
	let maxRssMb = 0;
	while ((await receiver.count()).total < before + count) {
		maxRssMb = Math.max(maxRssMb, workers!.rssMb());
		await sleep(250);
	}
	const drainSeconds = (wallClockMs() - started) / 1000;
	maxRssMb = Math.max(maxRssMb, workers!.rssMb());
	await stopWorkers([workers!]);
	await receiver.take();
	return {
		drainSeconds: round(drainSeconds, 1),
		perSec: round(count / drainSeconds, 0),
		maxRssMb: round(maxRssMb, 0),
		deliveries: count,
	};
};

const perRun = await repeat(RUNS, drain);
await emptyDeliveries();

const figures = {
	drainSeconds: medianOf(perRun, (r) => r.drainSeconds),
	perSec: medianOf(perRun, (r) => r.perSec),
	maxRssMb: medianOf(perRun, (r) => r.maxRssMb),
};
writeResult(
	"backlog",
	figures,
	[{ field: "maxRssMb", goal: "<= 200", met: figures.maxRssMb <= 200 }],
	{
		runs: RUNS,
		settings: { backlog: BACKLOG, webhooks: WEBHOOKS, workersProcesses: 1 },
		perRun,
	},
);
await receiver.stop();
await closeDatabase();
process.exit(0);
