#!/usr/bin/env bash
# Progressive against predictive dialing in virtual time (8 hours a case by default), with the
# product's pacer (Grains/Campaigns/DialPacer.cs): abandon rate, agent occupancy, connects per
# agent-hour and the wait between calls, for the cases of issue 15. The last line is the headline
# case (50 agents, 30% answer rate), predictive beside progressive in the same run.
# Usage: bench/dialer-sim.sh [hours]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/DialerSim -c Release -v quiet -nologo >/dev/null
dotnet bench/DialerSim/bin/Release/net10.0/Contact.DialerSim.dll "$@"
