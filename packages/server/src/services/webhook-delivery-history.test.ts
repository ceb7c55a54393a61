import { describe, expect, it } from "vitest";
import { createTestService, waitFor } from "../__test__/fixtures";
import { getDatabase } from "../db/client";
import { type WebhookDelivery, webhookDeliveries } from "../db/schema/webhook";
import type { DeploymentEventName } from "../lifecycle/types";
import { webhookAnsweredBy } from "../webhooks/__test__/answered-webhook";
import {
	createWebhook,
	getDeliveries,
	getOrganizationWebhookStats,
	getWebhookStats,
	testWebhook,
} from "../webhooks/__test__/as-owner";
import { deliveriesOf, deploy, waitForFinishedDeliveries } from "../webhooks/__test__/deliveries";
import { useWebhookEngine } from "../webhooks/__test__/engine";
import { respondWith } from "../webhooks/__test__/receiver";
import { inSequence, useReceiverRoutes } from "../webhooks/__test__/routes";
import { DELIVERIES_KEPT_PER_WEBHOOK } from "../webhooks/record-attempt";
import { composeWebhookInput, publicDnsAtSave } from "./__test__/webhook-inputs";

const engine = useWebhookEngine();
const route = useReceiverRoutes(engine);

const events: DeploymentEventName[] = [
	"deployment.started",
	"deployment.success",
	"deployment.failed",
	"deployment.cancelled",
];

/**
 * Writes `count` past deliveries straight into the log, the i-th one (from 0) i + 1 minutes
 * old, so that the log's order is known. Returns their ids, newest first.
 */
const insertPastDeliveries = async (
	webhookId: string,
	serviceId: string,
	count: number,
	shape: (i: number) => Partial<WebhookDelivery> = () => ({}),
) => {
	const now = Date.now();
	const rows = Array.from({ length: count }, (_, i) => {
		const deliveryId = `past-${webhookId}-${String(i).padStart(3, "0")}`;
		return {
			deliveryId,
			idempotencyKey: deliveryId,
			webhookId,
			serviceType: "application" as const,
			serviceId,
			event: "deployment.success",
			body: "{}",
			status: "success" as const,
			attemptCount: 1,
			createdAt: new Date(now - (i + 1) * 60_000).toISOString(),
			...shape(i),
		};
	});
	await getDatabase().insert(webhookDeliveries).values(rows);
	return rows.map((row) => row.deliveryId);
};

describe("getDeliveries", () => {
	it("pages the log newest first and filters it by status and event", async () => {
		const { webhookId, service } = await webhookAnsweredBy(route);
		const ids = await insertPastDeliveries(webhookId, service.id, 25, (i) => ({
			event: events[i % 4],
			status: i % 3 === 0 ? "failed" : "success",
		}));
		const first = await getDeliveries(webhookId, undefined, { page: 1, pageSize: 10 });
		expect(first).toMatchObject({ total: 25, page: 1, pageSize: 10 });
		expect(first.items.map((item) => item.deliveryId)).toEqual(ids.slice(0, 10));
		const third = await getDeliveries(webhookId, undefined, { page: 3, pageSize: 10 });
		expect(third.items.map((item) => item.deliveryId)).toEqual(ids.slice(20));
		expect((await getDeliveries(webhookId, undefined, { page: 4, pageSize: 10 })).items).toEqual(
			[],
		);

		const failed = await getDeliveries(webhookId, undefined, { status: "failed", pageSize: 100 });
		expect(failed.total).toBe(9);
		expect(failed.items.every((item) => item.status === "failed")).toBe(true);
		const byEvent = await getDeliveries(webhookId, undefined, { event: "deployment.failed" });
		expect(byEvent.items.map((item) => item.deliveryId)).toEqual(ids.filter((_, i) => i % 4 === 2));
		const both = await getDeliveries(webhookId, undefined, {
			status: "failed",
			event: "deployment.started",
		});
		expect(both.items.map((item) => item.deliveryId)).toEqual(
			ids.filter((_, i) => i % 4 === 0 && i % 3 === 0),
		);
		const clamped = await getDeliveries(webhookId, undefined, { page: 0, pageSize: 1_000 });
		expect(clamped).toMatchObject({ page: 1, pageSize: 100, total: 25 });
	});
});

describe("retention", () => {
	it(`keeps the newest ${DELIVERIES_KEPT_PER_WEBHOOK} finished deliveries of a webhook once one more finishes`, async () => {
		const { webhookId, service, ref } = await webhookAnsweredBy(route);
		const past = await insertPastDeliveries(webhookId, service.id, 105);
		const [open] = await insertPastDeliveries(webhookId, service.id, 1, () => ({
			deliveryId: `open-${webhookId}`,
			status: "retrying",
			createdAt: new Date(Date.now() - 86_400_000).toISOString(),
		}));
		const neighbour = await webhookAnsweredBy(route);
		await insertPastDeliveries(neighbour.webhookId, neighbour.service.id, 101);

		await deploy(ref);
		const { kept } = await waitFor(
			async () => {
				const rows = await deliveriesOf(webhookId);
				const delivered = rows.some((row) => row.deploymentId && row.status === "success");
				return { delivered, kept: rows.map((row) => row.deliveryId) };
			},
			(log) => log.delivered && log.kept.length === DELIVERIES_KEPT_PER_WEBHOOK + 1,
			{ what: "the new delivery, then the log pruned to 100 finished + 1 open" },
		);
		const finished = kept.filter((id) => id !== open);
		expect(finished).toHaveLength(DELIVERIES_KEPT_PER_WEBHOOK);
		// 105 old ones + the new one: the 6 oldest go, the open one stays whatever its age.
		expect(finished).toEqual(expect.arrayContaining(past.slice(0, 99)));
		for (const gone of past.slice(99)) expect(kept).not.toContain(gone);
		expect(kept).toContain(open);
		expect(await deliveriesOf(neighbour.webhookId)).toHaveLength(101);
	});
});

describe("figures", () => {
	it("counts a webhook's deliveries, its average response time and retry rate, leaving test sends out", async () => {
		const { webhookId, ref, organizationId } = await webhookAnsweredBy(
			route,
			inSequence(respondWith(500), respondWith(200), respondWith(200), respondWith(400)),
		);
		// Never sent to: only its count is wanted, and no compose service is deployed.
		await createWebhook(
			composeWebhookInput((await createTestService("compose", { organizationId })).service.id),
			undefined,
			publicDnsAtSave,
		);
		for (let i = 1; i <= 3; i++) {
			await deploy(ref);
			await waitForFinishedDeliveries(webhookId, i);
		}
		await testWebhook(webhookId);
		const rows = (await deliveriesOf(webhookId)).filter((row) => !row.isTest);
		expect(rows.map((row) => [row.status, row.attemptCount])).toEqual([
			["success", 2],
			["success", 1],
			["failed", 1],
		]);
		const average = rows.reduce((sum, row) => sum + row.lastDurationMs!, 0) / rows.length;
		expect(await getWebhookStats(webhookId)).toEqual({
			total: 3,
			succeeded: 2,
			failed: 1,
			pending: 0,
			averageResponseMs: Math.round(average),
			retryRate: 1 / 3,
			// The chart's points, oldest first, test sends left out like everywhere here.
			recent: rows.map((row) => ({
				deliveryId: row.deliveryId,
				at: row.createdAt,
				status: row.status,
				durationMs: row.lastDurationMs,
			})),
		});
		expect(await getOrganizationWebhookStats(organizationId)).toEqual({
			webhooksConfigured: 2,
			deliveries: { pending: 0, retrying: 0, success: 2, failed: 1 },
		});
	});
});
