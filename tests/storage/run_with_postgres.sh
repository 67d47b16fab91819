#!/usr/bin/env bash
# Runs the PostgreSQL instantiations of the storage suites against the
# throw-away server the ctest fixture started (scripts/pg-test-cluster.sh):
#   run_with_postgres.sh CLUSTER_DIR rampart_unit_tests [gtest options…]
# Exits 77 (skipped) when there is no server.
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 CLUSTER_DIR TEST_BINARY [ARGS…]" >&2; exit 2; }
cluster=$1
binary=$2
shift 2
if [ ! -s "$cluster/uri" ]; then
  echo "run_with_postgres: no server in $cluster (scripts/pg-test-cluster.sh start $cluster starts one); skipped"
  exit 77
fi
RAMPART_TEST_POSTGRES=$(cat "$cluster/uri")
export RAMPART_TEST_POSTGRES
# The restart test stops and starts the server through the script.
export RAMPART_TEST_POSTGRES_DIR=$cluster
exec "$binary" --gtest_filter='*Postgres*' "$@"
