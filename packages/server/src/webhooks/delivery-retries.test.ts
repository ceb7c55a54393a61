import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createTestService } from "../__test__/fixtures";
import { getDatabase } from "../db/client";
import { applicationWebhooks } from "../db/schema/webhook";
import type { DeploymentEventName } from "../lifecycle/types";
import { createWebhook, findWebhookById, testWebhook } from "../services/webhook";
import {
	deliveriesOf,
	deploy,
	deployAndFinish,
	gapsBetweenAttempts,
	waitForDeliveries,
	waitForFinishedDeliveries,
} from "./__test__/deliveries";
import { useWebhookEngine } from "./__test__/engine";
import { type Responder, respondWith } from "./__test__/receiver";
import {
	dropConnection,
	heldUntilReleased,
	inSequence,
	useReceiverRoutes,
} from "./__test__/routes";
import { encryptSecret, generateWebhookSecret } from "./secrets";

const engine = useWebhookEngine({ env: { WEBHOOK_AUTO_DISABLE_AFTER: "3" } });
const route = useReceiverRoutes(engine);

/** The engine's retry delays in tests: 30 s, 2 min, 5 min at WEBHOOK_RETRY_SCALE 0.01. */
const scaledDelaysMs = [300, 1_200, 3_000];

/** An application whose webhook (on deployment.started) is answered by `script`. */
const hookAnsweredBy = async (
	script: Responder,
	events: DeploymentEventName[] = ["deployment.started"],
) => {
	const target = route(script);
	const { ref } = await createTestService("application", { buildCommand: "true" });
	const { webhook } = await createWebhook({
		applicationId: ref.id,
		name: "R",
		url: target.url,
		events,
	});
	return { ref, webhookId: webhook.webhookId, target };
};

/** Deploys once and waits for the one delivery that causes to finish. */
const deliverOnce = async (
	setup: Awaited<ReturnType<typeof hookAnsweredBy>>,
	timeoutMs = 20_000,
) => {
	const before = (await deliveriesOf(setup.webhookId)).length;
	await deploy(setup.ref);
	const rows = await waitForFinishedDeliveries(setup.webhookId, before + 1, timeoutMs);
	return rows[before]!;
};

