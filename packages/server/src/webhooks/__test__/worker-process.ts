/**
 * A webhook worker in a process of its own, for tests that kill it mid-delivery. Everything it
 * needs (DATABASE_URL, REDIS_URL, WEBHOOK_CA_FILE, WEBHOOK_ALLOWED_HOSTS, DOKPLOY_DATA_DIR,
 * BETTER_AUTH_SECRET ...) comes from the environment its parent test gives it. It prints
 * "ready" once it is connected, and closes cleanly on SIGTERM.
 *
 *   node --import tsx packages/server/src/webhooks/__test__/worker-process.ts
 */
import { startWebhookWorker } from "../worker";

const { worker, close } = startWebhookWorker({
	// Short, so that a test sees a killed worker's job taken over within a second or two.
	stalledIntervalMs: 500,
	lockDurationMs: 1_000,
});
await worker.waitUntilReady();
process.stdout.write("ready\n");

process.once("SIGTERM", () => {
	close().then(
		() => process.exit(0),
		() => process.exit(1),
	);
});
