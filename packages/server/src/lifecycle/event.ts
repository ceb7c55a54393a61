import type { Deployment } from "../db/schema/deployment";
import type { ServiceRecord } from "../services/service";
import type {
	DeploymentEventName,
	DeploymentLifecycleEvent,
	DeploymentStageReached,
	LifecycleService,
} from "./types";

/** A service as lifecycle listeners see it. */
export const toLifecycleService = (service: ServiceRecord): LifecycleService => ({
	type: service.type,
	id: service.id,
	name: service.name,
	appName: service.appName,
	domains: service.domains,
	organizationId: service.project.organizationId,
	project: { id: service.project.projectId, name: service.project.name },
});

/** What a failure or a cancellation reports of the progress made. */
export interface LifecycleProgress {
	logTail?: string | null;
	stageReached?: DeploymentStageReached;
}

/** Turns a deployment row and its service into the event the listeners receive. */
export const toLifecycleEvent = (
	name: DeploymentEventName,
	row: Deployment,
	service: ServiceRecord,
	{ logTail = null, stageReached }: LifecycleProgress = {},
): DeploymentLifecycleEvent => ({
	name,
	occurredAt: row.finishedAt ?? row.startedAt,
	logTail,
	...(stageReached ? { stageReached } : {}),
	deployment: {
		deploymentId: row.deploymentId,
		title: row.title,
		status: row.status,
		startedAt: row.startedAt,
		finishedAt: row.finishedAt,
		errorMessage: row.errorMessage,
		errorStage: row.errorStage,
		cancelReason: row.cancelReason,
		triggerType: row.triggerType,
		triggeredBy: row.triggeredBy,
		sourceType: row.sourceType,
		repository: row.repository,
		branch: row.branch,
		commitHash: row.commitHash,
	},
	service: toLifecycleService(service),
});
