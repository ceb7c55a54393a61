/**
 * Members and invitations of an organization. An invitation is a row in better-auth's invitation table: when the invited address signs up,
 * the auth hooks accept it and add the member.
 */
import { randomUUID } from "node:crypto";
import { getDatabase } from "../db/client";
import { invitation } from "../db/schema/auth";
import { ConflictError, NotFoundError } from "../lib/errors";

const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export type InvitableRole = "admin" | "member";

export const findOrganizationById = async (organizationId: string) => {
	const row = await getDatabase().query.organization.findFirst({
		columns: { id: true, name: true },
		where: (table, { eq }) => eq(table.id, organizationId),
	});
	if (!row) throw new NotFoundError("Organization");
	return row;
};

export const findMembersOfOrganization = async (organizationId: string) => {
	const rows = await getDatabase().query.member.findMany({
		where: (table, { eq }) => eq(table.organizationId, organizationId),
		orderBy: (table, { asc }) => asc(table.createdAt),
		with: { user: { columns: { id: true, name: true, email: true } } },
	});
	return rows.map((row) => ({
		memberId: row.id,
		userId: row.user.id,
		name: row.user.name,
		email: row.user.email,
		role: row.role,
		createdAt: row.createdAt,
	}));
};

export const findPendingInvitations = (organizationId: string) =>
	getDatabase().query.invitation.findMany({
		columns: { id: true, email: true, role: true, expiresAt: true },
		where: (table, { and, eq, gt }) =>
			and(
				eq(table.organizationId, organizationId),
				eq(table.status, "pending"),
				gt(table.expiresAt, new Date()),
			),
		orderBy: (table, { asc }) => asc(table.createdAt),
	});

export const inviteMember = async (input: {
	organizationId: string;
	inviterId: string;
	email: string;
	role: InvitableRole;
}) => {
	const email = input.email.trim().toLowerCase();
	const members = await findMembersOfOrganization(input.organizationId);
	if (members.some((existing) => existing.email.toLowerCase() === email)) {
		throw new ConflictError(`${email} is already a member`);
	}
	const pending = await findPendingInvitations(input.organizationId);
	if (pending.some((existing) => existing.email === email)) {
		throw new ConflictError(`${email} has already been invited`);
	}
	const [created] = await getDatabase()
		.insert(invitation)
		.values({
			id: randomUUID(),
			organizationId: input.organizationId,
			email,
			role: input.role,
			status: "pending",
			expiresAt: new Date(Date.now() + INVITATION_LIFETIME_MS),
			inviterId: input.inviterId,
		})
		.returning();
	return created!;
};
