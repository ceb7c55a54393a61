#!/usr/bin/env bash
# Runs one benchmark of bench/ (pnpm bench:<name>) against a private PostgreSQL database and a
# private Redis: with DATABASE_URL set, a fresh database is created on that server; otherwise a
# private cluster is started. With REDIS_URL set it is used as is (give it a db number of your
# own: the benchmark empties its queues there); otherwise a private redis-server is started.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
name="${1:?usage: scripts/bench.sh <deploy-overhead|latency|throughput|isolation|backlog>}"
[ -f "bench/$name.ts" ] || die "no benchmark bench/$name.ts"

# Alike by shape only with test.sh: the same lib.sh steps, but a bench also drops a database it
# made on a server it was given.
WORK="$(mktemp -d /tmp/dokploy-bench.XXXXXX)"
chmod 755 "$WORK"
# A database made on a server we were given is dropped afterwards; a private cluster just stops.
given_server="${DATABASE_URL:+${DATABASE_URL%/*}}"
cleanup() {
	if [ -n "$given_server" ] && [ -n "${DATABASE_URL:-}" ]; then
		node "$ROOT/scripts/drop-database.mjs" "$given_server/postgres" "${DATABASE_URL##*/}" || true
	fi
	stop_test_postgres
	stop_redis "$WORK/redis"
	rm -rf "$WORK"
}
trap cleanup EXIT

ensure_node
ensure_pnpm
ensure_test_postgres "$WORK/pg"
ensure_redis "$WORK/redis"
export DOKPLOY_DATA_DIR="$WORK/data"
node --import tsx "bench/$name.ts"
