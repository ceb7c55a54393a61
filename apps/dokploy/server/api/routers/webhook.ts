/**
 * Webhooks of applications and compose services (the PRD's API). Managing webhooks needs the
 * owner or admin role, reading them too: their URLs and headers often carry tokens. Every
 * call passes the caller's organization, so another organization's webhook is NOT_FOUND.
 * The inputs are the shared `api*` schemas the dashboard's forms also use.
 */
import {
	apiCreateWebhook,
	apiFindByApplication,
	apiFindByCompose,
	apiFindDelivery,
	apiFindWebhook,
	apiGetDeliveries,
	apiPreviewTemplate,
	apiRotateSecret,
	apiTestWebhook,
	apiToggleWebhook,
	apiUpdateWebhook,
} from "@dokploy/server/db/schema/webhook-api";
import { serverConfig } from "@dokploy/server/lib/config";
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
	previewWebhookTemplate,
	redeliver,
	rotateSecret,
	testWebhook,
	toggleWebhook,
	updateWebhook,
} from "@dokploy/server/services/webhook";
import { TRPCError } from "@trpc/server";
import { adminProcedure, createTRPCRouter } from "../trpc";

export const WEBHOOKS_DISABLED_MESSAGE =
	"Webhooks are turned off on this instance (WEBHOOKS_ENABLED=false); the operator can turn them on";

/** With the feature flag off every procedure refuses, after the caller's identity is checked. */
const webhookProcedure = adminProcedure.use(({ next }) => {
	if (!serverConfig().webhooks.enabled) {
		throw new TRPCError({ code: "PRECONDITION_FAILED", message: WEBHOOKS_DISABLED_MESSAGE });
	}
	return next();
});

export const webhookRouter = createTRPCRouter({
	/** Returns the new webhook and its secret: the only time the secret is shown. */
	create: webhookProcedure
		.input(apiCreateWebhook)
		.mutation(({ ctx, input }) => createWebhook(input, ctx.organizationId)),

	update: webhookProcedure
		.input(apiUpdateWebhook)
		.mutation(({ ctx, input }) => updateWebhook(input, ctx.organizationId)),

	/** Enables or disables; enabling clears the disabled reason and the failure streak. */
	toggle: webhookProcedure
		.input(apiToggleWebhook)
		.mutation(({ ctx, input }) =>
			toggleWebhook(input.webhookId, input.enabled, ctx.organizationId),
		),

	delete: webhookProcedure
		.input(apiFindWebhook)
		.mutation(({ ctx, input }) => deleteWebhook(input.webhookId, ctx.organizationId)),

	one: webhookProcedure
		.input(apiFindWebhook)
		.query(({ ctx, input }) => findWebhookById(input.webhookId, ctx.organizationId)),

	findByApplication: webhookProcedure
		.input(apiFindByApplication)
		.query(({ ctx, input }) => findWebhooksByApplication(input.applicationId, ctx.organizationId)),

	findByCompose: webhookProcedure
		.input(apiFindByCompose)
		.query(({ ctx, input }) => findWebhooksByCompose(input.composeId, ctx.organizationId)),

	/** Sends a sample event now and answers with what the receiver did. */
	test: webhookProcedure
		.input(apiTestWebhook)
		.mutation(({ ctx, input }) => testWebhook(input.webhookId, ctx.organizationId, input.event)),

	/** Renders a template against sample data, as the worker would; nothing is stored or sent. */
	preview: webhookProcedure
		.input(apiPreviewTemplate)
		.query(({ input }) => previewWebhookTemplate(input)),

	rotateSecret: webhookProcedure.input(apiRotateSecret).mutation(({ ctx, input }) =>
		rotateSecret(input.webhookId, ctx.organizationId, {
			...(input.graceHours !== undefined ? { graceHours: input.graceHours } : {}),
			...(input.secret !== undefined ? { secret: input.secret } : {}),
		}),
	),

	getDeliveries: webhookProcedure.input(apiGetDeliveries).query(({ ctx, input }) => {
		const { webhookId, ...query } = input;
		return getDeliveries(webhookId, ctx.organizationId, query);
	}),

	delivery: webhookProcedure
		.input(apiFindDelivery)
		.query(({ ctx, input }) => findDeliveryById(input.deliveryId, ctx.organizationId)),

	redeliver: webhookProcedure
		.input(apiFindDelivery)
		.mutation(({ ctx, input }) => redeliver(input.deliveryId, ctx.organizationId)),

	stats: webhookProcedure
		.input(apiFindWebhook)
		.query(({ ctx, input }) => getWebhookStats(input.webhookId, ctx.organizationId)),

	organizationStats: webhookProcedure.query(({ ctx }) =>
		getOrganizationWebhookStats(ctx.organizationId),
	),
});
