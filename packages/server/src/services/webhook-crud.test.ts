// biome-ignore-all lint/suspicious/noTemplateCurlyInString: custom templates use ${variable} placeholders.
import { randomBytes } from "node:crypto";
import { Webhook as StandardWebhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { createTestService } from "../__test__/fixtures";
import type { CreateWebhookInput } from "../db/schema/webhook-api";
import { NotFoundError } from "../lib/errors";
import {
	createWebhook,
	findWebhooksByApplication,
	testWebhook,
} from "../webhooks/__test__/as-owner";
import { webhookRow } from "../webhooks/__test__/deliveries";
import { useWebhookEngine } from "../webhooks/__test__/engine";
import { useReceiverRoutes } from "../webhooks/__test__/routes";
import { customTemplateVariables } from "../webhooks/templates/custom";
import {
	composeWebhookInput,
	webhookInput as input,
	newApplication,
	publicDnsAtSave,
	rejection,
	validTemplate,
} from "./__test__/webhook-inputs";

const engine = useWebhookEngine();
const route = useReceiverRoutes(engine);

describe("createWebhook", () => {
	it("generates a whsec_ secret of 32 random bytes, returns it once, and stores only ciphertext", async () => {
		const applicationId = await newApplication();
		const first = await createWebhook(input(applicationId), undefined, publicDnsAtSave);
		const second = await createWebhook(input(applicationId), undefined, publicDnsAtSave);
		expect(first.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
		expect(Buffer.from(first.secret.slice(6), "base64")).toHaveLength(32);
		expect(second.secret).not.toBe(first.secret);
		expect(first.webhook).toMatchObject({
			applicationId,
			composeId: null,
			name: "Deploy alerts",
			url: "https://hooks.example.com/dokploy",
			events: ["deployment.success"],
			templateType: "generic",
			customTemplate: null,
			headers: {},
			enabled: true,
			consecutiveFailures: 0,
			disabledReason: null,
			secretHint: `${first.secret.slice(0, 10)}…`,
		});
		expect(first.webhook).not.toHaveProperty("secret");
		const stored = await webhookRow(first.webhook.webhookId);
		expect(stored.secret).toMatch(/^v1\./);
		expect(stored.secret).not.toContain(first.secret.slice(6));
	});

	it("accepts a given whsec_ secret and signs deliveries with it, and refuses a malformed one", async () => {
		const applicationId = await newApplication();
		const given = `whsec_${randomBytes(32).toString("base64")}`;
		const target = route();
		const { webhook, secret } = await createWebhook(
			input(applicationId, { url: target.url, secret: given }),
		);
		expect(secret).toBe(given);
		await testWebhook(webhook.webhookId);
		const [request] = target.requests();
		expect(() => new StandardWebhook(given).verify(request!.body, request!.headers)).not.toThrow();
		expect(await rejection(createWebhook(input(applicationId, { secret: "hunter2" })))).toMatch(
			/whsec_ followed by base64/,
		);
	});

	it.each([
		[
			"http on a host that is not allowlisted",
			"http://hooks.example.com/x",
			/must use https:, not http: \(http: only for allowlisted hosts\)/,
		],
		["another scheme", "ftp://hooks.example.com/x", /must use https:, not ftp:/],
		[
			"credentials in the URL",
			"https://user:pass@hooks.example.com/x",
			/may not contain a username or password/,
		],
		["a private IPv4 literal", "https://10.0.0.5/hook", /10\.0\.0\.5 is private-range/],
		[
			"the metadata address",
			"https://169.254.169.254/latest",
			/169\.254\.169\.254 is a cloud metadata service/,
		],
		["IPv6 loopback", "https://[::1]/hook", /::1 is loopback/],
		["loopback written as a decimal number", "https://2130706433/hook", /127\.0\.0\.1 is loopback/],
		["garbage", "not a url", /"not a url" is not a valid URL/],
		["nothing", "", /A URL is required/],
	])("refuses %s with a clear message and saves nothing", async (_case, url, message) => {
		const applicationId = await newApplication();
		expect(await rejection(createWebhook(input(applicationId, { url })))).toMatch(message);
		expect(await findWebhooksByApplication(applicationId)).toEqual([]);
	});

	it("accepts http: for an allowlisted host", async () => {
		const { webhook } = await createWebhook(
			input(await newApplication(), { url: "http://localhost:9/hook" }),
		);
		expect(webhook.url).toBe("http://localhost:9/hook");
	});

	it("requires a name of at most 100 characters", async () => {
		const applicationId = await newApplication();
		expect(await rejection(createWebhook(input(applicationId, { name: "  " })))).toMatch(
			/Name is required/,
		);
		expect(await rejection(createWebhook(input(applicationId, { name: "n".repeat(101) })))).toMatch(
			/Name is at most 100 characters/,
		);
		const { webhook } = await createWebhook(
			input(applicationId, { name: ` ${"n".repeat(100)} ` }),
			undefined,
			publicDnsAtSave,
		);
		expect(webhook.name).toBe("n".repeat(100));
	});

	it("requires a non-empty subset of the four deployment events, without duplicates", async () => {
		const applicationId = await newApplication();
		expect(await rejection(createWebhook(input(applicationId, { events: [] })))).toMatch(
			/Choose at least one event/,
		);
		const unknown = ["deployment.deleted"] as unknown as CreateWebhookInput["events"];
		expect(await rejection(createWebhook(input(applicationId, { events: unknown })))).toMatch(
			/deployment\.started/,
		);
		const { webhook } = await createWebhook(
			input(applicationId, {
				events: ["deployment.failed", "deployment.failed", "deployment.cancelled"],
			}),
			undefined,
			publicDnsAtSave,
		);
		expect(webhook.events).toEqual(["deployment.failed", "deployment.cancelled"]);
	});

	it("checks custom headers: at most 20, token names, no reserved names, values up to 1 KB of visible ASCII", async () => {
		const applicationId = await newApplication();
		const many = (count: number) =>
			Object.fromEntries(Array.from({ length: count }, (_, i) => [`X-H${i}`, "v"]));
		const refused = (headers: Record<string, string>) =>
			rejection(createWebhook(input(applicationId, { headers })));
		expect(await refused(many(21))).toMatch(/At most 20 custom headers/);
		expect(await refused({ "Bad Name": "v" })).toMatch(/"Bad Name" is not a valid header name/);
		expect(await refused({ "X-A:b": "v" })).toMatch(/is not a valid header name/);
		for (const name of [
			"Content-Type",
			"host",
			"Content-Length",
			"X-Dokploy-Event",
			"x-dokploy-anything",
			"webhook-id",
			"Webhook-Signature",
		]) {
			expect(await refused({ [name]: "v" })).toMatch(
				new RegExp(`The header ${name} is set by Dokploy`),
			);
		}
		expect(await refused({ "X-Big": "a".repeat(1025) })).toMatch(
			/The value of X-Big is longer than 1 KB/,
		);
		expect(await refused({ "X-Split": "a\r\nInjected: yes" })).toMatch(
			/may only contain visible ASCII/,
		);
		expect(await refused({ "X-Split": "a\nb" })).toMatch(/may only contain visible ASCII/);
		expect(await refused({ "X-Team": "a", "x-team": "b" })).toMatch(
			/The header x-team is given twice/,
		);
		const accepted = { ...many(19), Authorization: `Bearer ${"t".repeat(1017)}` };
		const { webhook } = await createWebhook(
			input(applicationId, { headers: accepted }),
			undefined,
			publicDnsAtSave,
		);
		expect(webhook.headers).toEqual(accepted);
	});

	it("requires a custom template exactly when the type is custom, and refuses one that cannot render", async () => {
		const applicationId = await newApplication();
		const custom = (customTemplate?: string) =>
			createWebhook(
				input(applicationId, { templateType: "custom", customTemplate }),
				undefined,
				publicDnsAtSave,
			);
		expect(await rejection(custom())).toMatch(/The custom template is required/);
		expect(await rejection(custom("   "))).toMatch(/The custom template is required/);
		expect(
			await rejection(
				createWebhook(
					input(applicationId, { templateType: "slack", customTemplate: validTemplate }),
				),
			),
		).toMatch(/only used with the custom template type/);
		expect(await rejection(custom('{"text": "${applicationName}"'))).toMatch(
			/Invalid JSON at line 1/,
		);
		const unknown = await rejection(custom('{"text": "${nope} ${applicationName}"}'));
		expect(unknown).toMatch(/Unknown variables: \$\{nope\}\. Known variables: /);
		for (const { name } of customTemplateVariables) expect(unknown).toContain(name);
		expect(await rejection(custom(`{"text": "${"x".repeat(17_000)}"}`))).toMatch(
			/the limit is 16384/,
		);
		const { webhook } = await custom(validTemplate);
		expect(webhook).toMatchObject({ templateType: "custom", customTemplate: validTemplate });
	});

	it("allows at most 50 webhooks per service, counted per service", async () => {
		const { service, organizationId } = await createTestService("application");
		for (let i = 0; i < 50; i++) {
			await createWebhook(input(service.id, { name: `Hook ${i}` }), undefined, publicDnsAtSave);
		}
		expect(await rejection(createWebhook(input(service.id)))).toMatch(/at most 50 webhooks/);
		expect(await findWebhooksByApplication(service.id)).toHaveLength(50);
		const other = await createTestService("compose", { organizationId });
		const { webhook } = await createWebhook(
			composeWebhookInput(other.service.id),
			undefined,
			publicDnsAtSave,
		);
		expect(webhook.composeId).toBe(other.service.id);
	});

	it("belongs to exactly one existing service of the caller's organization", async () => {
		const { service, organizationId } = await createTestService("application");
		const compose = await createTestService("compose", { organizationId });
		expect(
			await rejection(createWebhook(input(service.id, { composeId: compose.service.id }))),
		).toMatch(/exactly one application or compose service/);
		await expect(createWebhook(input("no-such-application"))).rejects.toBeInstanceOf(NotFoundError);
		const stranger = await createTestService("application");
		await expect(createWebhook(input(service.id), stranger.organizationId)).rejects.toBeInstanceOf(
			NotFoundError,
		);
		expect(await findWebhooksByApplication(service.id)).toEqual([]);
	});
});
