#!/usr/bin/env bash
# The whole test suite, as CI runs it: install, format and lint checks, the
# debug build with every test (unit, golden, end-to-end), the sanitizer build
# with the unit tests, the fuzzers, and the benchmarks' figures. Prints the
# time of each stage.
set -euo pipefail
cd "$(dirname "$0")/.."
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/rampart-ccache}
export CTEST_OUTPUT_ON_FAILURE=1
jobs=$(nproc)

declare -a stage_names stage_times
stage() { # stage NAME COMMAND...
  local name=$1; shift
  echo
  echo "=== $name"
  local start=$SECONDS
  "$@"
  stage_names+=("$name")
  stage_times+=($((SECONDS - start)))
  echo "=== $name: $((SECONDS - start))s"
}

build() { cmake --preset "$1" >/dev/null && cmake --build --preset "$1" -j "$jobs"; }
tidy() { run-clang-tidy-14 -quiet -p build/dev -j "$jobs" "$PWD/src/" >build/dev/clang-tidy.log 2>&1 || { grep -E "(warning|error):" build/dev/clang-tidy.log | head -50; return 1; }; echo "clang-tidy: clean"; }

stage setup bash scripts/setup.sh
stage format bash scripts/check-format.sh
stage build-dev build dev
stage test-dev ctest --preset dev -j "$jobs"
stage clang-tidy tidy
stage build-asan build asan
stage test-asan ctest --preset asan -j "$jobs"
stage fuzz bash scripts/fuzz.sh "${RAMPART_FUZZ_SECONDS:-5}"
stage bench env RAMPART_BENCH_RUNS=3 bash scripts/bench.sh

echo
echo "stage times:"
for i in "${!stage_names[@]}"; do printf '  %-12s %5ss\n' "${stage_names[$i]}" "${stage_times[$i]}"; done
echo "all stages passed"
