/**
 * A deployment the API accepted is in the database before it is queued, so Redis going away
 * (or losing its jobs, or failing one before it started) never makes it vanish: it runs, or it
 * is recorded as cancelled with its reason, and its webhooks hear about it either way.
 */
import { eq } from "drizzle-orm";
import { nanoid } from "nanoid";
import { describe, expect, it } from "vitest";
import { createTestService, waitFor } from "../__test__/fixtures";
import { getDatabase } from "../db/client";
import { deploymentRequest } from "../db/schema/deployment";
import { sharedRedis } from "../lib/redis";
import { deploymentEventNames } from "../lifecycle/types";
import { findDeploymentById } from "../services/deployment";
import type { ServiceRef } from "../services/service";
import { createWebhook } from "../webhooks/__test__/as-owner";
import { deliveriesOf } from "../webhooks/__test__/deliveries";
import { useWebhookEngine } from "../webhooks/__test__/engine";
import { settlesWithin } from "../webhooks/__test__/hang-guard";
import { useOwnRedis } from "../webhooks/__test__/own-redis";
import { deploymentsQueue, enqueueDeployment, laneKey } from "./queue";

// This file stops and starts Redis, so it gets a redis-server of its own.
const redis = useOwnRedis();

const engine = useWebhookEngine({ deploymentWorker: { claimTtlMs: 1_000 } });
/** Only there so that a hang fails with a message instead of the test timeout. */
const HANG_GUARD_MS = 10_000;
const trigger = { type: "manual", triggeredBy: "u1" } as const;

const watchEverything = async (ref: ServiceRef, pathname: string) => {
	const { webhook } = await createWebhook({
		applicationId: ref.id,
		name: "Everything",
		url: engine.receiver.url(pathname),
		events: [...deploymentEventNames],
	});
	return webhook.webhookId;
};

const deliveredEvents = (webhookId: string) =>
	waitFor(
		() => deliveriesOf(webhookId),
		(rows) => rows.length >= 2 && rows.every((row) => row.status === "success"),
		{ what: "the deployment's deliveries", timeoutMs: 30_000 },
	).then((rows) => rows.map((row) => row.event).sort());

describe("accepted deployments and a Redis outage", () => {
	it("accepts a deployment while Redis is down and runs it once Redis is back empty", async () => {
		const { ref } = await createTestService("application", { buildCommand: "true" });
		const webhookId = await watchEverything(ref, "/outage");
		await redis().stop();
		const { jobId } = await settlesWithin(
			enqueueDeployment(ref, { trigger }),
			HANG_GUARD_MS,
			"accepting a deployment while Redis is down",
		);
		const [stored] = await getDatabase()
			.select()
			.from(deploymentRequest)
			.where(eq(deploymentRequest.deploymentId, jobId));
		expect(stored).toMatchObject({ applicationId: ref.id, triggerType: "manual" });

		// Redis comes back without the data it had (no persistence): the job is gone.
		await redis().start();
		const done = await waitFor(
			() => findDeploymentById(jobId).catch(() => null),
			(row) => row?.status === "done",
			{ what: `deployment ${jobId} to run after the outage`, timeoutMs: 30_000 },
		);
		expect(done).toMatchObject({ status: "done" });
		expect(await deliveredEvents(webhookId)).toEqual(["deployment.started", "deployment.success"]);
		expect(
			await getDatabase()
				.select()
				.from(deploymentRequest)
				.where(eq(deploymentRequest.deploymentId, jobId)),
		).toHaveLength(0);
	});

	it("records an accepted deployment whose job failed before it started as cancelled, with the reason", async () => {
		const { ref } = await createTestService("application", { buildCommand: "true" });
		const webhookId = await watchEverything(ref, "/failed-job");
		const deploymentId = `accepted-then-failed-${nanoid()}`;
		await getDatabase().insert(deploymentRequest).values({
			deploymentId,
			applicationId: ref.id,
			triggerType: "manual",
			triggeredBy: "u1",
			requestedAt: new Date().toISOString(),
		});
		// A job that a worker takes and fails before it writes the deployment row.
		const lostRef = { type: "application", id: "no-such-application" } as const;
		await sharedRedis().rpush(laneKey(lostRef), deploymentId);
		await deploymentsQueue().add(
			"deploy",
			{ service: lostRef, trigger, enqueuedAt: new Date().toISOString() },
			{ jobId: deploymentId },
		);

		const recorded = await waitFor(
			() => findDeploymentById(deploymentId).catch(() => null),
			(row) => row !== null,
			{ what: "the failed job's deployment to be recorded", timeoutMs: 30_000 },
		);
		expect(recorded).toMatchObject({
			status: "cancelled",
			applicationId: ref.id,
			cancelReason: expect.stringContaining("The deployment could not start"),
		});
		const [delivery] = await waitFor(
			() => deliveriesOf(webhookId),
			(rows) => rows[0]?.status === "success",
			{ what: "deployment.cancelled to be delivered" },
		);
		expect(delivery).toMatchObject({ event: "deployment.cancelled", deploymentId });
	});
});