describe("retries", () => {
	it("retries a dropped connection and succeeds on the second attempt with the same webhook-id", async () => {
		const setup = await hookAnsweredBy(inSequence(dropConnection, respondWith(200)));
		const delivery = await deliverOnce(setup);
		expect(delivery).toMatchObject({
			status: "success",
			attemptCount: 2,
			lastHttpStatus: 200,
			lastError: null,
		});
		expect(delivery.attempts[0]).toMatchObject({
			outcome: "retry",
			httpStatus: null,
			error: expect.stringMatching(/^Network error: /),
		});
		expect(delivery.attempts[1]).toMatchObject({
			outcome: "success",
			httpStatus: 200,
			error: null,
		});
		const [first, second] = setup.target.requests();
		expect(second!.headers["webhook-id"]).toBe(first!.headers["webhook-id"]);
		expect(second!.body).toBe(first!.body);
		expect(gapsBetweenAttempts(delivery)[0]).toBeGreaterThanOrEqual(scaledDelaysMs[0]!);
		expect(await findWebhookById(setup.webhookId)).toMatchObject({
			consecutiveFailures: 0,
			lastDeliveryAt: expect.any(String),
		});
	});

	it("retries 5xx on the scaled 30 s / 2 min / 5 min schedule until the receiver recovers", async () => {
		const setup = await hookAnsweredBy(
			inSequence(respondWith(500), respondWith(502), respondWith(504), respondWith(200)),
		);
		const delivery = await deliverOnce(setup);
		expect(delivery).toMatchObject({
			status: "success",
			attemptCount: 4,
			nextAttemptAt: null,
			statusDetail: null,
		});
		expect(delivery.attempts.map((a) => [a.httpStatus, a.outcome])).toEqual([
			[500, "retry"],
			[502, "retry"],
			[504, "retry"],
			[200, "success"],
		]);
		const gaps = gapsBetweenAttempts(delivery);
		for (const [i, delay] of scaledDelaysMs.entries()) {
			expect(gaps[i], `gap before attempt ${i + 2}`).toBeGreaterThanOrEqual(delay);
		}
		expect(setup.target.requests()).toHaveLength(4);
	});

	it("shows pending, then retrying with 'Retry n of 3' and its time, then success", async () => {
		const first = heldUntilReleased();
		const setup = await hookAnsweredBy((request, response, index) =>
			(index === 0 ? first.responder : index === 1 ? respondWith(503) : respondWith(200))(
				request,
				response,
				index,
			),
		);
		await deploy(setup.ref);
		await setup.target.waitForRequests(1);
		const [inFlight] = await deliveriesOf(setup.webhookId);
		expect(inFlight).toMatchObject({ status: "pending", attemptCount: 0, finishedAt: null });
		first.release(respondWith(500));
		for (const n of [1, 2]) {
			const [retrying] = await waitForDeliveries(
				setup.webhookId,
				([row]) => row?.attemptCount === n,
				`attempt ${n}`,
			);
			expect(retrying!.status).toBe("retrying");
			expect(retrying!.statusDetail).toBe(`Retry ${n} of 3 at ${retrying!.nextAttemptAt}`);
			const lastAttemptAt = Date.parse(retrying!.attempts.at(-1)!.at);
			expect(Date.parse(retrying!.nextAttemptAt!) - lastAttemptAt).toBeGreaterThanOrEqual(
				scaledDelaysMs[n - 1]!,
			);
		}
		const [done] = await waitForFinishedDeliveries(setup.webhookId, 1);
		expect(done).toMatchObject({
			status: "success",
			attemptCount: 3,
			statusDetail: null,
			nextAttemptAt: null,
		});
	});

	it("makes exactly 4 attempts when the receiver keeps failing, then fails and says it gave up", async () => {
		const setup = await hookAnsweredBy(respondWith(500, "still broken"));
		const delivery = await deliverOnce(setup);
		expect(delivery).toMatchObject({
			status: "failed",
			attemptCount: 4,
			lastHttpStatus: 500,
			lastError: "HTTP 500 (gave up after 4 attempts)",
			nextAttemptAt: null,
			finishedAt: expect.any(String),
		});
		expect(delivery.attempts.map((a) => a.outcome)).toEqual(["retry", "retry", "retry", "give_up"]);
		expect(delivery.attempts[3]!.responseExcerpt).toBe("still broken");
		expect(setup.target.requests()).toHaveLength(4);
		expect(await findWebhookById(setup.webhookId)).toMatchObject({
			enabled: true,
			consecutiveFailures: 1,
		});
	});

	it("honours a 429's Retry-After when it asks for longer than the schedule", async () => {
		const setup = await hookAnsweredBy(
			inSequence(respondWith(429, "slow down", { "retry-after": "90" }), respondWith(200)),
		);
		const delivery = await deliverOnce(setup);
		expect(delivery).toMatchObject({ status: "success", attemptCount: 2 });
		expect(delivery.attempts[0]).toMatchObject({ httpStatus: 429, outcome: "retry" });
		// 90 s × 0.01, where the schedule alone would wait 300 ms.
		expect(gapsBetweenAttempts(delivery)[0]).toBeGreaterThanOrEqual(900);
	});
});

