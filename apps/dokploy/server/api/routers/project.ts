import {
	apiCreateProject,
	apiFindProject,
	apiUpdateProject,
} from "@dokploy/server/db/schema/project";
import {
	createProject,
	deleteProject,
	findProjectById,
	findProjectsByOrganization,
	updateProject,
} from "@dokploy/server/services/project";
import { adminProcedure, createTRPCRouter, protectedProcedure } from "../trpc";
import { servicesOfProject, unscheduleServices } from "./service/handlers";

export const projectRouter = createTRPCRouter({
	create: adminProcedure
		.input(apiCreateProject)
		.mutation(({ ctx, input }) => createProject(ctx.organizationId, input)),

	all: protectedProcedure.query(({ ctx }) => findProjectsByOrganization(ctx.organizationId)),

	one: protectedProcedure
		.input(apiFindProject)
		.query(({ ctx, input }) => findProjectById(input.projectId, ctx.organizationId)),

	update: adminProcedure
		.input(apiUpdateProject)
		.mutation(({ ctx, input: { projectId, ...changes } }) =>
			updateProject(projectId, ctx.organizationId, changes),
		),

	remove: adminProcedure.input(apiFindProject).mutation(async ({ ctx, input }) => {
		await findProjectById(input.projectId, ctx.organizationId);
		const services = await servicesOfProject(input.projectId);
		const removed = await deleteProject(input.projectId, ctx.organizationId);
		await unscheduleServices(services);
		return removed;
	}),
});
