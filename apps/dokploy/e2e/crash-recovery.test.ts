/**
 * Crash recovery with real, compiled worker processes (runtime/workers-main.ts), a private
 * Redis and a real HTTPS receiver: whatever kills a worker, each deployment ends with exactly
 * one terminal event, its build is stopped, and its service's lane goes on without waiting for
 * BullMQ's stalled-job detection.
 */
import { readFileSync } from "node:fs";
import { useTestEnvironment } from "@dokploy/server/__test__/environment";
import { createTestService, waitFor } from "@dokploy/server/__test__/fixtures";
import { isAlive } from "@dokploy/server/__test__/process-alive";
import { closeDatabase } from "@dokploy/server/db/client";
import { migrateDatabase } from "@dokploy/server/db/migrate";
import { deploymentsQueue, enqueueDeployment } from "@dokploy/server/deployments/queue";
import { INTERRUPTED_REASON } from "@dokploy/server/deployments/recovery";
import { sharedRedis } from "@dokploy/server/lib/redis";
import { findDeploymentById } from "@dokploy/server/services/deployment";
import type { ServiceRef } from "@dokploy/server/services/service";
import { createWebhook } from "@dokploy/server/webhooks/__test__/as-owner";
import { deliveriesOf } from "@dokploy/server/webhooks/__test__/deliveries";
import {
	type PrivateRedis,
	startPrivateRedis,
} from "@dokploy/server/webhooks/__test__/private-redis";
import { type Receiver, startReceiver } from "@dokploy/server/webhooks/__test__/receiver";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startWorkersChild, type WorkersChild } from "./workers-child";

// biome-ignore lint/correctness/useHookAtTopLevel: a test helper named like a hook, not a React hook.
const { dataDir } = useTestEnvironment("postgres");
const terminalEvents = ["deployment.success", "deployment.failed", "deployment.cancelled"];

let redis: PrivateRedis;
let receiver: Receiver;
const children: WorkersChild[] = [];

const workersEnv = () => ({
	...process.env,
	LOG_LEVEL: "warn",
	// Short, so that the test sees a dead worker's claim expire in about two seconds.
	DEPLOYMENT_CLAIM_TTL_MS: "2000",
});
const startWorkers = async () => {
	const workers = await startWorkersChild(workersEnv());
	children.push(workers);
	return workers;
};

beforeAll(async () => {
	redis = await startPrivateRedis();
	// Set before anything connects: every Redis connection of this process reads it when opened.
	process.env.REDIS_URL = redis.url;
	receiver = await startReceiver(dataDir);
	process.env.WEBHOOK_ALLOWED_HOSTS = "localhost";
	process.env.WEBHOOK_CA_FILE = receiver.caFile;
	process.env.WEBHOOK_RETRY_SCALE = "0.01";
	await migrateDatabase();
});

afterEach(async () => {
	for (const workers of children.splice(0)) await workers.killGroup();
});

afterAll(async () => {
	await receiver?.close();
	await deploymentsQueue().close();
	sharedRedis().disconnect();
	await redis?.close();
	await closeDatabase();
});

const deploy = async (ref: ServiceRef) =>
	(await enqueueDeployment(ref, { trigger: { type: "manual", triggeredBy: "user-1" } })).jobId;

const rowOf = (deploymentId: string) => findDeploymentById(deploymentId).catch(() => null);

const waitForStatus = (
	deploymentId: string,
	done: (status: string | undefined) => boolean,
	what: string,
) =>
	waitFor(
		() => rowOf(deploymentId),
		(row) => done(row?.status),
		{ what, timeoutMs: 45_000 },
	);

/** The worker process that runs a build: the parent of its process group leader. */
const parentOf = (pid: number) => {
	const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
	return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
};

const subscribeToEverything = async (ref: ServiceRef, pathname: string) => {
	const { webhook } = await createWebhook({
		applicationId: ref.id,
		name: "Every event",
		url: receiver.url(pathname),
		events: [
			"deployment.started",
			"deployment.success",
			"deployment.failed",
			"deployment.cancelled",
		],
	});
	return webhook.webhookId;
};

