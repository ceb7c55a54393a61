import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createTestOrganization, createTestService } from "../__test__/fixtures";
import { getDatabase } from "../db/client";
import { webhookDeliveries } from "../db/schema/webhook";
import {
	createWebhook,
	deleteWebhook,
	findDeliveryById,
	findWebhookById,
	findWebhooksByApplication,
	findWebhooksByCompose,
	getDeliveries,
	getOrganizationWebhookStats,
	getWebhookStats,
	redeliver,
	retryWebhook,
	rotateSecret,
	testWebhook,
	updateWebhook,
} from "../webhooks/__test__/as-owner";
import {
	deliveriesOf,
	waitForFinishedDeliveries,
	webhookRow,
} from "../webhooks/__test__/deliveries";
import { useWebhookEngine } from "../webhooks/__test__/engine";
import { useReceiverRoutes } from "../webhooks/__test__/routes";
import { webhookDeliveriesQueue } from "../webhooks/queue";
import {
	composeWebhookInput,
	publicDnsAtSave,
	refusal,
	webhookInput,
} from "./__test__/webhook-inputs";

const engine = useWebhookEngine();
const route = useReceiverRoutes(engine);

describe("organization scoping", () => {
	it("treats another organization's webhook and deliveries as not found, and changes nothing", async () => {
		const target = route();
		const { service, organizationId } = await createTestService("application");
		const { webhook } = await createWebhook(
			webhookInput(service.id, { url: target.url }),
			organizationId,
		);
		const id = webhook.webhookId;
		const { deliveryId } = await testWebhook(id, organizationId);
		const before = await webhookRow(id);
		const { organizationId: stranger } = await createTestOrganization();

		const calls: Record<string, () => Promise<unknown>> = {
			findWebhookById: () => findWebhookById(id, stranger),
			updateWebhook: () => updateWebhook({ webhookId: id, name: "Hijacked" }, stranger),
			deleteWebhook: () => deleteWebhook(id, stranger),
			rotateSecret: () => rotateSecret(id, stranger),
			testWebhook: () => testWebhook(id, stranger),
			getDeliveries: () => getDeliveries(id, stranger),
			getWebhookStats: () => getWebhookStats(id, stranger),
			redeliver: () => redeliver(deliveryId, stranger),
			retryWebhook: () => retryWebhook(deliveryId, stranger),
			findDeliveryById: () => findDeliveryById(deliveryId, stranger),
		};
		for (const [name, call] of Object.entries(calls)) {
			expect(await refusal(call), name).toMatch(/^NOT_FOUND: (Webhook|Delivery) not found$/);
		}
		// Indistinguishable from a webhook that does not exist at all.
		expect(await refusal(() => findWebhookById(id, stranger))).toBe(
			await refusal(() => findWebhookById("no-such-webhook", stranger)),
		);
		expect(await webhookRow(id)).toEqual(before);
		expect(await deliveriesOf(id)).toHaveLength(1);
		expect(target.requests()).toHaveLength(1);
		expect(await getOrganizationWebhookStats(stranger)).toMatchObject({ webhooksConfigured: 0 });
		expect((await findWebhookById(id, organizationId)).name).toBe("Deploy alerts");
		expect((await getDeliveries(id, organizationId)).total).toBe(1);
	});
});

describe("retryWebhook", () => {
	it("treats another organization's unfinished delivery as not found and schedules nothing", async () => {
		const target = route();
		const { service, organizationId } = await createTestService("application");
		const { webhook } = await createWebhook(
			webhookInput(service.id, { url: target.url }),
			organizationId,
		);
		const [waiting] = await getDatabase()
			.insert(webhookDeliveries)
			.values({
				idempotencyKey: "waiting-for-a-retry",
				webhookId: webhook.webhookId,
				serviceType: "application",
				serviceId: service.id,
				event: "deployment.success",
				body: '{"waiting":true}',
			})
			.returning();
		const { organizationId: stranger } = await createTestOrganization();
		// An hour's delay keeps a wrongly scheduled job in the queue, where it can be seen.
		expect(await refusal(() => retryWebhook(waiting!.deliveryId, stranger, 3_600_000))).toBe(
			"NOT_FOUND: Delivery not found",
		);
		expect(await webhookDeliveriesQueue().getJob(waiting!.deliveryId)).toBeUndefined();
		expect((await deliveriesOf(webhook.webhookId))[0]).toMatchObject({
			status: "pending",
			attemptCount: 0,
		});

		await retryWebhook(waiting!.deliveryId, organizationId);
		const [done] = await waitForFinishedDeliveries(webhook.webhookId, 1);
		expect(done).toMatchObject({ status: "success", attemptCount: 1 });
		expect(target.requests().map((request) => request.body)).toEqual(['{"waiting":true}']);
	});
});

