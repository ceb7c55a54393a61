/**
 * better-auth as configured here, on real PostgreSQL: sign-up rules and the origin check that
 * guards cookie-authenticated POSTs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestEnvironment } from "../__test__/environment";
import { closeDatabase } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { findMemberships } from "./membership";

useTestEnvironment("postgres");
// better-auth leaves its origin check out under a test runner (NODE_ENV=test, TEST=true, read
// when it loads). This file tests that check, so it loads better-auth as in production.
process.env.NODE_ENV = "production";
delete process.env.TEST;
const { getAuth } = await import("./auth");

let client = 0;
/** Each call comes from its own client address, so better-auth's sign-in rate limit stays out of the way. */
const signIn = (origin: string, address: string, body: object) =>
	getAuth().handler(
		new Request(`${address}/api/auth/sign-in/email`, {
			method: "POST",
			headers: {
				"content-type": "application/json",
				origin,
				"x-forwarded-for": `192.0.2.${++client}`,
			},
			body: JSON.stringify(body),
		}),
	);

describe("auth", () => {
	const credentials = { email: `owner-${Date.now()}@auth.test`, password: "auth-test-password" };

	beforeAll(async () => {
		await migrateDatabase();
		// Whether or not this database already has users, make this one an organization owner.
		const { createTestOrganization } = await import("../__test__/fixtures");
		const { organizationId } = await createTestOrganization();
		const { getDatabase } = await import("../db/client");
		const { invitation } = await import("../db/schema/auth");
		const { userId } = await createTestOrganization();
		await getDatabase()
			.insert(invitation)
			.values({
				id: `inv-${Date.now()}`,
				organizationId,
				email: credentials.email,
				role: "owner",
				status: "pending",
				expiresAt: new Date(Date.now() + 60_000),
				inviterId: userId,
			});
		await getAuth().api.signUpEmail({ body: { name: "Owner", ...credentials } });
	});

	afterAll(async () => {
		await closeDatabase();
	});

	it("accepts a sign-in posted from the address the dashboard is served at, whatever it is", async () => {
		for (const address of [
			"http://localhost:3000",
			"http://10.1.2.3:3000",
			"https://paas.example.org",
		]) {
			const response = await signIn(address, address, credentials);
			expect(response.status, address).toBe(200);
		}
	});

	it("refuses a sign-in posted from another site", async () => {
		const response = await signIn("https://evil.example", "http://10.1.2.3:3000", credentials);
		expect(response.status).toBe(403);
	});

	it("adds an invited user to the inviting organization at sign-up", async () => {
		const { user } = await getAuth()
			.api.getSession({
				headers: new Headers({
					cookie: (
						await signIn("http://localhost:3000", "http://localhost:3000", credentials)
					).headers
						.getSetCookie()
						.map((cookie) => cookie.split(";")[0])
						.join("; "),
				}),
			})
			.then((found) => found!);
		const memberships = await findMemberships(user.id);
		expect(memberships).toHaveLength(1);
		expect(memberships[0]!.role).toBe("owner");
	});

	it("refuses a sign-up without an invitation once the instance has users", async () => {
		await expect(
			getAuth().api.signUpEmail({
				body: {
					name: "Stranger",
					email: `stranger-${Date.now()}@auth.test`,
					password: "stranger-pass",
				},
			}),
		).rejects.toThrow(/invitation/i);
	});
});
