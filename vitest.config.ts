import { defineConfig } from "vitest/config";

// One test run for the whole monorepo. Integration suites share one PostgreSQL and one Redis,
// so files run one at a time within a project; each test creates its own data.
export default defineConfig({
	// The dashboard's `@/` imports, and JSX left as is by its tsconfig ("preserve") for Next.
	resolve: { tsconfigPaths: true },
	oxc: { jsx: { runtime: "automatic" } },
	test: {
		fileParallelism: false,
		testTimeout: 30_000,
		hookTimeout: 60_000,
		coverage: {
			provider: "v8",
			include: ["packages/server/src/**/*.ts"],
			// The fault suite runs as its own command (pnpm test:faults), not inside vitest.
			exclude: ["**/*.test.ts", "**/__test__/**", "**/*-suite.ts", "packages/server/src/faults/**"],
			reporter: ["text-summary", "json-summary"],
			// At least 80% of the webhook code, and every line of the two safety-critical files
			// (the retry decisions and the SSRF guard).
			thresholds: {
				"packages/server/src/webhooks/**/*.ts": { lines: 80 },
				"packages/server/src/services/webhook*.ts": { lines: 80 },
				"packages/server/src/webhooks/retry-policy.ts": { lines: 100 },
				"packages/server/src/webhooks/url-guard.ts": { lines: 100 },
				"packages/server/src/webhooks/url-allowlist.ts": { lines: 100 },
				"packages/server/src/webhooks/address-rules.ts": { lines: 100 },
			},
		},
		projects: [
			{
				extends: true,
				test: {
					name: "server",
					environment: "node",
					include: ["packages/server/src/**/*.test.ts"],
				},
			},
			{
				extends: true,
				test: {
					name: "dokploy",
					environment: "node",
					include: ["apps/dokploy/**/*.test.ts"],
					exclude: ["**/node_modules/**", "apps/dokploy/.next/**"],
				},
			},
			{
				extends: true,
				test: {
					name: "dokploy-dom",
					environment: "jsdom",
					include: ["apps/dokploy/**/*.test.tsx"],
					exclude: ["**/node_modules/**", "apps/dokploy/.next/**"],
				},
			},
		],
	},
});
