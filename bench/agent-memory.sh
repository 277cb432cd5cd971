#!/usr/bin/env bash
# Bytes per activated agent grain (working set and managed heap), against the same process
# before the activations.
# Usage: bench/agent-memory.sh [agents]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/AgentMemory -- "${1:-100000}"
