/**
 * What the API layer may ask of the deployment runner. Implemented in deployments/queue.ts.
 */
import type { TriggerType } from "../lifecycle/types";
import type { DeploymentRequest } from "../services/deployment";

export type EnqueueDeploymentOptions = DeploymentRequest;

export interface QueuedDeployment {
	jobId: string;
	title: string;
	triggerType: TriggerType;
	enqueuedAt: string;
}
