/** Inputs of the deployment router that the shared schemas in @dokploy/server do not cover. */
import { apiCancelDeployment, apiFindDeployment } from "@dokploy/server/db/schema/deployment";
import { idSchema } from "@dokploy/server/db/schema/shared";
import { z } from "zod";

export const apiFindServiceDeployments = z.object({
	serviceType: z.enum(["application", "compose"]),
	serviceId: idSchema,
});

/** A running deployment is cancelled by its id; a queued one by its service and job id. */
const apiCancelQueuedDeployment = apiFindServiceDeployments.extend({
	jobId: z.string().min(1).max(200),
	reason: z.string().trim().max(500).optional(),
});

export const apiCancelAnyDeployment = z.union([apiCancelDeployment, apiCancelQueuedDeployment]);

export const apiReadDeploymentLog = apiFindDeployment.extend({
	offset: z.number().int().min(0).default(0),
});
