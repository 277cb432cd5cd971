#!/usr/bin/env bash
# Durable agent state changes per second over HTTP, with p50/p99 latency, on SQLite and on
# PostgreSQL, for this checkout (Orleans) and for the last commit on the home-made grain kernel,
# built from git, alternately in the same run; GET /health/live on the same server is the HTTP
# stack alone.
# Usage: bench/agent-http/run.sh [seconds] [connections] [warm-up seconds] [rounds]   (SKIP_SQLITE=1: PostgreSQL only)
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/throwaway-postgres.sh
source scripts/bench-server.sh

seconds=${1:-10}
connections=${2:-32}
warmup=${3:-5}
rounds=${4:-2}
agents=512
work=$(mktemp -d /tmp/contact-bench.XXXXXX)
cleanup() {
  stop_api_server
  stop_throwaway_postgres "$work/pg"
  remove_kernel "$work/kernel"
  rm -rf "$work"
}
trap cleanup EXIT

for tool in wrk curl bc; do
  command -v $tool >/dev/null || { apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $tool >/dev/null; }
done
dotnet build Api -c Release -v quiet -nologo >/dev/null
build_kernel "$work/kernel"
orleans_api_dll=$api_dll

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

# bench_one NAME DLL COUNT-FUNCTION SETTINGS...: one server, its health baseline and its state changes.
bench_one() {
  local name=$1 dll=$2 count_changes=$3
  shift 3
  local port base admin before after
  port=$(free_port)
  base="http://127.0.0.1:$port"
  api_dll=$dll start_api_server "$port" "$work/server.log" "$@"
  admin=$(create_agents "$base")

  wrk -t1 -c"$connections" -d"${seconds}s" --latency "$base/health/live" >"$work/live.txt"
  # Warm-up under the same load, not counted: the tiered JIT recompiles the hot paths in the first seconds.
  wrk -t1 -c"$connections" -d"${warmup}s" -s bench/agent-http/states.lua "$base" -- "$admin" "$agents" >/dev/null
  before=$($count_changes)
  wrk -t1 -c"$connections" -d"${seconds}s" --latency -s bench/agent-http/states.lua "$base" -- "$admin" "$agents" >"$work/state.txt"
  after=$($count_changes)

  local errors
  errors=$(grep -E "Non-2xx|Socket errors" "$work/state.txt" || true)
  last_rate=$(echo "($after - $before) / $seconds" | bc -l)
  printf '  %-28s durable state changes/s: %8.0f   p50 %7s  p99 %7s   (GET /health/live: %s/s)\n' "$name" \
    "$last_rate" "$(percentile 50 <"$work/state.txt")" "$(percentile 99 <"$work/state.txt")" "$(awk '/Requests\/sec/ {printf "%.0f", $2}' "$work/live.txt")"
  [ -z "$errors" ] || printf '    errors: %s\n' "$errors"
  stop_api_server
}

# compare DATABASE: the kernel and Orleans, alternately for $rounds rounds (this machine's speed
# drifts over minutes), each server on a fresh database; the ratio is of the rates summed per build.
compare() {
  local database=$1 kernel_total=0 orleans_total=0
  printf '%s (%s connections, %s s, %s agents, %s rounds)\n' "$database" "$connections" "$seconds" "$agents" "$rounds"
  for round in $(seq "$rounds"); do
    for build in kernel orleans; do
      local dll=$orleans_api_dll label="Orleans 10.4.2 (this checkout)"
      [ $build = kernel ] && { dll=$kernel_api_dll; label="grain kernel ($kernel_commit)"; }
      if [ "$database" = SQLite ]; then
        db_file="$work/$build-$round/contact.db"
        bench_one "$label" "$dll" sqlite_changes Contact__Storage=Sqlite "Contact__Sqlite__Path=$db_file"
      else
        pg_database=bench_${build}_$round
        psql -h 127.0.0.1 -p "$CONTACT_PG_PORT" -U postgres -d postgres -qc "CREATE DATABASE $pg_database"
        bench_one "$label" "$dll" postgres_changes Contact__Storage=Postgres "ConnectionStrings__Contact=$CONTACT_TEST_POSTGRES;Database=$pg_database"
      fi
      if [ $build = kernel ]; then kernel_total=$(echo "$kernel_total + $last_rate" | bc -l); else orleans_total=$(echo "$orleans_total + $last_rate" | bc -l); fi
    done
  done
  printf '  Orleans / kernel: %.2f\n' "$(echo "$orleans_total / $kernel_total" | bc -l)"
}

sqlite_changes() {
  python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"select count(*) from grain_journal where kind='agent.state'\").fetchone()[0])" "$db_file"
}

postgres_changes() {
  psql -h 127.0.0.1 -p "$CONTACT_PG_PORT" -U postgres -d "$pg_database" -tAc "select count(*) from grain_journal where kind='agent.state'"
}

[ -n "${SKIP_SQLITE:-}" ] || compare SQLite
start_throwaway_postgres "$work/pg" >/dev/null
compare PostgreSQL
