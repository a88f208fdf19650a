#!/usr/bin/env bash
# Proves that the tests SECURITY.md names catch the bugs they are named for.
# Each line of tests/mutants/mutants.tsv is a one-line bug: a file, the exact
# text to replace, its broken replacement, and the ctest names (a regex) that
# must fail. For each one this script plants the bug, rebuilds ./build-mutants,
# runs those tests, and puts the file back. A bug the tests do not notice is a
# surviving mutant, and makes the script fail.
#
#   scripts/mutants.sh [id...]     (default: every mutant)
#
# Not part of scripts/test.sh: each mutant is a rebuild (about a minute here).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build-mutants"
table="$root/tests/mutants/mutants.tsv"

# Linux only, no demo: the mutants are judged by the native and Pester tests.
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCACHAIN_BUILD_DEMO=OFF >/dev/null
targets=(cachain_native_tests cachain_module cachain-test-pki)
cmake --build "$build" -j2 --target "${targets[@]}" >/dev/null

planted=""
# Put back with a new time stamp, so the next build drops the mutant's objects.
restore() {
  if [[ -n $planted ]]; then
    cat "$planted.mutant-original" >"$planted" && rm -f "$planted.mutant-original"
    planted=""
  fi
}
trap restore EXIT INT TERM

# Replaces the one occurrence of $2 in file $1 with $3; fails if there is not
# exactly one (the code moved on, and the mutant must be updated).
plant() {
  local file=$1 old=$2 new=$3 text
  text=$(<"$file")
  local rest=${text#*"$old"}
  if [[ $rest == "$text" || $rest == *"$old"* ]]; then
    echo "mutants: '$old' does not occur exactly once in $file" >&2
    return 1
  fi
  cp "$file" "$file.mutant-original"
  planted=$file
  printf '%s\n' "${text/"$old"/"$new"}" >"$file"
}

# The selected mutants' rows, without comments.
rows() {
  while IFS=$'\t' read -r id rest; do
    [[ -z $id || $id == \#* ]] && continue
    if (($# > 0)) && [[ " $* " != *" $id "* ]]; then continue; fi
    printf '%s\t%s\n' "$id" "$rest"
  done <"$table"
}

# A test that fails already would count every mutant as caught: the named
# tests must pass on the unmodified code first.
baseline=$(rows "$@" | cut -f5 | sort -u | paste -sd'|')
if ! (cd "$build" && ctest -R "$baseline" --no-tests=error --timeout 300 >"$build/baseline.log" 2>&1); then
  echo "mutants: the named tests fail on the unmodified code (see $build/baseline.log)" >&2
  exit 1
fi

survived=()
caught=0
while IFS=$'\t' read -r id file old new tests; do
  plant "$root/$file" "$old" "$new"
  if ! cmake --build "$build" -j2 --target "${targets[@]}" >"$build/mutant-$id.log" 2>&1; then
    echo "mutants: $id does not build (see $build/mutant-$id.log)" >&2
    restore
    exit 1
  fi
  if (cd "$build" && ctest -R "$tests" --no-tests=error --timeout 300 >>"$build/mutant-$id.log" 2>&1); then
    survived+=("$id")
    echo "SURVIVED $id: $tests passed with the bug planted"
  else
    caught=$((caught + 1))
    echo "caught   $id: $(grep -cE '\*\*\*Failed|\*\*\*Exception|\*\*\*Timeout' "$build/mutant-$id.log") of the tests failed"
  fi
  restore
done < <(rows "$@")

cmake --build "$build" -j2 --target "${targets[@]}" >/dev/null  # leave the folder matching the source again
if ((${#survived[@]} > 0)); then
  echo "mutants: ${#survived[@]} survived: ${survived[*]}" >&2
  exit 1
fi
echo "mutants: all $caught caught"
