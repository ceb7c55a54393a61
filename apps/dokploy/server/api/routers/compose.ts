import {
	apiCreateCompose,
	apiFindCompose,
	apiUpdateCompose,
} from "@dokploy/server/db/schema/compose";
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

const ref = (composeId: string) => ({ type: "compose" as const, id: composeId });

export const composeRouter = createTRPCRouter({
	create: adminProcedure
		.input(apiCreateCompose)
		.mutation(({ ctx, input }) => createServiceHandler(ctx, "compose", input)),

	one: protectedProcedure
		.input(apiFindCompose)
		.query(({ ctx, input }) => findServiceHandler(ctx, ref(input.composeId))),

	byProject: protectedProcedure
		.input(apiFindProject)
		.query(({ ctx, input }) => findServicesByProjectHandler(ctx, "compose", input.projectId)),

	update: adminProcedure
		.input(apiUpdateCompose)
		.mutation(({ ctx, input: { composeId, ...changes } }) =>
			updateServiceHandler(ctx, ref(composeId), changes),
		),

	delete: adminProcedure
		.input(apiFindCompose)
		.mutation(({ ctx, input }) => deleteServiceHandler(ctx, ref(input.composeId))),

	deploy: protectedProcedure
		.input(apiFindCompose)
		.mutation(({ ctx, input }) => deployServiceHandler(ctx, ref(input.composeId))),

	regenerateRefreshToken: adminProcedure
		.input(apiFindCompose)
		.mutation(({ ctx, input }) => regenerateRefreshTokenHandler(ctx, ref(input.composeId))),
});
