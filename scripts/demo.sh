#!/usr/bin/env bash
# The README's main job: set up, build, and play the seed's story on a lab
# PKI generated on the spot. Output goes to ./cachain-demo (or $1).
#
# Usage: scripts/demo.sh [folder]
#        scripts/demo.sh --fleet [folder]   24 servers over SSH remoting instead
#                                           (./cachain-fleet-demo; needs root)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
fleet=no
if [[ ${1:-} == --fleet ]]; then fleet=yes; shift; fi
"$root/scripts/setup.sh"
"$root/scripts/build.sh" --linux-only >/dev/null
pwsh="$root/.tools/pwsh/pwsh"

if [[ $fleet == yes ]]; then
  # The fleet is the one the tests use: real sshd servers on 127.0.0.1, each
  # with its own home and module path (tests/module/CaChainTestSupport.psm1).
  demo_folder=${1:-$root/cachain-fleet-demo}
  mkdir -p "$demo_folder"
  CACHAIN_TEST_PKI="$root/build/tests/support/cachain-test-pki" PWSH="$pwsh" \
    "$pwsh" -NoProfile -NonInteractive -File "$root/demo/Show-Fleet.ps1" \
    -DemoFolder "$(cd "$demo_folder" && pwd)" -Module "$root/build/module/CaChain" \
    -TestSupport "$root/tests/module/CaChainTestSupport.psm1"
  exit
fi

demo_folder=${1:-$root/cachain-demo}
"$root/build/demo/cachain-demo" "$demo_folder"
# The same story through the PowerShell module, as the README's quick start runs it.
"$pwsh" -NoProfile -NonInteractive -File "$root/demo/Show-ModulePipeline.ps1" \
  -DemoFolder "$(cd "$demo_folder" && pwd)" -Module "$root/build/module/CaChain"
