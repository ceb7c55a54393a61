/**
 * The log of webhook deliveries, read from what the process's real logger writes: one
 * structured pino line per attempt, and never a webhook secret, plain or encrypted.
 */
import { afterAll, describe, expect, it, type MockInstance, vi } from "vitest";

// The logger is one per process and silent under a test runner; this file reads it at info, so
// the level must be set before anything imports the logger: everything below is imported late.
process.env.LOG_LEVEL = "info";

// pino writes to file descriptor 1 itself, unless process.stdout.write has been replaced when
// the logger is created; then every line goes through it. So capture before the logger exists.
const captured: string[] = [];
const captureWrites = (stream: NodeJS.WriteStream, forward: boolean) => {
	const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
	return vi.spyOn(stream, "write").mockImplementation(((
		chunk: string | Uint8Array,
		...rest: unknown[]
	) => {
		captured.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
		if (forward) return write(chunk, ...rest);
		const done = rest.find((argument) => typeof argument === "function") as
			| (() => void)
			| undefined;
		done?.();
		return true;
	}) as typeof stream.write);
};
// The log itself is kept out of the test output; anything on stderr still shows.
const spies: MockInstance[] = [
	captureWrites(process.stdout, false),
	captureWrites(process.stderr, true),
];
afterAll(() => {
	for (const spy of spies) spy.mockRestore();
});

const { eq } = await import("drizzle-orm");
const { createTestService, waitFor } = await import("../__test__/fixtures");
const { getDatabase } = await import("../db/client");
const { applicationWebhooks } = await import("../db/schema/webhook");
const { createWebhook, testWebhook } = await import("./__test__/as-owner");
const { deploy, waitForFinishedDeliveries } = await import("./__test__/deliveries");
const { useWebhookEngine } = await import("./__test__/engine");
const { respondWith } = await import("./__test__/receiver");
const { inSequence, useReceiverRoutes } = await import("./__test__/routes");

const engine = useWebhookEngine();
const route = useReceiverRoutes(engine);

/** Every line the logger wrote that parses as JSON. */
const loggedJson = () =>
	captured
		.join("")
		.split("\n")
		.flatMap((line) => {
			try {
				return [JSON.parse(line) as Record<string, unknown>];
			} catch {
				return [];
			}
		});

const attemptLinesOf = (webhookId: string) =>
	loggedJson().filter(
		(line) => line.msg === "webhook delivery attempt" && line.webhookId === webhookId,
	);

describe("webhook attempt log", () => {
	it("writes one JSON line per attempt, failed or successful, and never a secret", async () => {
		// The deployment's delivery is answered 500, then 200 on its retry; the test send, 200.
		const target = route(inSequence(respondWith(500, "boom"), respondWith(200)));
		const { ref } = await createTestService("application", { buildCommand: "true" });
		const { webhook, secret } = await createWebhook({
			applicationId: ref.id,
			name: "Attempt log",
			url: target.url,
			events: ["deployment.started"],
		});
		const { webhookId } = webhook;
		await deploy(ref);
		await waitForFinishedDeliveries(webhookId, 1);
		await testWebhook(webhookId);
		const deliveries = await waitForFinishedDeliveries(webhookId, 2);

		const recorded = deliveries.flatMap((delivery) =>
			delivery.attempts.map((attempt) => ({
				deliveryId: delivery.deliveryId,
				webhookId,
				event: delivery.event,
				attempt: attempt.number,
				httpStatus: attempt.httpStatus,
				durationMs: attempt.durationMs,
				outcome: attempt.outcome,
			})),
		);
		expect(recorded.map((attempt) => attempt.httpStatus)).toEqual([500, 200, 200]);
		// The line is written just after the attempt is recorded, so it may trail the row.
		const lines = await waitFor(
			async () => attemptLinesOf(webhookId),
			(found) => found.length >= recorded.length,
			{ what: `${recorded.length} "webhook delivery attempt" log lines` },
		);
		expect(lines).toHaveLength(recorded.length);
		expect(lines).toEqual(
			expect.arrayContaining(
				recorded.map((attempt) =>
					expect.objectContaining({
						...attempt,
						level: 30,
						service: "dokploy",
						time: expect.any(Number),
					}),
				),
			),
		);

		const [stored] = await getDatabase()
			.select({ ciphertext: applicationWebhooks.secret })
			.from(applicationWebhooks)
			.where(eq(applicationWebhooks.webhookId, webhookId));
		const output = captured.join("");
		const secretKey = secret.slice(secret.indexOf("_") + 1);
		expect(secretKey.length).toBeGreaterThan(20);
		expect(output.includes(secret), "the plain secret is in the log").toBe(false);
		expect(output.includes(secretKey), "the secret's key part is in the log").toBe(false);
		expect(output.includes(stored!.ciphertext), "the stored ciphertext is in the log").toBe(false);
	});
});
