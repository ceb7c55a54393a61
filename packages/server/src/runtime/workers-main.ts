/**
 * The workers-only process, without the dashboard: start more of these against the same
 * PostgreSQL and Redis to scale out (`pnpm --filter dokploy workers`, which runs it compiled,
 * see scripts/build-workers.mjs). PGlite is a single-process database, so this needs
 * DATABASE_URL.
 */
import { logger } from "../lib/logger";
import { startProcess } from "./start-process";

if (!process.env.DATABASE_URL) {
	console.error(
		"workers.ts needs DATABASE_URL: the embedded PGlite database cannot be shared between processes.",
	);
	process.exit(1);
}

const background = await startProcess();
console.log("Dokploy workers are running");

const shutdown = async (signal: string) => {
	logger.info({ signal }, "shutting down workers");
	await background.close();
	process.exit(0);
};
process.once("SIGINT", () => void shutdown("SIGINT"));
process.once("SIGTERM", () => void shutdown("SIGTERM"));
