import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createTestService, waitFor } from "../__test__/fixtures";
import { getDatabase } from "../db/client";
import { webhookDeliveries } from "../db/schema/webhook";
import { createWebhook } from "./__test__/as-owner";
import { deploy } from "./__test__/deliveries";
import { useWebhookEngine } from "./__test__/engine";
import { respondWith } from "./__test__/receiver";
import { heldUntilReleased, useReceiverRoutes } from "./__test__/routes";

// 3 deliveries per application per second, so that the excess has to wait and be seen waiting.
const LIMIT = 3;
const WINDOW_MS = 1_000;
const engine = useWebhookEngine({
	worker: { rateLimitPerMinute: LIMIT, rateLimitWindowMs: WINDOW_MS },
});
const route = useReceiverRoutes(engine);

/** An application with `count` webhooks on deployment.started: one deployment, `count` deliveries. */
const applicationWithWebhooks = async (count: number, target = route()) => {
	const { ref } = await createTestService("application", { buildCommand: "true" });
	for (let i = 0; i < count; i++) {
		await createWebhook({
			applicationId: ref.id,
			name: `Hook ${i}`,
			url: target.url,
			events: ["deployment.started"],
		});
	}
	const deliveries = () =>
		getDatabase().select().from(webhookDeliveries).where(eq(webhookDeliveries.serviceId, ref.id));
	const allDelivered = () =>
		waitFor(
			deliveries,
			(rows) => rows.length === count && rows.every((row) => row.status === "success"),
			{ what: `all ${count} deliveries of ${ref.id} to succeed` },
		);
	const someDeferred = () =>
		waitFor(
			deliveries,
			(rows) => rows.some((row) => row.status === "pending" && row.deferredCount > 0),
			{ what: `a delivery of ${ref.id} waiting for the rate limit` },
		);
	return { ref, target, deliveries, allDelivered, someDeferred };
};

describe("per-application rate limit", () => {
	it("defers deliveries beyond the limit, shows when each will go, and delivers every one", async () => {
		const app = await applicationWithWebhooks(8);
		await deploy(app.ref);
		const waiting = (await app.someDeferred()).find((row) => row.deferredCount > 0)!;
		expect(waiting.attemptCount).toBe(0);
		expect(waiting.nextAttemptAt).not.toBeNull();
		expect(waiting.statusDetail).toBe(`Deferred by the rate limit until ${waiting.nextAttemptAt}`);

		const rows = await app.allDelivered();
		expect(app.target.requests()).toHaveLength(8);
		// Waiting is not an attempt: each delivery was sent exactly once.
		expect(rows.map((row) => row.attemptCount)).toEqual(Array(8).fill(1));
		expect(rows.filter((row) => row.deferredCount > 0).length).toBeGreaterThan(0);
		// Never more than LIMIT sends in one window: the (n + LIMIT)-th starts a window after the n-th.
		const starts = rows.map((row) => Date.parse(row.attempts[0]!.at)).sort((a, b) => a - b);
		for (let i = 0; i + LIMIT < starts.length; i++) {
			expect(
				starts[i + LIMIT]! - starts[i]!,
				`send ${i + LIMIT + 1} after send ${i + 1}`,
			).toBeGreaterThanOrEqual(WINDOW_MS - 200);
		}
	});

	it("does not hold up another application's deliveries while one application is limited", async () => {
		const busy = await applicationWithWebhooks(8);
		const quiet = await applicationWithWebhooks(LIMIT);
		await deploy(busy.ref);
		await busy.someDeferred();
		await deploy(quiet.ref);
		const rows = await quiet.allDelivered();
		expect(rows.map((row) => [row.deferredCount, row.attemptCount])).toEqual(
			Array(LIMIT).fill([0, 1]),
		);
		await busy.allDelivered();
	});

	it("does not let a receiver that is slow to answer hold up other deliveries", async () => {
		const held = heldUntilReleased();
		const slow = await applicationWithWebhooks(1, route(held.responder));
		const fast = await applicationWithWebhooks(2);
		await deploy(slow.ref);
		await slow.target.waitForRequests(1);
		await deploy(fast.ref);
		await fast.allDelivered();
		const [inFlight] = await slow.deliveries();
		expect(inFlight).toMatchObject({ status: "pending", attemptCount: 0 });
		held.release(respondWith(200));
		await slow.allDelivered();
	});
});
