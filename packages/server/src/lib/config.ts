/**
 * The server's settings, read from the environment and validated in this one module. Every
 * value has a default except the operator's own allowlist and CA file; a value that is set but
 * unusable stops start-up with a message naming the variable, instead of silently becoming NaN
 * or a default. `serverConfig()` reads once per process; the runtime passes the result down.
 */
import { readFileSync } from "node:fs";
import { resolveAuthSecret } from "../auth/secret";
import { defaultTimeoutMs } from "../webhooks/http";
import { resolveEncryptionKey } from "../webhooks/secrets";
import { parseAllowlist, type WebhookAllowlist } from "../webhooks/url-allowlist";
import { forgetProcessSingleton, processSingleton } from "./process-singleton";

export interface WebhookConfig {
	/** WEBHOOKS_ENABLED: the feature flag; when false no delivery is written and the API refuses. */
	enabled: boolean;
	/** WEBHOOK_ALLOWED_HOSTS: hostnames, IPs and CIDRs exempt from the SSRF address rules. */
	allowlist: WebhookAllowlist;
	/** WEBHOOK_RETRY_SCALE: multiplies every retry delay (1 in production). */
	retryScale: number;
	/** WEBHOOK_TIMEOUT_MS: total time for one attempt, body included. */
	timeoutMs: number;
	/** WEBHOOK_WORKER_CONCURRENCY: deliveries in flight per worker process. */
	concurrency: number;
	/** WEBHOOK_RATE_LIMIT_PER_MINUTE: deliveries per application per minute; excess waits. */
	rateLimitPerMinute: number;
	/** WEBHOOK_AUTO_DISABLE_AFTER: consecutive failed deliveries that disable a webhook; 0 = never. */
	autoDisableAfterFailures: number;
	/** WEBHOOK_CA_FILE: extra trusted CA certificates (PEM), one string per certificate. */
	caCertificates: string[] | undefined;
	/** WEBHOOK_STALLED_INTERVAL_MS: how often a worker looks for jobs a dead worker held. */
	stalledIntervalMs: number;
	/** WEBHOOK_RECONCILE_MS: how often unfinished deliveries without a job are re-enqueued. */
	reconcileIntervalMs: number;
}

export interface DeploymentConfig {
	/** DEPLOYMENT_CONCURRENCY: deployments running at once per worker process. */
	concurrency: number;
	/** DEPLOYMENT_TIMEOUT_MS: how long a build may run before it is stopped. */
	buildTimeoutMs: number;
	/** DEPLOYMENT_CLAIM_TTL_MS: a dead worker's deployment is taken over within about this. */
	claimTtlMs: number;
}

export interface ServerConfig {
	webhooks: WebhookConfig;
	deployments: DeploymentConfig;
}

export class ConfigError extends Error {
	override readonly name = "ConfigError";
	readonly code = "invalid_config";
}

type Env = Record<string, string | undefined>;

const readNumber = (
	env: Env,
	name: string,
	options: { fallback: number; integer: boolean; min: number; minExclusive?: boolean },
) => {
	const raw = env[name]?.trim();
	if (!raw) return options.fallback;
	const value = Number(raw);
	const tooSmall = options.minExclusive ? value <= options.min : value < options.min;
	if (!Number.isFinite(value) || (options.integer && !Number.isInteger(value)) || tooSmall) {
		const kind = options.integer ? "an integer" : "a number";
		const bound = options.minExclusive ? `greater than ${options.min}` : `at least ${options.min}`;
		throw new ConfigError(`${name} must be ${kind} ${bound}, got "${raw}"`);
	}
	return value;
};

const readBoolean = (env: Env, name: string, fallback: boolean) => {
	const raw = env[name]?.trim().toLowerCase();
	if (!raw) return fallback;
	if (["true", "1", "yes", "on"].includes(raw)) return true;
	if (["false", "0", "no", "off"].includes(raw)) return false;
	throw new ConfigError(`${name} must be true or false, got "${env[name]}"`);
};

/** A positive whole number of something (milliseconds, slots), `fallback` when unset. */
const readCount = (env: Env, name: string, fallback: number, min = 1) =>
	readNumber(env, name, { fallback, integer: true, min });

const pemCertificate = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

