#!/usr/bin/env bash
# Durable grain state writes per second and their p50/p99, through the product's storage provider
# and through Microsoft.Orleans.Persistence.AdoNet (the baseline) in the same silo and run, on
# SQLite and on a throwaway PostgreSQL.
# Usage: bench/grain-storage.sh [grains] [seconds]   (SKIP_SQLITE=1: PostgreSQL only)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/throwaway-postgres.sh

grains=${1:-64}
seconds=${2:-10}
work=$(mktemp -d /tmp/contact-storage-bench.XXXXXX)
cleanup() {
  stop_throwaway_postgres "$work/pg"
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build bench/GrainStorage -c Release -v quiet -nologo >/dev/null
bench=bench/GrainStorage/bin/Release/net10.0/Contact.GrainStorage.dll
[ -n "${SKIP_SQLITE:-}" ] || dotnet "$bench" sqlite "$work/contact.db" "$grains" "$seconds"
start_throwaway_postgres "$work/pg" >/dev/null
dotnet "$bench" postgres "$CONTACT_TEST_POSTGRES;Database=postgres" "$grains" "$seconds"
