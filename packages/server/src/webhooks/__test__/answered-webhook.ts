/** The common set-up of delivery tests: a deployable application with one webhook on it. */
import { createTestService } from "../../__test__/fixtures";
import type { DeploymentEventName } from "../../lifecycle/types";
import { createWebhook } from "./as-owner";
import { type Responder, respondWith } from "./receiver";
import type { Route } from "./routes";

/**
 * An application whose build succeeds at once, with one webhook (on `events`) that its own route
 * of the test receiver answers with `script`. `route` is what useReceiverRoutes returned.
 */
export const webhookAnsweredBy = async (
	route: (script: Responder) => Route,
	script: Responder = respondWith(200),
	events: DeploymentEventName[] = ["deployment.started"],
) => {
	const target = route(script);
	const created = await createTestService("application", { buildCommand: "true" });
	const { webhook, secret } = await createWebhook({
		applicationId: created.ref.id,
		name: "Receiver",
		url: target.url,
		events,
	});
	return { ...created, target, webhookId: webhook.webhookId, secret };
};

export type AnsweredWebhook = Awaited<ReturnType<typeof webhookAnsweredBy>>;
