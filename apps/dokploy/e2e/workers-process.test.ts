/**
 * The workers-only process operators start to scale out (`pnpm --filter dokploy workers`),
 * compiled and run as a real process: it refuses the embedded database, and against PostgreSQL
 * and Redis it builds a deployment that another process (this test, which runs no worker)
 * queued, and delivers the webhook of it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { compiledWorkers } from "@dokploy/server/__test__/compiled-workers";
import { useTestEnvironment } from "@dokploy/server/__test__/environment";
import { createTestService, waitFor } from "@dokploy/server/__test__/fixtures";
import { closeDatabase } from "@dokploy/server/db/client";
import { migrateDatabase } from "@dokploy/server/db/migrate";
import { deploymentsQueue, enqueueDeployment } from "@dokploy/server/deployments/queue";
import { createRedisConnection, sharedRedis } from "@dokploy/server/lib/redis";
import { findDeploymentById } from "@dokploy/server/services/deployment";
import { createWebhook } from "@dokploy/server/webhooks/__test__/as-owner";
import { settlesWithin } from "@dokploy/server/webhooks/__test__/hang-guard";
import { type Receiver, startReceiver } from "@dokploy/server/webhooks/__test__/receiver";
import { Webhook as StandardWebhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectOutput } from "./child-output";

// biome-ignore lint/correctness/useHookAtTopLevel: a test helper named like a hook, not a React hook.
const { dataDir } = useTestEnvironment("postgres");

/** A Redis database of this file's own, so its queues never meet other test files' jobs. */
const privateRedisUrl = () => {
	const url = new URL(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
	url.pathname = "/13";
	return url.toString();
};
// Set before anything connects: every Redis connection of this process reads it when opened.
process.env.REDIS_URL = privateRedisUrl();

/** Only there so that a hang fails with a message instead of the test timeout. */
const HANG_GUARD_MS = 20_000;

interface WorkersProcess {
	child: ChildProcess;
	output: () => string;
	exited: Promise<number | null>;
}

const startWorkersProcess = (env: NodeJS.ProcessEnv): WorkersProcess => {
	const workers = compiledWorkers();
	const child = spawn(workers.command, workers.args, {
		cwd: workers.cwd,
		env,
		stdio: ["ignore", "pipe", "pipe"],
	});
	const output = collectOutput(child);
	const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
	return { child, output, exited };
};

/** Adds what the workers process printed to a failure, which is where its reasons are. */
const explainedBy = (workers: WorkersProcess) => (error: Error) => {
	throw new Error(`${error.message}\nThe workers process printed:\n${workers.output()}`);
};

let receiver: Receiver;
let workers: WorkersProcess | undefined;

beforeAll(async () => {
	const redis = createRedisConnection({}, process.env.REDIS_URL);
	await redis.flushdb();
	redis.disconnect();
	receiver = await startReceiver(dataDir);
	// The child inherits these; this process reads them when it first saves a webhook.
	process.env.WEBHOOK_ALLOWED_HOSTS = "localhost";
	process.env.WEBHOOK_CA_FILE = receiver.caFile;
	await migrateDatabase();
});

afterAll(async () => {
	if (workers && workers.child.exitCode === null) {
		workers.child.kill("SIGTERM");
		try {
			const code = await settlesWithin(
				workers.exited,
				HANG_GUARD_MS,
				"the workers process's exit on SIGTERM",
			);
			expect(code, "the workers process's exit code after SIGTERM").toBe(0);
		} finally {
			if (workers.child.exitCode === null) workers.child.kill("SIGKILL");
		}
	}
	await receiver?.close();
	await deploymentsQueue().close();
	sharedRedis().disconnect();
	await closeDatabase();
});

describe("the workers process", () => {
	it("exits with code 1 and asks for DATABASE_URL when it has none, as PGlite cannot be shared", async () => {
		const env = { ...process.env };
		delete env.DATABASE_URL;
		const refused = startWorkersProcess(env);
		const code = await settlesWithin(refused.exited, HANG_GUARD_MS, "the refused process's exit");
		expect(code).toBe(1);
		expect(refused.output()).toContain("needs DATABASE_URL");
		expect(refused.output()).toContain("PGlite");
	});

	it("builds a deployment queued by another process to done and delivers its signed deployment.success", async () => {
		const started = startWorkersProcess({ ...process.env, LOG_LEVEL: "warn" });
		workers = started;
		const running = new Promise<void>((resolve, reject) => {
			started.child.stdout?.on("data", () => {
				if (started.output().includes("Dokploy workers are running")) resolve();
			});
			started.child.once("exit", (code) =>
				reject(new Error(`The workers process exited (${code}) before it was running`)),
			);
		});
		await settlesWithin(running, HANG_GUARD_MS, "the workers process's start").catch(
			explainedBy(started),
		);

		const { ref } = await createTestService("application", { buildCommand: "echo built" });
		const { secret } = await createWebhook({
			applicationId: ref.id,
			name: "Workers process",
			url: receiver.url("/workers"),
			events: ["deployment.success"],
		});
		const { jobId } = await enqueueDeployment(ref, {
			trigger: { type: "manual", triggeredBy: "user-1" },
		});

		const finished = await waitFor(
			() => findDeploymentById(jobId).catch(() => null),
			(row) => row !== null && row.status !== "running",
			{ what: `deployment ${jobId} to finish in the workers process` },
		).catch(explainedBy(started));
		expect(finished?.status).toBe("done");

		const [request] = await receiver.waitForRequests(1).catch(explainedBy(started));
		expect(request!.path).toBe("/workers");
		expect(request!.headers["x-dokploy-event"]).toBe("deployment.success");
		const payload = new StandardWebhook(secret).verify(request!.body, request!.headers);
		expect(payload).toMatchObject({
			event: "deployment.success",
			deployment: { id: jobId, status: "done" },
			application: { id: ref.id },
		});
	});
});
