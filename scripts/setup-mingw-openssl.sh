#!/usr/bin/env bash
# Builds OpenSSL for 64-bit Windows (mingw-w64) from Debian's own source
# package, the 3.0.x Debian ships with its security patches, once per source
# version, into a cache folder named after that version. Prints the folder.
#
#   static libraries only (no-shared): cachain.dll carries OpenSSL inside it;
#   no-module: the legacy provider (RC2, 3DES, for PKCS#12 files exported by
#     Windows) is built into libcrypto, as there is no legacy.dll to load;
#   no-autoload-config: see below;
#   openssl.exe too: the tests on Windows start `openssl s_server` with it.
#
# Usage: scripts/setup-mingw-openssl.sh   (cache: $CACHAIN_CACHE, default ./.cache)
# Needs: scripts/setup.sh (mingw-w64, dpkg-dev, and source packages through
# setup-deb-src.sh). Runs as any user: it only downloads and builds.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cache=${CACHAIN_CACHE:-$root/.cache}
cross=x86_64-w64-mingw32-


# no-autoload-config: the library never reads an openssl.cnf. The folder
# that OpenSSL would look in is baked in at build time, and on a Windows
# machine a path like this cache's can be created by any user: a planted
# configuration could load code into an administrator's PowerShell.
options=(mingw64 no-shared no-tests no-module no-autoload-config --cross-compile-prefix="$cross")
# A cache folder holds one source version built one way: the options and the
# compiler are part of its name, so changing either builds anew.
build_key=$( (echo "${options[*]}"; "${cross}gcc" -dumpversion) | sha256sum | cut -c1-8)

# Debian's source versions of openssl, newest first (or the one pinned in
# CACHAIN_OPENSSL_SOURCE_VERSION). The registry may list a version whose
# files it cannot serve; then the newest one that downloads whole (or is
# built already) is taken, and the fallback is said loudly, since
# cachain.dll carries this OpenSSL inside it.
versions=${CACHAIN_OPENSSL_SOURCE_VERSION:-$(apt-cache showsrc --only-source openssl 2>/dev/null | sed -n 's/^Version: //p' | sort -u | sort -rV)}
if [[ -z $versions ]]; then
  echo "setup-mingw-openssl: apt knows no openssl source package: run scripts/setup.sh (it enables them)" >&2
  exit 1
fi
newest=$(head -n1 <<<"$versions")

mkdir -p "$cache"
work=$(mktemp -d "$cache/openssl-source.XXXXXX")
trap 'rm -rf "$work"' EXIT
chosen=
for version in $versions; do
  prefix="$cache/openssl-${version//\~/+}-mingw64-$build_key"
  if [[ -f $prefix/.complete ]]; then
    chosen=$version
    break
  fi
  rm -rf "${work:?}"/*
  if (cd "$work" && apt-get source -qq "openssl=$version" >"$work/apt.log" 2>&1); then
    chosen=$version
    break
  fi
  echo "setup-mingw-openssl: the source of openssl $version cannot be fetched ($(grep -m1 '^E:' "$work/apt.log" || tail -n1 "$work/apt.log"))" >&2
done
if [[ -z $chosen ]]; then
  echo "setup-mingw-openssl: no source version of openssl could be fetched ($(echo $versions))" >&2
  exit 1
fi
version=$chosen
if [[ $version != "$newest" ]]; then
  echo "setup-mingw-openssl: WARNING: cachain.dll gets OpenSSL $version, not $newest, the newest Debian lists," \
    "whose source this registry does not serve. Pin one with CACHAIN_OPENSSL_SOURCE_VERSION." >&2
fi
if [[ -f $prefix/.complete ]]; then
  echo "$prefix"
  exit 0
fi

echo "setup-mingw-openssl: building OpenSSL $version for mingw-w64 into $prefix (about 4 minutes)" >&2
start=$SECONDS
rm -rf "$prefix"
source_dir=$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'openssl-*' | head -n1)
cd "$source_dir"
./Configure "${options[@]}" --prefix="$prefix" --libdir=lib >"$work/configure.log" 2>&1 || {
  tail -n 30 "$work/configure.log" >&2
  exit 1
}
# One target at a time: OpenSSL's top-level targets each regenerate the
# Makefile's dependencies first, and two at once race on it.
for target in build_libs build_programs; do
  make -j2 "$target" >"$work/make.log" 2>&1 || {
    grep -E -m 20 -B 2 'error|Error' "$work/make.log" >&2 || tail -n 40 "$work/make.log" >&2
    exit 1
  }
done
make install_dev >"$work/install.log" 2>&1 || {
  tail -n 20 "$work/install.log" >&2
  exit 1
}
mkdir -p "$prefix/bin"
cp apps/openssl.exe "$prefix/bin/"
echo "$version" >"$prefix/.complete"
echo "setup-mingw-openssl: done in $((SECONDS - start)) s" >&2
echo "$prefix"
