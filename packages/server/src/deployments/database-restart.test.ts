/**
 * PostgreSQL going away for a few seconds while a build runs (a restart, a failover) does not
 * fail the deployment: its worker waits for the database and records how the build ended, with
 * one terminal event. The cluster is this file's own, so stopping it touches no other test.
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestEnvironment } from "../__test__/environment";
import { createTestService, waitFor } from "../__test__/fixtures";
import { recordLifecycleEvents } from "../__test__/lifecycle-recorder";
import { resetDeploymentQueue } from "../__test__/redis";
import { closeDatabase } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { startPostgres } from "../faults/services";
import { findDeploymentById } from "../services/deployment";
import { enqueueDeployment } from "./queue";
import { startDeploymentWorker } from "./worker";

const clusterDir = mkdtempSync(path.join(tmpdir(), "dokploy-pg-restart-"));
// The cluster runs as the postgres user when we are root: it must reach its directory.
chmodSync(clusterDir, 0o755);
const postgres = await startPostgres(path.join(clusterDir, "pg"));
process.env.DATABASE_URL = postgres.url;
useTestEnvironment("postgres");
const events = recordLifecycleEvents("restart-recorder");

beforeAll(async () => {
	await migrateDatabase();
	await resetDeploymentQueue();
});
afterAll(async () => {
	await closeDatabase();
	postgres.stop();
	rmSync(clusterDir, { recursive: true, force: true });
});

describe("PostgreSQL away while a build runs", () => {
	it("records the build's success once the database is back, with one terminal event", async () => {
		const worker = await startDeploymentWorker({ lanePollMs: 50 });
		try {
			const { ref } = await createTestService("application", { buildCommand: "sleep 1" });
			const { jobId } = await enqueueDeployment(ref, { trigger: { type: "manual" } });
			await waitFor(
				() => findDeploymentById(jobId).catch(() => null),
				(row) => row?.buildProcess != null,
				{ what: "the build to start" },
			);

			// Down from mid-build until well after the build ended: its result has nowhere to go.
			postgres.stop();
			await new Promise((resolve) => setTimeout(resolve, 3_000));
			postgres.start();

			const row = await waitFor(
				() => findDeploymentById(jobId).catch(() => null),
				(found) => found !== null && found.status !== "running",
				{ what: "the deployment to finish" },
			);
			expect(row).toMatchObject({ status: "done", errorMessage: null });
			const ofThis = events.filter((event) => event.deployment.deploymentId === jobId);
			expect(ofThis.map((event) => event.name)).toEqual([
				"deployment.started",
				"deployment.success",
			]);
		} finally {
			await worker.close();
		}
	});
});
