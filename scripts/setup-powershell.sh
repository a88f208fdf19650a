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

if [[ ! -f "$tools/nuget/pester/$pester_version/tools/Pester.psd1" ]]; then
  echo "setup: downloading Pester $pester_version into $tools/nuget"
  dotnet restore "$root/tests/module/tools/Pester.csproj" --packages "$tools/nuget" \
    -p:BaseIntermediateOutputPath="$tools/obj/" >/dev/null
fi
