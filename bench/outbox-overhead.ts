/**
 * What webhooks cost a deployment: the time of a status change (createDeployment, then
 * updateDeploymentStatus to done) for a service with no webhooks (the baseline, measured in the
 * same run) against one whose 10 webhooks all subscribe, so every change also writes 10 outbox
 * rows and renders 10 bodies in the same transaction. Nothing is sent: the workers are off.
 *
 *   node --import tsx bench/outbox-overhead.ts            (PGlite in memory)
 *   DATABASE_URL=postgres://… node --import tsx bench/outbox-overhead.ts
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

process.env.DOKPLOY_DATA_DIR = mkdtempSync(path.join(tmpdir(), "dokploy-bench-"));
process.env.BETTER_AUTH_SECRET ??= "benchmark-secret-benchmark-secret";
process.env.WEBHOOK_ALLOWED_HOSTS = "localhost";
process.env.LOG_LEVEL = "silent";
if (!process.env.DATABASE_URL) process.env.PGLITE_DATA_DIR = "memory://";

const { createTestService } = await import("../packages/server/src/__test__/fixtures");
const { closeDatabase, databaseDriver } = await import("../packages/server/src/db/client");
const { migrateDatabase } = await import("../packages/server/src/db/migrate");
const { createDeployment, updateDeploymentStatus } = await import(
	"../packages/server/src/services/deployment"
);
const { createWebhook } = await import("../packages/server/src/services/webhook");
const { registerWebhookOutbox } = await import("../packages/server/src/webhooks/outbox");

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const WEBHOOKS = 10;

const percentile = (sorted: number[], p: number) =>
	sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

const measure = async (applicationId: string) => {
	const timings: number[] = [];
	for (let round = 0; round < ROUNDS; round++) {
		const started = performance.now();
		const deployment = await createDeployment(applicationId, { trigger: { type: "manual" } });
		await updateDeploymentStatus(deployment.deploymentId, "done");
		timings.push(performance.now() - started);
	}
	timings.sort((a, b) => a - b);
	const mean = timings.reduce((sum, value) => sum + value, 0) / timings.length;
	return { mean, p50: percentile(timings, 50), p95: percentile(timings, 95) };
};

await migrateDatabase();
registerWebhookOutbox();
const plain = await createTestService("application", { buildCommand: "true" });
const hooked = await createTestService("application", { buildCommand: "true" });
for (let index = 0; index < WEBHOOKS; index++) {
	await createWebhook({
		applicationId: hooked.service.id,
		name: `bench ${index}`,
		url: `https://localhost:1/hook-${index}`,
		templateType: index % 2 === 0 ? "generic" : "slack",
		events: ["deployment.started", "deployment.success"],
	});
}
// Warm up both paths (JIT, prepared statements) before measuring.
await measure(plain.service.id);
await measure(hooked.service.id);
const baseline = await measure(plain.service.id);
const withWebhooks = await measure(hooked.service.id);

const format = (figures: typeof baseline) =>
	`mean ${figures.mean.toFixed(2)} ms, p50 ${figures.p50.toFixed(2)} ms, p95 ${figures.p95.toFixed(2)} ms`;
console.log(`driver: ${databaseDriver()}, ${ROUNDS} deployments (start + done) per case`);
console.log(`baseline, no webhooks:        ${format(baseline)}`);
console.log(`${WEBHOOKS} webhooks (20 outbox rows): ${format(withWebhooks)}`);
console.log(
	`ratio (webhooks / baseline):  mean ${(withWebhooks.mean / baseline.mean).toFixed(2)}x, p95 ${(withWebhooks.p95 / baseline.p95).toFixed(2)}x`,
);
await closeDatabase();
process.exit(0);
