import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { migrationsDir } from "../lib/paths";
import { databaseDriver, getDatabase } from "./client";

/** Applies the SQL migrations in `drizzle/` to whichever database this process uses. */
export const migrateDatabase = async (folder = migrationsDir()) => {
	const db = getDatabase();
	if (databaseDriver() === "pglite") {
		await migratePglite(db as unknown as PgliteDatabase, { migrationsFolder: folder });
	} else {
		await migratePostgres(db, { migrationsFolder: folder });
	}
};
