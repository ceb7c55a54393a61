#!/usr/bin/env bash
# Runs the product: the dashboard and the workers in one process, on the embedded PGlite
# database unless DATABASE_URL is set, with REDIS_URL or a local redis-server.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

export DOKPLOY_DATA_DIR="${DOKPLOY_DATA_DIR:-$ROOT/.data}"
mkdir -p "$DOKPLOY_DATA_DIR"

ensure_node
ensure_pnpm
ensure_dependencies
ensure_redis "$DOKPLOY_DATA_DIR/redis" "${DOKPLOY_REDIS_PORT:-}"
# A redis-server started here serves this run only: stop it however the run ends, including
# a start-up that fails (a bad setting, a failed build).
if [ -n "$REDIS_STARTED_HERE" ]; then
	trap 'stop_redis "$DOKPLOY_DATA_DIR/redis"' EXIT
fi

if [ "${DOKPLOY_SKIP_BUILD:-}" != "1" ]; then
	say "Building the dashboard (next build)"
	pnpm --filter dokploy build
fi
say "Starting Dokploy"
export NODE_ENV=production
# Not exec: the EXIT trap above must run when the product stops. The product runs in a process
# group of its own (set -m), so Ctrl-C reaches this script only; it stops the whole group
# (pnpm, tsx, node) with SIGTERM, the product shuts down cleanly, then the EXIT trap runs.
set -m
pnpm --filter dokploy start &
product=$!
set +m
trap 'kill -TERM -- "-$product" 2>/dev/null' INT TERM
status=0
wait "$product" || status=$?
# A signal interrupts the first wait; wait again for the product's own shutdown.
if kill -0 "$product" 2>/dev/null; then wait "$product" || status=$?; fi
exit "$status"
