/**
 * The generic webhook payload (the PRD's "Generic JSON Format"), built once per lifecycle event.
 * Every template renders from this one shape, so derived values live here and nowhere else: the
 * duration, the application URL, the dashboard links and the 50-line log excerpt.
 *
 * Keys are always present and null when unknown, so receivers can read them without guarding;
 * only `error` (deployment.failed), `cancellation` (deployment.cancelled) and `test` (test sends)
 * appear on their own occasions.
 */
import {
	type DeploymentEventName,
	type DeploymentLifecycleEvent,
	type DeploymentStageReached,
	type DeploymentStatus,
	type ErrorStage,
	type LifecycleService,
	type ServiceType,
	type SourceType,
	SYSTEM_TRIGGER,
	type TriggerType,
} from "../lifecycle/types";

export interface WebhookPayload {
	event: DeploymentEventName;
	timestamp: string;
	deployment: {
		id: string;
		status: DeploymentStatus;
		startedAt: string;
		finishedAt: string | null;
		/** Whole seconds; null while the deployment is running. */
		duration: number | null;
	};
	application: {
		id: string;
		name: string;
		type: ServiceType;
		/** `https://` + the first domain, or null when the service has no domain. */
		url: string | null;
		domains: string[];
	};
	project: { id: string; name: string };
	source: {
		type: SourceType;
		branch: string | null;
		commit: string | null;
		repository: string | null;
	};
	trigger: {
		type: TriggerType;
		/** The PRD's "user" | "system": a person deployed, or a deploy hook or schedule did. */
		triggeredBy: "user" | "system";
		/** Who deployed, for "user"; the email is null when the account no longer exists. */
		user: { id: string; email: string | null } | null;
	};
	error?: { message: string; stage: ErrorStage | null; logs: string };
	/** The progress made, as a failure reports it: the stage reached and the last log lines. */
	cancellation?: { reason: string | null; stage: DeploymentStageReached; logs: string };
	links: { logs: string; dashboard: string };
	test?: true;
}

export interface BuildWebhookPayloadOptions {
	/** The dashboard's public origin, e.g. "https://dokploy.example.com". */
	baseUrl: string;
	test?: boolean;
	/** The email of the user who deployed, looked up by the caller (the payload stays pure). */
	triggerUserEmail?: string | null;
}

/** @public documented in docs/webhooks/api-reference.md */
export const ERROR_LOG_LINES = 50;
const SHORT_COMMIT_LENGTH = 7;

// Used when a failure carries no message, so receivers never have to handle an empty error.
const UNKNOWN_ERROR_MESSAGE = "Deployment failed without an error message";

export const buildWebhookPayload = (
	event: DeploymentLifecycleEvent,
	options: BuildWebhookPayloadOptions,
): WebhookPayload => {
	const { deployment, service } = event;
	const links = buildDashboardLinks(options.baseUrl, service, deployment.deploymentId);
	const firstDomain = service.domains[0];

	const payload: WebhookPayload = {
		event: event.name,
		timestamp: event.occurredAt,
		deployment: {
			id: deployment.deploymentId,
			status: deployment.status,
			startedAt: deployment.startedAt,
			finishedAt: deployment.finishedAt,
			duration: computeDurationSeconds(deployment.startedAt, deployment.finishedAt),
		},
		application: {
			id: service.id,
			name: service.name,
			type: service.type,
			url: firstDomain ? `https://${firstDomain}` : null,
			domains: [...service.domains],
		},
		project: { id: service.project.id, name: service.project.name },
		source: {
			type: deployment.sourceType,
			branch: deployment.branch,
			commit: deployment.commitHash,
			repository: deployment.repository,
		},
		trigger: buildTrigger(deployment.triggerType, deployment.triggeredBy, options.triggerUserEmail),
		links,
	};

	if (event.name === "deployment.failed") {
		payload.error = {
			message: deployment.errorMessage || UNKNOWN_ERROR_MESSAGE,
			stage: deployment.errorStage,
			logs: takeLastLines(event.logTail ?? "", ERROR_LOG_LINES),
		};
	}
	if (event.name === "deployment.cancelled") {
		payload.cancellation = {
			reason: deployment.cancelReason,
			stage: event.stageReached ?? "build",
			logs: takeLastLines(event.logTail ?? "", ERROR_LOG_LINES),
		};
	}
	if (options.test) {
		payload.test = true;
	}
	return payload;
};

const buildTrigger = (
	type: TriggerType,
	triggeredBy: string,
	email: string | null = null,
): WebhookPayload["trigger"] =>
	triggeredBy === SYSTEM_TRIGGER
		? { type, triggeredBy: "system", user: null }
		: { type, triggeredBy: "user", user: { id: triggeredBy, email } };

