#!/usr/bin/env bash
# Installs every Debian package Rampart needs to build, test and run.
# Idempotent: packages already present are skipped, and apt is only asked
# when something is missing.
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config git
  clang-14 libclang-rt-14-dev clang-format-14 clang-tidy-14
  # libraries (DESIGN.md §3)
  libboost1.81-dev libsimdjson-dev libpugixml-dev libsqlite3-dev sqlite3
  libpq-dev libxlsxwriter-dev libzip-dev libmagic-dev libsodium-dev
  libcli11-dev libspdlog-dev libfmt-dev libyaml-cpp-dev libboost-json1.81-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev python3
  postgresql  # server for the PostgreSQL storage tests (scripts/pg-test-cluster.sh)
  # GraphQL conformance cases (gqlparser's graphql-js exports), load generator
  golang-github-vektah-gqlparser-dev wrk
)
# Node.js and npm (graphql-js reference checks, API clients, the web page):
# Debian's packages unless the machine already has a node with npm.
if ! command -v node >/dev/null 2>&1; then PACKAGES+=(nodejs); fi
if ! command -v npm >/dev/null 2>&1; then PACKAGES+=(npm); fi

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} Debian packages present"
else
  echo "setup: installing ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm packages, from each folder's package-lock.json; skipped when
# node_modules is already newer than the lock file.
npm_ci() {
  local dir=$1
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules" ]; then
    echo "setup: npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) && touch "$dir/node_modules"
  fi
}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
npm_ci "$ROOT/tools/explorer"
npm_ci "$ROOT/tests/conformance"
npm_ci "$ROOT/bench/peers"
