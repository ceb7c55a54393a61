import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createTestService, waitFor } from "../__test__/fixtures";
import { getDatabase } from "../db/client";
import { deployment } from "../db/schema/deployment";
import { webhookDeliveries } from "../db/schema/webhook";
import {
	type LifecycleListener,
	registerLifecycleListener,
	runLifecycleTransaction,
	unregisterLifecycleListener,
} from "../lifecycle/emitter";
import { toLifecycleEvent } from "../lifecycle/event";
import { deploymentEventNames } from "../lifecycle/types";
import {
	cancelDeployment,
	createDeployment,
	findDeploymentById,
	updateDeploymentStatus,
} from "../services/deployment";
import { findServiceUnscoped } from "../services/service";
import { createWebhook, deleteWebhook } from "./__test__/as-owner";
import { useWebhookEngine } from "./__test__/engine";
import { settlesWithin } from "./__test__/hang-guard";
import { closeQueue, useOwnRedis } from "./__test__/own-redis";
import { registerWebhookOutbox, WEBHOOK_LISTENER } from "./outbox";
import { enqueueDeliveries, webhookDeliveriesQueue } from "./queue";
import { startReconciler } from "./reconciler";
import { startWebhookWorker } from "./worker";

// This file stops and starts Redis, so it gets a redis-server of its own.
const redis = useOwnRedis();

const engine = useWebhookEngine({ withoutWebhookWorker: true });

/** Generous: only there so that a hang fails with a message instead of the test timeout. */
const HANG_GUARD_MS = 5_000;
const trigger = { type: "manual", triggeredBy: "u1" } as const;

const deliveriesOf = (webhookId: string) =>
	getDatabase().select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, webhookId));

const createOutageWebhook = async (applicationId: string, pathname: string) => {
	const { webhook } = await createWebhook({
		applicationId,
		name: "Outage receiver",
		url: engine.receiver.url(pathname),
		events: [...deploymentEventNames],
	});
	return webhook;
};

/**
 * Starts, finishes, cancels and fails deployments while Redis is stopped: each call must
 * resolve (the guard only turns a hang into a message) with the status changed, and leave
 * its deliveries pending in the outbox.
 */
const changeStatusesWhileRedisIsDown = async (applicationId: string, webhookId: string) => {
	const whileDown = <T>(work: Promise<T>, what: string) =>
		settlesWithin(work, HANG_GUARD_MS, `${what} while Redis is down`);
	const succeeded = await whileDown(
		createDeployment(applicationId, { trigger }),
		"createDeployment",
	);
	const done = await whileDown(
		updateDeploymentStatus(succeeded.deploymentId, "done"),
		"updateDeploymentStatus(done)",
	);
	const toCancel = await whileDown(
		createDeployment(applicationId, { trigger }),
		"createDeployment",
	);
	const cancelled = await whileDown(
		cancelDeployment(toCancel.deploymentId, "Stopped during the outage"),
		"cancelDeployment",
	);
	const toFail = await whileDown(createDeployment(applicationId, { trigger }), "createDeployment");
	const failed = await whileDown(
		updateDeploymentStatus(toFail.deploymentId, "error", { errorMessage: "exit code 1" }),
		"updateDeploymentStatus(error)",
	);
	// Every call above resolved before Redis came back.
	expect(redis().isRunning()).toBe(false);
	expect([done?.status, cancelled?.status, failed?.status]).toEqual(["done", "cancelled", "error"]);
	for (const [id, status] of [
		[succeeded.deploymentId, "done"],
		[toCancel.deploymentId, "cancelled"],
		[toFail.deploymentId, "error"],
	] as const) {
		expect((await findDeploymentById(id)).status).toBe(status);
	}

	const rows = await deliveriesOf(webhookId);
	expect(rows.map((row) => row.event).sort()).toEqual(
		[
			"deployment.started",
			"deployment.started",
			"deployment.started",
			"deployment.success",
			"deployment.cancelled",
			"deployment.failed",
		].sort(),
	);
	expect(rows.map((row) => [row.status, row.attemptCount])).toEqual(rows.map(() => ["pending", 0]));
	// What the outbox does after commit: it fails fast instead of waiting for Redis.
	await expect(
		whileDown(enqueueDeliveries([rows[0]!.deliveryId]), "enqueueDeliveries"),
	).rejects.toThrow(/writeable|not reachable|Connection/);
	return rows;
};

