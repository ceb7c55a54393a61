/**
 * The database client: postgres.js when DATABASE_URL is set, otherwise an embedded, file-backed
 * PGlite. Both speak PostgreSQL and run the same migrations, so services see one API.
 */
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { pgliteDir } from "../lib/paths";
import { processSingleton } from "../lib/process-singleton";
import * as schema from "./schema";

export type Database = PostgresJsDatabase<typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** Anything that can run a query: the database itself or an open transaction. */
export type Executor = Database | Transaction;

export interface DatabaseHandle {
	db: Database;
	driver: "postgres" | "pglite";
	/** Runs a raw statement; on PostgreSQL as a prepared statement (see executePrepared). */
	executePrepared: (statement: SQL) => Promise<unknown>;
	close: () => Promise<void>;
}

const dialect = new PgDialect();

const openDatabase = (databaseUrl = process.env.DATABASE_URL): DatabaseHandle => {
	if (databaseUrl) {
		const client = postgres(databaseUrl, { max: 10, onnotice: () => {} });
		const db = drizzlePostgres(client, { schema });
		return {
			db,
			driver: "postgres",
			executePrepared: (statement) => {
				const query = dialect.sqlToQuery(statement);
				return client.unsafe(query.sql, query.params as never[], { prepare: true });
			},
			close: () => client.end({ timeout: 5 }),
		};
	}
	const dir = pgliteDir();
	if (!dir.startsWith("memory://")) mkdirSync(dir, { recursive: true });
	const client = new PGlite(dir);
	// The PGlite and postgres.js drizzle databases share the query-builder API; only their
	// result metadata types differ, which no service relies on.
	const db = drizzlePglite(client, { schema }) as unknown as Database;
	return {
		db,
		driver: "pglite",
		executePrepared: (statement) => db.execute(statement),
		close: () => client.close(),
	};
};

const handle = () => processSingleton("database", () => openDatabase());

/** The process-wide database. Opened on first use so that tests can set the environment first. */
export const getDatabase = () => handle().db;
export const databaseDriver = () => handle().driver;
/**
 * Runs a raw statement of the hot path (a delivery's attempt record). On PostgreSQL it is a named
 * prepared statement, parsed and planned once per connection instead of at every call: drizzle
 * prepares only queries given a name, and raw statements never. PGlite runs in this process,
 * where a parse costs little, so it runs the statement as it is.
 */
export const executePrepared = (statement: SQL) => handle().executePrepared(statement);
export const closeDatabase = async () => {
	const { forgetProcessSingleton } = await import("../lib/process-singleton");
	await handle().close();
	forgetProcessSingleton("database");
};
