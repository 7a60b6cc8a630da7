#!/usr/bin/env bash
# Runs every EdgeGateway test: unit (codecs, rules, outbox), integration (real pseudo-terminals, TCP
# sockets, SQLite files, MQTT broker) and end to end (the published Native AOT edgegw as a process).
# As root it installs what the tests need (Debian packages); otherwise it says exactly what is missing.
set -uo pipefail
cd "$(dirname "$0")"

packages=()
command -v setpriv >/dev/null 2>&1 || packages+=(util-linux)
command -v mount >/dev/null 2>&1 || packages+=(mount)
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
# The MQTT interop suite: Debian's Mosquitto broker and clients, and openssl for its test certificates.
{ command -v mosquitto || [ -x /usr/sbin/mosquitto ]; } >/dev/null 2>&1 || packages+=(mosquitto)
command -v mosquitto_sub >/dev/null 2>&1 || packages+=(mosquitto-clients)
command -v openssl >/dev/null 2>&1 || packages+=(openssl)
# The Native AOT publish of the daemon links with clang (or gcc) against zlib.
{ command -v clang || command -v gcc; } >/dev/null 2>&1 || packages+=(clang)
[ -e /usr/include/zlib.h ] || packages+=(zlib1g-dev)
if [ ${#packages[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" || exit 1
  else
    echo "test.sh: missing ${packages[*]}: run 'sudo apt-get install -y ${packages[*]}' or run this script as root" >&2
    exit 1
  fi
fi

# The interop suite talks to independent implementations: the npm package modbus-serial as a Modbus TCP peer,
# and Mosquitto (with certificates the tests make with openssl) as a TLS MQTT broker.
interop=EdgeGateway.Tests/Interop/modbus
if [ ! -d "$interop/node_modules" ]; then
  (cd "$interop" && npm ci --omit=optional --no-audit --no-fund) || { echo "test.sh: npm ci in $interop failed" >&2; exit 1; }
fi
export EDGEGW_INTEROP=1

log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet build Gateway.sln -c Release -nologo -v quiet || exit 1
# The daemon ships as a Native AOT binary (docs/operations.md): publish it, and every test that runs edgegw as a
# process (CLI, end to end, faults, demo) runs that binary, not the JIT build.
dotnet publish EdgeGateway -c Release -r linux-x64 -nologo -v quiet -o EdgeGateway/bin/aot || exit 1
export EDGEGW_EXECUTABLE=$PWD/EdgeGateway/bin/aot/edgegw
dotnet test Gateway.sln -c Release --no-build -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# One summary line for CI: "N passed, N failed, N skipped".
summary=$(grep -E '^(Passed|Failed)!' "$log" | tail -1)
passed=$(sed -nE 's/.*Passed: *([0-9]+).*/\1/p' <<<"$summary")
failed=$(sed -nE 's/.*Failed: *([0-9]+),.*/\1/p' <<<"$summary")
skipped=$(sed -nE 's/.*Skipped: *([0-9]+).*/\1/p' <<<"$summary")
if [ -z "$passed" ]; then
  echo "0 passed, 1 failed"
  exit 1
fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
