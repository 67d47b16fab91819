#!/usr/bin/env bash
# Builds the release preset and prints every benchmark's figures beside its
# baseline (the README's performance table is filled from this output).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset release >/dev/null
cmake --build --preset release --target rampart rampart_bench_catalog rampart_bench_generation rampart_bench_save
runs=${RAMPART_BENCH_RUNS:-5}
./build/release/bench/rampart_bench_catalog --runs "$runs"
echo
./build/release/bench/rampart_bench_generation
echo
./build/release/bench/rampart_bench_save --runs "$runs"
echo
# GraphQL over HTTP with wrk, beside the graphql-js reference server.
# A benchmark never fails the suite: a broken run is reported, not fatal.
DURATION=${RAMPART_BENCH_GRAPHQL_DURATION:-10s} bash bench/graphql/run.sh build/release ||
  echo "bench/graphql: the run broke (exit $?); see above"
