#!/usr/bin/env bash
# Runs ctest in the current folder with the given arguments, and fails when
# it ran no test at all or when any test skipped itself: a missing
# prerequisite (wine, sshd, a free port) must make the run red, never
# quietly green. The scripts install what the tests need.
#
#   scripts/ctest-strict.sh [ctest arguments...]
set -euo pipefail
log=$(mktemp)
trap 'rm -f "$log"' EXIT
ctest --no-tests=error "$@" 2>&1 | tee "$log"
# ctest lists a test that skipped itself (GTEST_SKIP, a skip expression) as
# "<n> - <name> (Skipped)" under "The following tests did not run:".
if grep -E '^[[:space:]]*[0-9]+ - .* \(Skipped\)$' "$log" >&2; then
  echo "ctest: the tests above skipped themselves; a skip is a failure here" >&2
  exit 1
fi
