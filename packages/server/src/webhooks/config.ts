/**
 * The delivery engine's settings, read once from the environment. Every value has a default
 * except the operator's own allowlist and CA file; a value that is set but unusable stops the
 * process with a message naming the variable, rather than silently falling back to a default.
 */
import { readFileSync } from "node:fs";
import { defaultTimeoutMs } from "./http";
import { parseAllowlist, type WebhookAllowlist } from "./url-guard";

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
}

export class WebhookConfigError extends Error {
	override readonly name = "WebhookConfigError";
	readonly code = "invalid_webhook_config";
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
		throw new WebhookConfigError(`${name} must be ${kind} ${bound}, got "${raw}"`);
	}
	return value;
};

const readBoolean = (env: Env, name: string, fallback: boolean) => {
	const raw = env[name]?.trim().toLowerCase();
	if (!raw) return fallback;
	if (["true", "1", "yes", "on"].includes(raw)) return true;
	if (["false", "0", "no", "off"].includes(raw)) return false;
	throw new WebhookConfigError(`${name} must be true or false, got "${env[name]}"`);
};

const pemCertificate = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

const readCaFile = (path: string | undefined, readFile: (path: string) => string) => {
	if (!path?.trim()) return undefined;
	let text: string;
	try {
		text = readFile(path.trim());
	} catch (cause) {
		throw new WebhookConfigError(`WEBHOOK_CA_FILE ${path} cannot be read`, { cause });
	}
	const certificates = text.match(pemCertificate);
	if (!certificates) {
		throw new WebhookConfigError(`WEBHOOK_CA_FILE ${path} contains no PEM certificate`);
	}
	return certificates;
};

export const readWebhookConfig = (
	env: Env = process.env,
	readFile: (path: string) => string = (path) => readFileSync(path, "utf8"),
): WebhookConfig => {
	let allowlist: WebhookAllowlist;
	try {
		allowlist = parseAllowlist(env.WEBHOOK_ALLOWED_HOSTS);
	} catch (cause) {
		throw new WebhookConfigError((cause as Error).message, { cause });
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
		timeoutMs: readNumber(env, "WEBHOOK_TIMEOUT_MS", {
			fallback: defaultTimeoutMs,
			integer: true,
			min: 1,
		}),
		concurrency: readNumber(env, "WEBHOOK_WORKER_CONCURRENCY", {
			fallback: 20,
			integer: true,
			min: 1,
		}),
		rateLimitPerMinute: readNumber(env, "WEBHOOK_RATE_LIMIT_PER_MINUTE", {
			fallback: 100,
			integer: true,
			min: 1,
		}),
		autoDisableAfterFailures: readNumber(env, "WEBHOOK_AUTO_DISABLE_AFTER", {
			fallback: 20,
			integer: true,
			min: 0,
		}),
		caCertificates: readCaFile(env.WEBHOOK_CA_FILE, readFile),
	};
};
