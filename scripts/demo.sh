#!/usr/bin/env bash
# The README's main job: set up, build, and play the seed's story on a lab
# PKI generated on the spot. Output goes to ./cachain-demo (or $1).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
"$root/scripts/build.sh" >/dev/null
"$root/build/demo/cachain-demo" "${1:-$root/cachain-demo}"
