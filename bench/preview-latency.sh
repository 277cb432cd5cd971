#!/usr/bin/env bash
# Time from Ready to preview.offered with 1,000 agents in one running preview campaign, in a silo on
# SQLite and on PostgreSQL, with the time of one agent action (Complete) under the same load as the
# baseline; the same benchmark of the last commit on the home-made grain kernel, built from git,
# runs in the same run. Target: p99 under 20 ms, and no slower than the kernel.
# Usage: bench/preview-latency.sh [agents] [records] [seconds] [mean review seconds]   (SKIP_SQLITE=1: PostgreSQL only)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/throwaway-postgres.sh
source scripts/bench-server.sh

agents=${1:-1000}
records=${2:-100000}
seconds=${3:-40}
review=${4:-4}
work=$(mktemp -d /tmp/contact-preview-bench.XXXXXX)
cleanup() {
  stop_throwaway_postgres "$work/pg"
  remove_kernel "$work/kernel"
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build bench/PreviewLatency -c Release -v quiet -nologo >/dev/null
build_kernel "$work/kernel" bench/PreviewLatency
bench=bench/PreviewLatency/bin/Release/net10.0/Contact.PreviewLatency.dll
kernel_bench=$work/kernel/bench/PreviewLatency/bin/Release/net10.0/Contact.Orleans.PreviewLatency.dll
# The benchmark hosts the silo in its own process: both builds run it with the server programs'
# runtime settings (ServerRuntime.props), so it measures what the product runs.
export DOTNET_gcServer=1 DOTNET_GCDynamicAdaptationMode=0 DOTNET_TieredPGO=0
echo "$agents agents, $records records, each record reviewed ${review} s on average"
# both DATABASE TARGET...: the kernel's run, then this checkout's.
both() {
  echo "grain kernel ($kernel_commit):"
  dotnet "$kernel_bench" "$1" "$2" "$agents" "$records" "$seconds" "$review"
  echo "Orleans 10.4.2:"
  dotnet "$bench" "$1" "$3" "$agents" "$records" "$seconds" "$review"
}
[ -n "${SKIP_SQLITE:-}" ] || both sqlite "$work/kernel.db" "$work/contact.db"
start_throwaway_postgres "$work/pg" >/dev/null
psql -h 127.0.0.1 -p "$CONTACT_PG_PORT" -U postgres -qc "CREATE DATABASE kernel" -c "CREATE DATABASE orleans" >/dev/null
both postgres "$CONTACT_TEST_POSTGRES;Database=kernel" "$CONTACT_TEST_POSTGRES;Database=orleans"
