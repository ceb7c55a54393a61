/**
 * scripts/run.sh as a user runs it: when the product fails to start, nothing it started is
 * left running.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "@dokploy/server/__test__/free-port";
import { describe, expect, it } from "vitest";
import { portAnswers } from "./child-output";

const runScript = path.resolve(
	path.dirname(fileURLToPath(import.meta.url)),
	"../../../scripts/run.sh",
);

const runToExit = (env: NodeJS.ProcessEnv) =>
	new Promise<{ code: number | null; output: string }>((resolve) => {
		const child = spawn("bash", [runScript], { env, stdio: ["ignore", "pipe", "pipe"] });
		let output = "";
		child.stdout.on("data", (chunk: Buffer) => {
			output += chunk.toString();
		});
		child.stderr.on("data", (chunk: Buffer) => {
			output += chunk.toString();
		});
		child.once("exit", (code) => resolve({ code, output }));
	});

describe("scripts/run.sh", () => {
	it("stops the redis-server it started when the product fails to start", async () => {
		const dataDir = mkdtempSync(path.join(tmpdir(), "dokploy-run-"));
		const redisPort = await freePort();
		const env: NodeJS.ProcessEnv = {
			...process.env,
			DOKPLOY_DATA_DIR: dataDir,
			DOKPLOY_REDIS_PORT: String(redisPort),
			DOKPLOY_SKIP_BUILD: "1",
			PORT: String(await freePort()),
			HOST: "127.0.0.1",
			WEBHOOK_ALLOWED_HOSTS: "*.example.com",
		};
		delete env.REDIS_URL;
		delete env.DATABASE_URL;
		const pidFile = path.join(dataDir, "redis", "redis.pid");
		try {
			const { code, output } = await runToExit(env);
			expect(code, output).not.toBe(0);
			expect(output).toContain(`Redis running at redis://127.0.0.1:${redisPort}`);
			expect(output).toContain('WEBHOOK_ALLOWED_HOSTS entry "*.example.com"');
			expect(await portAnswers(redisPort)).toBe(false);
		} finally {
			// Before the fix the server was left behind: stop it, so the test leaks nothing.
			if (existsSync(pidFile)) {
				try {
					process.kill(Number(readFileSync(pidFile, "utf8")), "SIGTERM");
				} catch {}
			}
		}
	}, 180_000);
});
