/**
 * Who belongs where. The first user of an empty instance becomes the owner of a new
 * organization; everyone after that joins through an invitation, which is accepted when the
 * invited address signs up.
 */
import { and, asc, count, eq } from "drizzle-orm";
import { nanoid } from "nanoid";
import { getDatabase } from "../db/client";
import { invitation, member, organization, user } from "../db/schema/auth";

export type Role = "owner" | "admin" | "member";

export const countUsers = async () => {
	const [row] = await getDatabase().select({ value: count() }).from(user);
	return row?.value ?? 0;
};

export const hasPendingInvitation = async (email: string) => {
	const [row] = await getDatabase()
		.select({ id: invitation.id })
		.from(invitation)
		.where(and(eq(invitation.email, email.toLowerCase()), eq(invitation.status, "pending")))
		.limit(1);
	return Boolean(row);
};

const slugify = (value: string) =>
	value
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, "-")
		.replace(/^-|-$/g, "")
		.slice(0, 40) || "organization";

export const createOwnedOrganization = async (userId: string, name: string) => {
	const organizationId = nanoid();
	const now = new Date();
	await getDatabase().transaction(async (tx) => {
		await tx.insert(organization).values({
			id: organizationId,
			name,
			slug: `${slugify(name)}-${organizationId.slice(0, 6).toLowerCase()}`,
			createdAt: now,
		});
		await tx
			.insert(member)
			.values({ id: nanoid(), organizationId, userId, role: "owner", createdAt: now });
	});
	return organizationId;
};

export const acceptPendingInvitations = async (userId: string, email: string) => {
	const pending = await getDatabase()
		.select()
		.from(invitation)
		.where(and(eq(invitation.email, email.toLowerCase()), eq(invitation.status, "pending")));
	for (const invite of pending) {
		if (invite.expiresAt < new Date()) continue;
		await getDatabase().transaction(async (tx) => {
			await tx.insert(member).values({
				id: nanoid(),
				organizationId: invite.organizationId,
				userId,
				role: (invite.role as Role | null) ?? "member",
				createdAt: new Date(),
			});
			await tx.update(invitation).set({ status: "accepted" }).where(eq(invitation.id, invite.id));
		});
	}
};

export const findMemberships = (userId: string) =>
	getDatabase()
		.select({ organizationId: member.organizationId, role: member.role })
		.from(member)
		.where(eq(member.userId, userId))
		.orderBy(asc(member.createdAt));

export const findMembership = async (userId: string, organizationId: string) => {
	const [row] = await getDatabase()
		.select({ organizationId: member.organizationId, role: member.role })
		.from(member)
		.where(and(eq(member.userId, userId), eq(member.organizationId, organizationId)));
	return row ? { organizationId: row.organizationId, role: row.role as Role } : null;
};
