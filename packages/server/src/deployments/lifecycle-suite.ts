/**
 * The deployment lifecycle, end to end on real Redis and a real database: jobs, child
 * processes, logs, statuses, events. Run once per database driver by the *.test.ts files
 * beside this one.
 */

import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDriver, useTestEnvironment } from "../__test__/environment";
import { createTestService, waitFor } from "../__test__/fixtures";
import { recordLifecycleEvents } from "../__test__/lifecycle-recorder";
import { isAlive } from "../__test__/process-alive";
import { resetDeploymentQueue } from "../__test__/redis";
import { getDatabase } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { apiFindDeployment, deployment as deploymentTable } from "../db/schema/deployment";
import { sharedRedis } from "../lib/redis";
import {
	DEPLOYMENTS_KEPT_PER_SERVICE,
	findDeploymentById,
	findDeploymentsByApplication,
	findDeploymentsByCompose,
} from "../services/deployment";
import type { ServiceRef } from "../services/service";
import { requestDeploymentCancel } from "./cancel-bus";
import { readDeploymentLog } from "./log";
import { createOwnership } from "./ownership";
import { cancelQueuedDeployment, enqueueDeployment, findQueuedDeployments } from "./queue";
import { INTERRUPTED_REASON, recoverOrphanedDeployments } from "./recovery";
import { syncDeploySchedule } from "./schedule";
import { startDeploymentWorker } from "./worker";