const readCaFile = (path: string | undefined, readFile: (path: string) => string) => {
	if (!path?.trim()) return undefined;
	let text: string;
	try {
		text = readFile(path.trim());
	} catch (cause) {
		throw new ConfigError(`WEBHOOK_CA_FILE ${path} cannot be read`, { cause });
	}
	const certificates = text.match(pemCertificate);
	if (!certificates) {
		throw new ConfigError(`WEBHOOK_CA_FILE ${path} contains no PEM certificate`);
	}
	return certificates;
};

/**
 * The default number of deliveries a worker keeps in flight. Measured with `pnpm bench:throughput`
 * and `pnpm bench:isolation` (bench/README.md): an attempt mostly waits on the network, so a
 * slot costs little, and enough slots keep a hanging receiver from starving the healthy ones.
 */
export const DEFAULT_WEBHOOK_CONCURRENCY = 100;

export const readWebhookConfig = (
	env: Env = process.env,
	readFile: (path: string) => string = (path) => readFileSync(path, "utf8"),
): WebhookConfig => {
	let allowlist: WebhookAllowlist;
	try {
		allowlist = parseAllowlist(env.WEBHOOK_ALLOWED_HOSTS);
	} catch (cause) {
		throw new ConfigError((cause as Error).message, { cause });
	}
	return {
		enabled: readBoolean(env, "WEBHOOKS_ENABLED", true),
		allowlist,
		retryScale: readNumber(env, "WEBHOOK_RETRY_SCALE", {
			fallback: 1,
			integer: false,
			min: 0,
			minExclusive: true,
		}),
		timeoutMs: readCount(env, "WEBHOOK_TIMEOUT_MS", defaultTimeoutMs),
		concurrency: readCount(env, "WEBHOOK_WORKER_CONCURRENCY", DEFAULT_WEBHOOK_CONCURRENCY),
		rateLimitPerMinute: readCount(env, "WEBHOOK_RATE_LIMIT_PER_MINUTE", 100),
		autoDisableAfterFailures: readCount(env, "WEBHOOK_AUTO_DISABLE_AFTER", 20, 0),
		caCertificates: readCaFile(env.WEBHOOK_CA_FILE, readFile),
		stalledIntervalMs: readCount(env, "WEBHOOK_STALLED_INTERVAL_MS", 15_000),
		reconcileIntervalMs: readCount(env, "WEBHOOK_RECONCILE_MS", 30_000),
	};
};

export const readDeploymentConfig = (env: Env = process.env): DeploymentConfig => ({
	concurrency: readCount(env, "DEPLOYMENT_CONCURRENCY", 4),
	buildTimeoutMs: readCount(env, "DEPLOYMENT_TIMEOUT_MS", 30 * 60 * 1000),
	// Below a second, renewals every third of it would flood Redis.
	claimTtlMs: readCount(env, "DEPLOYMENT_CLAIM_TTL_MS", 10_000, 1_000),
});

export const readServerConfig = (
	env: Env = process.env,
	readFile?: (path: string) => string,
): ServerConfig => ({
	webhooks: readWebhookConfig(env, readFile),
	deployments: readDeploymentConfig(env),
});

const SERVER_CONFIG_KEY = "server-config";

/** The process's configuration, read at the first call (start-up) and kept. */
export const serverConfig = () => processSingleton(SERVER_CONFIG_KEY, () => readServerConfig());

/** Makes the next `serverConfig()` read the environment again (tests that change it). */
export const forgetServerConfig = () => forgetProcessSingleton(SERVER_CONFIG_KEY);

/** The key that encrypts webhook secrets: WEBHOOK_ENCRYPTION_KEY, else derived from the auth secret. */
export const webhookEncryptionKey = () =>
	processSingleton("webhook-encryption-key", () =>
		resolveEncryptionKey({ ...process.env, BETTER_AUTH_SECRET: resolveAuthSecret() }),
	);

/** The dashboard's public URL, for links in payloads. Read per call: tests change it. */
export const dashboardBaseUrl = (env: Env = process.env) =>
	(env.DOKPLOY_PUBLIC_URL ?? env.BETTER_AUTH_URL ?? `http://localhost:${env.PORT ?? 3000}`).replace(
		/\/+$/,
		"",
	);

export const webhookUserAgent = (env: Env = process.env) =>
	`Dokploy-Webhooks/${env.DOKPLOY_VERSION ?? "0.1.0"}`;
