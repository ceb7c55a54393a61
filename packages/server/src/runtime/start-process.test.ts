/**
 * The composition point: a process wires its lifecycle listeners before it recovers what a
 * crash left behind, so the recovered deployment's deployment.cancelled reaches the receiver.
 */
import path from "node:path";
import { Webhook as StandardWebhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestEnvironment } from "../__test__/environment";
import { createTestService } from "../__test__/fixtures";
import { resetDeploymentQueue } from "../__test__/redis";
import { getDatabase } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { deployment } from "../db/schema/deployment";
import { forgetProcessSingleton } from "../lib/process-singleton";
import { LifecycleNotWiredError, unregisterLifecycleListener } from "../lifecycle/emitter";
import { createDeployment, findDeploymentById } from "../services/deployment";
import { createWebhook } from "../webhooks/__test__/as-owner";
import { waitForFinishedDeliveries } from "../webhooks/__test__/deliveries";
import { type Receiver, startReceiver } from "../webhooks/__test__/receiver";
import { WEBHOOK_LISTENER } from "../webhooks/outbox";
import { webhookDeliveriesQueue } from "../webhooks/queue";
import { type DokployProcess, startProcess } from "./start-process";

const { dataDir } = useTestEnvironment("postgres");
let receiver: Receiver;
let dokploy: DokployProcess | undefined;

beforeAll(async () => {
	receiver = await startReceiver(dataDir);
	Object.assign(process.env, {
		WEBHOOK_CA_FILE: receiver.caFile,
		WEBHOOK_ALLOWED_HOSTS: "localhost",
		WEBHOOK_RETRY_SCALE: "0.01",
	});
	forgetProcessSingleton("webhook-config");
	unregisterLifecycleListener(WEBHOOK_LISTENER);
	await migrateDatabase();
	await resetDeploymentQueue();
	await webhookDeliveriesQueue().obliterate({ force: true });
});

afterAll(async () => {
	unregisterLifecycleListener(WEBHOOK_LISTENER);
	await dokploy?.close();
	await receiver?.close();
});

describe("starting a process", () => {
	it("refuses to change a deployment before the lifecycle listeners are wired", async () => {
		const { ref } = await createTestService("application");
		await expect(
			createDeployment(ref.id, { trigger: { type: "manual", triggeredBy: "u1" } }),
		).rejects.toBeInstanceOf(LifecycleNotWiredError);
		const rows = await getDatabase().select().from(deployment);
		expect(rows.filter((row) => row.applicationId === ref.id)).toHaveLength(0);
	});

	it("delivers deployment.cancelled for a deployment that a crash left running, once restarted", async () => {
		const { ref } = await createTestService("application");
		const { webhook, secret } = await createWebhook({
			applicationId: ref.id,
			name: "Crash watcher",
			url: receiver.url("/crash-watcher"),
			events: ["deployment.cancelled"],
		});
		// What a process killed mid-build leaves: a running row and nobody building it.
		const [interrupted] = await getDatabase()
			.insert(deployment)
			.values({
				title: "Interrupted by a crash",
				logPath: path.join(dataDir, "interrupted.log"),
				applicationId: ref.id,
				startedAt: new Date().toISOString(),
				sourceType: "github",
			})
			.returning();

		dokploy = await startProcess({ deploymentWorker: { lanePollMs: 50 } });

		expect(await findDeploymentById(interrupted!.deploymentId)).toMatchObject({
			status: "cancelled",
		});
		const [delivery] = await waitForFinishedDeliveries(webhook.webhookId, 1);
		expect(delivery).toMatchObject({ event: "deployment.cancelled", status: "success" });
		const request = receiver.requests.find((r) => r.path === "/crash-watcher");
		expect(new StandardWebhook(secret).verify(request!.body, request!.headers)).toMatchObject({
			event: "deployment.cancelled",
			deployment: { id: interrupted!.deploymentId, status: "cancelled" },
		});
	});
});
