#!/usr/bin/env bash
# A storm of inbound calls, on SQLite and on PostgreSQL: Twilio's incoming-call webhooks at the
# given rate (default 200/s) while 500 agents answer from their event streams. Prints the
# webhook's p99 and webhook-to-call.offered p99 (targets: both under 50 ms, 0 calls lost) beside
# the baseline measured in the same run on the same server: web chats started at the same rate,
# start to chat.offered. Twilio's REST side is the tests' stand-in, run inside the load program.
# Usage: bench/call-storm.sh [per second] [seconds] [agents] [warm-up seconds]   (SKIP_SQLITE=1: PostgreSQL only)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/throwaway-postgres.sh
source scripts/bench-server.sh

rate=${1:-200}
seconds=${2:-20}
agents=${3:-500}
warmup=${4:-5}
work=$(mktemp -d /tmp/contact-call-storm.XXXXXX)
cleanup() {
  stop_api_server
  stop_throwaway_postgres "$work/pg"
  rm -rf "$work"
}
trap cleanup EXIT

command -v curl >/dev/null || { apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl >/dev/null; }
dotnet build Api -c Release -v quiet -nologo >/dev/null
dotnet build bench/CallStorm -c Release -v quiet -nologo >/dev/null

# run NAME SETTINGS...: a fresh server with Twilio pointed at the stand-in, and the storm against it.
run() {
  local name=$1 port twilio_port
  shift
  port=$(free_port)
  twilio_port=$(free_port)
  rm -rf "$work/sqlite"
  start_api_server "$port" "$work/server.log" "$@" \
    Contact__Twilio__AccountSid=AC0123456789abcdef0123456789abcdef Contact__Twilio__AuthToken=fake-twilio-auth-token \
    "Contact__Twilio__BaseUrl=http://127.0.0.1:$twilio_port" "Contact__Twilio__PublicUrl=http://127.0.0.1:$port"
  echo "$name"
  dotnet bench/CallStorm/bin/Release/net10.0/Contact.CallStorm.dll "http://127.0.0.1:$port" "$bench_admin_password" "$twilio_port" \
    "$agents" "$rate" "$seconds" "$warmup" 1 "$server" | sed 's/^/  /'
  stop_api_server
}

if [ -z "${SKIP_SQLITE:-}" ]; then
  run "SQLite" Contact__Storage=Sqlite "Contact__Sqlite__Path=$work/sqlite/contact.db"
fi
start_throwaway_postgres "$work/pg" >/dev/null
psql -h 127.0.0.1 -p "$CONTACT_PG_PORT" -U postgres -qc "CREATE DATABASE storm" >/dev/null
run "PostgreSQL" Contact__Storage=Postgres "ConnectionStrings__Contact=Host=127.0.0.1;Port=$CONTACT_PG_PORT;Username=postgres;Database=storm"
