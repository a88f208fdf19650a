#!/usr/bin/env bash
# Runs a Windows program under Wine, headless, in a Wine prefix of its own.
# A new prefix is a copy of one booted once (wineboot takes about 15 s, a
# copy about 1 s), so each test starts on a fresh Windows installation's
# stores and registry, and two tests never share them.
#
# Usage: scripts/wine-run.sh [--fresh] <prefix-folder> <program.exe> [arguments...]
#   --fresh             start from a new copy even when the prefix exists
#                       (without it, a second run continues in the same prefix)
#   CACHAIN_WINE_TEMPLATE  the booted prefix to copy (default: <prefix-folder>/../wine-template)
#   CACHAIN_WINE_PATH      Linux folders (':'-separated) put on the program's PATH, e.g. openssl.exe's
# Exit code: the program's.
set -euo pipefail

fresh=0
if [[ ${1:-} == --fresh ]]; then fresh=1; shift; fi
if (($# < 2)); then
  echo "usage: scripts/wine-run.sh [--fresh] <prefix-folder> <program.exe> [arguments...]" >&2
  exit 2
fi
prefix=$(mkdir -p "$1" && cd "$1" && pwd)
shift
template=${CACHAIN_WINE_TEMPLATE:-$(dirname "$prefix")/wine-template}
for tool in wine wineserver flock; do
  command -v "$tool" >/dev/null || { echo "wine-run: $tool is missing: run scripts/setup.sh" >&2; exit 1; }
done

# Headless, and no offer to install Wine's Mono or Gecko (nothing here needs them).
export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
unset DISPLAY WAYLAND_DISPLAY

boot_template() {
  mkdir -p "$template"
  (
    flock 9
    if [[ ! -f $template/.booted ]]; then
      echo "wine-run: booting a Wine prefix in $template"
      rm -rf "${template:?}"/* "$template"/.[!.]* 2>/dev/null || true
      WINEPREFIX=$template wine wineboot -i >/dev/null 2>&1 || true
      # Without this, Wine's crash debugger catches a crashing program and
      # the run exits 0: a crash would look like a pass.
      WINEPREFIX=$template wine reg add 'HKLM\Software\Microsoft\Windows NT\CurrentVersion\AeDebug' \
        /v Debugger /d false /f >/dev/null 2>&1
      WINEPREFIX=$template wineserver -w
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
trap 'wineserver -k 2>/dev/null || true' EXIT  # this prefix's server only
wine "$@"
