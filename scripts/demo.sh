#!/usr/bin/env bash
# The README's main job: set up, build, and play the seed's story on a lab
# PKI generated on the spot. Output goes to ./cachain-demo (or $1).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
"$root/scripts/build.sh" --linux-only >/dev/null
demo_folder=${1:-$root/cachain-demo}
"$root/build/demo/cachain-demo" "$demo_folder"
# The same story through the PowerShell module, as the README's quick start runs it.
"$root/.tools/pwsh/pwsh" -NoProfile -NonInteractive -File "$root/demo/Show-ModulePipeline.ps1" \
  -DemoFolder "$(cd "$demo_folder" && pwd)" -Module "$root/build/module/CaChain"
