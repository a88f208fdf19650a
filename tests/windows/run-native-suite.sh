#!/bin/sh
# Runs the Windows native suite under Wine for ctest's Windows.NativeTests:
#   run-native-suite.sh <wine-run.sh> <prefix> <cachain_native_tests.exe>
# The test of a store never opened before must run before anything opens
# one, so it runs first, on its own, in a fresh prefix, and must be found and
# pass. Then the rest. A test that skips itself fails the run, as ctest-strict
# makes it fail on Linux: this whole suite is one ctest entry.
set -u
wine_run=$1 prefix=$2 program=$3
log=$(mktemp)
trap 'rm -f "$log"' EXIT

"$wine_run" --fresh "$prefix" "$program" --gtest_filter='WindowsStoreFirstUse.*' >"$log" 2>&1
first=$?
cat "$log"
[ "$first" -eq 0 ] && grep -q 'PASSED.*1 test' "$log" || { echo "WindowsStoreFirstUse did not pass on its own" >&2; exit 1; }

"$wine_run" --discard "$prefix" "$program" --gtest_filter='-WindowsStoreFirstUse.*:PlantedOpensslConf.*' >"$log" 2>&1
rest=$?
cat "$log"
[ "$rest" -eq 0 ] || exit "$rest"
if grep '^\[  SKIPPED \]' "$log" >&2; then
  echo "the tests above skipped themselves; a skip is a failure here" >&2
  exit 1
fi
