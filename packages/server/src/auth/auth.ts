/**
 * better-auth: email and password, organizations (owner, admin, member) and API keys. An API
 * key in the `x-api-key` header stands for its user, so tRPC can be scripted.
 */
import { apiKey } from "@better-auth/api-key";
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { APIError } from "better-auth/api";
import { organization } from "better-auth/plugins";
import { getDatabase } from "../db/client";
import * as authSchema from "../db/schema/auth";
import { processSingleton } from "../lib/process-singleton";
import {
	acceptPendingInvitations,
	countUsers,
	createOwnedOrganization,
	findMemberships,
	hasPendingInvitation,
} from "./membership";
import { resolveAuthSecret } from "./secret";

const createAuth = () =>
	betterAuth({
		appName: "Dokploy",
		baseURL: process.env.BETTER_AUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`,
		secret: resolveAuthSecret(),
		trustedOrigins: (request) => [
			...(process.env.BETTER_AUTH_TRUSTED_ORIGINS?.split(",") ?? []),
			// The dashboard is reached at whatever address the admin uses (localhost, an IP, a
			// name); a form posted from the same origin it is served from is not cross-site.
			...(request ? [new URL(request.url).origin] : []),
		],
		database: drizzleAdapter(getDatabase(), { provider: "pg", schema: authSchema }),
		emailAndPassword: { enabled: true, autoSignIn: true, minPasswordLength: 8 },
		plugins: [
			organization({ allowUserToCreateOrganization: false, creatorRole: "owner" }),
			apiKey({
				enableSessionForAPIKeys: true,
				apiKeyHeaders: "x-api-key",
				// Its limiter only resets after a pause as long as the window, so it locks out a
				// script that calls steadily; auth/api-key-rate-limit.ts limits keys instead.
				rateLimit: { enabled: false },
			}),
		],
		databaseHooks: {
			user: {
				create: {
					before: async (candidate) => {
						if ((await countUsers()) === 0) return;
						if (await hasPendingInvitation(candidate.email)) return;
						throw new APIError("FORBIDDEN", {
							message: "Sign-up is by invitation. Ask an admin of your organization to invite you.",
						});
					},
					after: async (created) => {
						const memberships = await findMemberships(created.id);
						await acceptPendingInvitations(created.id, created.email);
						if (memberships.length === 0 && (await findMemberships(created.id)).length === 0) {
							await createOwnedOrganization(created.id, `${created.name}'s organization`);
						}
					},
				},
			},
			session: {
				create: {
					before: async (session) => {
						const [first] = await findMemberships(session.userId);
						return { data: { ...session, activeOrganizationId: first?.organizationId ?? null } };
					},
				},
			},
		},
	});

export type Auth = ReturnType<typeof createAuth>;
export const getAuth = (): Auth => processSingleton("auth", createAuth);
