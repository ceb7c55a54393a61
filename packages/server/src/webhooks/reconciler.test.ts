import { eq, inArray } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { createTestService, waitFor } from "../__test__/fixtures";
import { getDatabase } from "../db/client";
import { webhookDeliveries } from "../db/schema/webhook";
import { createDeployment, updateDeploymentStatus } from "../services/deployment";
import { createWebhook } from "./__test__/as-owner";
import { useWebhookEngine } from "./__test__/engine";
import { webhookDeliveriesQueue } from "./queue";
import { reconcileDeliveries } from "./reconciler";
import { startWebhookWorker } from "./worker";

// The webhook worker stays stopped until a test starts it, so that jobs wait in the queue.
const engine = useWebhookEngine({ withoutWebhookWorker: true });

let stopWorker: (() => Promise<void>) | undefined;
afterEach(async () => {
	await stopWorker?.();
	stopWorker = undefined;
});
const startWorker = () => {
	stopWorker = startWebhookWorker({ stalledIntervalMs: 1_000 }).close;
};

const trigger = { type: "manual", triggeredBy: "u1" } as const;

const deliveriesOf = (webhookId: string) =>
	getDatabase().select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, webhookId));

/**
 * A webhook whose deployment events are in the outbox while their jobs are lost, as when Redis
 * lost its data, or the process died between commit and enqueue.
 */
const outboxRowsWithoutJobs = async (pathname: string) => {
	const { ref } = await createTestService("application");
	const { webhook } = await createWebhook({
		applicationId: ref.id,
		name: "Reconciled receiver",
		url: engine.receiver.url(pathname),
		events: ["deployment.started", "deployment.success"],
	});
	const started = await createDeployment(ref.id, { trigger });
	await updateDeploymentStatus(started.deploymentId, "done");
	const rows = await deliveriesOf(webhook.webhookId);
	expect(rows).toHaveLength(2);
	await webhookDeliveriesQueue().obliterate({ force: true });
	return { webhook, rows };
};

const jobsOf = (deliveryIds: string[]) =>
	Promise.all(deliveryIds.map((id) => webhookDeliveriesQueue().getJob(id)));

const requestsPerDelivery = (pathname: string) => {
	const counts: Record<string, number> = {};
	for (const request of engine.receiver.requests.filter((r) => r.path === pathname)) {
		const id = request.headers["x-dokploy-delivery"]!;
		counts[id] = (counts[id] ?? 0) + 1;
	}
	return counts;
};

/** Waits until every row succeeded and its job is gone: no further request can come then. */
const waitUntilDelivered = async (webhookId: string, deliveryIds: string[]) => {
	await waitFor(
		() => deliveriesOf(webhookId),
		(rows) => rows.every((row) => row.status === "success"),
		{ what: "every delivery to succeed" },
	);
	await waitFor(
		() => jobsOf(deliveryIds),
		(jobs) => jobs.every((job) => !job),
		{ what: "the delivery jobs to finish" },
	);
};

describe("outbox reconciler", () => {
	it("re-enqueues pending rows that have no job, and each is delivered once", async () => {
		const pathname = "/reconcile";
		const { webhook, rows } = await outboxRowsWithoutJobs(pathname);
		const ids = rows.map((row) => row.deliveryId);
		expect(await jobsOf(ids)).toEqual([undefined, undefined]);

		expect(await reconcileDeliveries()).toBeGreaterThanOrEqual(2);
		const jobs = await jobsOf(ids);
		expect(await Promise.all(jobs.map((job) => job?.getState()))).toEqual(["waiting", "waiting"]);

		startWorker();
		await waitUntilDelivered(webhook.webhookId, ids);
		expect(requestsPerDelivery(pathname)).toEqual(
			Object.fromEntries(rows.map((row) => [row.idempotencyKey, 1])),
		);
		const delivered = await deliveriesOf(webhook.webhookId);
		expect(delivered.map((row) => row.attemptCount)).toEqual([1, 1]);
	});

	it("enqueues a row that waits for a later attempt with its delay, and sends it no earlier", async () => {
		const pathname = "/reconcile-later";
		const { webhook, rows } = await outboxRowsWithoutJobs(pathname);
		const [later, now] = rows as [(typeof rows)[0], (typeof rows)[0]];
		const nextAttemptAt = new Date(Date.now() + 1_500);
		await getDatabase()
			.update(webhookDeliveries)
			.set({ status: "retrying", nextAttemptAt: nextAttemptAt.toISOString() })
			.where(eq(webhookDeliveries.deliveryId, later.deliveryId));

		const reconciledAt = new Date();
		await reconcileDeliveries(reconciledAt);
		const [laterJob, nowJob] = await jobsOf([later.deliveryId, now.deliveryId]);
		expect(await laterJob?.getState()).toBe("delayed");
		expect(laterJob?.delay).toBe(nextAttemptAt.getTime() - reconciledAt.getTime());
		expect(await nowJob?.getState()).toBe("waiting");

		startWorker();
		await waitUntilDelivered(webhook.webhookId, [later.deliveryId, now.deliveryId]);
		const received = engine.receiver.requests.filter((r) => r.path === pathname);
		const laterRequest = received.find((r) => r.headers["webhook-id"] === later.idempotencyKey);
		const nowRequest = received.find((r) => r.headers["webhook-id"] === now.idempotencyKey);
		expect(laterRequest!.receivedAt).toBeGreaterThanOrEqual(nextAttemptAt.getTime());
		// The other one did not wait for it.
		expect(nowRequest!.receivedAt).toBeLessThan(laterRequest!.receivedAt);
		expect(requestsPerDelivery(pathname)).toEqual({
			[later.idempotencyKey]: 1,
			[now.idempotencyKey]: 1,
		});
	});

	it("creates no second job or request when it runs twice, even at the same time", async () => {
		const pathname = "/reconcile-twice";
		const { webhook, rows } = await outboxRowsWithoutJobs(pathname);
		const ids = rows.map((row) => row.deliveryId);

		await Promise.all([reconcileDeliveries(), reconcileDeliveries()]);
		// One job per open row, no more; a third run finds nothing to do.
		const open = await getDatabase()
			.select({ deliveryId: webhookDeliveries.deliveryId })
			.from(webhookDeliveries)
			.where(inArray(webhookDeliveries.status, ["pending", "retrying"]));
		const queued = await webhookDeliveriesQueue().getJobs(["waiting", "delayed", "active"]);
		expect(queued.map((job) => job.id).sort()).toEqual(open.map((row) => row.deliveryId).sort());
		expect(open.map((row) => row.deliveryId)).toEqual(expect.arrayContaining(ids));
		expect(await reconcileDeliveries()).toBe(0);

		startWorker();
		// While the worker delivers, the reconciler keeps running; a finished row is left alone.
		const reconciling = (async () => {
			for (let round = 0; round < 5; round++) await reconcileDeliveries();
		})();
		await waitUntilDelivered(webhook.webhookId, ids);
		await reconciling;
		await reconcileDeliveries();
		await waitUntilDelivered(webhook.webhookId, ids);
		expect(requestsPerDelivery(pathname)).toEqual(
			Object.fromEntries(rows.map((row) => [row.idempotencyKey, 1])),
		);
	});
});
