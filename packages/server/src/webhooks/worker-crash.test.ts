import { type ChildProcess, spawn } from "node:child_process";
import type { ServerResponse } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { eq } from "drizzle-orm";
import { Webhook as StandardWebhook } from "standardwebhooks";
import { afterEach, describe, expect, it } from "vitest";
import { createTestService, waitFor } from "../__test__/fixtures";
import { getDatabase } from "../db/client";
import { webhookDeliveries } from "../db/schema/webhook";
import { createDeployment } from "../services/deployment";
import { createWebhook } from "./__test__/as-owner";
import { useWebhookEngine } from "./__test__/engine";
import { settlesWithin } from "./__test__/hang-guard";
import { respondWith } from "./__test__/receiver";

const engine = useWebhookEngine({ withoutWebhookWorker: true });

const here = path.dirname(fileURLToPath(import.meta.url));
const repositoryRoot = path.resolve(here, "../../../..");
const workerScript = path.join(here, "__test__/worker-process.ts");
/** Only there so that a hang fails with a message instead of the test timeout. */
const HANG_GUARD_MS = 15_000;

/** Worker processes of the current test; whatever is left is killed after it. */
const running: Array<{ child: ChildProcess; exited: Promise<void> }> = [];
afterEach(async () => {
	for (const worker of running.splice(0)) {
		worker.child.kill("SIGKILL");
		await worker.exited;
	}
	engine.receiver.respond(respondWith(200));
});

/** Starts `__test__/worker-process.ts` in a child process and waits until it is connected. */
const startWorkerProcess = async () => {
	const child = spawn(process.execPath, ["--import", "tsx", workerScript], {
		cwd: repositoryRoot,
		env: process.env,
		stdio: ["ignore", "pipe", "pipe"],
	});
	let output = "";
	const collect = (chunk: Buffer) => {
		output += chunk.toString("utf8");
	};
	child.stdout.on("data", collect);
	child.stderr.on("data", collect);
	const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
	running.push({ child, exited });
	const ready = new Promise<void>((resolve, reject) => {
		child.stdout.on("data", () => {
			if (output.includes("ready\n")) resolve();
		});
		child.once("exit", (code, signal) =>
			reject(
				new Error(`the worker process exited (${code ?? signal}) before it was ready:\n${output}`),
			),
		);
	});
	await settlesWithin(ready, HANG_GUARD_MS, "the worker process start");
	return { child, exited };
};

const deliveryRowsOf = (webhookId: string) =>
	getDatabase().select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, webhookId));

describe("worker crash", () => {
	it("delivers again with the same webhook-id after the worker is killed mid-delivery, and ends success", async () => {
		const { ref } = await createTestService("application");
		const pathname = "/crash";
		const { webhook, secret } = await createWebhook({
			applicationId: ref.id,
			name: "Crash receiver",
			url: engine.receiver.url(pathname),
			events: ["deployment.started"],
		});
		// The first request is held open without an answer until its connection drops.
		engine.receiver.respond((request, response: ServerResponse, index) => {
			const first = engine.receiver.requests.findIndex((r) => r.path === pathname);
			if (request.path === pathname && index === first) {
				return new Promise<void>((resolve) => response.once("close", () => resolve()));
			}
			respondWith(200)(request, response, index);
		});
		const received = () => engine.receiver.requests.filter((request) => request.path === pathname);

		const doomed = await startWorkerProcess();
		await createDeployment(ref.id, { trigger: { type: "manual", triggeredBy: "u1" } });
		const firstAttempt = "the first attempt to reach the receiver";
		await waitFor(
			async () => received().length,
			(count) => count === 1,
			{ what: firstAttempt },
		);
		doomed.child.kill("SIGKILL");
		await settlesWithin(doomed.exited, HANG_GUARD_MS, "the killed worker's exit");

		// The attempt died with its worker: nothing was recorded.
		const [pending] = await deliveryRowsOf(webhook.webhookId);
		expect(pending).toMatchObject({ status: "pending", attemptCount: 0 });

		await startWorkerProcess();
		const [delivered] = await waitFor(
			() => deliveryRowsOf(webhook.webhookId),
			(rows) => rows[0]?.status === "success",
			{ what: "the delivery to succeed on the new worker" },
		);
		expect(delivered).toMatchObject({ status: "success", attemptCount: 1, lastHttpStatus: 200 });

		const [first, second] = received();
		expect(received()).toHaveLength(2);
		expect(second!.headers["webhook-id"]).toBe(first!.headers["webhook-id"]);
		expect(second!.headers["x-dokploy-delivery"]).toBe(first!.headers["x-dokploy-delivery"]);
		expect(second!.headers["webhook-id"]).toBe(delivered!.idempotencyKey);
		expect(second!.body).toBe(first!.body);
		expect(new StandardWebhook(secret).verify(second!.body, second!.headers)).toMatchObject({
			event: "deployment.started",
		});
	});
});
