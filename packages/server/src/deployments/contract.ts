/**
 * What the API layer may ask of the deployment runner. Implemented in deployments/queue.ts and
 * deployments/cancel.ts.
 */
import type { TriggerType } from "../lifecycle/types";

export interface EnqueueDeploymentOptions {
	trigger: { type: TriggerType; triggeredBy?: string };
	title?: string;
	branch?: string | null;
	commitHash?: string | null;
}

export interface QueuedDeployment {
	jobId: string;
	title: string;
	triggerType: TriggerType;
	enqueuedAt: string;
}
