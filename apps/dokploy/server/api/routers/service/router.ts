/**
 * Builds the router of one service type. Applications and compose services have the same
 * procedures and differ only in their input names (`applicationId` or `composeId`), which
 * Dokploy's API keeps; each router file says how to read the id from its inputs.
 */

import { apiFindProject } from "@dokploy/server/db/schema/project";
import type { ServiceFields } from "@dokploy/server/db/schema/service-columns";
import type { ServiceType } from "@dokploy/server/lifecycle/types";
import type { z } from "zod";
import { adminProcedure, createTRPCRouter, protectedProcedure } from "../../trpc";
import {
	createServiceHandler,
	deleteServiceHandler,
	deployServiceHandler,
	findServiceHandler,
	findServicesByProjectHandler,
	regenerateRefreshTokenHandler,
	updateServiceHandler,
} from "./handlers";

interface ServiceRouterInputs<
	Create extends z.ZodType<ServiceFields & { projectId: string }>,
	Find extends z.ZodType,
	Update extends z.ZodType,
> {
	create: Create;
	find: Find;
	update: Update;
	/** The service id in a find input. */
	idOf: (input: z.output<Find>) => string;
	/** The service id and the changes in an update input. */
	splitUpdate: (input: z.output<Update>) => { id: string; changes: Partial<ServiceFields> };
}

export const createServiceRouter = <
	Create extends z.ZodType<ServiceFields & { projectId: string }>,
	Find extends z.ZodType,
	Update extends z.ZodType,
>(
	type: ServiceType,
	inputs: ServiceRouterInputs<Create, Find, Update>,
) => {
	// tRPC has parsed `input` with the schema, but its type of a generic schema's output is a
	// conditional type that TypeScript cannot resolve here; these two casts restate the parse.
	const refOf = (input: unknown) => ({ type, id: inputs.idOf(input as z.output<Find>) });
	const splitUpdate = (input: unknown) => inputs.splitUpdate(input as z.output<Update>);
	return createTRPCRouter({
		create: adminProcedure
			.input(inputs.create)
			.mutation(({ ctx, input }) => createServiceHandler(ctx, type, input)),

		one: protectedProcedure
			.input(inputs.find)
			.query(({ ctx, input }) => findServiceHandler(ctx, refOf(input))),

		byProject: protectedProcedure
			.input(apiFindProject)
			.query(({ ctx, input }) => findServicesByProjectHandler(ctx, type, input.projectId)),

		update: adminProcedure.input(inputs.update).mutation(({ ctx, input }) => {
			const { id, changes } = splitUpdate(input);
			return updateServiceHandler(ctx, { type, id }, changes);
		}),

		delete: adminProcedure
			.input(inputs.find)
			.mutation(({ ctx, input }) => deleteServiceHandler(ctx, refOf(input))),

		deploy: protectedProcedure
			.input(inputs.find)
			.mutation(({ ctx, input }) => deployServiceHandler(ctx, refOf(input))),

		regenerateRefreshToken: adminProcedure
			.input(inputs.find)
			.mutation(({ ctx, input }) => regenerateRefreshTokenHandler(ctx, refOf(input))),
	});
};
