#!/usr/bin/env bash
# Builds the libFuzzer targets with clang into ./build-sanitized (shared with
# the sanitizer run: scripts/configure-sanitized.sh) and runs each one,
# starting from the committed corpus (fuzz/corpus/<target>, minimised, read
# only) and the seed corpus the build generates (the seed's lab PKI as DER,
# PEM, P7B and PFX, made fresh with its keys at each build).
#
#   scripts/fuzz.sh [seconds per target] [target...]      short: default 60 s each; CI runs 10 s
#   scripts/fuzz.sh --long [executions] [target...]       default 10,000,000 executions each,
#                                                         capped at FUZZ_MAX_SECONDS (default 3600) each
#   scripts/fuzz.sh --merge [target...]                   re-minimise fuzz/corpus from build-sanitized/corpus
#
# Inputs that grow coverage are kept in build-sanitized/corpus/<target>, so a
# longer run goes on where the last one stopped; --merge folds them into the
# committed corpus, keeping only what adds coverage beyond the seed corpus and
# dropping any input that holds a private key. Each run prints, per target,
# the executions, the new units and the coverage (cov: edges, ft: features).
# A crash, a leak, a time-out or undefined behaviour stops the target, leaves
# the input in build-sanitized/crashes/, and makes the script fail. Replay one with
#   build-sanitized/fuzz/<target> build-sanitized/crashes/<file>
# and make it a regression test in tests/native/fuzz_regressions_test.cpp.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$("$root/scripts/configure-sanitized.sh")
committed="$root/fuzz/corpus"
all_targets=(certificate_parser_fuzzer c_api_fuzzer aia_response_fuzzer file_names_fuzzer starttls_fuzzer)

mode=short
case "${1:-}" in
  --long) mode=long; shift; executions=10000000
          if [[ "${1:-}" =~ ^[0-9]+$ ]]; then executions=$1; shift; fi ;;
  --merge) mode=merge; shift ;;
  *) seconds=${1:-60}; shift || true ;;
esac
max_seconds=${FUZZ_MAX_SECONDS:-3600}
targets=("${@:-${all_targets[@]}}")

cmake --build "$build" -j2 --target cachain_fuzz_corpus "${targets[@]}"

export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
# -timeout: one input taking 10 s is a hang; -rss_limit_mb: the library must
# stay in bounded memory whatever the input; -max_len: larger inputs only
# slow the search (the size caps have tests of their own).
limits=(-timeout=10 -rss_limit_mb=2048 -max_len=16384)

# A PKCS#12 key bag, a PEM key block, or a DER file openssl reads a key out
# of (the seed's PFX files open with "fuzz"): the project commits no key, not
# even a throwaway lab key a mutation carried along. A mutated certificate bag
# can look like a key bag and is dropped too: losing one input costs little.
holds_private_key() {
  LC_ALL=C grep -qazP 'PRIVATE KEY|\x2a\x86\x48\x86\xf7\x0d\x01\x0c\x0a\x01[\x01\x02]' "$1" && return 0
  [[ $(head -c 1 "$1" | od -An -tx1 | tr -d ' ') == 30 ]] || return 1  # not DER: the text checks above suffice
  openssl pkey -inform DER -in "$1" -passin pass:fuzz -noout 2>/dev/null && return 0
  for password in fuzz ""; do
    openssl pkcs12 -legacy -in "$1" -nocerts -nodes -passin pass:"$password" 2>/dev/null | grep -q "PRIVATE KEY" && return 0
  done
  return 1
}

# Before each run, the fast part of that check over the whole committed
# corpus (--merge ran the full one on every input it kept).
check_committed_corpus() {
  local found
  found=$(LC_ALL=C grep -rlazP 'PRIVATE KEY|\x2a\x86\x48\x86\xf7\x0d\x01\x0c\x0a\x01[\x01\x02]' "$committed" || true)
  if [[ -n $found ]]; then
    echo "fuzz: these committed inputs hold a private key: remove them (scripts/fuzz.sh --merge drops such inputs):" >&2
    echo "${found//"$root"\//}" >&2
    exit 1
  fi
}

