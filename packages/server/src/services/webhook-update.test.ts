// biome-ignore-all lint/suspicious/noTemplateCurlyInString: custom templates use ${variable} placeholders.
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createTestService } from "../__test__/fixtures";
import { getDatabase } from "../db/client";
import { applicationWebhooks, webhookDeliveries } from "../db/schema/webhook";
import { NotFoundError } from "../lib/errors";
import {
	createWebhook,
	deleteWebhook,
	findWebhookById,
	findWebhooksByApplication,
	findWebhooksByCompose,
	rotateSecret,
	testWebhook,
	updateWebhook,
} from "../webhooks/__test__/as-owner";
import { deliveriesOf, webhookRow } from "../webhooks/__test__/deliveries";
import { useWebhookEngine } from "../webhooks/__test__/engine";
import { useReceiverRoutes } from "../webhooks/__test__/routes";
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

describe("updateWebhook", () => {
	it("changes only the fields it is given, and validates them like create", async () => {
		const { webhook } = await createWebhook(
			input(await newApplication(), {
				headers: { "X-Team": "web" },
				events: ["deployment.failed"],
			}),
			undefined,
			publicDnsAtSave,
		);
		const renamed = await updateWebhook({ webhookId: webhook.webhookId, name: "Renamed" });
		expect(renamed).toMatchObject({ ...webhook, name: "Renamed", updatedAt: expect.any(String) });
		const changed = await updateWebhook(
			{
				webhookId: webhook.webhookId,
				url: "https://other.example.com/in",
				events: ["deployment.started", "deployment.success"],
				headers: { "X-Team": "ops" },
			},
			undefined,
			publicDnsAtSave,
		);
		expect(changed).toMatchObject({
			name: "Renamed",
			url: "https://other.example.com/in",
			events: ["deployment.started", "deployment.success"],
			headers: { "X-Team": "ops" },
		});
		expect(
			await rejection(updateWebhook({ webhookId: webhook.webhookId, url: "https://10.1.2.3/" })),
		).toMatch(/private-range/);
		expect(await rejection(updateWebhook({ webhookId: webhook.webhookId, name: "" }))).toMatch(
			/Name is required/,
		);
		expect(
			await rejection(updateWebhook({ webhookId: webhook.webhookId, headers: { Host: "x" } })),
		).toMatch(/set by Dokploy/);
		expect(await findWebhookById(webhook.webhookId)).toEqual(changed);
	});

	it("requires a valid template when switching to custom, and drops it when switching away", async () => {
		const { webhook } = await createWebhook(
			input(await newApplication()),
			undefined,
			publicDnsAtSave,
		);
		const { webhookId } = webhook;
		expect(await rejection(updateWebhook({ webhookId, templateType: "custom" }))).toMatch(
			/The custom template is required/,
		);
		expect(
			await rejection(
				updateWebhook({ webhookId, templateType: "custom", customTemplate: '{"a": "${nope}"}' }),
			),
		).toMatch(/Unknown variables: \$\{nope\}/);
		expect((await findWebhookById(webhookId)).templateType).toBe("generic");
		const custom = await updateWebhook({
			webhookId,
			templateType: "custom",
			customTemplate: validTemplate,
		});
		expect(custom).toMatchObject({ templateType: "custom", customTemplate: validTemplate });
		const edited = await updateWebhook({
			webhookId,
			customTemplate: '{"app": "${applicationName}"}',
		});
		expect(edited.customTemplate).toBe('{"app": "${applicationName}"}');
		expect(await rejection(updateWebhook({ webhookId, customTemplate: "" }))).toMatch(
			/The custom template is required/,
		);
		const slack = await updateWebhook({ webhookId, templateType: "slack" });
		expect(slack).toMatchObject({ templateType: "slack", customTemplate: null });
	});

	it("refuses a custom template given with a non-custom template type, and changes nothing", async () => {
		const { webhook } = await createWebhook(
			input(await newApplication()),
			undefined,
			publicDnsAtSave,
		);
		const { webhookId } = webhook;
		const onlyForCustom = /A custom template is only used with the custom template type/;
		const generic = await webhookRow(webhookId);
		expect(
			await rejection(
				updateWebhook({
					webhookId,
					name: "Changed",
					templateType: "slack",
					customTemplate: validTemplate,
				}),
			),
		).toMatch(onlyForCustom);
		// Without a type, the stored one (generic) is the one the template is checked against.
		expect(await rejection(updateWebhook({ webhookId, customTemplate: validTemplate }))).toMatch(
			onlyForCustom,
		);
		expect(await webhookRow(webhookId)).toEqual(generic);

		await updateWebhook({ webhookId, templateType: "custom", customTemplate: validTemplate });
		const custom = await webhookRow(webhookId);
		expect(
			await rejection(
				updateWebhook({ webhookId, templateType: "n8n", customTemplate: '{"a": "${status}"}' }),
			),
		).toMatch(onlyForCustom);
		expect(await webhookRow(webhookId)).toEqual(custom);
	});

	it("clears the disabled reason and the failure streak when the webhook is enabled again", async () => {
		const { webhook } = await createWebhook(
			input(await newApplication()),
			undefined,
			publicDnsAtSave,
		);
		const { webhookId } = webhook;
		const reason = "Disabled on 2025-01-01T00:00:00.000Z: the receiver answered 410 Gone";
		await getDatabase()
			.update(applicationWebhooks)
			.set({ enabled: false, disabledReason: reason, consecutiveFailures: 7 })
			.where(eq(applicationWebhooks.webhookId, webhookId));
		const renamed = await updateWebhook({ webhookId, name: "Still off" });
		expect(renamed).toMatchObject({
			enabled: false,
			disabledReason: reason,
			consecutiveFailures: 7,
		});
		const enabled = await updateWebhook({ webhookId, enabled: true });
		expect(enabled).toMatchObject({ enabled: true, disabledReason: null, consecutiveFailures: 0 });
		const switchedOff = await updateWebhook({ webhookId, enabled: false });
		expect(switchedOff).toMatchObject({ enabled: false, disabledReason: null });
	});
});

