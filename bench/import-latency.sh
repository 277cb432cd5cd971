#!/usr/bin/env bash
# An agent's state changes while a campaign manager imports a calling list of 1,000,000 rows, on
# SQLite and on PostgreSQL: p50, p99 and the largest latency of one agent's changes, one at a time,
# while nothing else runs (the baseline) and while the list loads, in the same run; on SQLite also
# for the last commit that loaded a list in one transaction (built from git). PostgreSQL loads
# with COPY in one transaction in both.
# Target: an import never delays another write by more than a few tens of milliseconds.
# Usage: bench/import-latency.sh [rows]   (SKIP_SQLITE=1: PostgreSQL only)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/throwaway-postgres.sh
source scripts/bench-server.sh

rows=${1:-1000000}
work=$(mktemp -d /tmp/contact-import-latency.XXXXXX)
cleanup() {
  stop_api_server
  stop_throwaway_postgres "$work/pg"
  git worktree remove --force "$work/before" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

for tool in curl python3 bc; do
  command -v $tool >/dev/null || { apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $tool >/dev/null; }
done
dotnet build Api -c Release -v quiet -nologo >/dev/null
# The parent of the commit that brought staged loads: lists still loaded in one transaction.
before=$(git log --format=%H -1 --diff-filter=A -- Storage/Campaigns/StagedRecordLoad.cs)^
git worktree add --detach "$work/before" "$before" >/dev/null 2>&1
dotnet build "$work/before/Api" -c Release -v quiet -nologo >/dev/null
before_dll=$work/before/Api/bin/Release/net10.0/Contact.Api.dll
this_dll=$api_dll

json_field() { sed -E "s/.*\"$1\":\"?([^\",}]*)\"?.*/\1/"; }

python3 bench/campaign-import/generate.py "$rows" "$work" unused 0

# measure NAME DLL SETTINGS...: one server; the agent's changes alone, then during the import.
measure() {
  local name=$1 dll=$2 port base admin agent started
  shift 2
  port=$(free_port)
  base="http://127.0.0.1:$port"
  api_dll=$dll start_api_server "$port" "$work/server.log" "$@"
  admin=$(curl -sf -X POST "$base/api/v1/auth/token" -H 'content-type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$bench_admin_password\"}" | json_field accessToken)
  curl -sf -o /dev/null -X PUT "$base/api/v1/services/outbound" -H "authorization: Bearer $admin" \
    -H 'content-type: application/json' -d '{"name":"Outbound","channels":["voice"]}'
  curl -sf -o /dev/null -X PUT "$base/api/v1/campaigns/bench" -H "authorization: Bearer $admin" \
    -H 'content-type: application/json' -d '{"name":"Bench","mode":"preview","serviceId":"outbound","timeZone":"America/New_York"}'
  curl -sf -o /dev/null -X PUT "$base/api/v1/agents/probe" -H "authorization: Bearer $admin" \
    -H 'content-type: application/json' -d '{"name":"Probe","password":"probe-pass-1"}'
  curl -sf -o /dev/null -X POST "$base/api/v1/agents/probe/session" -H "authorization: Bearer $admin"
  # Warm-up, not counted: the JIT compiles the path in the first changes.
  python3 bench/import-latency/probe.py "$port" "$admin" probe 3 "$work/none" >/dev/null
  echo "  $name, nothing else running (baseline): $(python3 bench/import-latency/probe.py "$port" "$admin" probe 10 "$work/none")"
  rm -f "$work/done"
  started=$(date +%s.%N)
  ( curl -sf -o "$work/report.json" -X POST "$base/api/v1/campaigns/bench/lists" -H "authorization: Bearer $admin" \
      -H 'content-type: text/csv' --data-binary "@$work/list.csv"; touch "$work/done" ) &
  local importing=$! during
  during=$(python3 bench/import-latency/probe.py "$port" "$admin" probe 600 "$work/done")
  wait "$importing"
  echo "  $name, during the import of $(json_field accepted < "$work/report.json") rows in $(printf %.1f "$(echo "$(date +%s.%N) - $started" | bc -l)") s: $during"
  stop_api_server
}

if [ -z "${SKIP_SQLITE:-}" ]; then
  echo "SQLite"
  measure "one transaction ($(git rev-parse --short "$before"))" "$before_dll" Contact__Storage=Sqlite "Contact__Sqlite__Path=$work/before-sqlite/contact.db"
  measure "staged load (this checkout)" "$this_dll" Contact__Storage=Sqlite "Contact__Sqlite__Path=$work/sqlite/contact.db"
fi

echo "PostgreSQL"
CONTACT_PG_SETTINGS="-c shared_buffers=1GB -c max_wal_size=8GB" start_throwaway_postgres "$work/pg" >/dev/null
psql -h 127.0.0.1 -p "$CONTACT_PG_PORT" -U postgres -q -c "CREATE DATABASE contact"
measure "COPY (this checkout)" "$this_dll" Contact__Storage=Postgres \
  "ConnectionStrings__Contact=Host=127.0.0.1;Port=$CONTACT_PG_PORT;Username=postgres;Database=contact"
