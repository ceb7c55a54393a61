/**
 * Webhooks of applications and compose services (the PRD's API). Managing webhooks needs the
 * owner or admin role, reading them too: their URLs and headers often carry tokens. Every
 * call passes the caller's organization, so another organization's webhook is NOT_FOUND.
 */
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
	rotateSecret,
	testWebhook,
	updateWebhook,
} from "@dokploy/server/services/webhook";
import { adminProcedure, createTRPCRouter } from "../trpc";
import {
	apiCreateWebhook,
	apiFindByApplication,
	apiFindByCompose,
	apiFindDelivery,
	apiFindWebhook,
	apiGetDeliveries,
	apiRotateSecret,
	apiTestWebhook,
	apiUpdateWebhook,
} from "./webhook.schema";

export const webhookRouter = createTRPCRouter({
	/** Returns the new webhook and its secret: the only time the secret is shown. */
	create: adminProcedure
		.input(apiCreateWebhook)
		.mutation(({ ctx, input }) => createWebhook(input, ctx.organizationId)),

	update: adminProcedure
		.input(apiUpdateWebhook)
		.mutation(({ ctx, input }) => updateWebhook(input, ctx.organizationId)),

	delete: adminProcedure
		.input(apiFindWebhook)
		.mutation(({ ctx, input }) => deleteWebhook(input.webhookId, ctx.organizationId)),

	one: adminProcedure
		.input(apiFindWebhook)
		.query(({ ctx, input }) => findWebhookById(input.webhookId, ctx.organizationId)),

	findByApplication: adminProcedure
		.input(apiFindByApplication)
		.query(({ ctx, input }) => findWebhooksByApplication(input.applicationId, ctx.organizationId)),

	findByCompose: adminProcedure
		.input(apiFindByCompose)
		.query(({ ctx, input }) => findWebhooksByCompose(input.composeId, ctx.organizationId)),

	/** Sends a sample event now and answers with what the receiver did. */
	test: adminProcedure
		.input(apiTestWebhook)
		.mutation(({ ctx, input }) => testWebhook(input.webhookId, ctx.organizationId, input.event)),

	rotateSecret: adminProcedure.input(apiRotateSecret).mutation(({ ctx, input }) =>
		rotateSecret(input.webhookId, ctx.organizationId, {
			...(input.graceHours !== undefined ? { graceHours: input.graceHours } : {}),
			...(input.secret !== undefined ? { secret: input.secret } : {}),
		}),
	),

	getDeliveries: adminProcedure.input(apiGetDeliveries).query(({ ctx, input }) => {
		const { webhookId, ...query } = input;
		return getDeliveries(webhookId, ctx.organizationId, query);
	}),

	delivery: adminProcedure
		.input(apiFindDelivery)
		.query(({ ctx, input }) => findDeliveryById(input.deliveryId, ctx.organizationId)),

	redeliver: adminProcedure
		.input(apiFindDelivery)
		.mutation(({ ctx, input }) => redeliver(input.deliveryId, ctx.organizationId)),

	stats: adminProcedure
		.input(apiFindWebhook)
		.query(({ ctx, input }) => getWebhookStats(input.webhookId, ctx.organizationId)),

	organizationStats: adminProcedure.query(({ ctx }) =>
		getOrganizationWebhookStats(ctx.organizationId),
	),
});
