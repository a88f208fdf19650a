#!/usr/bin/env bash
# The README's test command: set up, build, and run every test.
# Prints how long each stage took, at the end and on failure, because CI has
# a 30-minute budget and the slowest stage is where to win time back.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

timings=()
print_timings() {
  ((${#timings[@]} > 0)) || return 0
  echo "test: time per stage"
  printf '  %s\n' "${timings[@]}"
}
trap print_timings EXIT

stage() {
  local name=$1 started=$SECONDS
  shift
  "$@"
  timings+=("$(printf '%-28s %5d s' "$name" $((SECONDS - started)))")
}

stage "setup" "$root/scripts/setup.sh"
stage "build" "$root/scripts/build.sh"
cd "$root/build"
stage "ctest" "$root/scripts/ctest-strict.sh" --output-on-failure -j2 --timeout 300

# Hardening (SECURITY.md): every native test again under AddressSanitizer and
# UndefinedBehaviorSanitizer, then each fuzzer briefly.
stage "sanitizers (build and run)" "$root/scripts/test-sanitizers.sh"
stage "fuzzers (build and run)" "$root/scripts/fuzz.sh" 10
echo "test: every test passed (ctest, the sanitizer run and the fuzzers)"
