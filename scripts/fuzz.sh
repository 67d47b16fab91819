#!/usr/bin/env bash
# Builds the libFuzzer entry points (preset `fuzz`, clang) and runs each one
# for SECONDS seconds (default 5) on a seed corpus made from the test
# fixtures and the official catalogs. A crash fails the script and leaves the
# crashing input in build/fuzz/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-5}
shared=${RAMPART_SHARED_DIR:-../shared}

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target fuzzers

corpus=build/fuzz/corpus
artifacts=build/fuzz/artifacts
mkdir -p "$artifacts"
seed_into() { # seed_into NAME FILES...
  local name=$1; shift
  mkdir -p "$corpus/$name"
  for f in "$@"; do [ -f "$f" ] && head -c 65536 "$f" > "$corpus/$name/$(basename "$f")"; done
  return 0
}
seed_into asvs_csv tests/data/catalog/asvs/*.csv "$shared"/catalogs/asvs/*.csv
seed_into asvs_json tests/data/catalog/asvs/*.json "$shared"/catalogs/asvs/*flat.json
seed_into asvs_cwe_mapping "$shared"/catalogs/asvs/v5.0.be_cwe_mapping.json tests/data/catalog/asvs/*mapping*.json
seed_into asvs_id_mapping tests/data/catalog/asvs/*.yml tests/data/catalog/asvs/*.yaml
seed_into capec_stix tests/data/catalog/capec/*.json
seed_into capec_xml tests/data/catalog/capec/*.xml
seed_into cwe_csv tests/data/catalog/cwe/*.csv
seed_into cwe_xml tests/data/catalog/cwe/*.xml
seed_into catalog_detect tests/data/catalog/*/*
seed_into model_file tests/data/modelfile/* docs/examples/*
seed_into graphql_parser tests/data/graphql/parser/*.graphql src/api/schema.graphql
seed_into http_multipart tests/data/http/fuzz/multipart/*
seed_into http_request tests/data/http/fuzz/request/*

status=0
for fuzzer in asvs_csv asvs_json asvs_cwe_mapping asvs_id_mapping capec_stix capec_xml cwe_csv cwe_xml catalog_detect \
  model_file graphql_parser http_multipart http_request; do
  mkdir -p "$corpus/$fuzzer"
  echo "fuzz_$fuzzer: ${seconds}s on $(ls "$corpus/$fuzzer" | wc -l) seed(s)"
  if ! ./build/fuzz/fuzz/fuzz_$fuzzer -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=4096 \
      -artifact_prefix="$artifacts/$fuzzer-" -print_final_stats=0 "$corpus/$fuzzer" >"build/fuzz/$fuzzer.log" 2>&1; then
    echo "fuzz_$fuzzer FAILED; its log:"
    tail -40 "build/fuzz/$fuzzer.log"
    status=1
  else
    grep -E "^#[0-9]+.*DONE" "build/fuzz/$fuzzer.log" | tail -1 || true
  fi
done
exit $status
