#!/usr/bin/env bash
# Redis and PostgreSQL on 127.0.0.1 for the distributed-audit tests (test/distributed/).
#
#   source scripts/ci-services.sh        # in .ci/run: installs if missing, starts, exports the URLs
#   bash scripts/ci-services.sh          # by hand: same, then prints the export lines
#   bash scripts/ci-services.sh stop     # stop both and delete their data
#
# Idempotent: packages already installed are not installed again, servers already
# answering on their ports are reused. Both run from a throwaway data folder on ports
# of their own (not the packages' system services), so nothing else on the machine is
# touched. Exports POSTGUARD_TEST_REDIS_URL and POSTGUARD_TEST_POSTGRES_URL. When they
# cannot be started it says so loudly; under CI (CI=true) it fails, because there the
# tests must run.

_pg_services_main() {
  local redis_port="${POSTGUARD_TEST_REDIS_PORT:-16379}"
  local pg_port="${POSTGUARD_TEST_POSTGRES_PORT:-15432}"
  local root="${POSTGUARD_SERVICES_DIR:-${TMPDIR:-/tmp}/postguard-ci-services}"
  local redis_url="redis://127.0.0.1:${redis_port}"
  local pg_url="postgres://postguard:postguard@127.0.0.1:${pg_port}/postguard"

  local pg_bin=""
  _pg_find_bin() {
    pg_bin=""
    local d
    for d in /usr/lib/postgresql/*/bin; do
      [ -x "$d/initdb" ] && pg_bin="$d"
    done
  }

  # Run a command as the PostgreSQL owner: postgres refuses to run as root.
  _pg_as_owner() {
    if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
  }

  if [ "${1:-}" = "stop" ]; then
    _pg_find_bin
    command -v redis-cli >/dev/null && redis-cli -h 127.0.0.1 -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
    [ -n "$pg_bin" ] && [ -d "$root/pg" ] && _pg_as_owner "$pg_bin/pg_ctl" -D "$root/pg" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$root"
    echo "ci-services: stopped Redis :$redis_port and PostgreSQL :$pg_port"
    return 0
  fi

  _pg_find_bin
  if ! command -v redis-server >/dev/null || [ -z "$pg_bin" ]; then
    if [ "$(id -u)" != "0" ]; then
      echo "ci-services: redis-server or PostgreSQL is missing and installing needs root" >&2
      return 1
    fi
    echo "ci-services: installing redis-server and postgresql from Debian's packages"
    # Another apt-get may hold the lock for a while (a session installing something else).
    apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null || return 1
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq redis-server postgresql >/dev/null || return 1
    _pg_find_bin
    [ -n "$pg_bin" ] || { echo "ci-services: PostgreSQL installed but initdb not found" >&2; return 1; }
  fi

  mkdir -p "$root"
  chmod 755 "$root"

  # Redis: no persistence, loopback only, its own port.
  if ! redis-cli -h 127.0.0.1 -p "$redis_port" ping >/dev/null 2>&1; then
    mkdir -p "$root/redis"
    redis-server --bind 127.0.0.1 --port "$redis_port" --dir "$root/redis" --save "" --appendonly no \
      --daemonize yes --logfile "$root/redis/redis.log" --pidfile "$root/redis/redis.pid" >/dev/null || return 1
    local i
    for i in $(seq 1 50); do
      redis-cli -h 127.0.0.1 -p "$redis_port" ping >/dev/null 2>&1 && break
      sleep 0.1
    done
    redis-cli -h 127.0.0.1 -p "$redis_port" ping >/dev/null 2>&1 || { echo "ci-services: Redis did not start (see $root/redis/redis.log)" >&2; return 1; }
  fi

  # PostgreSQL: a throwaway cluster, fsync off (test data), socket in its own folder.
  if ! "$pg_bin/pg_isready" -h 127.0.0.1 -p "$pg_port" -q; then
    if [ ! -f "$root/pg/PG_VERSION" ]; then
      rm -rf "$root/pg"
      mkdir -p "$root/pg"
      [ "$(id -u)" = "0" ] && chown postgres: "$root/pg"
      _pg_as_owner "$pg_bin/initdb" -D "$root/pg" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$root/initdb.log" 2>&1 \
        || { echo "ci-services: initdb failed (see $root/initdb.log)" >&2; return 1; }
    fi
    _pg_as_owner "$pg_bin/pg_ctl" -D "$root/pg" -l "$root/pg/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $root/pg -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null || { echo "ci-services: PostgreSQL did not start (see $root/pg/server.log)" >&2; return 1; }
  fi
  local psql=("$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA)
  if [ "$("${psql[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname = 'postguard'")" != "1" ]; then
    "${psql[@]}" -c "CREATE ROLE postguard LOGIN PASSWORD 'postguard' CREATEDB" >/dev/null || return 1
  fi
  if [ "$("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = 'postguard'")" != "1" ]; then
    "${psql[@]}" -c "CREATE DATABASE postguard OWNER postguard" >/dev/null || return 1
  fi

  export POSTGUARD_TEST_REDIS_URL="$redis_url"
  export POSTGUARD_TEST_POSTGRES_URL="$pg_url"
  echo "ci-services: Redis at $redis_url, PostgreSQL at $pg_url"
}

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
  # Sourced (.ci/run): export into the caller; fail it only under CI.
  if ! _pg_services_main "$@"; then
    echo "ci-services: ************************************************************" >&2
    echo "ci-services: Redis/PostgreSQL could not be started; the distributed tests" >&2
    echo "ci-services: will be SKIPPED (under CI they must run, so this fails)." >&2
    echo "ci-services: ************************************************************" >&2
    if [ "${CI:-}" = "true" ]; then return 1; fi
  fi
else
  set -uo pipefail
  _pg_services_main "$@" || exit 1
  if [ "${1:-}" != "stop" ]; then
    echo "export POSTGUARD_TEST_REDIS_URL=$POSTGUARD_TEST_REDIS_URL"
    echo "export POSTGUARD_TEST_POSTGRES_URL=$POSTGUARD_TEST_POSTGRES_URL"
  fi
fi
