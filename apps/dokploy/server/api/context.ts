/**
 * Who is calling: the better-auth session (a cookie, or an `x-api-key` header that better-auth
 * turns into a session), the organization the caller acts in and their role there. Procedures
 * only read this; the middlewares in trpc.ts decide what it allows.
 */
import {
	type ApiKeyRateLimit,
	ApiKeyRateLimitedError,
	apiKeyRateLimit,
} from "@dokploy/server/auth/api-key-rate-limit";
import { getAuth } from "@dokploy/server/auth/auth";
import { findMembership, findMemberships, type Role } from "@dokploy/server/auth/membership";
import { TRPCError } from "@trpc/server";
import type { CreateNextContextOptions } from "@trpc/server/adapters/next";
import { APIError } from "better-auth/api";
import { fromNodeHeaders } from "better-auth/node";

export interface CallerUser {
	id: string;
	name: string;
	email: string;
}

export interface CallerContext {
	user: CallerUser | null;
	organizationId: string | null;
	role: Role | null;
}

const roles: readonly Role[] = ["owner", "admin", "member"];
const toRole = (value: string): Role => roles.find((role) => role === value) ?? "member";

export const anonymousContext = (): CallerContext => ({
	user: null,
	organizationId: null,
	role: null,
});

/**
 * The active organization of the session when the user still belongs to it, else their first
 * membership (API-key sessions carry no active organization).
 */
export const resolveCaller = async (
	user: CallerUser,
	activeOrganizationId: string | null | undefined,
): Promise<CallerContext> => {
	if (activeOrganizationId) {
		const active = await findMembership(user.id, activeOrganizationId);
		if (active) return { user, organizationId: active.organizationId, role: active.role };
	}
	const [first] = await findMemberships(user.id);
	if (!first) return { user, organizationId: null, role: null };
	return { user, organizationId: first.organizationId, role: toRole(first.role) };
};

/**
 * better-auth answers a bad API key by throwing; the caller should hear 401 with its reason,
 * not a 500.
 */
const sessionFrom = async (headers: Headers) => {
	try {
		return await getAuth().api.getSession({ headers });
	} catch (error) {
		if (!(error instanceof APIError)) throw error;
		throw new TRPCError({ code: "UNAUTHORIZED", message: error.message, cause: error });
	}
};

/** Counts a request of a valid key; the HTTP handler turns the cause into Retry-After. */
const takeApiKeyRequest = async (rateLimit: ApiKeyRateLimit, apiKey: string) => {
	try {
		await rateLimit.take(apiKey);
	} catch (error) {
		if (!(error instanceof ApiKeyRateLimitedError)) throw error;
		throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: error.message, cause: error });
	}
};

export const createContextFromHeaders = async (
	headers: Headers,
	rateLimit: ApiKeyRateLimit = apiKeyRateLimit(),
): Promise<CallerContext> => {
	const found = await sessionFrom(headers);
	if (!found) return anonymousContext();
	const apiKey = headers.get("x-api-key");
	if (apiKey) await takeApiKeyRequest(rateLimit, apiKey);
	const { user, session } = found;
	return resolveCaller(
		{ id: user.id, name: user.name, email: user.email },
		session.activeOrganizationId,
	);
};

export const createContext = ({ req }: CreateNextContextOptions) =>
	createContextFromHeaders(fromNodeHeaders(req.headers));

export type CreateContext = typeof createContext;
