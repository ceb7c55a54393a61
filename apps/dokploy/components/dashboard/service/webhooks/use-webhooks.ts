/**
 * The service's webhooks, from the router that matches its type, and the one way to refresh
 * everything the tab shows after a change.
 */
import { api, type RouterOutputs } from "@/lib/trpc";
import type { ServiceKey } from "../use-service";

export type WebhookListItem = RouterOutputs["webhook"]["findByApplication"][number];
export type DeliveryRow = RouterOutputs["webhook"]["getDeliveries"]["items"][number];

/** Deliveries change in the worker: the list's "last delivery" follows every few seconds. */
const LIST_REFRESH_MS = 5_000;

export const useServiceWebhooks = ({ serviceType, serviceId }: ServiceKey, enabled = true) => {
	const application = api.webhook.findByApplication.useQuery(
		{ applicationId: serviceId },
		{ enabled: enabled && serviceType === "application", refetchInterval: LIST_REFRESH_MS },
	);
	const compose = api.webhook.findByCompose.useQuery(
		{ composeId: serviceId },
		{ enabled: enabled && serviceType === "compose", refetchInterval: LIST_REFRESH_MS },
	);
	return serviceType === "application" ? application : compose;
};

/** After any change: the list, and every webhook's deliveries and figures. */
export const useRefreshWebhooks = () => {
	const utils = api.useUtils();
	return () =>
		Promise.all([
			utils.webhook.findByApplication.invalidate(),
			utils.webhook.findByCompose.invalidate(),
			utils.webhook.getDeliveries.invalidate(),
			utils.webhook.stats.invalidate(),
		]);
};

/** What the create input needs to point at the service. */
export const serviceTarget = ({ serviceType, serviceId }: ServiceKey) =>
	serviceType === "application" ? { applicationId: serviceId } : { composeId: serviceId };
