#!/usr/bin/env bash
# 1,000 concurrent chats with messages both ways, on SQLite and on PostgreSQL: messages per second
# persisted and delivered on the SSE streams, and p50/p99 from POST to delivery. Runs at the offered
# load given (default 5,000 messages/s, the target) and flat out (1,000 messages always in flight),
# each for this checkout (Orleans) and, as the baseline, for the last commit on the home-made grain
# kernel, built from git, in the same run. Measuring starts after a warm-up under the same load
# (default 10 s): a fresh process runs partly unoptimised code at first.
# Usage: bench/chat-load.sh [messages per second] [seconds] [warm-up seconds]   (SKIP_SQLITE=1: PostgreSQL only)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/throwaway-postgres.sh
source scripts/bench-server.sh

rate=${1:-5000}
seconds=${2:-10}
warmup=${3:-10}
work=$(mktemp -d /tmp/contact-chat-bench.XXXXXX)
cleanup() {
  stop_api_server
  stop_throwaway_postgres "$work/pg"
  remove_kernel "$work/kernel"
  rm -rf "$work"
}
trap cleanup EXIT

command -v curl >/dev/null || { apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl >/dev/null; }
dotnet build Api -c Release -v quiet -nologo >/dev/null
dotnet build bench/ChatLoad -c Release -v quiet -nologo >/dev/null
build_kernel "$work/kernel"
orleans_api_dll=$api_dll

# run NAME LOAD SETTINGS...: the kernel's server, then this checkout's, each on a fresh database.
run() {
  local name=$1 load=$2
  shift 2
  for build in kernel orleans; do
    api_dll=$orleans_api_dll
    [ $build = kernel ] && api_dll=$kernel_api_dll
    [ -z "${pg_database:-}" ] || psql -h 127.0.0.1 -p "$CONTACT_PG_PORT" -U postgres -qc "DROP DATABASE IF EXISTS $pg_database" -c "CREATE DATABASE $pg_database" >/dev/null
    run_one "$name, $([ $build = kernel ] && echo "grain kernel ($kernel_commit)" || echo "Orleans 10.4.2")" "$load" "$@"
  done
}

run_one() {
  local name=$1 load=$2
  shift 2
  local port
  port=$(free_port)
  rm -rf "$work/sqlite"
  start_api_server "$port" "$work/server.log" "$@"
  echo "$name"
  dotnet bench/ChatLoad/bin/Release/net10.0/Contact.ChatLoad.dll "http://127.0.0.1:$port" "$bench_admin_password" 1000 50 "$seconds" "$load" "$warmup" | sed 's/^/  /'
  stop_api_server
}

if [ -z "${SKIP_SQLITE:-}" ]; then
  run "SQLite, target load" "$rate" Contact__Storage=Sqlite "Contact__Sqlite__Path=$work/sqlite/contact.db"
  run "SQLite, flat out" 0 Contact__Storage=Sqlite "Contact__Sqlite__Path=$work/sqlite/contact.db"
fi
start_throwaway_postgres "$work/pg" >/dev/null
pg_database=chat
for load in "$rate" 0; do
  run "PostgreSQL, $([ "$load" = 0 ] && echo "flat out" || echo "target load")" "$load" \
    Contact__Storage=Postgres "ConnectionStrings__Contact=Host=127.0.0.1;Port=$CONTACT_PG_PORT;Username=postgres;Database=chat"
done
