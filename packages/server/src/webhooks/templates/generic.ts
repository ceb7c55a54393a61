/**
 * The generic format is the payload itself: the documented contract receivers code against.
 */
import type { WebhookTemplate } from "./types";

export const genericTemplate: WebhookTemplate = {
	type: "generic",
	render: (payload) => payload,
};
