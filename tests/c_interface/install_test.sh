#!/bin/sh
# Installs libcachain (component "cachain") into a scratch DESTDIR, then
# builds and runs a C99 program against that tree with nothing but what
# `pkg-config --cflags --libs cachain` says: the header, the library and
# cachain.pc must all be installed, and agree.
#
# Usage: install_test.sh <build folder> <scratch folder> <C compiler> <prefix> <libdir> <version>
set -eu
build=$1 scratch=$2 cc=$3 prefix=$4 libdir=$5 version=$6
case $scratch in /*) ;; *) echo "the scratch folder must be absolute: '$scratch'" >&2; exit 2 ;; esac
rm -rf "$scratch"
mkdir -p "$scratch"
destdir=$scratch/destdir

DESTDIR=$destdir cmake --install "$build" --component cachain

cat > "$scratch/uses_cachain.c" <<'C'
#include <stdio.h>
#include <string.h>

#include <cachain/cachain.h>

int main(void) {
    cachain_set* set = NULL;
    if (cachain_set_new(&set) != CACHAIN_OK) return 1;
    printf("%s %zu\n", cachain_version(), cachain_set_count(set));
    cachain_set_free(set);
    return 0;
}
C
flags=$(PKG_CONFIG_PATH=$destdir$prefix/$libdir/pkgconfig pkg-config --cflags --libs cachain)
# shellcheck disable=SC2086  # the flags are words
"$cc" -std=c99 -Wall -Wextra -Werror -pedantic -o "$scratch/uses_cachain" "$scratch/uses_cachain.c" $flags
output=$(LD_LIBRARY_PATH=$destdir$prefix/$libdir "$scratch/uses_cachain")
if [ "$output" != "$version 0" ]; then
  echo "the program built against the installed tree printed '$output', expected '$version 0'" >&2
  exit 1
fi
pc_version=$(PKG_CONFIG_PATH=$destdir$prefix/$libdir/pkgconfig pkg-config --modversion cachain)
if [ "$pc_version" != "$version" ]; then
  echo "cachain.pc says version '$pc_version', expected '$version'" >&2
  exit 1
fi
echo "installed into $destdir; built and ran $scratch/uses_cachain: $output"
