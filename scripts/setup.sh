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
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} Debian packages present"
  exit 0
fi

echo "setup: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