describe("outbox: a deployment while Redis is down", () => {
	it.each([
		["the queue connected before the outage", false, false],
		["the queue first used during the outage", true, false],
		["a worker running through the outage", false, true],
	])(
		"changes statuses while Redis is down, then delivers every event exactly once (%s)",
		async (_situation, freshQueue, workerThroughOutage) => {
			const { ref } = await createTestService("application");
			const pathname = `/outage-${freshQueue}-${workerThroughOutage}`;
			const webhook = await createOutageWebhook(ref.id, pathname);
			if (freshQueue) {
				// As in a process that starts during the outage: its queue has never connected.
				await closeQueue(webhookDeliveriesQueue(), "webhook-deliveries-queue");
			}

			let worker = workerThroughOutage ? startWebhookWorker({ stalledIntervalMs: 1_000 }) : null;
			let reconciler: ReturnType<typeof startReconciler> | null = null;
			let rows: Awaited<ReturnType<typeof deliveriesOf>>;
			try {
				await worker?.worker.waitUntilReady();
				await redis().stop();
				try {
					rows = await changeStatusesWhileRedisIsDown(ref.id, webhook.webhookId);
				} finally {
					if (!redis().isRunning()) await redis().start();
				}

				worker ??= startWebhookWorker({ stalledIntervalMs: 1_000 });
				reconciler = startReconciler(200);
				await waitFor(
					() => deliveriesOf(webhook.webhookId),
					(current) => current.every((row) => row.status === "success"),
					{ what: "every delivery to succeed after Redis came back" },
				);
				// A finished job is removed; once none is left, no further request can come.
				const queue = webhookDeliveriesQueue();
				await waitFor(
					async () => Promise.all(rows.map((row) => queue.getJob(row.deliveryId))),
					(jobs) => jobs.every((job) => !job),
					{ what: "the delivery jobs to finish" },
				);
			} finally {
				await reconciler?.close();
				await worker?.close();
			}

			const perDelivery = new Map<string, number>();
			for (const request of engine.receiver.requests.filter((r) => r.path === pathname)) {
				const id = request.headers["x-dokploy-delivery"]!;
				expect(request.headers["webhook-id"]).toBe(id);
				perDelivery.set(id, (perDelivery.get(id) ?? 0) + 1);
			}
			expect(Object.fromEntries(perDelivery)).toEqual(
				Object.fromEntries(rows.map((row) => [row.idempotencyKey, 1])),
			);
			const finished = await deliveriesOf(webhook.webhookId);
			expect(finished.map((row) => row.attemptCount)).toEqual(rows.map(() => 1));
		},
	);
});

describe("outbox: transactional with the deployment change", () => {
	it("leaves no delivery row when the deployment's transaction rolls back", async () => {
		const { ref } = await createTestService("application");
		const webhook = await createOutageWebhook(ref.id, "/rollback");
		try {
			const started = await createDeployment(ref.id, { trigger });
			const service = await findServiceUnscoped(ref);
			const failure = runLifecycleTransaction(async (tx, emit) => {
				const [row] = await tx
					.update(deployment)
					.set({ status: "done", finishedAt: new Date().toISOString() })
					.where(eq(deployment.deploymentId, started.deploymentId))
					.returning();
				await emit(toLifecycleEvent("deployment.success", row!, service));
				throw new Error("the deployment's own bookkeeping failed after the event");
			});
			await expect(failure).rejects.toThrow(/bookkeeping failed/);

			expect((await findDeploymentById(started.deploymentId)).status).toBe("running");
			const rows = await deliveriesOf(webhook.webhookId);
			expect(rows.map((row) => row.event)).toEqual(["deployment.started"]);
		} finally {
			await deleteWebhook(webhook.webhookId);
		}
	});

	it("commits the status change and the outbox rows when another listener throws", async () => {
		const { ref } = await createTestService("application");
		const webhook = await createOutageWebhook(ref.id, "/failing-listener");
		// Before and after the outbox, and one whose after-commit work fails.
		const failingListener: LifecycleListener = async (tx, event) => {
			await tx
				.update(deployment)
				.set({ title: "written by a listener that then failed" })
				.where(eq(deployment.deploymentId, event.deployment.deploymentId));
			throw new Error("listener failed");
		};
		unregisterLifecycleListener(WEBHOOK_LISTENER);
		registerLifecycleListener("failing-first", failingListener);
		registerWebhookOutbox();
		registerLifecycleListener("failing-last", failingListener);
		registerLifecycleListener("failing-after-commit", async () => async () => {
			throw new Error("after-commit work failed");
		});
		try {
			const started = await createDeployment(ref.id, { trigger, title: "Release" });
			const finished = await updateDeploymentStatus(started.deploymentId, "done");

			expect(finished?.status).toBe("done");
			const stored = await findDeploymentById(started.deploymentId);
			expect(stored).toMatchObject({ status: "done", title: "Release" });
			const rows = await getDatabase()
				.select()
				.from(webhookDeliveries)
				.where(
					and(
						eq(webhookDeliveries.webhookId, webhook.webhookId),
						eq(webhookDeliveries.deploymentId, started.deploymentId),
					),
				);
			expect(rows.map((row) => row.event).sort()).toEqual([
				"deployment.started",
				"deployment.success",
			]);
		} finally {
			for (const name of ["failing-first", "failing-last", "failing-after-commit"]) {
				unregisterLifecycleListener(name);
			}
			await deleteWebhook(webhook.webhookId);
		}
	});
});