describe("answers that are not retried", () => {
	it.each([400, 401, 404, 422])("gives up at once on HTTP %i", async (status) => {
		const setup = await hookAnsweredBy(respondWith(status, "bad payload"));
		const delivery = await deliverOnce(setup);
		expect(delivery).toMatchObject({
			status: "failed",
			attemptCount: 1,
			lastHttpStatus: status,
			lastError: `HTTP ${status}`,
		});
		expect(delivery.attempts[0]).toMatchObject({
			outcome: "give_up",
			responseExcerpt: "bad payload",
		});
		await new Promise((resolve) => setTimeout(resolve, 2 * scaledDelaysMs[0]!));
		expect(setup.target.requests()).toHaveLength(1);
		expect(await findWebhookById(setup.webhookId)).toMatchObject({
			enabled: true,
			consecutiveFailures: 1,
		});
	});

	it.each([301, 302, 307])(
		"does not follow a %i redirect and does not retry it",
		async (status) => {
			const redirectTarget = route();
			const setup = await hookAnsweredBy(respondWith(status, "", { location: redirectTarget.url }));
			const delivery = await deliverOnce(setup);
			expect(delivery).toMatchObject({
				status: "failed",
				attemptCount: 1,
				lastError: `HTTP ${status}: redirects are not followed`,
			});
			expect(setup.target.requests()).toHaveLength(1);
			expect(redirectTarget.requests()).toHaveLength(0);
		},
	);

	it("fails at once, saying why, when the webhook's secret cannot be decrypted (the key changed)", async () => {
		const setup = await hookAnsweredBy(respondWith(200));
		const underAnotherKey = encryptSecret(generateWebhookSecret(), randomBytes(32));
		await getDatabase()
			.update(applicationWebhooks)
			.set({ secret: underAnotherKey })
			.where(eq(applicationWebhooks.webhookId, setup.webhookId));
		const delivery = await deliverOnce(setup);
		const reason =
			/^The delivery cannot be signed: The stored webhook secret could not be decrypted/;
		expect(delivery).toMatchObject({ status: "failed", attemptCount: 1, lastHttpStatus: null });
		expect(delivery.attempts[0]).toMatchObject({
			outcome: "give_up",
			error: expect.stringMatching(reason),
		});
		expect(await testWebhook(setup.webhookId)).toMatchObject({
			ok: false,
			error: expect.stringMatching(reason),
		});
		expect(setup.target.requests()).toHaveLength(0);
	});

	it("disables the webhook on 410 Gone with the reason shown, and later events create no deliveries", async () => {
		const gone = await hookAnsweredBy(respondWith(410));
		const healthy = route();
		await createWebhook({
			applicationId: gone.ref.id,
			name: "Healthy",
			url: healthy.url,
			events: ["deployment.started"],
		});
		const delivery = await deliverOnce(gone);
		expect(delivery).toMatchObject({ status: "failed", attemptCount: 1, lastHttpStatus: 410 });
		const webhook = await findWebhookById(gone.webhookId);
		expect(webhook.enabled).toBe(false);
		expect(webhook.disabledReason).toMatch(/^Disabled on .+: the receiver answered 410 Gone$/);
		await deployAndFinish(gone.ref);
		await healthy.waitForRequests(2);
		expect(await deliveriesOf(gone.webhookId)).toHaveLength(1);
		expect(gone.target.requests()).toHaveLength(1);
	});

	it("disables a webhook after 3 failed deliveries in a row (WEBHOOK_AUTO_DISABLE_AFTER), a success resetting the count", async () => {
		const setup = await hookAnsweredBy(
			inSequence(respondWith(400), respondWith(400), respondWith(200), respondWith(400)),
		);
		const streaks: number[] = [];
		for (let i = 0; i < 5; i++) {
			await deliverOnce(setup);
			const webhook = await findWebhookById(setup.webhookId);
			expect(webhook.enabled, `still enabled after delivery ${i + 1}`).toBe(true);
			streaks.push(webhook.consecutiveFailures);
		}
		expect(streaks).toEqual([1, 2, 0, 1, 2]);
		await deliverOnce(setup);
		const webhook = await findWebhookById(setup.webhookId);
		expect(webhook).toMatchObject({ enabled: false, consecutiveFailures: 3 });
		expect(webhook.disabledReason).toMatch(/^Disabled on .+ after 3 failed deliveries in a row$/);
		await deployAndFinish(setup.ref);
		expect(await deliveriesOf(setup.webhookId)).toHaveLength(6);
		expect(setup.target.requests()).toHaveLength(6);
	});
});
