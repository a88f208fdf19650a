#!/usr/bin/env bash
# Runs a Windows program under Wine, headless, in a Wine prefix of its own.
# A new prefix is a copy of one booted once (wineboot takes about 15 s, a
# copy about 1 s), so each test starts on a fresh Windows installation's
# stores and registry, and two tests never share them.
#
# Usage: scripts/wine-run.sh [--fresh] [--discard] <prefix-folder> <program.exe> [arguments...]
#   --fresh             start from a new copy even when the prefix exists
#                       (without it, a second run continues in the same prefix)
#   --discard           delete the prefix when the program succeeded (a prefix
#                       is about 700 MB; a failed run's stays, to look into)
#   CACHAIN_WINE_TEMPLATE  the booted prefix to copy (default: <prefix-folder>/../wine-template)
#   CACHAIN_WINE_PATH      Linux folders (':'-separated) put on the program's PATH, e.g. openssl.exe's
#   CACHAIN_WINEDEBUG      Wine's debug channels (default: -all, none), e.g. warn+heap
# Exit code: the program's.
set -euo pipefail

fresh=0 discard=0
while [[ ${1:-} == --fresh || ${1:-} == --discard ]]; do
  if [[ $1 == --fresh ]]; then fresh=1; else discard=1; fi
  shift
done
if (($# < 2)) || [[ $1 == -* ]]; then
  echo "usage: scripts/wine-run.sh [--fresh] [--discard] <prefix-folder> <program.exe> [arguments...]" >&2
  exit 2
fi
prefix=$(mkdir -p "$1" && cd "$1" && pwd)
shift
template=${CACHAIN_WINE_TEMPLATE:-$(dirname "$prefix")/wine-template}
for tool in wine wineserver flock; do
  command -v "$tool" >/dev/null || { echo "wine-run: $tool is missing: run scripts/setup.sh" >&2; exit 1; }
done

export WINEDEBUG=${CACHAIN_WINEDEBUG:--all}
unset DISPLAY WAYLAND_DISPLAY  # headless: nothing may need a window

boot_template() {
  mkdir -p "$template"
  (
    flock 9
    if [[ ! -f $template/.booted ]]; then
      echo "wine-run: booting a Wine prefix in $template (once, about 15 s)" >&2
      rm -rf "${template:?}"/* "$template"/.[!.]* 2>/dev/null || true
      # Booted without Wine's Mono and Gecko (mscoree, mshtml off), whose
      # installers would prompt; nothing here needs them.
      WINEPREFIX=$template WINEDLLOVERRIDES="mscoree,mshtml=" wine wineboot -i >"$template.boot.log" 2>&1 || true
      # Without this, Wine's crash debugger catches a crashing program and
      # the run exits 0: a crash would look like a pass.
      WINEPREFIX=$template wine reg add 'HKLM\Software\Microsoft\Windows NT\CurrentVersion\AeDebug' \
        /v Debugger /d false /f >/dev/null 2>&1
      WINEPREFIX=$template wineserver -w
      # The registry files are written when the server stops: without them
      # the boot failed, and every test would run on a broken prefix.
      if [[ ! -f $template/system.reg ]]; then
        echo "wine-run: booting a Wine prefix failed (log: $template.boot.log)" >&2
        exit 1
      fi
      touch "$template/.booted"
    fi
  ) 9>"$template.lock"
}

if ((fresh)) || [[ ! -f $prefix/.booted ]]; then
  boot_template
  WINEPREFIX=$prefix wineserver -k 2>/dev/null || true
  rm -rf "$prefix"
  cp -a "$template" "$prefix"
fi

export WINEPREFIX=$prefix
if [[ -n ${CACHAIN_WINE_PATH:-} ]]; then
  windows_path=
  IFS=: read -ra folders <<<"$CACHAIN_WINE_PATH"
  for folder in "${folders[@]}"; do windows_path+="${windows_path:+;}Z:${folder//\//\\}"; done
  export WINEPATH=$windows_path
fi
# For .NET programs (PowerShell for Windows): mscoree must stay on at run
# time, since Wine hands every IL-only DLL .NET maps to it; and the CLR dies
# inside Pester ("Internal CLR error 0x80131506") unless W^X is off.
export WINEDLLOVERRIDES="mshtml=" DOTNET_EnableWriteXorExecute=0 POWERSHELL_TELEMETRY_OPTOUT=1
# Wine passes the Linux environment on: a Linux PSModulePath would be read
# as one Windows folder.
unset PSModulePath
trap 'wineserver -k >/dev/null 2>&1 || true' EXIT  # this prefix's server only
# Each run, Wine says on stderr that it cannot read the volume label of Z:
# (the Linux root); that line is noise and is dropped.
status=0
wine "$@" 2> >(grep --line-buffered -v 'FS volume label and serial are not available' >&2) || status=$?
wait "${!:-}" 2>/dev/null || true  # until every line of stderr is out
if ((discard && status == 0)); then
  wineserver -k >/dev/null 2>&1 || true
  rm -rf "$prefix"
fi
exit "$status"