describe("secret exposure", () => {
	it("stores secrets encrypted: no column holds the plain secret, and equal secrets encrypt differently", async () => {
		const given = `whsec_${randomBytes(32).toString("base64")}`;
		const { service, organizationId } = await createTestService("application");
		const applicationId = service.id;
		const first = await createWebhook(
			webhookInput(applicationId, { secret: given }),
			organizationId,
			publicDnsAtSave,
		);
		const second = await createWebhook(
			webhookInput(applicationId, { secret: given }),
			organizationId,
			publicDnsAtSave,
		);
		const rows = await getDatabase().execute<{ row: string }>(
			sql`select row_to_json(w)::text as row from application_webhooks w where "applicationId" = ${applicationId}`,
		);
		expect(rows).toHaveLength(2);
		for (const { row } of rows) {
			expect(row).not.toContain(given);
			expect(row).not.toContain(given.slice(6));
		}
		const [a, b] = [
			await webhookRow(first.webhook.webhookId),
			await webhookRow(second.webhook.webhookId),
		];
		expect(a.secret).not.toBe(b.secret);
	});

	it("returns neither the secret nor its ciphertext from any read, update, delete, rotation or log", async () => {
		const target = route();
		const { service, organizationId } = await createTestService("application");
		const compose = await createTestService("compose", { organizationId });
		const created = await createWebhook(
			webhookInput(service.id, { url: target.url, headers: { "X-Team": "web" } }),
			organizationId,
		);
		const onCompose = await createWebhook(
			composeWebhookInput(compose.service.id, { url: target.url }),
			organizationId,
		);
		const id = created.webhook.webhookId;
		const firstCiphertext = (await webhookRow(id)).secret;
		const firstTest = await testWebhook(id, organizationId);
		const rotated = await rotateSecret(id, organizationId, { graceHours: 24 });
		const row = await webhookRow(id);
		expect(row.previousSecret).not.toBeNull();
		const secrets = [created.secret, rotated.secret, onCompose.secret];
		const ciphertexts = [
			firstCiphertext,
			row.secret,
			row.previousSecret!,
			(await webhookRow(onCompose.webhook.webhookId)).secret,
		];
		const secondTest = await testWebhook(id, organizationId);
		const redelivery = await redeliver(firstTest.deliveryId, organizationId);
		await waitForFinishedDeliveries(id, 3);

		const results: Record<string, unknown> = {
			"createWebhook().webhook": created.webhook,
			"createWebhook().webhook for compose": onCompose.webhook,
			"rotateSecret().webhook": rotated.webhook,
			findWebhookById: await findWebhookById(id, organizationId),
			findWebhooksByApplication: await findWebhooksByApplication(service.id, organizationId),
			findWebhooksByCompose: await findWebhooksByCompose(compose.service.id, organizationId),
			updateWebhook: await updateWebhook({ webhookId: id, name: "Renamed" }, organizationId),
			testWebhook: secondTest,
			redeliver: redelivery,
			getDeliveries: await getDeliveries(id, organizationId),
			findDeliveryById: await findDeliveryById(secondTest.deliveryId, organizationId),
			getWebhookStats: await getWebhookStats(id, organizationId),
			getOrganizationWebhookStats: await getOrganizationWebhookStats(organizationId),
			deleteWebhook: await deleteWebhook(onCompose.webhook.webhookId, organizationId),
		};
		for (const [name, result] of Object.entries(results)) {
			const text = JSON.stringify(result);
			for (const secret of secrets) {
				expect(text, `${name} leaks a secret`).not.toContain(secret.slice("whsec_".length));
			}
			for (const ciphertext of ciphertexts) {
				expect(text, `${name} leaks a ciphertext`).not.toContain(ciphertext);
				expect(text, `${name} leaks a ciphertext`).not.toContain(ciphertext.split(".").at(-1));
			}
		}
		// The rotation's grace period is visible, the secrets behind it are not.
		expect(rotated.webhook.previousSecretExpiresAt).not.toBeNull();
		expect(rotated.secret).not.toBe(created.secret);
		expect(rotated.webhook.secretHint).toBe(`${rotated.secret.slice(0, 10)}…`);
	});
});
