#!/usr/bin/env bash
# ready-to-run-pwsh.sh <tool-path>
#
# Compiles the managed assemblies of PowerShell installed as a dotnet tool
# (`dotnet tool install PowerShell --tool-path <tool-path>`) to ReadyToRun, in
# place.
#
# Why: the PowerShell dotnet-tool package ships IL-only assemblies, so every
# pwsh start JIT-compiles everything it runs (about 1.5 CPU-seconds for
# `pwsh -NoProfile -c 1`). ReadyToRun code is precompiled native code that
# the runtime uses instead of JIT-compiling those methods.
#
# How:
#   * crossgen2 comes only from NuGet, through dotnet: a throwaway project with
#     a PackageDownload whose version is the SDK's own bundled runtime version
#     (so no version is named here).
#   * each IL-only assembly that can load on this OS is compiled on its own
#     against the shared framework pwsh runs on and the tool's own dlls.
#     ReadyToRun code outside a "version bubble" is version-resilient: if the
#     runtime is later patched (10.0.x -> 10.0.y) the code stays valid, and any
#     method whose precompiled code does not fit is simply JIT-compiled.
#   * an assembly that crossgen2 rejects is kept as it was (reported). If one
#     of the core assemblies fails, the script fails.
#   * compiled files are staged inside the tool folder, then renamed over the
#     originals (atomic rename, same filesystem). The originals are kept until
#     the compiled pwsh has answered a smoke test; if it doesn't, they are put
#     back and the script fails. The tool stays usable at every point: a mix
#     of IL-only and ReadyToRun assemblies is valid.
#   * a marker file records that this was done; a second run does nothing.
#     Reinstalling the tool (rm -rf + dotnet tool install) removes the marker.
set -euo pipefail

die() { echo "ready-to-run-pwsh: ERROR: $*" >&2; exit 1; }
say() { echo "setup: ready-to-run-pwsh: $*"; }

