#!/usr/bin/env bash
# Shared set-up steps for scripts/run.sh, scripts/test.sh and .ci/run: each makes sure one thing
# the product or the tests need is there, installing it where it is missing and we are root.
set -euo pipefail

# This machine talks to nothing but its package registries: no telemetry from Next.js or turbo.
export NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PNPM_VERSION="10.34.9"

say() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31mError:\033[0m %s\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" = "0" ]; }

apt_install() {
	is_root || return 1
	command -v apt-get >/dev/null || return 1
	if [ -z "${DOKPLOY_APT_UPDATED:-}" ]; then
		apt-get update -qq >/dev/null 2>&1 || true
		export DOKPLOY_APT_UPDATED=1
	fi
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

free_port() {
	node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

ensure_node() {
	command -v node >/dev/null || die "Node.js 20 or newer is needed: https://nodejs.org"
	local major
	major="$(node -p 'process.versions.node.split(".")[0]')"
	[ "$major" -ge 20 ] || die "Node.js 20 or newer is needed (found $(node --version))"
}

ensure_pnpm() {
	if command -v pnpm >/dev/null && [ "$(pnpm --version)" = "$PNPM_VERSION" ]; then return; fi
	say "Installing pnpm $PNPM_VERSION"
	npm install -g "pnpm@$PNPM_VERSION" >/dev/null 2>&1 ||
		die "Could not install pnpm; run: npm install -g pnpm@$PNPM_VERSION"
}

ensure_dependencies() {
	say "Installing dependencies (pnpm install)"
	(cd "$ROOT" && pnpm install --frozen-lockfile --prefer-offline --reporter=silent)
}

# Sets REDIS_URL. Uses the given one, else a private redis-server on a free port (so tests may
# flush it freely and the product never touches someone else's data), installing Debian's
# package where it is missing. REDIS_STARTED_HERE is set when this call started the server.
REDIS_STARTED_HERE=""
ensure_redis() {
	if [ -n "${REDIS_URL:-}" ]; then
		say "Using Redis at $REDIS_URL"
		return
	fi
	if ! command -v redis-server >/dev/null; then
		say "Installing redis-server"
		apt_install redis-server ||
			die "Redis is needed. Install it (Debian: apt-get install redis-server) or set REDIS_URL=redis://host:6379"
	fi
	local dir="$1" port="${2:-}"
	[ -n "$port" ] || port="$(free_port)"
	mkdir -p "$dir"
	if [ -f "$dir/redis.pid" ] && kill -0 "$(cat "$dir/redis.pid")" 2>/dev/null; then
		port="$(cat "$dir/redis.port")"
	else
		redis-server --daemonize yes --port "$port" --bind 127.0.0.1 --dir "$dir" \
			--pidfile "$dir/redis.pid" --logfile "$dir/redis.log" --save "" --appendonly yes >/dev/null
		echo "$port" >"$dir/redis.port"
		REDIS_STARTED_HERE=1
		for _ in $(seq 1 50); do port_open 127.0.0.1 "$port" && break; sleep 0.1; done
	fi
	export REDIS_URL="redis://127.0.0.1:$port"
	say "Redis running at $REDIS_URL (data in $dir)"
}

# Stops the redis-server of that directory and waits (up to 5 s) until it has exited.
stop_redis() {
	local dir="$1" pid
	[ -f "$dir/redis.pid" ] || return 0
	pid="$(cat "$dir/redis.pid")"
	kill "$pid" 2>/dev/null || return 0
	for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
}

pg_bin_dir() {
	local dir
	for dir in /usr/lib/postgresql/*/bin; do
		[ -x "$dir/initdb" ] && { echo "$dir"; return; }
	done
	command -v initdb >/dev/null && dirname "$(command -v initdb)"
}

# Sets DATABASE_URL to a fresh, empty test database. With DATABASE_URL given, a new database
# is created on that server; otherwise a private trust-auth cluster is started on a free port.
ensure_test_postgres() {
	local dir="$1" name="dokploy_test_$$"
	if [ -n "${DATABASE_URL:-}" ]; then
		local server="${DATABASE_URL%/*}"
		node "$ROOT/scripts/create-database.mjs" "$server/postgres" "$name"
		export DATABASE_URL="$server/$name"
		say "Using PostgreSQL database $DATABASE_URL"
		return
	fi
	local bin
	bin="$(pg_bin_dir || true)"
	if [ -z "$bin" ]; then
		say "Installing PostgreSQL"
		apt_install postgresql || die "PostgreSQL is needed for the tests. Install it or set DATABASE_URL."
		bin="$(pg_bin_dir)"
	fi
	local port
	port="$(free_port)"
	rm -rf "$dir" && mkdir -p "$dir"
	local as=()
	if is_root; then
		id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
		chown postgres "$dir"
		as=(runuser -u postgres --)
	fi
	"${as[@]}" "$bin/initdb" -D "$dir/data" -A trust -U postgres >"$dir/initdb.log" 2>&1 ||
		die "initdb failed; see $dir/initdb.log"
	"${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/pg.log" -w \
		-o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null ||
		die "PostgreSQL did not start; see $dir/pg.log"
	export DOKPLOY_TEST_PG_DIR="$dir" DOKPLOY_TEST_PG_BIN="$bin"
	node "$ROOT/scripts/create-database.mjs" "postgres://postgres@127.0.0.1:$port/postgres" "$name"
	export DATABASE_URL="postgres://postgres@127.0.0.1:$port/$name"
	say "PostgreSQL test cluster at $DATABASE_URL"
}

stop_test_postgres() {
	[ -n "${DOKPLOY_TEST_PG_DIR:-}" ] || return 0
	local as=()
	is_root && as=(runuser -u postgres --)
	"${as[@]}" "$DOKPLOY_TEST_PG_BIN/pg_ctl" -D "$DOKPLOY_TEST_PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
}

# Sets CHROMIUM_PATH for the browser tests, installing Debian's chromium where it is missing.
ensure_chromium() {
	if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then return; fi
	local candidate
	for candidate in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
		[ -x "$candidate" ] && { export CHROMIUM_PATH="$candidate"; return; }
	done
	say "Installing Chromium (Debian package) for the browser tests"
	apt_install chromium || die "Chromium is needed for the browser tests: install it or set CHROMIUM_PATH"
	export CHROMIUM_PATH=/usr/bin/chromium
}

# The screenshots (the docs' images among them) show the Slack template's emoji: without a
# colour emoji font Chromium draws empty boxes. Installed where missing; its absence is no error.
ensure_emoji_font() {
	if command -v fc-list >/dev/null && fc-list | grep -qi emoji; then return; fi
	apt_install fonts-noto-color-emoji || say "No emoji font: screenshots will show boxes for emoji"
}

# The documentation's snippets run in the tests: a Python receiver (standard library only) and
# an openssl check. Installs Debian's packages where they are missing.
ensure_snippet_tools() {
	local missing=()
	command -v python3 >/dev/null || missing+=(python3)
	command -v openssl >/dev/null || missing+=(openssl)
	[ "${#missing[@]}" -eq 0 ] && return
	say "Installing ${missing[*]} for the documentation's snippets"
	apt_install "${missing[@]}" ||
		die "The documentation's tests need ${missing[*]}: install them (Debian: apt-get install ${missing[*]})"
}