export const describeDeploymentLifecycle = (driver: TestDriver) => {
	const { dataDir } = useTestEnvironment(driver);
	const events = recordLifecycleEvents("test-recorder");
	let worker: Awaited<ReturnType<typeof startDeploymentWorker>>;

	const finished = async (deploymentId: string) => {
		const row = await waitFor(
			() => findDeploymentById(deploymentId).catch(() => null),
			(found) => found !== null && found.status !== "running",
			{ what: `deployment ${deploymentId} to finish` },
		);
		if (!row) throw new Error(`deployment ${deploymentId} vanished`);
		return row;
	};
	const started = (deploymentId: string) =>
		waitFor(
			() => findDeploymentById(deploymentId).catch(() => null),
			(row) => row?.status === "running",
			{ what: `deployment ${deploymentId} to start` },
		);
	const deployNow = (ref: ServiceRef, triggeredBy = "user-1") =>
		enqueueDeployment(ref, { trigger: { type: "manual", triggeredBy } });

	beforeAll(async () => {
		await migrateDatabase();
		await resetDeploymentQueue();
		worker = await startDeploymentWorker({
			concurrency: 3,
			buildTimeoutMs: 3_000,
			lanePollMs: 50,
			killGraceMs: 500,
		});
	});

	afterAll(async () => {
		await worker?.close();
	});

	describe(`deployment lifecycle on ${driver}`, () => {
		it("runs the build command, records done with timestamps, and keeps the output in the log", async () => {
			const { ref } = await createTestService("application", {
				buildCommand: 'echo "compiling $DOKPLOY_APP_NAME"; echo to-stderr >&2',
			});
			const { jobId } = await deployNow(ref);
			const row = await finished(jobId);
			expect(row.status).toBe("done");
			expect(row.triggerType).toBe("manual");
			expect(row.triggeredBy).toBe("user-1");
			expect(Date.parse(row.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(row.startedAt));
			const log = readFileSync(row.logPath, "utf8");
			expect(log).toMatch(/compiling test-application-/);
			expect(log).toContain("to-stderr");
			expect(log).toContain("Build finished successfully.");
			expect(row.logPath.startsWith(dataDir)).toBe(true);
			const viaApi = await readDeploymentLog(jobId, 0);
			expect(viaApi.text).toBe(log);
			expect(viaApi.nextOffset).toBe(Buffer.byteLength(log));
		});

		it("emits started then success exactly once, inside the status change", async () => {
			const { ref } = await createTestService("compose");
			const { jobId } = await deployNow(ref);
			await finished(jobId);
			const mine = events.filter((event) => event.deployment.deploymentId === jobId);
			expect(mine.map((event) => event.name)).toEqual(["deployment.started", "deployment.success"]);
			expect(mine[0]!.service).toMatchObject({ type: "compose", id: ref.id });
			expect(mine[1]!.deployment.finishedAt).not.toBeNull();
		});

		it("marks a failing build as error with its exit code and hands listeners the last 50 log lines", async () => {
			const { ref } = await createTestService("application", {
				buildCommand: "for i in $(seq 1 80); do echo line-$i; done; exit 3",
			});
			const { jobId } = await deployNow(ref);
			const row = await finished(jobId);
			expect(row.status).toBe("error");
			expect(row.errorMessage).toBe("Build failed: the command exited with code 3.");
			expect(row.errorStage).toBe("build");
			const failed = events.find(
				(event) => event.deployment.deploymentId === jobId && event.name === "deployment.failed",
			);
			const tail = failed!.logTail!.split("\n");
			expect(tail).toHaveLength(50);
			expect(tail).toContain("line-80");
			expect(tail).not.toContain("line-20");
		});

		it("turns a build that outlives the timeout into an error and stops it", async () => {
			const { ref } = await createTestService("application", { buildCommand: "sleep 30" });
			const { jobId } = await deployNow(ref);
			const row = await finished(jobId);
			expect(row.status).toBe("error");
			expect(row.errorMessage).toMatch(/timed out after 3 s/);
		});

		it("cancels a running build: kills its process group and records the reason", async () => {
			const pidFile = path.join(dataDir, `child-${Date.now()}.pid`);
			const { ref } = await createTestService("application", {
				buildCommand: `sleep 60 & echo $! > ${pidFile}; wait`,
			});
			const { jobId } = await deployNow(ref);
			await started(jobId);
			await waitFor(async () => existsSync(pidFile), Boolean, { what: "the build's child pid" });
			const childPid = Number(readFileSync(pidFile, "utf8"));
			const cancelled = await requestDeploymentCancel(jobId, "Stopped by a test");
			expect(cancelled?.status).toBe("cancelled");
			const row = await findDeploymentById(jobId);
			expect(row.cancelReason).toBe("Stopped by a test");
			expect(row.finishedAt).not.toBeNull();
			await waitFor(
				async () => isAlive(childPid),
				(alive) => !alive,
				{
					what: "the build's child process to be killed",
				},
			);
			const names = events.filter((e) => e.deployment.deploymentId === jobId).map((e) => e.name);
			expect(names).toEqual(["deployment.started", "deployment.cancelled"]);
			expect(await requestDeploymentCancel(jobId, "again")).toBeNull();
		});

		it("runs one deployment at a time per service, in order, and cancels a queued one", async () => {
			const trace = path.join(dataDir, `trace-${Date.now()}.txt`);
			const { ref } = await createTestService("application", {
				buildCommand: `echo "start $DOKPLOY_DEPLOYMENT_ID" >> ${trace}; sleep 0.3; echo "end $DOKPLOY_DEPLOYMENT_ID" >> ${trace}`,
			});
			const first = await deployNow(ref);
			const second = await deployNow(ref);
			const third = await deployNow(ref);
			const queued = await findQueuedDeployments(ref);
			expect(queued.map((job) => job.jobId)).toContain(third.jobId);
			const cancelled = await cancelQueuedDeployment(ref, third.jobId, "Not needed");
			expect(cancelled).toMatchObject({ status: "cancelled", cancelReason: "Not needed" });
			await finished(first.jobId);
			await finished(second.jobId);
			expect(readFileSync(trace, "utf8").trim().split("\n")).toEqual([
				`start ${first.jobId}`,
				`end ${first.jobId}`,
				`start ${second.jobId}`,
				`end ${second.jobId}`,
			]);
			const history = await findDeploymentsByApplication(ref.id);
			expect(history.find((row) => row.deploymentId === third.jobId)?.status).toBe("cancelled");
		});

		it("runs deployments of different services side by side", async () => {
			const flag = path.join(dataDir, `flag-${Date.now()}`);
			// A waits for a file that only B creates: this finishes only if both run at once.
			const a = await createTestService("application", {
				buildCommand: `for i in $(seq 1 100); do [ -f ${flag} ] && exit 0; sleep 0.05; done; exit 1`,
			});
			const b = await createTestService("compose", { buildCommand: `touch ${flag}` });
			const first = await deployNow(a.ref);
			await started(first.jobId);
			const second = await deployNow(b.ref);
			expect((await finished(first.jobId)).status).toBe("done");
			expect((await finished(second.jobId)).status).toBe("done");
		});

		it("records webhook-triggered deployments with their branch and commit", async () => {
			const { ref } = await createTestService("compose");
			const { jobId } = await enqueueDeployment(ref, {
				trigger: { type: "webhook" },
				branch: "release",
				commitHash: "abc1234",
			});
			const row = await finished(jobId);
			expect(row).toMatchObject({
				triggerType: "webhook",
				triggeredBy: "system",
				branch: "release",
				commitHash: "abc1234",
				repository: "acme/web",
				sourceType: "github",
			});
		});

		it("deploys on a cron schedule until the schedule is removed", async () => {
			const { ref } = await createTestService("compose");
			await syncDeploySchedule(ref, "* * * * * *");
			const rows = await waitFor(
				() => findDeploymentsByCompose(ref.id),
				(list) => list.some((row) => row.status === "done"),
				{ what: "a scheduled deployment" },
			);
			await syncDeploySchedule(ref, null);
			expect(rows[0]).toMatchObject({ triggerType: "schedule", title: "Scheduled deployment" });
			// Its id comes from BullMQ's scheduler and is longer than a nanoid: the API takes it.
			expect(apiFindDeployment.safeParse({ deploymentId: rows[0]!.deploymentId }).success).toBe(
				true,
			);
		});

		const insertRunningRow = async (title: string) => {
			const { service } = await createTestService("application");
			const [row] = await getDatabase()
				.insert(deploymentTable)
				.values({
					title,
					logPath: path.join(dataDir, `${title}.log`),
					applicationId: service.id,
					startedAt: new Date().toISOString(),
					sourceType: "git",
				})
				.returning();
			return row!;
		};

		it("cancels a running deployment that no live worker claims, as a crash leaves it", async () => {
			const orphan = await insertRunningRow("Interrupted");
			const recovered = await recoverOrphanedDeployments(1_000);
			expect(recovered).toContain(orphan.deploymentId);
			const row = await findDeploymentById(orphan.deploymentId);
			expect(row).toMatchObject({ status: "cancelled", cancelReason: INTERRUPTED_REASON });
		});

		it("spares a running deployment whose worker still renews its claim", async () => {
			const held = await insertRunningRow("Held");
			const ownership = createOwnership({ redis: sharedRedis(), workerId: "w1", ttlMs: 5_000 });
			try {
				await ownership.claim(held.deploymentId);
				expect(await recoverOrphanedDeployments(1_000)).not.toContain(held.deploymentId);
				expect(await findDeploymentById(held.deploymentId)).toMatchObject({ status: "running" });
			} finally {
				await ownership.release(held.deploymentId);
				ownership.close();
			}
		});

		it(`keeps only the newest ${DEPLOYMENTS_KEPT_PER_SERVICE} deployments of a service`, async () => {
			const { ref } = await createTestService("application", { buildCommand: "true" });
			const ids: string[] = [];
			for (let i = 0; i < DEPLOYMENTS_KEPT_PER_SERVICE + 2; i++) {
				const { jobId } = await deployNow(ref);
				ids.push(jobId);
			}
			await finished(ids.at(-1)!);
			const history = await findDeploymentsByApplication(ref.id);
			expect(history).toHaveLength(DEPLOYMENTS_KEPT_PER_SERVICE);
			expect(history.map((row) => row.deploymentId)).not.toContain(ids[0]);
			expect(existsSync((await findDeploymentById(ids.at(-1)!)).logPath)).toBe(true);
		});
	});
};
