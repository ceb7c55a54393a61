/**
 * Where the product keeps its files. Everything lives under one data directory
 * (DOKPLOY_DATA_DIR, default `<repository>/.data`) unless a path is set on its own. These are
 * run-time paths, so Turbopack is told not to trace them into the build.
 */
import { existsSync } from "node:fs";
import path from "node:path";

const findRepositoryRoot = (start: string) => {
	let dir = start;
	while (true) {
		if (existsSync(path.join(dir, "pnpm-workspace.yaml"))) return dir;
		const parent = path.dirname(dir);
		if (parent === dir) return start;
		dir = parent;
	}
};

export const repositoryRoot = () => findRepositoryRoot(process.cwd());

export const dataDir = () =>
	path.resolve(
		/*turbopackIgnore: true*/ process.env.DOKPLOY_DATA_DIR ?? path.join(repositoryRoot(), ".data"),
	);

/** PGlite's directory, or `memory://` for a throw-away database. */
export const pgliteDir = () => process.env.PGLITE_DATA_DIR ?? path.join(dataDir(), "db");

export const logsDir = () =>
	path.resolve(
		/*turbopackIgnore: true*/ process.env.DOKPLOY_LOGS_DIR ?? path.join(dataDir(), "logs"),
	);

export const buildsDir = () =>
	path.resolve(
		/*turbopackIgnore: true*/ process.env.DOKPLOY_BUILDS_DIR ?? path.join(dataDir(), "builds"),
	);

export const migrationsDir = () =>
	path.resolve(
		/*turbopackIgnore: true*/ process.env.DOKPLOY_MIGRATIONS_DIR ??
			path.join(repositoryRoot(), "drizzle"),
	);
