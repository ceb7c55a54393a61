// biome-ignore-all lint/suspicious/noTemplateCurlyInString: custom templates use ${variable} placeholders.
/** Inputs and assertions shared by the tests of the webhook services. */
import { expect } from "vitest";
import { createTestService } from "../../__test__/fixtures";
import type { CreateWebhookInput } from "../../db/schema/webhook-api";
import { NotFoundError, ValidationError } from "../../lib/errors";
import type { ResolveHost } from "../../webhooks/url-guard";
import type { SaveOptions } from "../webhook";

export const newApplication = async () => (await createTestService("application")).service.id;

/** A public address (example.com's) for DNS answers at save time; no test sends anything there. */
export const PUBLIC_ADDRESS = "93.184.216.34";

/**
 * Save-time DNS in which every name resolves to PUBLIC_ADDRESS, since saving a webhook checks its
 * host and the tests have no outside DNS. Use it only for webhooks a test never sends to: the
 * worker resolves the name again, with the system's DNS, before every send.
 */
const publicDns: ResolveHost = async () => [{ address: PUBLIC_ADDRESS, family: 4 }];

/** The options argument of createWebhook and updateWebhook, saving with `publicDns`. */
export const publicDnsAtSave: SaveOptions = { resolve: publicDns };

/** A valid create input for an application, with `changes` on top. */
export const webhookInput = (applicationId: string, changes: Partial<CreateWebhookInput> = {}) =>
	({
		applicationId,
		name: "Deploy alerts",
		url: "https://hooks.example.com/dokploy",
		events: ["deployment.success"],
		...changes,
	}) as CreateWebhookInput;

/** A valid create input for a compose service. */
export const composeWebhookInput = (
	composeId: string,
	changes: Partial<CreateWebhookInput> = {},
) => ({
	...webhookInput("", changes),
	applicationId: undefined,
	composeId,
});

/** What a call threw, or null when it succeeded. */
const thrownBy = (call: Promise<unknown>) =>
	call.then(
		() => null,
		(thrown: unknown) => thrown,
	);

/** All the messages a refused call gave, one per line; fails if the call was not refused. */
export const rejection = async (call: Promise<unknown>) => {
	const error = await thrownBy(call);
	expect(error, "the call should have been refused").toBeInstanceOf(ValidationError);
	return (error as ValidationError).issues.join("\n") || (error as Error).message;
};

/** What a caller can learn from a refusal: its class, code and message. */
export const refusal = async (call: () => Promise<unknown>) => {
	const error = await thrownBy(call());
	if (error === null) return "succeeded";
	return error instanceof NotFoundError ? `${error.code}: ${error.message}` : String(error);
};

export const validTemplate = '{"text": "${applicationName} is ${status}", "domains": ${domains}}';
