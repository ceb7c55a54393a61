/**
 * The deployment lifecycle as the rest of the product sees it. The deployment service emits one
 * of these inside the same database transaction as the status change it describes; listeners
 * (the webhook outbox) write their rows in that transaction and may ask for work after commit.
 * The unions below are read off the database enums, so a new value is added in one place.
 */
import type { deploymentStatus, errorStage, triggerType } from "../db/schema/deployment";
import type { sourceType } from "../db/schema/shared";

export const deploymentEventNames = [
	"deployment.started",
	"deployment.success",
	"deployment.failed",
	"deployment.cancelled",
] as const;

export type DeploymentEventName = (typeof deploymentEventNames)[number];

export type DeploymentStatus = (typeof deploymentStatus.enumValues)[number];
export type ErrorStage = (typeof errorStage.enumValues)[number];
export type SourceType = (typeof sourceType.enumValues)[number];
export type TriggerType = (typeof triggerType.enumValues)[number];
/** Not a database enum: each service type has its own table and its own owner column. */
export type ServiceType = "application" | "compose";

/** Who a deployment is by when no person asked for it (deploy hooks, schedules). */
export const SYSTEM_TRIGGER = "system";

interface LifecycleDeployment {
	deploymentId: string;
	title: string;
	status: DeploymentStatus;
	startedAt: string;
	finishedAt: string | null;
	errorMessage: string | null;
	/** Where the build failed: "build" while the build command ran, "deploy" after it. */
	errorStage: ErrorStage | null;
	cancelReason: string | null;
	triggerType: TriggerType;
	/** A user id for manual triggers, SYSTEM_TRIGGER otherwise. */
	triggeredBy: string;
	sourceType: SourceType;
	repository: string | null;
	branch: string | null;
	commitHash: string | null;
}

export interface LifecycleService {
	type: ServiceType;
	id: string;
	name: string;
	appName: string;
	domains: string[];
	organizationId: string;
	project: { id: string; name: string };
}

/**
 * How far a deployment got: "queued" when it was cancelled before it started, "build" once its
 * build command ran (the only stage a running deployment is cancelled in).
 */
export type DeploymentStageReached = "queued" | "build";

export interface DeploymentLifecycleEvent {
	name: DeploymentEventName;
	occurredAt: string;
	deployment: LifecycleDeployment;
	service: LifecycleService;
	/** The last lines of the build log, present on deployment.failed and deployment.cancelled. */
	logTail: string | null;
	/** Present on deployment.cancelled. */
	stageReached?: DeploymentStageReached;
}
