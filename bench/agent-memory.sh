#!/usr/bin/env bash
# Bytes per activated agent grain (working set and managed heap), against the same process
# before the activations.
# Usage: bench/agent-memory.sh [agents]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/AgentMemory -c Release -v quiet -nologo >/dev/null
dotnet bench/AgentMemory/bin/Release/net10.0/Contact.AgentMemory.dll "${1:-100000}"
