/**
 * A worker that shuts down (SIGTERM) mid-build stops the build and finishes its deployment as
 * cancelled, with one deployment.cancelled, instead of leaving it running for recovery.
 */

import { beforeAll, describe, expect, it } from "vitest";
import { useTestEnvironment } from "../__test__/environment";
import { createTestService, waitFor } from "../__test__/fixtures";
import { recordLifecycleEvents } from "../__test__/lifecycle-recorder";
import { isAlive } from "../__test__/process-alive";
import { resetDeploymentQueue } from "../__test__/redis";
import { migrateDatabase } from "../db/migrate";
import { findDeploymentById } from "../services/deployment";
import { enqueueDeployment } from "./queue";
import { startDeploymentWorker } from "./worker";

useTestEnvironment("postgres");
const events = recordLifecycleEvents("shutdown-recorder");

beforeAll(async () => {
	await migrateDatabase();
	await resetDeploymentQueue();
});

describe("a worker shutting down mid-build", () => {
	it("stops the build and records the deployment as cancelled, with one terminal event", async () => {
		const worker = await startDeploymentWorker({ lanePollMs: 50, killGraceMs: 500 });
		const { ref } = await createTestService("application", { buildCommand: "sleep 60" });
		const { jobId } = await enqueueDeployment(ref, { trigger: { type: "manual" } });
		const building = await waitFor(
			() => findDeploymentById(jobId).catch(() => null),
			(row) => row?.buildProcess != null,
			{ what: "the build to start" },
		);

		await worker.close();

		const row = await findDeploymentById(jobId);
		expect(row).toMatchObject({
			status: "cancelled",
			cancelReason: "Interrupted: the worker building it shut down",
		});
		expect(isAlive(building!.buildProcess!.pgid)).toBe(false);
		const ofThis = events.filter((event) => event.deployment.deploymentId === jobId);
		expect(ofThis.map((event) => event.name)).toEqual([
			"deployment.started",
			"deployment.cancelled",
		]);
	});
});
