/**
 * The product's public API as a script reaches it: sign in over HTTP, create an API key with
 * that session, then call tRPC with the key in `x-api-key`.
 */
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "../server/api/root";

export interface Credentials {
	email: string;
	password: string;
}

/** The session cookie of a password sign-in. */
export const signInCookie = async (baseUrl: string, credentials: Credentials) => {
	const response = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
		method: "POST",
		headers: { "content-type": "application/json", origin: baseUrl },
		body: JSON.stringify(credentials),
	});
	if (response.status !== 200) throw new Error(`Sign-in answered ${response.status}`);
	return response.headers
		.getSetCookie()
		.map((cookie) => cookie.split(";")[0])
		.join("; ");
};

export const createApiKey = async (baseUrl: string, cookie: string, name = "e2e") => {
	const response = await fetch(`${baseUrl}/api/auth/api-key/create`, {
		method: "POST",
		headers: { "content-type": "application/json", cookie, origin: baseUrl },
		body: JSON.stringify({ name }),
	});
	if (response.status !== 200) throw new Error(`Creating an API key answered ${response.status}`);
	return ((await response.json()) as { key: string }).key;
};

export const createApiClient = (baseUrl: string, apiKey: string) =>
	createTRPCClient<AppRouter>({
		links: [
			httpBatchLink({
				url: `${baseUrl}/api/trpc`,
				transformer: superjson,
				headers: { "x-api-key": apiKey },
			}),
		],
	});

export type ApiClient = ReturnType<typeof createApiClient>;
