#!/usr/bin/env bash
# No-op grain calls per second against SemaphoreSlim-guarded direct calls, same run.
# Usage: bench/grain-calls.sh [seconds per measurement]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/GrainCalls -- "${1:-5}"
