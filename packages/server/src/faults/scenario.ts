/**
 * The pieces every fault is made of: services with webhooks on the receiver, deployments
 * spread over them, waiting until everything has settled, and reading the outcome back.
 */
import { and, eq, inArray } from "drizzle-orm";
import { createTestService } from "../__test__/fixtures";
import { getDatabase } from "../db/client";
import { deployment } from "../db/schema/deployment";
import { webhookDeliveries } from "../db/schema/webhook";
import { enqueueDeployment } from "../deployments/queue";
import { COULD_NOT_START_PREFIX, NEVER_STARTED_REASON } from "../deployments/recovery";
import { deploymentEventNames } from "../lifecycle/types";
import type { ServiceRef } from "../services/service";
import { createWebhook } from "../services/webhook";
import type { DeploymentOutcome } from "./checks";

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const waitUntil = async (what: string, done: () => Promise<boolean>, timeoutMs: number) => {
	const deadline = Date.now() + timeoutMs;
	while (!(await done().catch(() => false))) {
		if (Date.now() > deadline) return `timed out waiting for ${what}`;
		await sleep(500);
	}
	return null;
};

/**
 * Calls the product as a client would: a request that fails (PostgreSQL just restarted and the
 * pool hands out a dead connection) is sent again. Only an answered request counts as accepted.
 */
const asAClient = async <T>(call: () => Promise<T>): Promise<T> => {
	for (let attempt = 1; ; attempt++) {
		try {
			return await call();
		} catch (error) {
			if (attempt >= 10) throw error;
			await sleep(500);
		}
	}
};

const terminal = new Set(["deployment.success", "deployment.failed", "deployment.cancelled"]);

export interface Scenario {
	services: ServiceRef[];
	webhookIds: string[];
	deploymentIds: string[];
	deploy: (count: number) => Promise<string[]>;
	deliveryIds: () => Promise<string[]>;
	unfinishedDeliveries: () => Promise<number>;
	outcomes: () => Promise<DeploymentOutcome[]>;
}

export const createScenario = async (options: {
	services: number;
	webhooksPerService: number;
	buildCommand: string;
	receiverUrl: string;
}): Promise<Scenario> => {
	const services: ServiceRef[] = [];
	const webhooksOf = new Map<string, string[]>();
	for (let s = 0; s < options.services; s++) {
		const { ref, organizationId } = await asAClient(() =>
			createTestService("application", { buildCommand: options.buildCommand }),
		);
		services.push(ref);
		const ids: string[] = [];
		for (let w = 0; w < options.webhooksPerService; w++) {
			const { webhook } = await asAClient(() =>
				createWebhook(
					{
						applicationId: ref.id,
						name: `fault ${w}`,
						url: options.receiverUrl,
						events: [...deploymentEventNames],
					},
					organizationId,
				),
			);
			ids.push(webhook.webhookId);
		}
		webhooksOf.set(ref.id, ids);
	}
	const webhookIds = [...webhooksOf.values()].flat();
	const deploymentIds: string[] = [];
	let next = 0;
	const rows = () =>
		getDatabase()
			.select({
				id: webhookDeliveries.idempotencyKey,
				status: webhookDeliveries.status,
				event: webhookDeliveries.event,
				webhookId: webhookDeliveries.webhookId,
				deploymentId: webhookDeliveries.deploymentId,
			})
			.from(webhookDeliveries)
			.where(
				and(inArray(webhookDeliveries.webhookId, webhookIds), eq(webhookDeliveries.isTest, false)),
			);
	return {
		services,
		webhookIds,
		deploymentIds,
		deploy: async (count) => {
			const started = await Promise.all(
				Array.from({ length: count }, () => {
					const ref = services[next++ % services.length]!;
					return asAClient(() =>
						enqueueDeployment(ref, { trigger: { type: "manual", triggeredBy: "faults" } }),
					);
				}),
			);
			const ids = started.map((result) => result.jobId);
			deploymentIds.push(...ids);
			return ids;
		},
		deliveryIds: async () => (await rows()).map((row) => row.id),
		unfinishedDeliveries: async () =>
			(await rows()).filter((row) => row.status === "pending" || row.status === "retrying").length,
		outcomes: async () => {
			const found = await getDatabase()
				.select()
				.from(deployment)
				.where(inArray(deployment.deploymentId, deploymentIds));
			const deliveries = await rows();
			return deploymentIds.map((deploymentId) => {
				const row = found.find((candidate) => candidate.deploymentId === deploymentId);
				const hooks = row ? (webhooksOf.get(row.applicationId ?? "") ?? []) : [];
				// Cancelled before it started (recovery.ts): it owes only deployment.cancelled.
				const neverStarted =
					row?.cancelReason === NEVER_STARTED_REASON ||
					row?.cancelReason?.startsWith(COULD_NOT_START_PREFIX) === true;
				return {
					deploymentId,
					expectedDeliveries:
						(neverStarted ? 1 : 2) * (webhooksOf.get(row?.applicationId ?? "")?.length ?? 0),
					status: row?.status ?? null,
					cancelReason: row?.cancelReason ?? null,
					terminalPerWebhook: hooks.map(
						(webhookId) =>
							deliveries.filter(
								(d) =>
									d.webhookId === webhookId &&
									d.deploymentId === deploymentId &&
									terminal.has(d.event),
							).length,
					),
				};
			});
		},
	};
};

/** Waits until every deployment has finished and every delivery has succeeded or failed. */
export const settle = async (scenario: Scenario, timeoutMs: number) =>
	waitUntil(
		"deployments and deliveries to settle",
		async () => {
			const outcomes = await scenario.outcomes();
			if (outcomes.some((o) => o.status === null || o.status === "running")) return false;
			return (await scenario.unfinishedDeliveries()) === 0;
		},
		timeoutMs,
	);
