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

if [ "${DOKPLOY_SKIP_BUILD:-}" != "1" ]; then
	say "Building the dashboard (next build)"
	pnpm --filter dokploy build
fi
say "Starting Dokploy"
export NODE_ENV=production
exec pnpm --filter dokploy start
