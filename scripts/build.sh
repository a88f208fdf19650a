#!/usr/bin/env bash
# Configures and builds everything into ./build (two parallel jobs): the
# Linux library, module, demo and tests, and, cross-built with mingw-w64 into
# ./build/windows, cachain.dll with its tests and demo for Windows.
#
# Usage: scripts/build.sh [--linux-only]
#   --linux-only  do not set up the Windows build (the demo needs only Linux);
#                 a ./build that was configured with it keeps building it
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

windows=()
case ${1:-} in
  --linux-only) ;;  # keeps whatever ./build was configured with before
  "")
    # Built once per OpenSSL source version, then reused (.cache/).
    windows_openssl=$("$root/scripts/setup-mingw-openssl.sh")
    windows=(-DCACHAIN_WINDOWS_OPENSSL="$windows_openssl")
    echo "build: OpenSSL for mingw-w64 ready after ${SECONDS} s" ;;
  *) echo "usage: scripts/build.sh [--linux-only]" >&2; exit 2 ;;
esac
cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo "${windows[@]}" >/dev/null
cmake --build "$root/build" -j2
echo "build: done after ${SECONDS} s"
