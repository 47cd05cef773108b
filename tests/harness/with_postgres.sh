#!/usr/bin/env bash
# with_postgres.sh CMD...: runs CMD with a throwaway PostgreSQL 15 cluster.
#
# The cluster lives in a temporary folder, listens on 127.0.0.1 on a free port (and on a Unix
# socket inside that folder only), runs with fsync=on and synchronous_commit=on, and trusts
# loopback connections. CMD sees
#   PCMD_TEST_PG_URL=postgresql://postgres@127.0.0.1:PORT/postgres
# (superuser `postgres`; tests create and drop their own databases in it). The cluster is stopped
# and its folder removed when CMD ends, fails or the script is interrupted; the exit status is
# CMD's.
#
# PostgreSQL refuses to run as root, so under root the cluster runs as the `postgres` system user
# that the Debian package creates (`runuser -u postgres --`); CMD itself runs as the caller.
#
# Nesting: when PCMD_TEST_PG_URL is already set and answers (e.g. `make test` wraps all of ctest in
# this script, and the PostgreSQL tests wrap themselves again), CMD simply runs against it.
#
# Environment: PCMD_PG_BIN overrides the binaries folder (default /usr/lib/postgresql/15/bin);
# PCMD_PG_KEEP=1 keeps the folder (log included) for a post-mortem.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 CMD [ARG...]" >&2
  exit 2
fi

pg_bin="${PCMD_PG_BIN:-/usr/lib/postgresql/15/bin}"

say() { echo "with_postgres: $*" >&2; }

if [ -n "${PCMD_TEST_PG_URL:-}" ] && command -v psql >/dev/null 2>&1 &&
   psql "$PCMD_TEST_PG_URL" -XAtqc 'SELECT 1' >/dev/null 2>&1; then
  exec "$@"
fi

for tool in initdb pg_ctl postgres; do
  if [ ! -x "$pg_bin/$tool" ]; then
    say "FATAL: $pg_bin/$tool is missing; PostgreSQL 15 is needed for the PostgreSQL tests." \
        "Install it with 'scripts/setup.sh --test' (Debian package postgresql-15)."
    exit 2
  fi
done
if ! command -v psql >/dev/null 2>&1; then
  say "FATAL: psql is missing (Debian package postgresql-client-15)."
  exit 2
fi

# Who runs the cluster: the caller, or `postgres` when the caller is root.
as_pg=()
if [ "$(id -u)" = 0 ]; then
  if ! id postgres >/dev/null 2>&1; then
    say "FATAL: running as root and there is no 'postgres' system user to run the cluster as."
    exit 2
  fi
  as_pg=(runuser -u postgres --)
fi

base="$(mktemp -d "${TMPDIR:-/tmp}/pcmd-pg.XXXXXX")"
chmod 700 "$base"
if [ ${#as_pg[@]} -gt 0 ]; then chown postgres: "$base"; fi
data="$base/data"
log="$base/postgres.log"

cluster_started=0
cleanup() {
  local rc=$?
  trap - EXIT INT TERM HUP
  if [ "$cluster_started" = 1 ]; then
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$data" -m fast -w -t 30 stop >/dev/null 2>&1 ||
      "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$data" -m immediate -w -t 10 stop >/dev/null 2>&1 || true
  fi
  if [ "${PCMD_PG_KEEP:-0}" = 1 ]; then
    say "kept $base"
  else
    rm -rf "$base"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

if ! "${as_pg[@]}" "$pg_bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
       >"$base/initdb.log" 2>&1; then
  say "FATAL: initdb failed:"
  cat "$base/initdb.log" >&2
  exit 2
fi

# A port can be taken between free_port and the server's bind: try a few.
port=""
for attempt in 1 2 3 4 5; do
  candidate="$(free_port)"
  if "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$data" -l "$log" -w -t 60 \
       -o "-c port=$candidate -c listen_addresses=127.0.0.1 -c unix_socket_directories='$base' \
           -c fsync=on -c synchronous_commit=on -c full_page_writes=on -c max_connections=200 \
           -c shared_buffers=64MB" \
       start >/dev/null 2>&1; then
    port="$candidate"
    cluster_started=1
    break
  fi
  say "start on port $candidate failed (attempt $attempt)"
done
if [ -z "$port" ]; then
  say "FATAL: the cluster did not start; its log:"
  tail -n 40 "$log" >&2 || true
  exit 2
fi

export PCMD_TEST_PG_URL="postgresql://postgres@127.0.0.1:$port/postgres"
say "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') up at $PCMD_TEST_PG_URL"

# CMD runs in the background so that a signal to this script still reaches the trap.
set +e
"$@" &
child=$!
trap 'kill -TERM "$child" 2>/dev/null; wait "$child"; exit 143' TERM
trap 'kill -INT "$child" 2>/dev/null; wait "$child"; exit 130' INT
wait "$child"
rc=$?
set -e
exit "$rc"
