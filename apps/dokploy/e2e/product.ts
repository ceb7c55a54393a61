/**
 * Starts the real product for browser tests: server.ts (dashboard + workers) on a free port,
 * on a fresh embedded PGlite database (the default a user gets), with the demo seeded.
 * It serves the `next build` output, building first if there is none.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "@dokploy/server/__test__/free-port";
import { createRedisConnection } from "@dokploy/server/lib/redis";

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** A Redis database of its own, so the product's queues never meet other test files' jobs. */
const isolatedRedisUrl = (
	database: number,
	base = process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
) => {
	const url = new URL(base);
	url.pathname = `/${database}`;
	return url.toString();
};

export interface ProductOptions {
	/** PostgreSQL instead of the embedded PGlite, so that other processes can open it too. */
	databaseUrl?: string;
	/** The Redis database number the product uses (flushed first). */
	redisDatabase?: number;
}

export const admin = { email: "admin@e2e.test", password: "e2e-admin-password" };

export const startProduct = async (
	extraEnv: Record<string, string> = {},
	options: ProductOptions = {},
) => {
	if (!existsSync(path.join(appDir, ".next", "BUILD_ID"))) {
		execFileSync("pnpm", ["exec", "next", "build"], { cwd: appDir, stdio: "inherit" });
	}
	const port = await freePort();
	const dataDir = mkdtempSync(path.join(tmpdir(), "dokploy-e2e-"));
	const redisUrl = isolatedRedisUrl(options.redisDatabase ?? 9);
	const redis = createRedisConnection({}, redisUrl);
	await redis.flushdb();
	redis.disconnect();
	const env: NodeJS.ProcessEnv = {
		...process.env,
		NODE_ENV: "production",
		PORT: String(port),
		HOST: "127.0.0.1",
		DOKPLOY_DATA_DIR: dataDir,
		REDIS_URL: redisUrl,
		BETTER_AUTH_URL: `http://127.0.0.1:${port}`,
		DOKPLOY_ADMIN_EMAIL: admin.email,
		DOKPLOY_ADMIN_PASSWORD: admin.password,
		LOG_LEVEL: "warn",
		...extraEnv,
	};
	delete env.DATABASE_URL;
	delete env.PGLITE_DATA_DIR;
	if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
	delete env.BETTER_AUTH_SECRET;
	const child: ChildProcess = spawn(
		process.execPath,
		["--import", "tsx", path.join(appDir, "server", "server.ts")],
		{ cwd: appDir, env, stdio: ["ignore", "pipe", "pipe"] },
	);
	let output = "";
	child.stdout?.on("data", (chunk: Buffer) => {
		output += chunk.toString();
	});
	child.stderr?.on("data", (chunk: Buffer) => {
		output += chunk.toString();
	});
	const baseUrl = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 90_000;
	while (!output.includes("Dokploy is running at")) {
		if (child.exitCode !== null) throw new Error(`The product exited early:\n${output}`);
		if (Date.now() > deadline) throw new Error(`The product did not start in time:\n${output}`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	return {
		baseUrl,
		dataDir,
		/** The product's environment, for processes that must share its database and keys. */
		env,
		output: () => output,
		stop: async () => {
			if (child.exitCode !== null) return;
			const exited = new Promise((resolve) => child.once("exit", resolve));
			child.kill("SIGTERM");
			await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
			if (child.exitCode === null) child.kill("SIGKILL");
		},
	};
};