[[ $# -eq 1 ]] || die "usage: $0 <tool-path>   (the --tool-path PowerShell was installed into)"
[[ -d $1 ]] || die "tool path '$1' is not a directory"
tool=$(cd "$1" && pwd)
[[ -x $tool/pwsh ]] || die "no pwsh launcher at $tool/pwsh: is this a 'dotnet tool install PowerShell --tool-path' folder?"
command -v dotnet >/dev/null || die "dotnet (the .NET SDK) is not on PATH; it is needed to fetch crossgen2 from NuGet"

marker="$tool/.ready-to-run"
if [[ -f $marker ]]; then
  say "already done ($marker exists); nothing to do"
  exit 0
fi

# Serialise concurrent runs on the same tool folder; re-check the marker once
# we hold the lock (another run may just have finished).
exec 9>"$tool/.ready-to-run.lock"
flock 9
if [[ -f $marker ]]; then
  say "already done by a concurrent run; nothing to do"
  exit 0
fi

start=$SECONDS

# --- Locate the PowerShell application folder inside the tool store --------
# Layout: <tool>/.store/powershell/<ver>/powershell/<ver>/tools/net<N>.0/any/
#   Microsoft.PowerShell.GlobalTool.Shim.dll  (what the launcher runs; it
#                                             starts `dotnet unix/pwsh.dll`)
#   unix/  the real pwsh used on Linux/macOS   win/  unused here
mapfile -t found < <(find "$tool/.store" -path '*/tools/net*/any/unix/pwsh.dll' -printf '%h\n' 2>/dev/null)
[[ ${#found[@]} -eq 1 ]] || die "expected exactly one */tools/net*/any/unix/pwsh.dll under $tool/.store, found ${#found[@]}"
unixdir=${found[0]}
anydir=$(dirname "$unixdir")
tfm=$(basename "$(dirname "$anydir")")            # e.g. net10.0
fxmajor=${tfm#net}; fxmajor=${fxmajor%%.*}       # e.g. 10
[[ $fxmajor =~ ^[0-9]+$ ]] || die "cannot read the target framework from '$tfm'"

# --- The shared framework pwsh will run on ---------------------------------
# pwsh.runtimeconfig.json asks for Microsoft.NETCore.App <major>.0.0 and rolls
# forward to the newest installed patch; compile against that one.
fxver=$(dotnet --list-runtimes | awk -v m="$fxmajor" '$1=="Microsoft.NETCore.App" && index($2, m".")==1 {print $2}' | sort -V | tail -1)
[[ -n $fxver ]] || die "no Microsoft.NETCore.App $fxmajor.x runtime is installed (dotnet --list-runtimes)"
fxdir=$(dotnet --list-runtimes | awk -v v="$fxver" '$1=="Microsoft.NETCore.App" && $2==v {print $3}' | tr -d '[]' | head -1)/$fxver
[[ -f $fxdir/System.Private.CoreLib.dll ]] || die "shared framework not found at $fxdir"

case $(uname -m) in
  x86_64) arch=x64 ;;
  aarch64|arm64) arch=arm64 ;;
  *) die "unsupported machine architecture $(uname -m)" ;;
esac
case $(uname -s) in
  Linux) os=linux ;;
  *) die "this script supports Linux only" ;;
esac

work=$(mktemp -d "${TMPDIR:-/tmp}/r2r-pwsh.XXXXXX")
stage=$(mktemp -d "$tool/.ready-to-run-stage.XXXXXX")   # same filesystem as the tool: renames are atomic
cleanup() { rm -rf "$work" "$stage"; }
trap cleanup EXIT

# --- crossgen2, from NuGet through dotnet ----------------------------------
# PackageDownload fetches just the package (no runtime packs). Its version is
# $(BundledNETCoreAppPackageVersion), the runtime version this SDK ships with.
cat >"$work/crossgen2.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net$fxmajor.0</TargetFramework>
    <Cg2Id>microsoft.netcore.app.crossgen2.$os-$arch</Cg2Id>
  </PropertyGroup>
  <ItemGroup>
    <PackageDownload Include="\$(Cg2Id)" Version="[\$(BundledNETCoreAppPackageVersion)]" />
  </ItemGroup>
  <Target Name="WriteCrossgen2Path">
    <WriteLinesToFile File="$work/crossgen2.path" Overwrite="true"
      Lines="\$(NuGetPackageRoot)\$(Cg2Id)/\$(BundledNETCoreAppPackageVersion)/tools/crossgen2;\$(BundledNETCoreAppPackageVersion)" />
  </Target>
</Project>
EOF
say "fetching crossgen2 through dotnet restore (NuGet)"
if ! dotnet msbuild "$work/crossgen2.csproj" -nologo -restore -t:WriteCrossgen2Path \
      -p:BaseIntermediateOutputPath="$work/obj/" >"$work/restore.log" 2>&1; then
  cat "$work/restore.log" >&2
  die "could not get crossgen2 from NuGet (dotnet restore failed, log above)"
fi
{ read -r crossgen2; read -r cg2ver; } <"$work/crossgen2.path"
[[ -x $crossgen2 ]] || die "crossgen2 not found at '$crossgen2' after restore"
# ReadyToRun images are tied to the runtime's major version: crossgen2 must
# come from the same major.minor as the runtime pwsh runs on.
[[ ${cg2ver%.*} == "${fxver%.*}" ]] || die "the SDK's crossgen2 is $cg2ver but pwsh runs on Microsoft.NETCore.App $fxver; install an SDK of the same major version"
say "crossgen2 $cg2ver, shared framework $fxver at $fxdir"

# --- Which assemblies ------------------------------------------------------
# Everything under any/ that can load on this OS: not win/, not unix/ref/
# (reference assemblies for Add-Type), and under unix/runtimes/ only the
# RIDs that apply here. The pwsh being compiled classifies them (IL-only
# managed vs native / reference / already compiled) with PEReader.
classify='
foreach ($p in $input) {
  $kind = "NATIVE"
  try {
    $s = [IO.File]::OpenRead($p)
    try {
      $pe = [Reflection.PortableExecutable.PEReader]::new($s)
      $cor = $pe.PEHeaders.CorHeader
      if ($cor) {
        if ($cor.ManagedNativeHeaderDirectory.Size -ne 0) { $kind = "R2R" }
        elseif (-not ($cor.Flags -band [Reflection.PortableExecutable.CorFlags]::ILOnly)) { $kind = "MIXED" }
        else {
          $kind = "IL"
          $md = [Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($pe)
          foreach ($a in $md.GetAssemblyDefinition().GetCustomAttributes()) {
            $c = $md.GetCustomAttribute($a).Constructor
            if ($c.Kind -eq "MemberReference") {
              $t = $md.GetMemberReference($c).Parent
              if ($t.Kind -eq "TypeReference" -and $md.GetString($md.GetTypeReference($t).Name) -eq "ReferenceAssemblyAttribute") { $kind = "REF" }
            }
          }
        }
      }
    } finally { $s.Dispose() }
  } catch { $kind = "NATIVE" }
  "$kind`t$p"
}'
find "$anydir" -name '*.dll' -type f \
  -not -path "$anydir/win/*" -not -path "$unixdir/ref/*" \
  \( -not -path "$unixdir/runtimes/*" -o -path "$unixdir/runtimes/unix/lib/*" \
     -o -path "$unixdir/runtimes/$os/lib/*" -o -path "$unixdir/runtimes/$os-$arch/lib/*" \) \
  | sort >"$work/candidates"
"$tool/pwsh" -NoProfile -NonInteractive -Command "$classify" <"$work/candidates" >"$work/classes" \
  || die "the tool's pwsh could not classify its assemblies; is the tool working? ($tool/pwsh)"
[[ $(wc -l <"$work/classes") -eq $(wc -l <"$work/candidates") ]] || die "assembly classification is incomplete"
grep -q "^R2R"$'\t'"$unixdir/System.Management.Automation.dll$" "$work/classes" \
  && die "System.Management.Automation.dll is already ReadyToRun but there is no marker $marker; not touching it"
mapfile -t inputs < <(awk -F'\t' '$1=="IL"{print $2}' "$work/classes")
say "${#inputs[@]} IL-only assemblies to compile ($(grep -vc '^IL' "$work/classes") others skipped: native, reference or precompiled)"

# --- Compile, one assembly at a time, into the stage folder ----------------
# References: the shared framework first (what is really loaded for e.g.
# System.Memory), then the pwsh folder, then the assembly's own folder tree
# (modules bring their own dependencies). crossgen2 keeps the first of
# duplicate reference names.
core_re='/unix/(System\.Management\.Automation|pwsh|Microsoft\.PowerShell\.[A-Za-z.]+)\.dll$'
failed=()
n=0
for src in "${inputs[@]}"; do
  n=$((n + 1))
  rel=${src#"$anydir/"}
  out="$stage/$rel"
  mkdir -p "$(dirname "$out")"
  refs=(-r "$fxdir/*.dll" -r "$unixdir/*.dll")
  srcdir=$(dirname "$src")
  if [[ $srcdir == "$unixdir/Modules/"* ]]; then
    moddir=$unixdir/Modules/$(cut -d/ -f1 <<<"${srcdir#"$unixdir/Modules/"}")
    while IFS= read -r d; do refs+=(-r "$d/*.dll"); done < <(find "$moddir" -type d)
  elif [[ $srcdir != "$unixdir" ]]; then
    refs+=(-r "$srcdir/*.dll")
  fi
  if "$crossgen2" "$src" -o "$out" -O --targetos:"$os" --targetarch:"$arch" \
       "${refs[@]}" >"$work/cg.log" 2>&1 && [[ -s $out ]]; then
    chmod --reference="$src" "$out"
  else
    rm -f "$out"
    failed+=("$rel")
    printf '  [%3d/%d] FAILED  %s (kept as it was): %s\n' "$n" "${#inputs[@]}" "$rel" \
      "$(grep -m1 -iE 'error|exception' "$work/cg.log" || head -1 "$work/cg.log")"
    if [[ $src =~ $core_re ]]; then
      cat "$work/cg.log" >&2
      die "crossgen2 failed on core assembly $rel; nothing was changed in $tool"
    fi
  fi
done

# --- Swap: originals aside, compiled files in, smoke test, or roll back ----
mapfile -t compiled < <(cd "$stage" && find . -name '*.dll' -type f | sed 's|^\./||' | sort)
[[ ${#compiled[@]} -gt 0 ]] || die "nothing was compiled"
backup="$stage/.orig"
rollback() {
  for rel in "${compiled[@]}"; do
    [[ -f $backup/$rel ]] && mv -f "$backup/$rel" "$anydir/$rel"
  done
}
for rel in "${compiled[@]}"; do
  mkdir -p "$(dirname "$backup/$rel")"
  ln "$anydir/$rel" "$backup/$rel"          # hard link: the original survives the rename below
  mv -f "$stage/$rel" "$anydir/$rel"
done
want=$(awk -F/ '{for (i=1;i<NF;i++) if ($i=="powershell" && $(i+2)=="powershell") {print $(i+1); exit}}' <<<"$anydir")
got=$("$tool/pwsh" -NoProfile -NonInteractive -Command '$PSVersionTable.PSVersion.ToString(); Import-Module Microsoft.PowerShell.Utility; (Get-Date).Year -gt 2000' 2>&1 | tr '\n' ' ' || true)
if [[ $got != "$want True " ]]; then
  rollback
  die "the compiled pwsh failed its smoke test (printed: '$got', wanted '$want True'); the original assemblies were put back"
fi

{
  echo "ReadyToRun-compiled by ready-to-run-pwsh.sh on $(date -u +%FT%TZ)"
  echo "crossgen2 $cg2ver ($os-$arch), against Microsoft.NETCore.App $fxver"
  echo "compiled: ${#compiled[@]}"
  for f in "${failed[@]}"; do echo "not compiled (kept IL-only): $f"; done
} >"$marker"
say "done in $((SECONDS - start))s: ${#compiled[@]} assemblies compiled, ${#failed[@]} kept as they were"
for f in "${failed[@]}"; do say "  kept IL-only: $f"; done
