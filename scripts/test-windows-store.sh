#!/usr/bin/env bash
# Cross-builds the Windows CryptoAPI store backend and its GoogleTest suite
# with mingw-w64, and runs the suite under Wine, headless, in a Wine prefix
# made for this run (so every store starts never opened). The exit code is
# the tests' result.
#
# Usage: scripts/test-windows-store.sh [build-folder]   (default: ./build-windows)
# Needs: scripts/setup.sh (mingw-w64, wine, openssl, cmake, googletest).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(mkdir -p "${1:-$root/build-windows}" && cd "${1:-$root/build-windows}" && pwd)

for tool in x86_64-w64-mingw32-g++-posix wine wineserver openssl cmake; do
  command -v "$tool" >/dev/null || { echo "test-windows-store: $tool is missing: run scripts/setup.sh" >&2; exit 1; }
done

echo "== cross-building into $build/cross"
cmake -S "$root/tests/windows" -B "$build/cross" \
  -DCMAKE_TOOLCHAIN_FILE="$root/cmake/mingw-w64-x86_64.cmake" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build/cross" -j2 --target windows_store_tests

# The seed's lab chain, made now: root -> policy CA -> issuing CA. The test
# gets each certificate as DER and its SHA-1 as openssl computes it, to
# check against what CryptoAPI computes.
certs="$build/certs"
rm -rf "$certs" && mkdir -p "$certs"
make_ca() {  # name, common name, issuer name ("" for self-signed)
  local name=$1 cn=$2 issuer=$3
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$certs/$name.key" \
    -subj "/DC=lab/DC=schertz/CN=$cn" -out "$certs/$name.csr" 2>/dev/null
  printf 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n' \
    >"$certs/$name.ext"
  if [[ -z $issuer ]]; then
    openssl x509 -req -in "$certs/$name.csr" -key "$certs/$name.key" -days 30 -extfile "$certs/$name.ext" \
      -outform DER -out "$certs/$name.cer" 2>/dev/null
  else
    openssl x509 -req -in "$certs/$name.csr" -CA "$certs/$issuer.pem" -CAkey "$certs/$issuer.key" -CAcreateserial \
      -days 30 -extfile "$certs/$name.ext" -outform DER -out "$certs/$name.cer" 2>/dev/null
  fi
  openssl x509 -inform DER -in "$certs/$name.cer" -out "$certs/$name.pem"
  openssl x509 -inform DER -in "$certs/$name.cer" -noout -fingerprint -sha1 | sed 's/^.*=//; s/://g' >"$certs/$name.sha1"
}
make_ca root SchertzLabRootCA ""
make_ca policy SchertzLabPolicyCA root
make_ca issuing SchertzLabIssuingCA policy
rm -f "$certs"/*.key  # the keys were only needed to sign

export WINEPREFIX="$build/wineprefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
unset DISPLAY WAYLAND_DISPLAY
rm -rf "$WINEPREFIX"
trap 'wineserver -k 2>/dev/null || true' EXIT  # only this prefix's server
echo "== booting a fresh Wine prefix in $WINEPREFIX"
start=$SECONDS
wine wineboot -i >/dev/null 2>&1 || true
wineserver -w
echo "   (took $((SECONDS - start)) s)"

export CACHAIN_TEST_CERTS="Z:${certs//\//\\}"
exe="$build/cross/windows_store_tests.exe"
result=0
# The never-opened store test must come before anything opens a store.
wine "$exe" --gtest_filter='WindowsStoreFirstUse.*' || result=1
wine "$exe" --gtest_filter='-WindowsStoreFirstUse.*' || result=1
exit "$result"
