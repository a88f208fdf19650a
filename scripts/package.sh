#!/usr/bin/env bash
# Sets up, builds, and packs the module into a PowerShell Gallery package:
# build/package/CaChain.<version>.nupkg, with the Linux and the Windows
# library. Prints the package's path.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh" >&2
"$root/scripts/build.sh" >&2
ls "$root"/build/package/CaChain.*.nupkg
