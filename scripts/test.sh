#!/usr/bin/env bash
# The whole test suite: type check, lint, dead code (knip), and every test (unit, integration on
# real PostgreSQL and Redis, PGlite, the dashboard in real Chromium, and the documentation's
# snippets run against the product), with coverage.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

WORK="$(mktemp -d /tmp/dokploy-test.XXXXXX)"
chmod 755 "$WORK"
cleanup() {
	stop_test_postgres
	stop_redis "$WORK/redis"
	rm -rf "$WORK"
}
trap cleanup EXIT

ensure_node
ensure_pnpm
ensure_dependencies
ensure_test_postgres "$WORK/pg"
ensure_redis "$WORK/redis"
ensure_chromium
ensure_emoji_font
ensure_snippet_tools

say "Type check"
pnpm exec turbo run typecheck --output-logs=errors-only
# The benchmarks, scripts and test config belong to no package: the root tsconfig checks them.
pnpm exec tsc --noEmit -p tsconfig.json
say "Lint (Biome)"
pnpm exec biome ci .
say "Dead code (knip)"
pnpm exec knip
say "Build the dashboard (the browser test serves it)"
pnpm --filter dokploy build >"$WORK/next-build.log" 2>&1 || { cat "$WORK/next-build.log"; die "next build failed"; }
say "Tests"
status=0
NODE_ENV=test pnpm exec vitest run --coverage --reporter=default --reporter=json \
	--outputFile.json="$WORK/results.json" "$@" || status=$?
node scripts/test-summary.mjs "$WORK/results.json" coverage/coverage-summary.json
say "Fault suite, small (pnpm test:faults --full runs the 10,000-event version)"
FAULTS_OUTPUT="$WORK/faults.json" node --import tsx packages/server/src/faults/run.ts || status=$?
exit "$status"
