#!/usr/bin/env bash
# Installs PowerShell 7.6.9 (as a dotnet tool) and Pester 5.7.1 (from NuGet)
# into .tools/, for building the module's help and running its tests.
# Safe to run again: it installs only what is missing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tools="$root/.tools"
pwsh_version=7.6.9
pester_version=5.7.1

if ! command -v dotnet >/dev/null; then
  echo "setup: the .NET SDK (dotnet) is needed to build the cmdlets; install it from https://dot.net" >&2
  exit 1
fi

if [[ "$("$tools/pwsh/pwsh" -NoProfile -c '$PSVersionTable.PSVersion.ToString()' 2>/dev/null)" != "$pwsh_version" ]]; then
  echo "setup: installing PowerShell $pwsh_version into $tools/pwsh"
  rm -rf "$tools/pwsh"
  dotnet tool install PowerShell --version "$pwsh_version" --tool-path "$tools/pwsh" >/dev/null
fi
# The tool's assemblies come IL-only: every pwsh start would JIT all it runs
# (1.3 CPU-s for `pwsh -c 1`, 4.9 per SSH remoting session). Precompiled once
# with crossgen2 from NuGet, they start in about half of that, which the
# tests' hundreds of pwsh starts (24-machine fleets included) feel.
"$root/scripts/ready-to-run-pwsh.sh" "$tools/pwsh"

if [[ ! -f "$tools/nuget/pester/$pester_version/tools/Pester.psd1" ]]; then
  echo "setup: downloading Pester $pester_version into $tools/nuget"
  dotnet restore "$root/tests/module/tools/Pester.csproj" --packages "$tools/nuget" \
    -p:BaseIntermediateOutputPath="$tools/obj/" >/dev/null
fi
