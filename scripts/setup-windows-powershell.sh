#!/usr/bin/env bash
# Builds cachain-pwsh.exe, a self-contained PowerShell 7 host for Windows
# (tests/windows-host), into .tools/pwsh-win/, for running the module's Pester
# tests under Wine (scripts/wine-pwsh.sh).
# Safe to run again: it rebuilds only when the host's sources changed or the
# folder is incomplete. Needs the .NET SDK (scripts/setup.sh) and NuGet.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tools="$root/.tools"
src="$root/tests/windows-host"
out="$tools/pwsh-win"
# The same package folder as scripts/setup-powershell.sh, so the SDK package
# (and its Modules) are at a known place, and downloaded once.
packages="$tools/nuget"

if ! command -v dotnet >/dev/null; then
  echo "setup-windows-powershell: the .NET SDK (dotnet) is needed: run scripts/setup.sh" >&2
  exit 1
fi

# What the folder was built from: a new hash means a rebuild.
hash=$(cat "$src/CaChainPwshHost.csproj" "$src/Program.cs" | sha256sum | cut -d' ' -f1)
if [[ -f "$out/cachain-pwsh.exe" && -f "$out/Modules/Microsoft.PowerShell.Utility/Microsoft.PowerShell.Utility.psd1" &&
      -f "$out/Modules/Microsoft.PowerShell.PSResourceGet/Microsoft.PowerShell.PSResourceGet.psd1" &&
      "$(cat "$out/.source-hash" 2>/dev/null)" == "$hash" ]]; then
  exit 0
fi

sdk_version=$(sed -n 's/.*Include="Microsoft.PowerShell.SDK" Version="\[\{0,1\}\([0-9.]*\)\]\{0,1\}".*/\1/p' \
  "$src/CaChainPwshHost.csproj")
echo "setup: building the Windows PowerShell $sdk_version host into $out"

# Build into a fresh folder beside the real one and swap it in at the end, so
# a failed build never leaves a half-made host behind. obj/ and bin/ go under
# .tools/ too, keeping the source folder clean; no build servers are left
# running (CI waits on nothing), and at most two cores are used.
stage="$out.new"
log="$tools/windows-host/publish.log"
rm -rf "$stage"
mkdir -p "$tools/windows-host"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if ! dotnet publish "$src/CaChainPwshHost.csproj" --configuration Release --packages "$packages" \
      --output "$stage" -maxcpucount:2 -nodeReuse:false -p:UseSharedCompilation=false \
      -p:BaseIntermediateOutputPath="$tools/windows-host/obj/" -p:BaseOutputPath="$tools/windows-host/bin/" \
      >"$log" 2>&1; then
  cat "$log" >&2
  echo "setup-windows-powershell: the build failed (log: $log)" >&2
  exit 1
fi

# The exe's folder is its PSHome: PowerShell finds its own modules (the ones
# that hold Out-String, Get-ChildItem, ...) in PSHome/Modules. The SDK package
# ships them as content files rather than as part of the build output.
modules="$packages/microsoft.powershell.sdk/$sdk_version/contentFiles/any/any/runtimes/win/lib/net10.0/Modules"
if [[ ! -d $modules ]]; then
  echo "setup-windows-powershell: no Modules folder at $modules" >&2
  exit 1
fi
cp -r "$modules" "$stage/Modules"
# The modules PowerShell for Windows installs but the SDK package leaves out
# (Microsoft.PowerShell.PSResourceGet, which installs the CaChain package, and
# Archive, ThreadJob, ...), from the same release's dotnet tool package
# (scripts/setup-powershell.sh), which carries them for Windows as well.
tool_modules=$(echo "$tools"/pwsh/.store/powershell/"$sdk_version"/powershell/"$sdk_version"/tools/net*/any/win/Modules)
if [[ ! -d $tool_modules ]]; then
  echo "setup-windows-powershell: no Windows Modules folder in PowerShell $sdk_version's tool package ($tool_modules): run scripts/setup-powershell.sh" >&2
  exit 1
fi
cp -rn "$tool_modules"/. "$stage/Modules/"
# Copies of the content files that the build laid out under runtimes/, of no
# use to a host that is not run from there.
rm -rf "$stage/runtimes/unix" "$stage/runtimes/win/lib/net10.0/Modules"
find "$stage/runtimes" -depth -type d -empty -delete

echo "$hash" >"$stage/.source-hash"
rm -rf "$out"
mv "$stage" "$out"
