/**
 * The seeded owner of a fresh install, on an empty embedded database: never a known password.
 */
import { statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestEnvironment } from "../__test__/environment";
import { getAuth } from "../auth/auth";
import { closeDatabase } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { demoCredentials, seedDemoIfEmpty } from "./demo";

const { dataDir } = useTestEnvironment("pglite");

describe("seeding the demo owner", () => {
	beforeAll(async () => {
		await migrateDatabase();
	});

	afterAll(async () => {
		await closeDatabase();
	});

	it("generates a random password, keeps it in a mode-0600 file in the data directory, and it signs in", async () => {
		const seeded = await seedDemoIfEmpty(demoCredentials({}));
		expect(seeded?.generated).toBe(true);
		expect(seeded?.password).not.toBe("dokploy-admin");
		expect(seeded?.password.length).toBeGreaterThanOrEqual(24);
		expect(seeded?.passwordFile).toBe(path.join(dataDir, "admin-password"));
		const file = seeded!.passwordFile!;
		expect((await readFile(file, "utf8")).trim()).toBe(seeded!.password);
		expect(statSync(file).mode & 0o777).toBe(0o600);
		const signedIn = await getAuth().api.signInEmail({
			body: { email: seeded!.email, password: seeded!.password },
		});
		expect(signedIn.user.email).toBe("admin@dokploy.local");
	});

	it("seeds nothing, and prints no password, once a user exists", async () => {
		expect(await seedDemoIfEmpty(demoCredentials({}))).toBeNull();
	});

	it("draws a new password for every install", () => {
		const passwords = new Set(Array.from({ length: 20 }, () => demoCredentials({}).password));
		expect(passwords.size).toBe(20);
	});

	it("takes DOKPLOY_ADMIN_PASSWORD and DOKPLOY_ADMIN_EMAIL over the generated ones", () => {
		expect(
			demoCredentials({
				DOKPLOY_ADMIN_PASSWORD: "chosen-password",
				DOKPLOY_ADMIN_EMAIL: "me@x.test",
			}),
		).toEqual({ email: "me@x.test", password: "chosen-password", generated: false });
	});
});