/** Null while running, and for unparseable or reversed clocks rather than a misleading number. */
export const computeDurationSeconds = (startedAt: string, finishedAt: string | null) => {
	if (finishedAt === null) return null;
	const elapsed = Date.parse(finishedAt) - Date.parse(startedAt);
	if (!Number.isFinite(elapsed) || elapsed < 0) return null;
	return Math.round(elapsed / 1000);
};

/** The 7-character form people recognise from git and forge UIs. */
export const shortenCommit = (commit: string | null) =>
	commit === null ? null : commit.slice(0, SHORT_COMMIT_LENGTH);

/** A trailing newline ends the last line; it does not start an empty one that would cost a slot. */
export const takeLastLines = (text: string, count: number) => {
	const lines = text.replace(/\r?\n$/, "").split(/\r?\n/);
	return lines.slice(-count).join("\n");
};

const buildDashboardLinks = (baseUrl: string, service: LifecycleService, deploymentId: string) => {
	const origin = baseUrl.replace(/\/+$/, "");
	const dashboard = `${origin}/dashboard/project/${encodeURIComponent(service.project.id)}/services/${service.type}/${encodeURIComponent(service.id)}`;
	const logs = `${dashboard}?tab=deployments&deploymentId=${encodeURIComponent(deploymentId)}`;
	return { logs, dashboard };
};

export interface BuildSamplePayloadOptions {
	/** The moment the sample event happens; injectable so tests get stable timestamps. */
	now?: Date;
	/** A real service to describe, so a "send test" shows the receiver familiar names. */
	service?: LifecycleService;
}

const SAMPLE_DURATION_SECONDS = 95;

const sampleService: LifecycleService = {
	type: "application",
	id: "app_sample_storefront",
	name: "storefront",
	appName: "storefront-x7k2q",
	domains: ["shop.example.com", "www.shop.example.com"],
	organizationId: "org_sample",
	project: { id: "prj_sample_acme", name: "Acme Shop" },
};

const sampleLogTail = [
	"#7 [build 4/6] RUN pnpm install --frozen-lockfile",
	"#7 3.214 Progress: resolved 812, reused 812, downloaded 0, added 812, done",
	"#8 [build 5/6] RUN pnpm build",
	"#8 1.902 > storefront@2.4.0 build /app",
	"#8 4.117 src/pages/checkout.tsx:42:7 - error TS2322: Type 'string' is not assignable to type 'number'.",
	"#8 4.130 ELIFECYCLE  Command failed with exit code 2.",
	'ERROR: failed to solve: process "/bin/sh -c pnpm build" did not complete successfully: exit code: 2',
].join("\n");

const sampleCancelledLogTail = [
	"#7 [build 4/6] RUN pnpm install --frozen-lockfile",
	"#7 3.214 Progress: resolved 812, reused 812, downloaded 0, added 812, done",
	"#8 [build 5/6] RUN pnpm build",
].join("\n");

/** A realistic lifecycle event for each event name: what a real deployment would have emitted. */
export const buildSampleLifecycleEvent = (
	name: DeploymentEventName,
	options: BuildSamplePayloadOptions = {},
): DeploymentLifecycleEvent => {
	const now = options.now ?? new Date();
	const finished = name !== "deployment.started";
	const startedAt = finished ? new Date(now.getTime() - SAMPLE_DURATION_SECONDS * 1000) : now;
	const statusByEvent: Record<DeploymentEventName, DeploymentStatus> = {
		"deployment.started": "running",
		"deployment.success": "done",
		"deployment.failed": "error",
		"deployment.cancelled": "cancelled",
	};
	const failed = name === "deployment.failed";

	return {
		name,
		occurredAt: now.toISOString(),
		deployment: {
			deploymentId: "dep_sample_0001",
			title: "Deploy storefront",
			status: statusByEvent[name],
			startedAt: startedAt.toISOString(),
			finishedAt: finished ? now.toISOString() : null,
			errorMessage: failed ? "Build failed: pnpm build exited with code 2" : null,
			errorStage: failed ? "build" : null,
			cancelReason: name === "deployment.cancelled" ? "Cancelled from the dashboard" : null,
			triggerType: "webhook",
			triggeredBy: SYSTEM_TRIGGER,
			sourceType: "github",
			repository: "acme/storefront",
			branch: "main",
			commitHash: "9f3c2a7e51b04d8c6a1f2e3d4c5b6a7980f1e2d3",
		},
		service: options.service ?? sampleService,
		logTail: failed
			? sampleLogTail
			: name === "deployment.cancelled"
				? sampleCancelledLogTail
				: null,
		...(name === "deployment.cancelled" ? { stageReached: "build" as const } : {}),
	};
};

/** Marked `test: true`: samples serve template validation and "send test", never real events. */
export const buildSamplePayload = (
	name: DeploymentEventName,
	baseUrl: string,
	options: BuildSamplePayloadOptions = {},
): WebhookPayload =>
	buildWebhookPayload(buildSampleLifecycleEvent(name, options), { baseUrl, test: true });
