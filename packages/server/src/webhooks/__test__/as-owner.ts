/**
 * The webhook services as the organization that owns the webhook, delivery or service, for
 * tests about everything but authorization. The services themselves always require the
 * caller's organization; service-access.test.ts and the router tests check that part. Leaving
 * the organization out (or passing undefined) here means "whoever owns it".
 */
import { eq } from "drizzle-orm";
import { getDatabase } from "../../db/client";
import { applicationWebhooks, webhookDeliveries } from "../../db/schema/webhook";
import type { CreateWebhookInput } from "../../db/schema/webhook-api";
import { findServiceUnscoped, type ServiceRef } from "../../services/service";
import { serviceRefOf } from "../../services/service-ref";
import * as services from "../../services/webhook";

export * from "../../services/webhook";

/** Owns nothing: a lookup for a resource that does not exist fails as not found, as it should. */
const NO_ORGANIZATION = "no-such-organization";

const ownerOfService = async (ref: ServiceRef) =>
	(await findServiceUnscoped(ref).catch(() => null))?.project.organizationId ?? NO_ORGANIZATION;

const ownerOfWebhook = async (webhookId: string) => {
	const [row] = await getDatabase()
		.select()
		.from(applicationWebhooks)
		.where(eq(applicationWebhooks.webhookId, webhookId));
	return row ? ownerOfService(serviceRefOf(row)) : NO_ORGANIZATION;
};

const ownerOfDelivery = async (deliveryId: string) => {
	const [row] = await getDatabase()
		.select({ webhookId: webhookDeliveries.webhookId })
		.from(webhookDeliveries)
		.where(eq(webhookDeliveries.deliveryId, deliveryId));
	return row ? ownerOfWebhook(row.webhookId) : NO_ORGANIZATION;
};

const serviceOfInput = (input: CreateWebhookInput): ServiceRef =>
	input.applicationId
		? { type: "application", id: input.applicationId }
		: { type: "compose", id: input.composeId ?? "" };

type Rest<F> = F extends (first: never, organizationId: string, ...rest: infer R) => unknown
	? R
	: never;

export const createWebhook = async (
	input: CreateWebhookInput,
	organizationId?: string,
	...rest: Rest<typeof services.createWebhook>
) =>
	services.createWebhook(
		input,
		organizationId ?? (await ownerOfService(serviceOfInput(input))),
		...rest,
	);

export const updateWebhook = async (
	input: Parameters<typeof services.updateWebhook>[0],
	organizationId?: string,
	...rest: Rest<typeof services.updateWebhook>
) =>
	services.updateWebhook(input, organizationId ?? (await ownerOfWebhook(input.webhookId)), ...rest);

const byWebhook =
	<Args extends unknown[], Result>(
		service: (webhookId: string, organizationId: string, ...rest: Args) => Promise<Result>,
	) =>
	async (webhookId: string, organizationId?: string, ...rest: Args) =>
		service(webhookId, organizationId ?? (await ownerOfWebhook(webhookId)), ...rest);

const byDelivery =
	<Args extends unknown[], Result>(
		service: (deliveryId: string, organizationId: string, ...rest: Args) => Promise<Result>,
	) =>
	async (deliveryId: string, organizationId?: string, ...rest: Args) =>
		service(deliveryId, organizationId ?? (await ownerOfDelivery(deliveryId)), ...rest);

const byService =
	<Result>(
		type: ServiceRef["type"],
		service: (id: string, organizationId: string) => Promise<Result>,
	) =>
	async (id: string, organizationId?: string) =>
		service(id, organizationId ?? (await ownerOfService({ type, id })));

export const findWebhookById = byWebhook(services.findWebhookById);
export const deleteWebhook = byWebhook(services.deleteWebhook);
export const rotateSecret = byWebhook(services.rotateSecret);
export const testWebhook = byWebhook(services.testWebhook);
export const getDeliveries = byWebhook(services.getDeliveries);
export const getWebhookStats = byWebhook(services.getWebhookStats);
export const redeliver = byDelivery(services.redeliver);
export const retryWebhook = byDelivery(services.retryWebhook);
export const findDeliveryById = byDelivery(services.findDeliveryById);
export const findWebhooksByApplication = byService(
	"application",
	services.findWebhooksByApplication,
);
export const findWebhooksByCompose = byService("compose", services.findWebhooksByCompose);
