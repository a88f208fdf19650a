#!/usr/bin/env bash
# The README's test command: set up, build, and run every test.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
"$root/scripts/build.sh"
cd "$root/build"
"$root/scripts/ctest-strict.sh" --output-on-failure -j2 --timeout 300

# Hardening (SECURITY.md): every native test again under AddressSanitizer and
# UndefinedBehaviorSanitizer, then each fuzzer briefly.
"$root/scripts/test-sanitizers.sh"
"$root/scripts/fuzz.sh" 10
echo "test: every test passed (ctest, the sanitizer run and the fuzzers)"
