#!/usr/bin/env bash
# Builds the native library and its tests with AddressSanitizer and
# UndefinedBehaviorSanitizer into ./build-sanitized (scripts/configure-sanitized.sh,
# shared with the fuzzers), and runs every native test.
# A leak, an out-of-bounds access or undefined behaviour fails the run.
#
# The library starts openssl and update-ca-certificates, and the tests start
# openssl s_server: those children are not instrumented (the sanitizer
# runtime is linked into our executables, not preloaded), so they run as
# they always do and ASAN_OPTIONS means nothing to them.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$("$root/scripts/configure-sanitized.sh")
cmake --build "$build" -j2 --target cachain_native_tests

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
cd "$build"
# Only the native suite (label "native"): the Windows store under Wine and
# the PowerShell module's Pester tests run outside the sanitizers' reach, and
# the main test run covers them.
"$root/scripts/ctest-strict.sh" --output-on-failure -j2 --timeout 600 -L '^native$'
