#!/usr/bin/env bash
# Builds the libFuzzer targets with clang into ./build-fuzz and runs each one
# for a fixed time, starting from a seed corpus the build generates (the
# seed's lab PKI as DER, PEM, P7B and PFX: nothing committed).
#
#   scripts/fuzz.sh [seconds per target] [target...]    (default: 60, all)
#
# Inputs that grow coverage are kept in build-fuzz/corpus/<target>, so a
# longer run goes on where the last one stopped. A crash, a leak, a time-out
# or undefined behaviour stops the target, leaves the input in
# build-fuzz/crashes/, and makes the script fail. Replay one with
#   build-fuzz/fuzz/<target> build-fuzz/crashes/<file>
# and make it a regression test in tests/native.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build-fuzz"
seconds=${1:-60}
shift || true
all_targets=(certificate_parser_fuzzer c_api_fuzzer aia_response_fuzzer file_names_fuzzer starttls_fuzzer)
targets=("${@:-${all_targets[@]}}")

CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCACHAIN_BUILD_FUZZERS=ON -DCACHAIN_BUILD_TESTS=OFF -DCACHAIN_BUILD_DEMO=OFF >/dev/null
cmake --build "$build" -j2 --target cachain_fuzz_corpus "${targets[@]}"

export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
mkdir -p "$build/crashes"
failed=()
for target in "${targets[@]}"; do
  corpus="$build/corpus/$target"
  mkdir -p "$corpus"
  echo "fuzz: $target for ${seconds}s"
  # -timeout: one input taking 10 s is a hang; -rss_limit_mb: the library
  # must stay in bounded memory whatever the input.
  if ! "$build/fuzz/$target" "$corpus" "$build/fuzz/seed-corpus/$target" \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
      -artifact_prefix="$build/crashes/$target-" -print_final_stats=1 \
      >"$build/$target.log" 2>&1; then
    failed+=("$target")
    tail -n 60 "$build/$target.log"
  else
    grep -E "^(stat::number_of_executed_units|stat::new_units_added)" "$build/$target.log" | sed "s/^/  /"
  fi
done

if ((${#failed[@]} > 0)); then
  echo "fuzz: FAILED: ${failed[*]} (inputs in $build/crashes)" >&2
  exit 1
fi
echo "fuzz: every target ran ${seconds}s without a finding"
