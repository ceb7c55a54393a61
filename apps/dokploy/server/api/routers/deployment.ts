import { apiFindDeployment } from "@dokploy/server/db/schema/deployment";
import { requestDeploymentCancel } from "@dokploy/server/deployments/cancel-bus";
import { readDeploymentLog } from "@dokploy/server/deployments/log";
import { cancelQueuedDeployment, findQueuedDeployments } from "@dokploy/server/deployments/queue";
import { ConflictError } from "@dokploy/server/lib/errors";
import {
	findDeploymentInOrganization,
	findDeploymentsByApplication,
	findDeploymentsByCompose,
} from "@dokploy/server/services/deployment";
import { findService } from "@dokploy/server/services/service";
import { createTRPCRouter, protectedProcedure } from "../trpc";
import {
	apiCancelAnyDeployment,
	apiFindServiceDeployments,
	apiReadDeploymentLog,
} from "./deployment.schema";

const DEFAULT_CANCEL_REASON = "Cancelled by a user";

export const deploymentRouter = createTRPCRouter({
	all: protectedProcedure.input(apiFindServiceDeployments).query(async ({ ctx, input }) => {
		const service = await findService(
			{ type: input.serviceType, id: input.serviceId },
			ctx.organizationId,
		);
		return service.type === "application"
			? findDeploymentsByApplication(service.id)
			: findDeploymentsByCompose(service.id);
	}),

	queued: protectedProcedure.input(apiFindServiceDeployments).query(async ({ ctx, input }) => {
		const ref = { type: input.serviceType, id: input.serviceId };
		await findService(ref, ctx.organizationId);
		return findQueuedDeployments(ref);
	}),

	one: protectedProcedure.input(apiFindDeployment).query(async ({ ctx, input }) => {
		const found = await findDeploymentInOrganization(input.deploymentId, ctx.organizationId);
		return found.deployment;
	}),

	cancel: protectedProcedure.input(apiCancelAnyDeployment).mutation(async ({ ctx, input }) => {
		const reason = input.reason || DEFAULT_CANCEL_REASON;
		if ("jobId" in input) {
			const ref = { type: input.serviceType, id: input.serviceId };
			await findService(ref, ctx.organizationId);
			return cancelQueuedDeployment(ref, input.jobId, reason);
		}
		await findDeploymentInOrganization(input.deploymentId, ctx.organizationId);
		const cancelled = await requestDeploymentCancel(input.deploymentId, reason);
		if (!cancelled) throw new ConflictError("The deployment has already finished");
		return cancelled;
	}),

	log: protectedProcedure.input(apiReadDeploymentLog).query(async ({ ctx, input }) => {
		await findDeploymentInOrganization(input.deploymentId, ctx.organizationId);
		return readDeploymentLog(input.deploymentId, input.offset);
	}),
});
