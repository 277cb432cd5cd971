#!/usr/bin/env bash
# Runs the whole test suite, every storage test on SQLite and on PostgreSQL.
# Uses the PostgreSQL server named by CONTACT_TEST_POSTGRES (a connection string of a user that
# may create databases); when it is unset, installs PostgreSQL if missing, starts a throwaway
# server in a temporary folder, and stops and deletes it at the end.
# The last line printed is the summary: "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")"

source scripts/throwaway-postgres.sh
work=$(mktemp -d /tmp/contact-test.XXXXXX)
cleanup() {
  stop_throwaway_postgres "$work/pg"
  rm -rf "$work"
}
trap cleanup EXIT

command -v dotnet >/dev/null || { echo "The .NET 10 SDK (dotnet) is needed."; exit 1; }
[ -n "${CONTACT_TEST_POSTGRES:-}" ] || start_throwaway_postgres "$work/pg"
# The browser tests drive Debian's Chromium (CONTACT_CHROMIUM names another executable).
if [ -z "${CONTACT_CHROMIUM:-}" ] && ! command -v chromium >/dev/null; then
  echo "Installing Chromium (Debian package chromium)..."
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

# The OpenAPI lint runs Redocly's CLI, pinned, from npm (1.34.5 runs on Debian 12's Node.js 18).
redocly_version=1.34.5
redocly_dir="${XDG_CACHE_HOME:-$HOME/.cache}/contact-orleans/redocly-$redocly_version"
if [ -z "${CONTACT_REDOCLY:-}" ]; then
  if ! command -v npm >/dev/null; then
    echo "Installing Node.js and npm (Debian packages nodejs, npm)..."
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  fi
  if [ ! -x "$redocly_dir/node_modules/.bin/redocly" ]; then
    echo "Installing @redocly/cli $redocly_version..."
    mkdir -p "$redocly_dir"
    npm install --no-audit --no-fund --silent --prefix "$redocly_dir" "@redocly/cli@$redocly_version" >/dev/null
  fi
  export CONTACT_REDOCLY="$redocly_dir/node_modules/.bin/redocly"
fi

set +e
dotnet test Contact.Orleans.sln -c Release --logger "trx;LogFilePrefix=results" \
  --results-directory "$work/results" "$@"
status=$?
set -e

# What the tests that measure something (the cluster's failover) wrote to their output.
cat "$work"/results/*.trx 2>/dev/null | grep -o 'measured: [^<]*' | awk '!seen[$0]++' || true

# Adds up the counters of every result file (dotnet test writes one per test assembly).
summary=$(cat "$work"/results/*.trx 2>/dev/null | grep -o '<Counters [^>]*/>' | awk '
  { for (i = 1; i <= NF; i++) { split($i, kv, "=\""); gsub(/"|\/>/, "", kv[2]); n[kv[1]] += kv[2] } }
  END { printf "%d passed, %d failed, %d skipped\n", n["passed"], n["failed"] + n["error"] + n["timeout"] + n["aborted"], n["notExecuted"] }')
if [ "$status" -ne 0 ] && [ "$summary" = "0 passed, 0 failed, 0 skipped" ]; then
  summary="0 passed, 1 failed, 0 skipped"
fi
echo "$summary"
exit "$status"
