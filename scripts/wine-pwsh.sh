#!/usr/bin/env bash
# Runs PowerShell 7 for Windows (cachain-pwsh.exe, a small headless host that
# scripts/setup-windows-powershell.sh builds into .tools/pwsh-win) under Wine,
# in a Wine prefix of its own (scripts/wine-run.sh), and exits with its exit
# code: the script's `exit N`; else 1 after a terminating error or any error
# record; else 0.
#
# Usage: scripts/wine-pwsh.sh [--fresh] [--discard] <prefix-folder> -File script.ps1 [arguments...]
#        scripts/wine-pwsh.sh [--fresh] [--discard] <prefix-folder> -Command 'script text'
# Linux paths work as they are: Wine starts the program in Z:\<this folder>,
# and Z: is the Linux root, so /a/b is Z:\a\b.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
exe="$root/.tools/pwsh-win/cachain-pwsh.exe"
if [[ ! -f $exe ]]; then
  echo "wine-pwsh: $exe is missing: run scripts/setup-windows-powershell.sh" >&2
  exit 2
fi
options=()
while [[ ${1:-} == --fresh || ${1:-} == --discard ]]; do options+=("$1"); shift; done
if (($# < 2)) || [[ $1 == -* ]]; then
  echo "usage: scripts/wine-pwsh.sh [--fresh] [--discard] <prefix-folder> -File script.ps1 [arguments...]" >&2
  echo "       scripts/wine-pwsh.sh [--fresh] [--discard] <prefix-folder> -Command 'script text'" >&2
  exit 2
fi
prefix=$1
shift
exec "$root/scripts/wine-run.sh" "${options[@]}" "$prefix" "$exe" "$@"
