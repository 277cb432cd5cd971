#!/usr/bin/env bash
# No-op grain calls per second on Orleans against SemaphoreSlim-guarded direct calls, and the same
# benchmark of the last commit on the home-made grain kernel, built from git, in the same run.
# Usage: bench/grain-calls.sh [seconds per measurement]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bench-server.sh

work=$(mktemp -d /tmp/contact-calls-bench.XXXXXX)
cleanup() {
  remove_kernel "$work/kernel"
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build bench/GrainCalls -c Release -v quiet -nologo >/dev/null
build_kernel "$work/kernel" bench/GrainCalls
echo "grain kernel ($kernel_commit):"
dotnet "$work/kernel/bench/GrainCalls/bin/Release/net10.0/Contact.Orleans.GrainCalls.dll" "${1:-5}" | sed 's/^/  /'
echo "Orleans 10.4.2:"
dotnet bench/GrainCalls/bin/Release/net10.0/Contact.GrainCalls.dll "${1:-5}" | sed 's/^/  /'
