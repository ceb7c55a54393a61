/**
 * The engine's process-wide settings: the configuration read once from the environment, the
 * key that encrypts webhook secrets, and the dashboard's public URL used in payload links.
 */
import { resolveAuthSecret } from "../auth/secret";
import { processSingleton } from "../lib/process-singleton";
import { readWebhookConfig } from "./config";
import { resolveEncryptionKey } from "./secrets";

export const webhookConfig = () => processSingleton("webhook-config", () => readWebhookConfig());

export const webhookEncryptionKey = () =>
	processSingleton("webhook-encryption-key", () =>
		resolveEncryptionKey({ ...process.env, BETTER_AUTH_SECRET: resolveAuthSecret() }),
	);

export const dashboardBaseUrl = () =>
	(
		process.env.DOKPLOY_PUBLIC_URL ??
		process.env.BETTER_AUTH_URL ??
		`http://localhost:${process.env.PORT ?? 3000}`
	).replace(/\/+$/, "");

export const userAgent = () => `Dokploy-Webhooks/${process.env.DOKPLOY_VERSION ?? "0.1.0"}`;