# The figures of the last run of a target: libFuzzer's final statistics and
# its last status line (cov: edges reached, ft: features).
summarise() {
  local log=$1 status
  status=$(grep -aE "^#[0-9]+.*cov: " "$log" | tail -n 1 || true)
  printf "  executions %s, new units %s, cov %s, ft %s, corpus %s, exec/s %s\n" \
    "$(grep -a "^stat::number_of_executed_units" "$log" | awk '{print $2}')" \
    "$(grep -a "^stat::new_units_added" "$log" | awk '{print $2}')" \
    "$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$status")" \
    "$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$status")" \
    "$(sed -nE 's/.* corp: ([0-9]+\/[^ ]+).*/\1/p' <<<"$status")" \
    "$(sed -nE 's/.* exec\/s: ([0-9]+).*/\1/p' <<<"$status")"
}

# Keeps in fuzz/corpus/<target> only the inputs (committed or found since)
# that add coverage to the seed corpus: the seed goes first into the merge
# folder, so libFuzzer keeps nothing it already covers, and is taken out after.
merge_target() {
  local target=$1 into file
  into=$(mktemp -d)
  cp "$build/fuzz/seed-corpus/$target"/* "$into/"
  mkdir -p "$committed/$target" "$build/corpus/$target"
  "$build/fuzz/$target" -merge=1 "${limits[@]}" "$into" "$committed/$target" "$build/corpus/$target" \
    >"$build/$target-merge.log" 2>&1 || { tail -n 30 "$build/$target-merge.log"; rm -rf "$into"; return 1; }
  for file in "$build/fuzz/seed-corpus/$target"/*; do rm -f "$into/$(basename "$file")"; done
  for file in "$into"/*; do
    [[ -e "$file" ]] || continue
    if holds_private_key "$file"; then echo "  dropped $(basename "$file"): holds a private key"; rm -f "$file"; fi
  done
  rm -rf "${committed:?}/$target"
  mkdir -p "$committed/$target"
  cp "$into"/* "$committed/$target/" 2>/dev/null || true
  rm -rf "$into"
  echo "  fuzz/corpus/$target: $(find "$committed/$target" -type f | wc -l) inputs, $(du -sh "$committed/$target" | cut -f1)"
}

if [[ $mode == merge ]]; then
  for target in "${targets[@]}"; do
    echo "fuzz: merging $target"
    merge_target "$target"
  done
  exit 0
fi

check_committed_corpus
mkdir -p "$build/crashes"
if [[ $mode == long ]]; then
  budget=(-runs="$executions" -max_total_time="$max_seconds")
else
  budget=(-max_total_time="$seconds")
fi
# One target's run; its exit status goes to <target>.status beside its log.
run_target() {
  local target=$1 corpus="$build/corpus/$1" status=0
  mkdir -p "$corpus" "$committed/$target"
  # New units go to the first folder only: the committed corpus stays as it is.
  "$build/fuzz/$target" "$corpus" "$committed/$target" "$build/fuzz/seed-corpus/$target" \
    "${budget[@]}" "${limits[@]}" \
    -artifact_prefix="$build/crashes/$target-" -print_final_stats=1 \
    >"$build/$target.log" 2>&1 || status=$?
  echo "$status" >"$build/$target.status"
}

# Two targets at a time, one per core: each is single-threaded.
for target in "${targets[@]}"; do
  if [[ $mode == long ]]; then
    echo "fuzz: $target for $executions executions (at most ${max_seconds}s)"
  else
    echo "fuzz: $target for ${seconds}s"
  fi
  while (($(jobs -rp | wc -l) >= 2)); do wait -n || true; done
  run_target "$target" &
done
wait

failed=()
for target in "${targets[@]}"; do
  echo "fuzz: $target"
  if [[ $(cat "$build/$target.status") != 0 ]]; then
    failed+=("$target")
    tail -n 60 "$build/$target.log"
  else
    summarise "$build/$target.log"
  fi
done

if ((${#failed[@]} > 0)); then
  echo "fuzz: FAILED: ${failed[*]} (inputs in $build/crashes)" >&2
  exit 1
fi
if [[ $mode == long ]]; then
  echo "fuzz: every target ran without a finding (figures above; logs in $build/<target>.log)"
else
  echo "fuzz: every target ran ${seconds}s without a finding"
fi
