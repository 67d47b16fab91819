#!/usr/bin/env bash
# Fails when any C++ file differs from what clang-format 14 makes of it
# (config: .clang-format). `scripts/check-format.sh --fix` rewrites them.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files --cached --others --exclude-standard -- '*.cpp' '*.h')
if [ "${1:-}" = "--fix" ]; then
  clang-format-14 -i "${files[@]}"
  exit 0
fi
clang-format-14 --dry-run --Werror "${files[@]}"
echo "format: ${#files[@]} files clean"