const eventsDelivered = async (webhookId: string, deploymentId: string) =>
	(await deliveriesOf(webhookId))
		.filter((row) => row.deploymentId === deploymentId && row.status === "success")
		.map((row) => row.event);

describe("a worker killed mid-build", () => {
	it("is recovered after a quick restart: one deployment.cancelled, the orphaned build stopped", async () => {
		const { ref } = await createTestService("application", { buildCommand: "sleep 60" });
		const webhookId = await subscribeToEverything(ref, "/quick-restart");
		await startWorkers();
		const deploymentId = await deploy(ref);
		const building = await waitFor(
			() => rowOf(deploymentId),
			(row) => row?.buildProcess != null,
			{ what: "the build to start and be recorded", timeoutMs: 30_000 },
		);
		const build = building!.buildProcess!;
		// 3 s into the build, the whole worker process group dies; the build, in its own group,
		// lives on.
		await new Promise((resolve) => setTimeout(resolve, 3_000));
		await children[0]!.killGroup();
		expect(isAlive(build.pgid)).toBe(true);
		expect((await rowOf(deploymentId))?.status).toBe("running");

		await startWorkers();
		const recovered = await waitForStatus(deploymentId, (s) => s !== "running", "recovery");
		expect(recovered).toMatchObject({ status: "cancelled", cancelReason: INTERRUPTED_REASON });
		await waitFor(
			async () => isAlive(build.pgid),
			(alive) => !alive,
			{ what: "the orphaned build to be stopped" },
		);
		const events = await waitFor(
			() => eventsDelivered(webhookId, deploymentId),
			(delivered) => delivered.includes("deployment.cancelled"),
			{ what: "deployment.cancelled to be delivered" },
		);
		expect(events.sort()).toEqual(["deployment.cancelled", "deployment.started"]);
		expect(events.filter((event) => terminalEvents.includes(event))).toHaveLength(1);
	});

	it("lets a surviving worker take over the service's lane before BullMQ notices the stalled job", async () => {
		const { ref } = await createTestService("application", { buildCommand: "sleep 2" });
		const webhookId = await subscribeToEverything(ref, "/takeover");
		await startWorkers();
		await startWorkers();
		const ids: string[] = [];
		for (let i = 0; i < 4; i++) ids.push(await deploy(ref));

		const second = await waitFor(
			() => rowOf(ids[1]!),
			(row) => row?.buildProcess != null,
			{ what: "the second deployment's build to start", timeoutMs: 30_000 },
		);
		const owner = parentOf(second!.buildProcess!.pgid);
		const doomed = children.find((workers) => workers.pid === owner);
		expect(doomed, "the second build runs in one of the worker processes").toBeDefined();
		await doomed!.killGroup();

		const third = await waitForStatus(ids[2]!, (s) => s !== undefined, "the third to start");
		// BullMQ still holds the dead worker's job as active: the lane did not wait for it.
		expect(await (await deploymentsQueue().getJob(ids[1]!))?.getState()).toBe("active");
		expect(third).toBeTruthy();
		expect(await rowOf(ids[1]!)).toMatchObject({
			status: "cancelled",
			cancelReason: INTERRUPTED_REASON,
		});

		for (const id of [ids[0]!, ids[2]!, ids[3]!]) {
			expect(
				await waitForStatus(id, (s) => s === "done", `deployment ${id} to be done`),
			).toMatchObject({
				status: "done",
			});
		}
		for (const id of ids) {
			const events = await waitFor(
				() => eventsDelivered(webhookId, id),
				(delivered) => delivered.filter((event) => terminalEvents.includes(event)).length > 0,
				{ what: `the terminal event of ${id}` },
			);
			expect(events.filter((event) => terminalEvents.includes(event))).toHaveLength(1);
		}
	});
});
