#!/usr/bin/env bash
# Time from Ready to preview.offered with 1,000 agents in one running preview campaign, in a silo on
# SQLite and on PostgreSQL, with the time of one agent action (Complete) under the same load as the
# baseline. Target: p99 under 20 ms.
# Usage: bench/preview-latency.sh [agents] [records] [seconds] [mean review seconds]   (SKIP_SQLITE=1: PostgreSQL only)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/throwaway-postgres.sh

agents=${1:-1000}
records=${2:-100000}
seconds=${3:-40}
review=${4:-4}
work=$(mktemp -d /tmp/contact-preview-bench.XXXXXX)
cleanup() {
  stop_throwaway_postgres "$work/pg"
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build bench/PreviewLatency -c Release -v quiet -nologo >/dev/null
bench=bench/PreviewLatency/bin/Release/net10.0/Contact.PreviewLatency.dll
echo "$agents agents, $records records, each record reviewed ${review} s on average"
[ -n "${SKIP_SQLITE:-}" ] || dotnet "$bench" sqlite "$work/contact.db" "$agents" "$records" "$seconds" "$review"
start_throwaway_postgres "$work/pg" >/dev/null
dotnet "$bench" postgres "$CONTACT_TEST_POSTGRES" "$agents" "$records" "$seconds" "$review"
