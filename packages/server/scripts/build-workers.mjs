/**
 * Compiles the workers-only process (src/runtime/workers-main.ts) into one file,
 * dist/workers.mjs, that plain Node runs. Run from source under tsx, the process carries the
 * TypeScript loader (a second JavaScript thread with its own heap): about 45 MB more resident
 * memory for a process whose whole job is a small, steady working set. Our own code is
 * bundled; every npm package stays an import, resolved from this package's node_modules.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Bare imports of npm packages stay imports; relative imports are our code, bundled. */
const npmPackagesStayExternal = {
	name: "npm-packages-external",
	setup(builder) {
		builder.onResolve({ filter: /^[^./]/ }, (args) => ({ path: args.path, external: true }));
	},
};

await build({
	entryPoints: [path.join(root, "src/runtime/workers-main.ts")],
	outfile: path.join(root, "dist/workers.mjs"),
	bundle: true,
	platform: "node",
	format: "esm",
	target: "node20",
	sourcemap: true,
	logLevel: "warning",
	plugins: [npmPackagesStayExternal],
});
