#!/usr/bin/env bash
# Times a fleet fan-out (Import-CaChain -SshHost to 1, 8 and 24 machines,
# each a real sshd on 127.0.0.1) and writes bench/FLEET.md.
#
#   ./scripts/bench-fleet.sh        (scripts/bench.sh runs it too)
#
# Uses what ./build holds: the staged module, cachain-test-pki and the
# test fleet of tests/module/CaChainTestSupport.psm1. Needs root (the fleet's
# sshd servers) and takes about 7 minutes on 2 cores.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pwsh="$root/.tools/pwsh/pwsh"
results="$root/bench/FLEET.md"
if [[ ! -x $pwsh || ! -f $root/build/module/CaChain/CaChain.psd1 ]]; then
  echo "bench-fleet: run scripts/setup.sh and scripts/build.sh first (no $pwsh or staged module)" >&2
  exit 1
fi
echo "bench: the fleet fan-out"
load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
section="$(CACHAIN_TEST_PKI="$root/build/tests/support/cachain-test-pki" PWSH="$pwsh" "$pwsh" -NoProfile -NonInteractive \
  -File "$root/bench/fleet_bench.ps1" -Module "$root/build/module/CaChain" \
  -TestSupport "$root/tests/module/CaChainTestSupport.psm1" -WorkDirectory "$root/build-bench/fleet-work")"
{
  echo "# Fleet fan-out"
  echo
  echo "Written by \`scripts/bench-fleet.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average at start $load_at_start; do not edit by hand."
  echo
  echo "$section"
} >"$results.tmp"
mv "$results.tmp" "$results"
echo "bench: wrote $results"
