#!/usr/bin/env bash
# Imports a generated calling list (1,000,000 rows by default) through POST /campaigns/{id}/lists on
# SQLite and on PostgreSQL, and loads the same rows, as stored, with the database's own bulk load in
# the same run (sqlite3 .import; psql \copy) into the same table with the same indexes: rows per
# second of each. The server is this checkout (Orleans), and the last commit on the home-made grain
# kernel, built from git, imports the same file in the same run. Targets: at least 100,000 rows/s,
# at least half the database's own speed, and no slower than the kernel.
# Usage: bench/campaign-import.sh [rows]   (SKIP_SQLITE=1: PostgreSQL only)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/throwaway-postgres.sh
source scripts/bench-server.sh

rows=${1:-1000000}
work=$(mktemp -d /tmp/contact-import-bench.XXXXXX)
cleanup() {
  stop_api_server
  stop_throwaway_postgres "$work/pg"
  remove_kernel "$work/kernel"
  rm -rf "$work"
}
trap cleanup EXIT

for tool in curl sqlite3 python3 bc; do
  command -v $tool >/dev/null || { apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $tool >/dev/null; }
done
dotnet build Api -c Release -v quiet -nologo >/dev/null
build_kernel "$work/kernel"
orleans_api_dll=$api_dll

json_field() { sed -E "s/.*\"$1\":\"?([^\",}]*)\"?.*/\1/"; }
seconds_since() { echo "$(date +%s.%N) - $1" | bc -l; }
rate() { printf "%'.0f" "$(echo "$rows / $1" | bc -l)"; }

# Sets up the campaign, posts the list, prints the server's rows/s; leaves $import_id and $import_seconds.
import_through_api() {
  local base=$1 admin report start
  admin=$(curl -sf -X POST "$base/api/v1/auth/token" -H 'content-type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$bench_admin_password\"}" | json_field accessToken)
  curl -sf -o /dev/null -X PUT "$base/api/v1/services/outbound" -H "authorization: Bearer $admin" \
    -H 'content-type: application/json' -d '{"name":"Outbound","channels":["voice"]}'
  curl -sf -o /dev/null -X PUT "$base/api/v1/campaigns/bench" -H "authorization: Bearer $admin" \
    -H 'content-type: application/json' -d '{"name":"Bench","mode":"preview","serviceId":"outbound","timeZone":"America/New_York"}'
  # Each load starts from a checkpoint, so none pays for writing out the one before it.
  [ -z "${CONTACT_PG_PORT:-}" ] || psql -h 127.0.0.1 -p "$CONTACT_PG_PORT" -U postgres -qc "CHECKPOINT"
  start=$(date +%s.%N)
  report=$(curl -sf -X POST "$base/api/v1/campaigns/bench/lists" -H "authorization: Bearer $admin" \
    -H 'content-type: text/csv' --data-binary "@$work/list.csv")
  import_seconds=$(seconds_since "$start")
  import_id=$(echo "$report" | json_field importId)
  echo "  $server_name import: $(echo "$report" | json_field accepted) of $rows rows accepted in $(printf %.2f "$import_seconds") s: $(rate "$import_seconds") rows/s"
}

# import_on_kernel SETTINGS...: the kernel's server imports the same file (a database of its own).
import_on_kernel() {
  local port
  port=$(free_port)
  api_dll=$kernel_api_dll server_name="grain kernel ($kernel_commit)" start_api_server "$port" "$work/kernel.log" "$@"
  server_name="grain kernel ($kernel_commit)" import_through_api "http://127.0.0.1:$port"
  stop_api_server
}

server_name="Orleans 10.4.2"

report_against() {
  local own=$1
  echo "  database's own bulk load of the same rows: $(printf %.2f "$own") s: $(rate "$own") rows/s (baseline)"
  echo "  server speed / database's own speed: $(printf %.2f "$(echo "$own / $import_seconds" | bc -l)") (targets: >= 100,000 rows/s and >= 0.50)"
}

echo "Generating $rows rows..."
python3 bench/campaign-import/generate.py "$rows" "$work" pending 0

if [ -z "${SKIP_SQLITE:-}" ]; then
  echo "SQLite"
  import_on_kernel Contact__Storage=Sqlite "Contact__Sqlite__Path=$work/kernel-sqlite/contact.db"
  port=$(free_port)
  api_dll=$orleans_api_dll start_api_server "$port" "$work/server.log" Contact__Storage=Sqlite "Contact__Sqlite__Path=$work/sqlite/contact.db"
  import_through_api "http://127.0.0.1:$port"
  stop_api_server
  # The baseline loads into a fresh file with the server's own table and indexes, as durably (WAL, synchronous=FULL).
  python3 bench/campaign-import/generate.py "$rows" "$work" "$import_id" 0
  sqlite3 "$work/sqlite/contact.db" ".schema calling_records" > "$work/schema.sql"
  start=$(date +%s.%N)
  sqlite3 "$work/baseline.db" "PRAGMA journal_mode=WAL;" ".read $work/schema.sql" "PRAGMA synchronous=FULL;" \
    ".import --csv $work/stored.csv calling_records" >/dev/null
  report_against "$(seconds_since "$start")"
fi

echo "PostgreSQL"
# Memory and WAL sized as a production server would be, for both loads alike; the defaults
# (128 MB of shared buffers, 1 GB of WAL between checkpoints) are for small test machines.
CONTACT_PG_SETTINGS="-c shared_buffers=1GB -c max_wal_size=8GB" start_throwaway_postgres "$work/pg" >/dev/null
pg() { psql -h 127.0.0.1 -p "$CONTACT_PG_PORT" -U postgres -v ON_ERROR_STOP=1 -q "$@"; }
pg -c "CREATE DATABASE contact" -c "CREATE DATABASE baseline" -c "CREATE DATABASE kernel"
import_on_kernel Contact__Storage=Postgres "ConnectionStrings__Contact=Host=127.0.0.1;Port=$CONTACT_PG_PORT;Username=postgres;Database=kernel"
port=$(free_port)
api_dll=$orleans_api_dll start_api_server "$port" "$work/server.log" Contact__Storage=Postgres \
  "ConnectionStrings__Contact=Host=127.0.0.1;Port=$CONTACT_PG_PORT;Username=postgres;Database=contact"
import_through_api "http://127.0.0.1:$port"
stop_api_server
python3 bench/campaign-import/generate.py "$rows" "$work" "$import_id" 0
pg_dump -h 127.0.0.1 -p "$CONTACT_PG_PORT" -U postgres -s -t calling_records contact | pg -d baseline >/dev/null
pg -c "CHECKPOINT"
start=$(date +%s.%N)
pg -d baseline -c "\\copy calling_records FROM '$work/stored.csv' CSV"
report_against "$(seconds_since "$start")"
