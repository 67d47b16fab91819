#!/usr/bin/env bash
# Installs what Rampart needs, builds it, brings up an embedded SQLite
# database with the official catalogs loaded and starts the server.
#   RAMPART_DB            database file (default ./var/rampart.db)
#   RAMPART_CATALOG_DIR   catalog folder (default ../shared/catalogs)
#   RAMPART_LISTEN        address to serve on (default 127.0.0.1:8080)
# On the first start the server creates a company, an admin user and an API
# key, and prints the key once.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release --target rampart
node tools/explorer/build.mjs build/explorer >/dev/null
export RAMPART_CATALOG_DIR=${RAMPART_CATALOG_DIR:-../shared/catalogs}
rampart=./build/release/src/main/rampart
"$rampart" catalog import
echo
"$rampart" catalog list
echo
static=()
if [ -f web/dist/index.html ]; then static=(--static-dir web/dist); fi
exec "$rampart" serve --explorer-dir build/explorer "${static[@]}"