describe("rotateSecret", () => {
	it("refuses a grace period outside 0 hours to 30 days and keeps the secret", async () => {
		const { webhook } = await createWebhook(
			input(await newApplication()),
			undefined,
			publicDnsAtSave,
		);
		for (const graceHours of [-1, 24 * 30 + 1, Number.NaN]) {
			expect(await rejection(rotateSecret(webhook.webhookId, undefined, { graceHours }))).toMatch(
				/between 0 hours and 30 days/,
			);
		}
		expect((await findWebhookById(webhook.webhookId)).secretHint).toBe(webhook.secretHint);
	});

	it("refuses a malformed given secret and keeps the old one, and accepts a well-formed one", async () => {
		const { webhook } = await createWebhook(
			input(await newApplication()),
			undefined,
			publicDnsAtSave,
		);
		const { webhookId } = webhook;
		const before = await webhookRow(webhookId);
		for (const secret of ["hunter2", "", "whsec_", "whsec_tooShort", `whsec_${"!".repeat(44)}`]) {
			expect(await rejection(rotateSecret(webhookId, undefined, { secret })), secret).toMatch(
				/A secret is whsec_ followed by base64/,
			);
		}
		expect(await webhookRow(webhookId)).toEqual(before);

		const given = `whsec_${randomBytes(32).toString("base64")}`;
		const rotated = await rotateSecret(webhookId, undefined, { secret: given });
		expect(rotated.secret).toBe(given);
		expect(rotated.webhook.secretHint).toBe(`${given.slice(0, 10)}…`);
		expect((await webhookRow(webhookId)).secret).not.toBe(before.secret);
	});
});

describe("deleteWebhook and the lookups by service", () => {
	it("deletes a webhook together with its deliveries, and leaves other webhooks' deliveries alone", async () => {
		const applicationId = await newApplication();
		const target = route();
		const doomed = await createWebhook(input(applicationId, { url: target.url }));
		const kept = await createWebhook(input(applicationId, { url: target.url }));
		await testWebhook(doomed.webhook.webhookId);
		await testWebhook(doomed.webhook.webhookId);
		await testWebhook(kept.webhook.webhookId);
		expect(await deliveriesOf(doomed.webhook.webhookId)).toHaveLength(2);
		const deleted = await deleteWebhook(doomed.webhook.webhookId);
		expect(deleted.webhookId).toBe(doomed.webhook.webhookId);
		await expect(findWebhookById(doomed.webhook.webhookId)).rejects.toBeInstanceOf(NotFoundError);
		const orphans = await getDatabase()
			.select()
			.from(webhookDeliveries)
			.where(eq(webhookDeliveries.webhookId, doomed.webhook.webhookId));
		expect(orphans).toEqual([]);
		expect(await deliveriesOf(kept.webhook.webhookId)).toHaveLength(1);
		await expect(deleteWebhook(doomed.webhook.webhookId)).rejects.toBeInstanceOf(NotFoundError);
	});

	it("lists each service's own webhooks in creation order, for applications and compose services", async () => {
		const { service: app, organizationId } = await createTestService("application");
		const { service: stack } = await createTestService("compose", { organizationId });
		const first = await createWebhook(input(app.id, { name: "first" }), undefined, publicDnsAtSave);
		const onCompose = await createWebhook(
			composeWebhookInput(stack.id),
			undefined,
			publicDnsAtSave,
		);
		const second = await createWebhook(
			input(app.id, { name: "second" }),
			undefined,
			publicDnsAtSave,
		);
		const forApp = await findWebhooksByApplication(app.id, organizationId);
		expect(forApp.map((hook) => hook.webhookId)).toEqual([
			first.webhook.webhookId,
			second.webhook.webhookId,
		]);
		const forCompose = await findWebhooksByCompose(stack.id, organizationId);
		// Listed with its newest delivery, for the dashboard; none yet.
		expect(forCompose).toEqual([{ ...onCompose.webhook, lastDelivery: null }]);
		expect(forCompose[0]).toMatchObject({ composeId: stack.id, applicationId: null });
		const stranger = await createTestService("application");
		await expect(findWebhooksByApplication(app.id, stranger.organizationId)).rejects.toBeInstanceOf(
			NotFoundError,
		);
		await expect(findWebhooksByCompose(stack.id, stranger.organizationId)).rejects.toBeInstanceOf(
			NotFoundError,
		);
	});
});
