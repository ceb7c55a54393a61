/**
 * Points this test file's process at a test database and a private data directory. Call at the
 * top of a test file, before anything touches the database: the client opens lazily.
 *
 * - "postgres": DATABASE_URL (the test command provides a fresh database).
 * - "pglite": an in-memory PGlite, the embedded default of the product.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export type TestDriver = "postgres" | "pglite";

export const useTestEnvironment = (driver: TestDriver) => {
	process.env.DOKPLOY_DATA_DIR = mkdtempSync(path.join(tmpdir(), "dokploy-test-"));
	process.env.BETTER_AUTH_SECRET ??= "test-secret-that-is-long-enough-for-better-auth";
	if (driver === "pglite") {
		delete process.env.DATABASE_URL;
		process.env.PGLITE_DATA_DIR = "memory://";
	} else if (!process.env.DATABASE_URL) {
		throw new Error(
			"These tests need PostgreSQL: set DATABASE_URL, or run them through `pnpm test`, which starts one.",
		);
	}
	return { dataDir: process.env.DOKPLOY_DATA_DIR };
};
