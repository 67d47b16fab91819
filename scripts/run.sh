#!/usr/bin/env bash
# Installs what Rampart needs, builds it, and brings up an embedded SQLite
# database with the official catalogs loaded, then prints the summary.
#   RAMPART_DB            database file (default ./var/rampart.db)
#   RAMPART_CATALOG_DIR   catalog folder (default ../shared/catalogs)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release --target rampart
export RAMPART_CATALOG_DIR=${RAMPART_CATALOG_DIR:-../shared/catalogs}
rampart=./build/release/src/main/rampart
"$rampart" catalog import
echo
"$rampart" catalog list
echo
echo "Rampart is ready: database ${RAMPART_DB:-./var/rampart.db}. Try:"
echo "  $rampart catalog show CAPEC-66"
echo "  $rampart catalog search \"sql injection\""
