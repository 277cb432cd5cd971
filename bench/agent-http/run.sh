#!/usr/bin/env bash
# Durable agent state changes per second over HTTP, with p50/p99 latency, on SQLite and on
# PostgreSQL, beside GET /health/live on the same server in the same run (the baseline: what
# the HTTP stack alone does on this machine).
# Usage: bench/agent-http/run.sh [seconds] [connections]   (SKIP_SQLITE=1: PostgreSQL only)
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/throwaway-postgres.sh
source scripts/bench-server.sh

seconds=${1:-10}
connections=${2:-32}
agents=512
work=$(mktemp -d /tmp/contact-bench.XXXXXX)
cleanup() {
  stop_api_server
  stop_throwaway_postgres "$work/pg"
  rm -rf "$work"
}
trap cleanup EXIT

command -v wrk >/dev/null || { apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
command -v curl >/dev/null || { apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl >/dev/null; }
dotnet build Api -c Release -v quiet -nologo >/dev/null

json_field() { sed -E "s/.*\"$1\":\"([^\"]*)\".*/\1/"; }

create_agents() {
  local base=$1 admin
  admin=$(curl -sf -X POST "$base/api/v1/auth/token" -H 'content-type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$bench_admin_password\"}" | json_field accessToken)
  seq 0 $((agents - 1)) | xargs -P 4 -I{} sh -c "
    curl -sf -o /dev/null -X PUT '$base/api/v1/agents/b{}' -H 'authorization: Bearer $admin' \
      -H 'content-type: application/json' -d '{\"name\":\"Bench {}\",\"password\":\"bench-pass-{}\"}' &&
    curl -sf -o /dev/null -X POST '$base/api/v1/agents/b{}/session' -H 'authorization: Bearer $admin'"
  echo "$admin"
}

percentile() { grep -E "^ +$1%" | awk '{print $2}'; }

bench_one() {
  local name=$1 count_changes=$2
  shift 2
  local port base admin before after
  port=$(free_port)
  base="http://127.0.0.1:$port"
  start_api_server "$port" "$work/server.log" "$@"
  admin=$(create_agents "$base")

  wrk -t1 -c"$connections" -d"${seconds}s" --latency "$base/health/live" >"$work/live.txt"
  before=$($count_changes)
  wrk -t1 -c"$connections" -d"${seconds}s" --latency -s bench/agent-http/states.lua "$base" -- "$admin" "$agents" >"$work/state.txt"
  after=$($count_changes)

  local errors changes
  errors=$(grep -E "Non-2xx|Socket errors" "$work/state.txt" || true)
  changes=$(( after - before ))
  printf '%s (%s connections, %s s, %s agents)\n' "$name" "$connections" "$seconds" "$agents"
  printf '  durable state changes/s (counted in the database): %8.0f   p50 %s  p99 %s\n' \
    "$(echo "$changes / $seconds" | bc -l)" "$(percentile 50 <"$work/state.txt")" "$(percentile 99 <"$work/state.txt")"
  printf '  PUT /state requests/s (wrk):                      %8s\n' "$(awk '/Requests\/sec/ {print $2}' "$work/state.txt")"
  printf '  baseline GET /health/live requests/s:             %8s   p50 %s  p99 %s\n' \
    "$(awk '/Requests\/sec/ {print $2}' "$work/live.txt")" "$(percentile 50 <"$work/live.txt")" "$(percentile 99 <"$work/live.txt")"
  [ -z "$errors" ] || printf '  errors: %s\n' "$errors"
  stop_api_server
}

sqlite_changes() {
  python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"select count(*) from grain_journal where kind='agent.state'\").fetchone()[0])" "$work/sqlite/contact.db"
}

postgres_changes() {
  psql -h 127.0.0.1 -p "$CONTACT_PG_PORT" -U postgres -d postgres -tAc "select count(*) from grain_journal where kind='agent.state'"
}

command -v bc >/dev/null || { apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bc >/dev/null; }
[ -n "${SKIP_SQLITE:-}" ] || bench_one "SQLite" sqlite_changes Contact__Storage=Sqlite "Contact__Sqlite__Path=$work/sqlite/contact.db"
start_throwaway_postgres "$work/pg" >/dev/null
bench_one "PostgreSQL" postgres_changes Contact__Storage=Postgres "ConnectionStrings__Contact=$CONTACT_TEST_POSTGRES"
