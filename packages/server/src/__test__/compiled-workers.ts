/**
 * The workers-only process as operators run it (`pnpm --filter dokploy workers`): compiled by
 * scripts/build-workers.mjs and run by plain Node. Tests and the fault suite start this, not the
 * source under tsx, so that they prove what ships. Compiled once per calling process.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
let built = false;

/** The command that starts one workers process: `spawn(command, args, { cwd })`. */
export const compiledWorkers = () => {
	if (!built) {
		execFileSync(process.execPath, [path.join(serverDir, "scripts/build-workers.mjs")], {
			stdio: "inherit",
		});
		built = true;
	}
	return {
		command: process.execPath,
		args: [path.join(serverDir, "dist/workers.mjs")],
		cwd: serverDir,
	};
};
