/**
 * The product side of a benchmark, in the benchmark's own process: the database migrated, the
 * outbox on the deployment lifecycle (so that a status change writes its deliveries), services
 * with webhooks pointing at the receiver, and status changes made at a chosen pace. The
 * deliveries themselves are made by separate workers processes (workers.ts).
 */
import { createTestService } from "../../packages/server/src/__test__/fixtures";
import { getDatabase } from "../../packages/server/src/db/client";
import { migrateDatabase } from "../../packages/server/src/db/migrate";
import { webhookDeliveries } from "../../packages/server/src/db/schema/webhook";
import { createDeployment } from "../../packages/server/src/services/deployment";
import { createWebhook } from "../../packages/server/src/services/webhook";
import { registerWebhookOutbox } from "../../packages/server/src/webhooks/outbox";
import { webhookDeliveriesQueue } from "../../packages/server/src/webhooks/queue";
import { sleep, wallClockMs } from "./env";

export const preparePipeline = async () => {
	await migrateDatabase();
	registerWebhookOutbox();
	await emptyDeliveries();
};

/** No job and no delivery row left from an earlier run. */
export const emptyDeliveries = async () => {
	await webhookDeliveriesQueue().obliterate({ force: true });
	// A worker may still be recording its last attempts (which prune rows): retry a deadlock.
	for (let attempt = 1; ; attempt++) {
		try {
			await getDatabase().delete(webhookDeliveries);
			return;
		} catch (error) {
			if (attempt >= 5) throw error;
			await sleep(200);
		}
	}
};

/** Where the deliveries that have not succeeded stand: status and last error, counted. */
export const unfinishedSummary = async () => {
	const rows = await getDatabase()
		.select({ status: webhookDeliveries.status, lastError: webhookDeliveries.lastError })
		.from(webhookDeliveries);
	const counts = new Map<string, number>();
	for (const row of rows) {
		if (row.status === "success") continue;
		const key = `${row.status} (${row.lastError ?? "not attempted yet"})`;
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	return Object.fromEntries(counts);
};

/** An application with `urls.length` webhooks, each subscribed to deployment.started. */
export const applicationWithWebhooks = async (urls: string[]) => {
	const { service, organizationId } = await createTestService("application", {
		buildCommand: "true",
	});
	for (const [index, url] of urls.entries()) {
		await createWebhook(
			{ applicationId: service.id, name: `bench ${index}`, url, events: ["deployment.started"] },
			organizationId,
		);
	}
	return service.id;
};

/** One status change (a deployment starts); returns its id and when it was committed. */
export const startDeployment = async (applicationId: string) => {
	const deployment = await createDeployment(applicationId, { trigger: { type: "manual" } });
	return { deploymentId: deployment.deploymentId, committedAt: wallClockMs() };
};

/**
 * Status changes at `perSecond` for `seconds`, open loop: each is started on schedule whether
 * or not the earlier ones have finished, as independent deployments would be. Returns the
 * commit time of each deployment and the rate actually achieved.
 */
export const emitAtRate = async (applicationIds: string[], perSecond: number, seconds: number) => {
	const committed = new Map<string, number>();
	const total = Math.round(perSecond * seconds);
	const startedAt = wallClockMs();
	const inFlight: Promise<void>[] = [];
	for (let index = 0; index < total; index++) {
		const due = startedAt + (index * 1000) / perSecond;
		const wait = due - wallClockMs();
		if (wait > 1) await sleep(wait);
		const applicationId = applicationIds[index % applicationIds.length]!;
		inFlight.push(
			startDeployment(applicationId).then(({ deploymentId, committedAt }) => {
				committed.set(deploymentId, committedAt);
			}),
		);
	}
	await Promise.all(inFlight);
	const achievedPerSecond = total / ((wallClockMs() - startedAt) / 1000);
	return { committed, achievedPerSecond };
};
