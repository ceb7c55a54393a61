/**
 * n8n format: the values people reach for in n8n expressions (`{{ $json.body.applicationName }}`)
 * as flat camelCase scalars, so no workflow needs optional chaining through nested objects, plus
 * the complete generic payload under `data` for anything the flat view leaves out. Missing values
 * are null, never absent, so IF nodes can test them directly.
 */
import { shortenCommit, type WebhookPayload } from "../payload";
import type { WebhookTemplate } from "./types";

export interface N8nWebhookBody {
	event: WebhookPayload["event"];
	status: WebhookPayload["deployment"]["status"];
	isTest: boolean;
	timestamp: string;
	deploymentId: string;
	startedAt: string;
	finishedAt: string | null;
	durationSeconds: number | null;
	applicationId: string;
	applicationName: string;
	applicationType: WebhookPayload["application"]["type"];
	applicationUrl: string | null;
	/** The domains joined with ", "; the array itself is under `data.application.domains`. */
	domains: string;
	projectId: string;
	projectName: string;
	sourceType: WebhookPayload["source"]["type"];
	repository: string | null;
	branch: string | null;
	commit: string | null;
	commitShort: string | null;
	triggerType: WebhookPayload["trigger"]["type"];
	triggeredBy: WebhookPayload["trigger"]["triggeredBy"];
	triggeredByUserId: string | null;
	triggeredByEmail: string | null;
	errorMessage: string | null;
	errorStage: string | null;
	errorLogs: string | null;
	cancellationReason: string | null;
	cancellationStage: string | null;
	cancellationLogs: string | null;
	logsUrl: string;
	dashboardUrl: string;
	data: WebhookPayload;
}

export const renderN8nBody = (payload: WebhookPayload): N8nWebhookBody => ({
	event: payload.event,
	status: payload.deployment.status,
	isTest: payload.test === true,
	timestamp: payload.timestamp,
	deploymentId: payload.deployment.id,
	startedAt: payload.deployment.startedAt,
	finishedAt: payload.deployment.finishedAt,
	durationSeconds: payload.deployment.duration,
	applicationId: payload.application.id,
	applicationName: payload.application.name,
	applicationType: payload.application.type,
	applicationUrl: payload.application.url,
	domains: payload.application.domains.join(", "),
	projectId: payload.project.id,
	projectName: payload.project.name,
	sourceType: payload.source.type,
	repository: payload.source.repository,
	branch: payload.source.branch,
	commit: payload.source.commit,
	commitShort: shortenCommit(payload.source.commit),
	triggerType: payload.trigger.type,
	triggeredBy: payload.trigger.triggeredBy,
	triggeredByUserId: payload.trigger.user?.id ?? null,
	triggeredByEmail: payload.trigger.user?.email ?? null,
	errorMessage: payload.error?.message ?? null,
	errorStage: payload.error?.stage ?? null,
	errorLogs: payload.error?.logs ?? null,
	cancellationReason: payload.cancellation?.reason ?? null,
	cancellationStage: payload.cancellation?.stage ?? null,
	cancellationLogs: payload.cancellation?.logs ?? null,
	logsUrl: payload.links.logs,
	dashboardUrl: payload.links.dashboard,
	data: payload,
});

export const n8nTemplate: WebhookTemplate = {
	type: "n8n",
	render: (payload) => renderN8nBody(payload),
};
