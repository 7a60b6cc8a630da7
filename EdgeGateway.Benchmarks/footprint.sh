#!/usr/bin/env bash
# 1. Start-up time to READY and peak RSS of `edgegw demo --duration 30s` (the demo prints both), three runs
#    each: the JIT build (what `dotnet run` gives) with the runtime defaults and with the GC setting the systemd
#    unit ships (DOTNET_GCgen0size), and the Native AOT binary that ships, with the unit's setting.
# 2. The daemon itself (`edgegw run`, the Native AOT publish) under 5,000 readings/s over real local transports,
#    simulators in the benchmark process: READY, idle and loaded CPU and RSS, peak RSS (docs/benchmarks.md).
#    FOOTPRINT_SECONDS sets the loaded window (default 60); FOOTPRINT_EDGEGW another daemon to measure
#    (a published edgegw, or EdgeGateway/bin/Release/net10.0/edgegw.dll for the JIT build).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build EdgeGateway -c Release -nologo -v quiet
dotnet build EdgeGateway.Benchmarks -c Release -nologo -v quiet
dotnet publish EdgeGateway -c Release -r linux-x64 -nologo -v quiet -o EdgeGateway/bin/aot
jit=EdgeGateway/bin/Release/net10.0/edgegw.dll
aot=EdgeGateway/bin/aot/edgegw
for setting in "jit defaults" "jit DOTNET_GCgen0size=0x400000" "aot DOTNET_GCgen0size=0x400000"; do
  read -r build variable <<<"$setting"
  if [ "$build" = jit ]; then command=(dotnet "$jit"); else command=("$aot"); fi
  for run in 1 2 3; do
    dir=$(mktemp -d)
    if [ "$variable" = defaults ]; then
      out=$("${command[@]}" demo --duration 30s --data-dir "$dir" 2>/dev/null)
    else
      out=$(env "$variable" "${command[@]}" demo --duration 30s --data-dir "$dir" 2>/dev/null)
    fi
    rm -rf "$dir"
    echo "$setting run $run: $(grep -oE 'ready in [0-9]+ ms' <<<"$out"), $(grep -oE 'peak RSS [0-9]+ MB' <<<"$out")"
  done
done
dotnet EdgeGateway.Benchmarks/bin/Release/net10.0/EdgeGateway.Benchmarks.dll footprint-load 5000 "${FOOTPRINT_SECONDS:-60}" "${FOOTPRINT_EDGEGW:-$aot}"
