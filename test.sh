#!/usr/bin/env bash
# Runs the whole test suite, every storage test on SQLite and on PostgreSQL.
# Uses the PostgreSQL server named by CONTACT_TEST_POSTGRES (a connection string of a user that
# may create databases); when it is unset, installs PostgreSQL if missing, starts a throwaway
# server in a temporary folder, and stops and deletes it at the end.
# The last line printed is the summary: "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")"

work=$(mktemp -d /tmp/contact-test.XXXXXX)
chmod 755 "$work"
pg_bin=""
as_postgres=()

stop_postgres() {
  if [ -n "$pg_bin" ] && [ -f "$work/pg/data/postmaster.pid" ]; then
    "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$work/pg/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap stop_postgres EXIT

find_pg_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

start_postgres() {
  pg_bin=$(find_pg_bin)
  if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
    echo "Installing PostgreSQL (Debian package postgresql)..."
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    pg_bin=$(find_pg_bin)
  fi
  mkdir -p "$work/pg"
  # PostgreSQL refuses to run as root.
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    chown postgres "$work/pg"
    as_postgres=(runuser -u postgres --)
  else
    as_postgres=(env)
  fi
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "${as_postgres[@]}" "$pg_bin/initdb" -D "$work/pg/data" -U postgres --auth=trust -E UTF8 >/dev/null
  "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/log" -w \
    -o "-p $port -k $work/pg -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null
  export CONTACT_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  echo "Started a throwaway PostgreSQL on 127.0.0.1:$port"
}

command -v dotnet >/dev/null || { echo "The .NET 10 SDK (dotnet) is needed."; exit 1; }
[ -n "${CONTACT_TEST_POSTGRES:-}" ] || start_postgres

set +e
dotnet test Contact.Orleans.slnx -c Release --logger "trx;LogFileName=results.trx" \
  --results-directory "$work/results" "$@"
status=$?
set -e

summary=$(python3 - "$work/results" <<'PY'
import glob, re, sys
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    text = open(path, encoding="utf-8").read()
    counters = re.search(r"<Counters ([^>]*)/>", text)
    if counters:
        values = dict(re.findall(r'(\w+)="(\d+)"', counters.group(1)))
        passed += int(values.get("passed", 0))
        failed += int(values.get("failed", 0)) + int(values.get("error", 0)) + int(values.get("timeout", 0)) + int(values.get("aborted", 0))
        skipped += int(values.get("notExecuted", 0))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
)
if [ "$status" -ne 0 ] && [ "$summary" = "0 passed, 0 failed, 0 skipped" ]; then
  summary="0 passed, 1 failed, 0 skipped"
fi
echo "$summary"
exit "$status"
