import path from "node:path";
import { fileURLToPath } from "node:url";
import type { NextConfig } from "next";

const appDir = path.dirname(fileURLToPath(import.meta.url));
const monorepoRoot = path.resolve(appDir, "../..");

/**
 * No `i18n` block on purpose: Next's i18n routing puts the locale in the URL, and this
 * dashboard keeps one URL space, reading the locale from a cookie (lib/locale.ts).
 */
const nextConfig: NextConfig = {
	reactStrictMode: true,
	poweredByHeader: false,
	// @dokploy/server is consumed as TypeScript source.
	transpilePackages: ["@dokploy/server"],
	// Native or WASM-heavy packages are loaded by Node at run time instead of being bundled.
	serverExternalPackages: ["@electric-sql/pglite", "pino", "bullmq", "ioredis", "postgres"],
	// The app imports workspace sources from outside apps/dokploy.
	turbopack: { root: monorepoRoot },
	outputFileTracingRoot: monorepoRoot,
};

export default nextConfig;
