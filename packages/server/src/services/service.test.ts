/**
 * Service lookups on real PostgreSQL: the scoped lookup the API uses never drops its
 * organization filter; the unscoped one is a separate, named function for the workers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestEnvironment } from "../__test__/environment";
import { createTestService } from "../__test__/fixtures";
import { closeDatabase } from "../db/client";
import { migrateDatabase } from "../db/migrate";
import { NotFoundError } from "../lib/errors";
import { findService, findServiceUnscoped } from "./service";

useTestEnvironment("postgres");

describe("finding a service", () => {
	beforeAll(async () => {
		await migrateDatabase();
	});

	afterAll(async () => {
		await closeDatabase();
	});

	it("finds a service within its own organization", async () => {
		const { ref, organizationId } = await createTestService("application");
		expect((await findService(ref, organizationId)).id).toBe(ref.id);
	});

	it("never drops the organization filter, even for an empty organization id", async () => {
		const application = await createTestService("application");
		const compose = await createTestService("compose");
		await expect(findService(application.ref, "")).rejects.toBeInstanceOf(NotFoundError);
		await expect(findService(compose.ref, "")).rejects.toBeInstanceOf(NotFoundError);
		await expect(findService(application.ref, compose.organizationId)).rejects.toBeInstanceOf(
			NotFoundError,
		);
	});

	it("finds a service of any organization only through the unscoped lookup", async () => {
		const { ref } = await createTestService("compose");
		expect((await findServiceUnscoped(ref)).id).toBe(ref.id);
		await expect(
			findServiceUnscoped({ type: "compose", id: "no-such-service" }),
		).rejects.toBeInstanceOf(NotFoundError);
	});
});
