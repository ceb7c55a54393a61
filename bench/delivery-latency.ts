/**
 * How fast an event reaches its receiver through the whole pipeline (outbox row, BullMQ,
 * worker: rate limit, URL check, signing, pinned HTTPS POST, attempt log), against the
 * baseline of a bare signed POST to the same loopback receiver, measured in the same run.
 *
 * - latency: one event at a time, from the committed status change to the request's arrival;
 * - throughput: a burst of deliveries, from the first commit to the last arrival.
 *
 *   node --import tsx bench/delivery-latency.ts   (needs Redis: REDIS_URL, default 127.0.0.1:6379/11)
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

const dataDir = mkdtempSync(path.join(tmpdir(), "dokploy-bench-"));
process.env.DOKPLOY_DATA_DIR = dataDir;
process.env.BETTER_AUTH_SECRET ??= "benchmark-secret-benchmark-secret";
process.env.WEBHOOK_ALLOWED_HOSTS = "localhost";
process.env.WEBHOOK_RATE_LIMIT_PER_MINUTE = "100000";
process.env.LOG_LEVEL = "silent";
process.env.REDIS_URL ??= "redis://127.0.0.1:6379/11";
if (!process.env.DATABASE_URL) process.env.PGLITE_DATA_DIR = "memory://";

const { startReceiver } = await import("../packages/server/src/webhooks/__test__/receiver");
const receiver = await startReceiver(dataDir);
process.env.WEBHOOK_CA_FILE = receiver.caFile;

const { createTestService } = await import("../packages/server/src/__test__/fixtures");
const { closeDatabase, databaseDriver } = await import("../packages/server/src/db/client");
const { migrateDatabase } = await import("../packages/server/src/db/migrate");
const { createDeployment } = await import("../packages/server/src/services/deployment");
const { createWebhook } = await import("../packages/server/src/services/webhook");
const { registerWebhookOutbox } = await import("../packages/server/src/webhooks/outbox");
const { webhookDeliveriesQueue } = await import("../packages/server/src/webhooks/queue");
const { startWebhookWorker } = await import("../packages/server/src/webhooks/worker");
const { sendWebhookRequest } = await import("../packages/server/src/webhooks/http");
const { buildSignatureHeaders } = await import("../packages/server/src/webhooks/signature");
const { readWebhookConfig } = await import("../packages/server/src/webhooks/config");

const LATENCY_ROUNDS = Number(process.env.BENCH_ROUNDS ?? 100);
const BURST = Number(process.env.BENCH_BURST ?? 300);

const summary = (timings: number[]) => {
	const sorted = [...timings].sort((a, b) => a - b);
	const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
	const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
	return { mean, p50: at(0.5), p95: at(0.95) };
};
const format = (figures: ReturnType<typeof summary>) =>
	`mean ${figures.mean.toFixed(1)} ms, p50 ${figures.p50.toFixed(1)} ms, p95 ${figures.p95.toFixed(1)} ms`;

await migrateDatabase();
await webhookDeliveriesQueue().obliterate({ force: true });
registerWebhookOutbox();
const worker = startWebhookWorker();
const { service } = await createTestService("application", { buildCommand: "true" });
const { secret } = await createWebhook({
	applicationId: service.id,
	name: "bench",
	url: receiver.url("/bench"),
	events: ["deployment.started"],
});

// Baseline: a signed POST straight to the receiver, as the worker's last step does it.
const config = readWebhookConfig();
const postDirectly = (round: number) => {
	const body = JSON.stringify({ round });
	return sendWebhookRequest({
		url: new URL(receiver.url("/direct")),
		address: "127.0.0.1",
		family: 4,
		body,
		headers: {
			"content-type": "application/json",
			...buildSignatureHeaders({
				deliveryId: `d${round}`,
				body,
				secrets: [secret],
				now: new Date(),
			}),
		},
		...(config.caCertificates ? { ca: config.caCertificates } : {}),
	});
};
const direct: number[] = [];
for (let round = 0; round < LATENCY_ROUNDS + 10; round++) {
	const started = performance.now();
	await postDirectly(round);
	if (round >= 10) direct.push(performance.now() - started);
}
// Throughput baseline: the same POSTs, as many at once as the worker runs (its concurrency).
const directBurstStarted = performance.now();
let next = 0;
await Promise.all(
	Array.from({ length: config.concurrency }, async () => {
		while (next < BURST) await postDirectly(next++);
	}),
);
const directBurstSeconds = (performance.now() - directBurstStarted) / 1000;

const arrivals = () => receiver.requests.filter((request) => request.path === "/bench").length;

// Latency: one deployment event at a time, commit to arrival.
const pipeline: number[] = [];
for (let round = 0; round < LATENCY_ROUNDS + 10; round++) {
	const before = arrivals();
	const started = performance.now();
	await createDeployment(service.id, { trigger: { type: "manual" } });
	while (arrivals() <= before) await new Promise((resolve) => setTimeout(resolve, 1));
	if (round >= 10) pipeline.push(performance.now() - started);
}

// Throughput: a burst of events, first commit to last arrival.
const before = arrivals();
const burstStarted = performance.now();
await Promise.all(
	Array.from({ length: BURST }, () =>
		createDeployment(service.id, { trigger: { type: "manual" } }),
	),
);
while (arrivals() < before + BURST) await new Promise((resolve) => setTimeout(resolve, 5));
const burstSeconds = (performance.now() - burstStarted) / 1000;

const directFigures = summary(direct);
const pipelineFigures = summary(pipeline);
console.log(`driver: ${databaseDriver()}, ${LATENCY_ROUNDS} rounds, burst of ${BURST}`);
console.log(`baseline, bare signed POST:           ${format(directFigures)}`);
console.log(`pipeline, status change to arrival:   ${format(pipelineFigures)}`);
console.log(
	`ratio (pipeline / baseline):          mean ${(pipelineFigures.mean / directFigures.mean).toFixed(1)}x`,
);
const rate = (seconds: number) =>
	`${seconds.toFixed(2)} s = ${(BURST / seconds).toFixed(0)} per second`;
console.log(
	`baseline burst, ${BURST} bare POSTs ${config.concurrency} at a time: ${rate(directBurstSeconds)}`,
);
console.log(`pipeline burst, ${BURST} status changes to arrivals:  ${rate(burstSeconds)}`);
console.log(
	`ratio (pipeline / baseline throughput): ${(directBurstSeconds / burstSeconds).toFixed(2)}x`,
);

await worker.close();
await receiver.close();
await closeDatabase();
process.exit(0);
