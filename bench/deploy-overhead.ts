/**
 * What webhooks cost a deployment: createDeployment + updateDeploymentStatus(done) for an
 * application with 0 (the baseline, same run), 10 and 50 webhooks subscribed to both events, on
 * PostgreSQL. Each status change then writes 10 or 50 outbox rows, rendered, in its transaction
 * and enqueues them after commit. No worker runs: this is the deployment's side only. The
 * three cases take turns deployment by deployment.
 *
 *   pnpm bench:deploy-overhead        (BENCH_ROUNDS deployments per case and run, BENCH_RUNS runs)
 */
import { benchSetting, sleep, wallClockMs } from "./lib/env";
import { emptyDeliveries, preparePipeline } from "./lib/pipeline";
import { medianOf, repeat, round, writeResult } from "./lib/report";

const { createTestService } = await import("../packages/server/src/__test__/fixtures");
const { closeDatabase } = await import("../packages/server/src/db/client");
const { createDeployment, updateDeploymentStatus } = await import(
	"../packages/server/src/services/deployment"
);
const { createWebhook } = await import("../packages/server/src/services/webhook");
const { webhookDeliveriesQueue } = await import("../packages/server/src/webhooks/queue");

const ROUNDS = benchSetting("BENCH_ROUNDS", 150);
const RUNS = benchSetting("BENCH_RUNS", 3);

await preparePipeline();

const applicationWith = async (webhooks: number) => {
	const { service, organizationId } = await createTestService("application", {
		buildCommand: "true",
	});
	for (let index = 0; index < webhooks; index++) {
		await createWebhook(
			{
				applicationId: service.id,
				name: `bench ${index}`,
				url: `https://localhost:1/hook-${index}`,
				templateType: index % 2 === 0 ? "generic" : "slack",
				events: ["deployment.started", "deployment.success"],
			},
			organizationId,
		);
	}
	return service.id;
};

const queue = webhookDeliveriesQueue();

/**
 * Milliseconds of one deployment's start + done. The deliveries are enqueued after commit,
 * without the deployment waiting; the benchmark waits for that (untimed) before going on, so
 * that one case's queue work never lands in the next case's timing.
 */
const deploymentMs = async (applicationId: string, webhooks: number) => {
	const waitingBefore = await queue.getWaitingCount();
	const started = wallClockMs();
	const deployment = await createDeployment(applicationId, { trigger: { type: "manual" } });
	await updateDeploymentStatus(deployment.deploymentId, "done");
	const elapsed = wallClockMs() - started;
	const expected = waitingBefore + 2 * webhooks;
	while ((await queue.getWaitingCount()) < expected) await sleep(1);
	return elapsed;
};

const cases = [
	{ key: "baselineMs", webhooks: 0, applicationId: await applicationWith(0) },
	{ key: "webhooks10Ms", webhooks: 10, applicationId: await applicationWith(10) },
	{ key: "webhooks50Ms", webhooks: 50, applicationId: await applicationWith(50) },
] as const;

/** Mean per case; the cases take turns round by round, so load on the machine hits all alike. */
const measure = async (rounds: number) => {
	const totals = { baselineMs: 0, webhooks10Ms: 0, webhooks50Ms: 0 };
	for (let round = 0; round < rounds; round++) {
		for (const { key, webhooks, applicationId } of cases) {
			totals[key] += await deploymentMs(applicationId, webhooks);
		}
	}
	await emptyDeliveries();
	return {
		baselineMs: totals.baselineMs / rounds,
		webhooks10Ms: totals.webhooks10Ms / rounds,
		webhooks50Ms: totals.webhooks50Ms / rounds,
	};
};

// Warm up every path (JIT, prepared statements, the queue's connection) before measuring.
await measure(20);

const perRun = await repeat(RUNS, async () => {
	const { baselineMs, webhooks10Ms, webhooks50Ms } = await measure(ROUNDS);
	return {
		baselineMs: round(baselineMs),
		webhooks10Ms: round(webhooks10Ms),
		webhooks50Ms: round(webhooks50Ms),
		ratio10: round(webhooks10Ms / baselineMs),
		ratio50: round(webhooks50Ms / baselineMs),
	};
});

const figures = {
	baselineMs: medianOf(perRun, (r) => r.baselineMs),
	webhooks10Ms: medianOf(perRun, (r) => r.webhooks10Ms),
	webhooks50Ms: medianOf(perRun, (r) => r.webhooks50Ms),
	ratio10: medianOf(perRun, (r) => r.ratio10),
	ratio50: medianOf(perRun, (r) => r.ratio50),
};
writeResult(
	"deploy-overhead",
	figures,
	[{ field: "ratio10", goal: "<= 1.5", met: figures.ratio10 <= 1.5 }],
	{ runs: RUNS, settings: { rounds: ROUNDS, driver: "postgres" }, perRun },
);
await closeDatabase();
process.exit(0);
