import {
	apiCreateApplication,
	apiFindApplication,
	apiUpdateApplication,
} from "@dokploy/server/db/schema/application";
import { apiFindProject } from "@dokploy/server/db/schema/project";
import { adminProcedure, createTRPCRouter, protectedProcedure } from "../trpc";
import {
	createServiceHandler,
	deleteServiceHandler,
	deployServiceHandler,
	findServiceHandler,
	findServicesByProjectHandler,
	regenerateRefreshTokenHandler,
	updateServiceHandler,
} from "./service/handlers";

const ref = (applicationId: string) => ({ type: "application" as const, id: applicationId });

export const applicationRouter = createTRPCRouter({
	create: adminProcedure
		.input(apiCreateApplication)
		.mutation(({ ctx, input }) => createServiceHandler(ctx, "application", input)),

	one: protectedProcedure
		.input(apiFindApplication)
		.query(({ ctx, input }) => findServiceHandler(ctx, ref(input.applicationId))),

	byProject: protectedProcedure
		.input(apiFindProject)
		.query(({ ctx, input }) => findServicesByProjectHandler(ctx, "application", input.projectId)),

	update: adminProcedure
		.input(apiUpdateApplication)
		.mutation(({ ctx, input: { applicationId, ...changes } }) =>
			updateServiceHandler(ctx, ref(applicationId), changes),
		),

	delete: adminProcedure
		.input(apiFindApplication)
		.mutation(({ ctx, input }) => deleteServiceHandler(ctx, ref(input.applicationId))),

	deploy: protectedProcedure
		.input(apiFindApplication)
		.mutation(({ ctx, input }) => deployServiceHandler(ctx, ref(input.applicationId))),

	regenerateRefreshToken: adminProcedure
		.input(apiFindApplication)
		.mutation(({ ctx, input }) => regenerateRefreshTokenHandler(ctx, ref(input.applicationId))),
});
