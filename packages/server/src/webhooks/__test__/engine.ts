/**
 * Sets up the whole delivery engine for an integration test file: a test database, an HTTPS
 * receiver the engine trusts, the outbox on the lifecycle, and the deployment and webhook
 * workers. Call `useWebhookEngine()` at the top of the file.
 */
import { afterAll, beforeAll } from "vitest";
import { type TestDriver, useTestEnvironment } from "../../__test__/environment";
import { resetDeploymentQueue } from "../../__test__/redis";
import type { DeploymentWorkerOptions } from "../../deployments/worker";
import { forgetServerConfig } from "../../lib/config";
import { unregisterLifecycleListener } from "../../lifecycle/emitter";
import { type DokployProcess, startProcess } from "../../runtime/start-process";
import { WEBHOOK_LISTENER } from "../outbox";
import { webhookDeliveriesQueue } from "../queue";
import type { WebhookWorkerOptions } from "../worker";
import { type Receiver, startReceiver } from "./receiver";

export interface EngineOptions {
	driver?: TestDriver;
	retryScale?: number;
	worker?: WebhookWorkerOptions;
	/** Leave the webhook worker stopped (tests that start their own). */
	withoutWebhookWorker?: boolean;
	deploymentWorker?: DeploymentWorkerOptions;
	env?: Record<string, string>;
}

export const useWebhookEngine = (options: EngineOptions = {}) => {
	const { dataDir } = useTestEnvironment(options.driver ?? "postgres");
	const state = {} as {
		receiver: Receiver;
		dataDir: string;
	};
	state.dataDir = dataDir;
	let dokploy: DokployProcess | undefined;

	beforeAll(async () => {
		state.receiver = await startReceiver(dataDir);
		Object.assign(process.env, {
			WEBHOOK_CA_FILE: state.receiver.caFile,
			WEBHOOK_ALLOWED_HOSTS: "localhost",
			WEBHOOK_RETRY_SCALE: String(options.retryScale ?? 0.01),
			DOKPLOY_PUBLIC_URL: "https://dokploy.test",
			...options.env,
		});
		forgetServerConfig();
		await resetDeploymentQueue();
		await webhookDeliveriesQueue().obliterate({ force: true });
		// The same composition as the product's processes, with test-sized timings.
		dokploy = await startProcess({
			deploymentWorker: { lanePollMs: 50, killGraceMs: 500, ...options.deploymentWorker },
			webhookWorker: options.withoutWebhookWorker
				? false
				: { stalledIntervalMs: 1_000, ...options.worker },
		});
	});

	afterAll(async () => {
		unregisterLifecycleListener(WEBHOOK_LISTENER);
		await dokploy?.close();
		await state.receiver?.close();
	});

	return state;
};
