/**
 * Test fixtures: real users, organizations and sessions in the test database. Suites share one
 * database, so every name is unique and nothing assumes the database starts empty.
 */
import { randomUUID } from "node:crypto";
import { getAuth } from "@dokploy/server/auth/auth";
import { countUsers, findMemberships, type Role } from "@dokploy/server/auth/membership";
import { getDatabase } from "@dokploy/server/db/client";
import { invitation, member, organization, user } from "@dokploy/server/db/schema/auth";
import { type CallerContext, createContextFromHeaders, resolveCaller } from "../context";

export const uniqueSuffix = () => randomUUID().slice(0, 8);
const uniqueEmail = (label: string) => `${label}-${uniqueSuffix()}@example.test`;

export const insertOrganization = async (name: string) => {
	const id = randomUUID();
	await getDatabase()
		.insert(organization)
		.values({
			id,
			name,
			slug: `${name.toLowerCase().replace(/\W+/g, "-")}-${id.slice(0, 8)}`,
			createdAt: new Date(),
		});
	return id;
};

/** A user and membership written directly, for callers that need no session. */
export const insertMember = async (organizationId: string, role: Role, label: string) => {
	const id = randomUUID();
	const email = uniqueEmail(label);
	await getDatabase().insert(user).values({ id, name: label, email });
	await getDatabase()
		.insert(member)
		.values({ id: randomUUID(), organizationId, userId: id, role, createdAt: new Date() });
	return resolveCaller({ id, name: label, email }, organizationId);
};

const cookieHeader = (headers: Headers) =>
	headers
		.getSetCookie()
		.map((cookie) => cookie.split(";")[0])
		.join("; ");

export interface SignedUpOwner {
	caller: CallerContext;
	organizationId: string;
	userId: string;
	/** The Cookie header a browser would send after this sign-up. */
	cookie: string;
}

/**
 * Signs an owner up through better-auth. On an empty instance that is the first sign-up, which
 * creates the organization; otherwise the owner is invited into a new organization first, the
 * way every later user joins.
 */
export const signUpOwner = async (label: string): Promise<SignedUpOwner> => {
	const email = uniqueEmail(label);
	if ((await countUsers()) > 0) {
		const organizationId = await insertOrganization(`${label} organization`);
		const inviter = await getDatabase().query.user.findFirst({ columns: { id: true } });
		await getDatabase()
			.insert(invitation)
			.values({
				id: randomUUID(),
				organizationId,
				email,
				role: "owner",
				status: "pending",
				expiresAt: new Date(Date.now() + 60_000),
				inviterId: inviter!.id,
			});
	}
	const { headers, response } = await getAuth().api.signUpEmail({
		body: { name: label, email, password: "correct-horse-battery" },
		returnHeaders: true,
	});
	const [membership] = await findMemberships(response.user.id);
	if (!membership) throw new Error(`${label} has no organization after sign-up`);
	const cookie = cookieHeader(headers);
	return {
		caller: await createContextFromHeaders(new Headers({ cookie })),
		organizationId: membership.organizationId,
		userId: response.user.id,
		cookie,
	};
};
