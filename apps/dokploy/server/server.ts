/**
 * The product's process: the dashboard (Next.js, built by `next build`) and the workers, in one
 * process so that the embedded PGlite database can serve both. With PostgreSQL, more worker
 * processes can be added with `pnpm --filter dokploy workers` (runtime/workers-main.ts).
 */
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { logger } from "@dokploy/server/lib/logger";
import { startProcess } from "@dokploy/server/runtime/start-process";
import { seedDemoIfEmpty } from "@dokploy/server/seed/demo";
import next from "next";

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "0.0.0.0";

const main = async () => {
	const background = await startProcess();
	if (process.env.DOKPLOY_SEED_DEMO !== "false") {
		const seeded = await seedDemoIfEmpty();
		if (seeded?.passwordFile) {
			console.log(
				`\nDemo organization created. Sign in as ${seeded.email} / ${seeded.password}\n` +
					`This password is shown once; it is kept in ${seeded.passwordFile} (readable by this user only).\n`,
			);
		} else if (seeded) {
			console.log(
				`\nDemo organization created. Sign in as ${seeded.email} with DOKPLOY_ADMIN_PASSWORD.\n`,
			);
		}
	}
	const app = next({ dev: process.env.NODE_ENV === "development", dir: appDir, port, hostname });
	await app.prepare();
	const handle = app.getRequestHandler();
	const server = createServer((request, response) => handle(request, response));
	server.listen(port, hostname, () => {
		const shown = hostname === "0.0.0.0" ? "localhost" : hostname;
		console.log(`Dokploy is running at http://${shown}:${port}`);
	});

	const shutdown = async (signal: string) => {
		logger.info({ signal }, "shutting down");
		server.close();
		await background.close().catch((error: unknown) => logger.error({ err: error }, "shutdown"));
		process.exit(0);
	};
	process.once("SIGINT", () => void shutdown("SIGINT"));
	process.once("SIGTERM", () => void shutdown("SIGTERM"));
};

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
