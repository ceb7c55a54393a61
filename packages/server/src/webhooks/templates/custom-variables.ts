/**
 * The `${variable}` set of custom templates (the PRD's "Variable Reference", plus `event`,
 * `timestamp` and a few values the PRD left out). One table holds each variable's description and
 * how it is read from the payload, so the docs, the UI and the renderer cannot drift apart.
 *
 * `${triggeredBy}` follows the PRD's variable list and gives the trigger type (webhook | manual |
 * schedule); who triggered it is `${triggeredByUser}` ("user" or "system", the payload's
 * `trigger.triggeredBy`), `${triggeredByUserId}` and `${triggeredByEmail}`.
 */
import type { WebhookPayload } from "../payload";

/** What a variable can stand for: scalars, or a string list (domains). */
export type TemplateValue = string | number | boolean | null | string[];

interface VariableDefinition {
	description: string;
	resolve: (payload: WebhookPayload) => TemplateValue;
}

// Alike by shape only: one declarative entry per variable (its description and where its value
// comes from); the entries repeat a form, not a fact.
const definitions = {
	event: {
		description: "Event name: deployment.started, .success, .failed or .cancelled",
		resolve: (p) => p.event,
	},
	timestamp: { description: "When the event happened (ISO-8601)", resolve: (p) => p.timestamp },
	applicationId: {
		description: "Id of the application or compose service",
		resolve: (p) => p.application.id,
	},
	applicationName: {
		description: "Name of the application or compose service",
		resolve: (p) => p.application.name,
	},
	applicationType: {
		description: '"application" or "compose"',
		resolve: (p) => p.application.type,
	},
	projectId: { description: "Id of the project", resolve: (p) => p.project.id },
	projectName: { description: "Name of the project", resolve: (p) => p.project.name },
	deploymentId: { description: "Id of the deployment", resolve: (p) => p.deployment.id },
	status: {
		description: "Deployment status: running, done, error or cancelled",
		resolve: (p) => p.deployment.status,
	},
	branch: { description: "Git branch, if any", resolve: (p) => p.source.branch },
	commitHash: { description: "Full commit hash, if any", resolve: (p) => p.source.commit },
	repository: {
		description: "Repository (owner/name or URL), if any",
		resolve: (p) => p.source.repository,
	},
	sourceType: {
		description: "Source: github, gitlab, git or docker",
		resolve: (p) => p.source.type,
	},
	startedAt: {
		description: "When the deployment started (ISO-8601)",
		resolve: (p) => p.deployment.startedAt,
	},
	finishedAt: {
		description: "When the deployment finished (ISO-8601); empty while running",
		resolve: (p) => p.deployment.finishedAt,
	},
	duration: {
		description: "Duration in whole seconds (a number); null while running",
		resolve: (p) => p.deployment.duration,
	},
	errorMessage: {
		description: "Error message (deployment.failed only)",
		resolve: (p) => p.error?.message ?? null,
	},
	failedStage: {
		description: "Where it failed: build or deploy (deployment.failed only)",
		resolve: (p) => p.error?.stage ?? null,
	},
	errorLogs: {
		description: "Last 50 log lines (deployment.failed only)",
		resolve: (p) => p.error?.logs ?? null,
	},
	cancellationReason: {
		description: "Why it was cancelled (deployment.cancelled only)",
		resolve: (p) => p.cancellation?.reason ?? null,
	},
	cancelledStage: {
		description: "Stage reached when cancelled: queued or build (deployment.cancelled only)",
		resolve: (p) => p.cancellation?.stage ?? null,
	},
	cancellationLogs: {
		description: "Last 50 log lines when cancelled (deployment.cancelled only)",
		resolve: (p) => p.cancellation?.logs ?? null,
	},
	logsUrl: {
		description: "Dashboard link to this deployment's logs",
		resolve: (p) => p.links.logs,
	},
	dashboardUrl: { description: "Dashboard link to the service", resolve: (p) => p.links.dashboard },
	applicationUrl: {
		description: "https:// URL of the first domain; empty when there is none",
		resolve: (p) => p.application.url,
	},
	domains: {
		description: 'All domains: a JSON array as a value, "a, b" inside a string',
		resolve: (p) => [...p.application.domains],
	},
	triggeredBy: {
		description: "Trigger type: webhook, manual or schedule",
		resolve: (p) => p.trigger.type,
	},
	triggeredByUser: {
		description: 'Who triggered it: "user" or "system"',
		resolve: (p) => p.trigger.triggeredBy,
	},
	triggeredByUserId: {
		description: "Id of the user who deployed; empty for system triggers",
		resolve: (p) => p.trigger.user?.id ?? null,
	},
	triggeredByEmail: {
		description: "Email of the user who deployed; empty for system triggers",
		resolve: (p) => p.trigger.user?.email ?? null,
	},
	test: { description: "true for test sends, false otherwise", resolve: (p) => p.test === true },
} satisfies Record<string, VariableDefinition>;

export type CustomTemplateVariable = keyof typeof definitions;

export const customTemplateVariables: ReadonlyArray<{
	name: CustomTemplateVariable;
	description: string;
}> = Object.entries(definitions).map(([name, definition]) => ({
	name: name as CustomTemplateVariable,
	description: definition.description,
}));

/** Own keys only, so `${constructor}` or `${__proto__}` are unknown, not Object internals. */
export const isCustomTemplateVariable = (name: string): name is CustomTemplateVariable =>
	Object.hasOwn(definitions, name);

export const resolveTemplateVariable = (
	name: CustomTemplateVariable,
	payload: WebhookPayload,
): TemplateValue => definitions[name].resolve(payload);
