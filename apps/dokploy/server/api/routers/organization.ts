import {
	findMembersOfOrganization,
	findOrganizationById,
	findPendingInvitations,
	inviteMember,
} from "@dokploy/server/services/organization";
import { adminProcedure, createTRPCRouter, protectedProcedure } from "../trpc";
import { apiInviteMember } from "./organization.schema";

export const organizationRouter = createTRPCRouter({
	current: protectedProcedure.query(async ({ ctx }) => ({
		...(await findOrganizationById(ctx.organizationId)),
		role: ctx.role,
	})),

	members: protectedProcedure.query(async ({ ctx }) => ({
		members: await findMembersOfOrganization(ctx.organizationId),
		invitations: await findPendingInvitations(ctx.organizationId),
	})),

	invite: adminProcedure
		.input(apiInviteMember)
		.mutation(({ ctx, input }) =>
			inviteMember({ ...input, organizationId: ctx.organizationId, inviterId: ctx.user.id }),
		),
});
