import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
	ConfigError,
	DEFAULT_WEBHOOK_CONCURRENCY,
	readDeploymentConfig,
	readServerConfig,
	readWebhookConfig,
} from "./config";

const certificate = (body: string) =>
	`-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;

describe("readWebhookConfig", () => {
	it("falls back to the documented defaults", () => {
		const config = readWebhookConfig({});
		expect(config).toMatchObject({
			retryScale: 1,
			timeoutMs: 10_000,
			concurrency: DEFAULT_WEBHOOK_CONCURRENCY,
			stalledIntervalMs: 15_000,
			reconcileIntervalMs: 30_000,
			rateLimitPerMinute: 100,
			autoDisableAfterFailures: 20,
			caCertificates: undefined,
		});
		expect(config.allowlist.entries).toEqual([]);
	});

	it("reads every variable", () => {
		const config = readWebhookConfig(
			{
				WEBHOOK_ALLOWED_HOSTS: "n8n.internal, 10.0.0.0/8",
				WEBHOOK_RETRY_SCALE: "0.001",
				WEBHOOK_TIMEOUT_MS: "2500",
				WEBHOOK_WORKER_CONCURRENCY: " 4 ",
				WEBHOOK_RATE_LIMIT_PER_MINUTE: "30",
				WEBHOOK_AUTO_DISABLE_AFTER: "0",
				WEBHOOK_CA_FILE: "/etc/dokploy/ca.pem",
			},
			(path) => {
				expect(path).toBe("/etc/dokploy/ca.pem");
				return `# private CA\n${certificate("AAAA")}${certificate("BBBB")}`;
			},
		);
		expect(config).toMatchObject({
			retryScale: 0.001,
			timeoutMs: 2500,
			concurrency: 4,
			rateLimitPerMinute: 30,
			autoDisableAfterFailures: 0,
			caCertificates: [certificate("AAAA").trim(), certificate("BBBB").trim()],
		});
		expect(config.allowlist.allowsHost("n8n.internal")).toBe(true);
		expect(config.allowlist.allowsAddress("10.9.9.9")).toBe(true);
	});

	it("reads the CA file from disk by default", () => {
		const path = join(mkdtempSync(join(tmpdir(), "webhook-ca-")), "ca.pem");
		writeFileSync(path, certificate("CCCC"));
		expect(readWebhookConfig({ WEBHOOK_CA_FILE: path }).caCertificates).toHaveLength(1);
	});

	it.each([
		["WEBHOOK_RETRY_SCALE", "0", /WEBHOOK_RETRY_SCALE must be a number greater than 0, got "0"/],
		["WEBHOOK_RETRY_SCALE", "fast", /WEBHOOK_RETRY_SCALE/],
		["WEBHOOK_TIMEOUT_MS", "1.5", /WEBHOOK_TIMEOUT_MS must be an integer at least 1/],
		["WEBHOOK_WORKER_CONCURRENCY", "0", /WEBHOOK_WORKER_CONCURRENCY/],
		["WEBHOOK_RATE_LIMIT_PER_MINUTE", "-1", /WEBHOOK_RATE_LIMIT_PER_MINUTE/],
		["WEBHOOK_AUTO_DISABLE_AFTER", "Infinity", /WEBHOOK_AUTO_DISABLE_AFTER/],
		["WEBHOOK_ALLOWED_HOSTS", "n8n.internal, http://bad", /"http:\/\/bad"/],
		["WEBHOOK_STALLED_INTERVAL_MS", "15s", /WEBHOOK_STALLED_INTERVAL_MS must be an integer/],
		["WEBHOOK_RECONCILE_MS", "0", /WEBHOOK_RECONCILE_MS must be an integer at least 1/],
		["DEPLOYMENT_CONCURRENCY", "four", /DEPLOYMENT_CONCURRENCY must be an integer/],
		["DEPLOYMENT_TIMEOUT_MS", "-5", /DEPLOYMENT_TIMEOUT_MS must be an integer at least 1/],
	])("refuses %s=%s with a message naming it", (name, value, message) => {
		expect(() => readServerConfig({ [name]: value })).toThrowError(ConfigError);
		expect(() => readServerConfig({ [name]: value })).toThrowError(message);
	});

	it("reads the deployment and background settings, which used to bypass validation", () => {
		expect(readDeploymentConfig({})).toEqual({
			concurrency: 4,
			buildTimeoutMs: 1_800_000,
			claimTtlMs: 10_000,
		});
		expect(
			readServerConfig({
				DEPLOYMENT_CONCURRENCY: "2",
				DEPLOYMENT_TIMEOUT_MS: "60000",
				WEBHOOK_STALLED_INTERVAL_MS: "1000",
				WEBHOOK_RECONCILE_MS: "5000",
			}),
		).toMatchObject({
			deployments: { concurrency: 2, buildTimeoutMs: 60_000 },
			webhooks: { stalledIntervalMs: 1_000, reconcileIntervalMs: 5_000 },
		});
	});

	it("reads the claim TTL of deployments and refuses one under a second", () => {
		expect(readDeploymentConfig({ DEPLOYMENT_CLAIM_TTL_MS: "3000" }).claimTtlMs).toBe(3_000);
		expect(() => readDeploymentConfig({ DEPLOYMENT_CLAIM_TTL_MS: "500" })).toThrowError(
			/DEPLOYMENT_CLAIM_TTL_MS must be an integer at least 1000, got "500"/,
		);
	});

	it("refuses a CA file that is missing or holds no certificate", () => {
		expect(() => readWebhookConfig({ WEBHOOK_CA_FILE: "/nonexistent/ca.pem" })).toThrowError(
			"WEBHOOK_CA_FILE /nonexistent/ca.pem cannot be read",
		);
		expect(() =>
			readWebhookConfig({ WEBHOOK_CA_FILE: "/ca.pem" }, () => "not a certificate"),
		).toThrowError("contains no PEM certificate");
	});
});
