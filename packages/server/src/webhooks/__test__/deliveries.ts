/** Running real deployments and reading their deliveries, for the webhook integration tests. */
import { asc, eq } from "drizzle-orm";
import { waitFor } from "../../__test__/fixtures";
import { getDatabase } from "../../db/client";
import {
	applicationWebhooks,
	type WebhookDelivery,
	webhookDeliveries,
} from "../../db/schema/webhook";
import { enqueueDeployment } from "../../deployments/queue";
import { findDeploymentById } from "../../services/deployment";
import type { ServiceRef } from "../../services/service";

/** Queues a deployment of `ref` and returns its id. */
export const deploy = async (ref: ServiceRef, triggeredBy = "user-1") =>
	(await enqueueDeployment(ref, { trigger: { type: "manual", triggeredBy } })).jobId;

export const waitForDeployment = (deploymentId: string, status: string) =>
	waitFor(
		() => findDeploymentById(deploymentId).catch(() => null),
		(row) => row?.status === status,
		{ what: `deployment ${deploymentId} to be ${status}` },
	) as Promise<Awaited<ReturnType<typeof findDeploymentById>>>;

/** Queues a deployment and waits until it has finished (any final status). */
export const deployAndFinish = async (ref: ServiceRef) => {
	const deploymentId = await deploy(ref);
	return waitFor(
		() => findDeploymentById(deploymentId).catch(() => null),
		(row) => row !== null && row.status !== "running",
		{ what: `deployment ${deploymentId} to finish` },
	) as Promise<Awaited<ReturnType<typeof findDeploymentById>>>;
};

/** Every delivery row of a webhook, oldest first, straight from the table. */
export const deliveriesOf = (webhookId: string) =>
	getDatabase()
		.select()
		.from(webhookDeliveries)
		.where(eq(webhookDeliveries.webhookId, webhookId))
		.orderBy(asc(webhookDeliveries.createdAt), asc(webhookDeliveries.deliveryId));

export const waitForDeliveries = (
	webhookId: string,
	done: (rows: WebhookDelivery[]) => boolean,
	what = "deliveries",
	timeoutMs = 20_000,
) => waitFor(() => deliveriesOf(webhookId), done, { what, timeoutMs });

/** Waits until the webhook has `count` deliveries and all of them have finished. */
export const waitForFinishedDeliveries = (webhookId: string, count: number, timeoutMs = 20_000) =>
	waitForDeliveries(
		webhookId,
		(rows) =>
			rows.length >= count &&
			rows.every((row) => row.status === "success" || row.status === "failed"),
		`${count} finished deliveries of webhook ${webhookId}`,
		timeoutMs,
	);

export const webhookRow = async (webhookId: string) => {
	const [row] = await getDatabase()
		.select()
		.from(applicationWebhooks)
		.where(eq(applicationWebhooks.webhookId, webhookId));
	if (!row) throw new Error(`webhook ${webhookId} not found`);
	return row;
};

/** Milliseconds between consecutive attempts of a delivery, from the attempts it recorded. */
export const gapsBetweenAttempts = (delivery: WebhookDelivery) =>
	delivery.attempts
		.slice(1)
		.map((attempt, i) => Date.parse(attempt.at) - Date.parse(delivery.attempts[i]!.at));

/** Puts a webhook in the state the worker leaves after it turned the webhook off. */
export const disableAsTheWorkerWould = (webhookId: string, reason: string, failures: number) =>
	getDatabase()
		.update(applicationWebhooks)
		.set({ enabled: false, disabledReason: reason, consecutiveFailures: failures })
		.where(eq(applicationWebhooks.webhookId, webhookId));
