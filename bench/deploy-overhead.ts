/**
 * What webhooks cost a deployment: createDeployment + updateDeploymentStatus(done) for an
 * application with 0 (the baseline, same run), 10 and 50 webhooks subscribed to both events, on
 * PostgreSQL. Each status change then writes 10 or 50 outbox rows, rendered, in its transaction
 * and enqueues them after commit. No worker runs: this is the deployment's side only.
 *
 *   pnpm bench:deploy-overhead        (BENCH_ROUNDS deployments per case and run, BENCH_RUNS runs)
 */
import { benchSetting, wallClockMs } from "./lib/env";
import { emptyDeliveries, preparePipeline } from "./lib/pipeline";
import { medianOf, repeat, round, writeResult } from "./lib/report";

const { createTestService } = await import("../packages/server/src/__test__/fixtures");
const { closeDatabase } = await import("../packages/server/src/db/client");
const { createDeployment, updateDeploymentStatus } = await import(
	"../packages/server/src/services/deployment"
);
const { createWebhook } = await import("../packages/server/src/services/webhook");

const ROUNDS = benchSetting("BENCH_ROUNDS", 150);
const RUNS = benchSetting("BENCH_RUNS", 3);

await preparePipeline();

const applicationWith = async (webhooks: number) => {
	const { service } = await createTestService("application", { buildCommand: "true" });
	for (let index = 0; index < webhooks; index++) {
		await createWebhook({
			applicationId: service.id,
			name: `bench ${index}`,
			url: `https://localhost:1/hook-${index}`,
			templateType: index % 2 === 0 ? "generic" : "slack",
			events: ["deployment.started", "deployment.success"],
		});
	}
	return service.id;
};

/** Mean milliseconds of one deployment's start + done. */
const meanMs = async (applicationId: string, rounds: number) => {
	const started = wallClockMs();
	for (let round = 0; round < rounds; round++) {
		const deployment = await createDeployment(applicationId, { trigger: { type: "manual" } });
		await updateDeploymentStatus(deployment.deploymentId, "done");
	}
	return (wallClockMs() - started) / rounds;
};

const cases = {
	baseline: await applicationWith(0),
	webhooks10: await applicationWith(10),
	webhooks50: await applicationWith(50),
};
// Warm up every path (JIT, prepared statements, the queue's connection) before measuring.
for (const applicationId of Object.values(cases)) await meanMs(applicationId, 20);

const perRun = await repeat(RUNS, async () => {
	// Interleaved per run, so that a burst of load on the shared machine hits all cases alike.
	const baselineMs = await meanMs(cases.baseline, ROUNDS);
	const webhooks10Ms = await meanMs(cases.webhooks10, ROUNDS);
	const webhooks50Ms = await meanMs(cases.webhooks50, ROUNDS);
	await emptyDeliveries();
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
