#!/usr/bin/env bash
# GraphQL throughput and latency of `rampart serve` next to a reference server
# (graphql-js + graphql-http on node:http, bench/peers/reference_server.mjs)
# serving the same schema and the same data.
#
#   bash bench/graphql/run.sh BUILD_DIR
#
# BUILD_DIR holds src/main/rampart (the release preset: build/release).
# Settings (environment):
#   DURATION=10s      wrk run per server and query
#   WARMUP=2s         wrk run before each measured one, not counted
#   CONNECTIONS=50    THREADS=2 (wrk)
#   WRK_TIMEOUT=10s   answers slower than this count as wrk socket timeouts
#   REQUIREMENTS=200  about how many requirements the benchmarked project has
#   SERVER_THREADS    rampart serve --threads (default: its own, one per core)
#   CATALOGS          catalog folder (default $RAMPART_SHARED_DIR/catalogs, else ../shared/catalogs)
#   WORK_DIR          scratch folder (default a new one under /tmp, removed at the end)
#
# Prints a table of requests/s, p50 and p99 per server and query, the ratio
# Rampart/reference, and Rampart's resident memory idle and under load.
# Slowness never fails the run: the exit code is 0 unless something broke.
set -euo pipefail

if [ $# -lt 1 ]; then
  echo "usage: bash bench/graphql/run.sh BUILD_DIR" >&2
  exit 2
fi
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
BUILD_DIR="$(cd "$1" && pwd)"
RAMPART="$BUILD_DIR/src/main/rampart"
PEERS="$REPO/bench/peers"
SDL="$REPO/src/api/schema.graphql"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-2s}"
WRK_TIMEOUT="${WRK_TIMEOUT:-10s}"
CONNECTIONS="${CONNECTIONS:-50}"
THREADS="${THREADS:-2}"
REQUIREMENTS="${REQUIREMENTS:-200}"
SHARED="${RAMPART_SHARED_DIR:-$(dirname "$REPO")/shared}"
CATALOGS="${CATALOGS:-$SHARED/catalogs}"
BENCH=(python3 "$HERE/bench.py")

for tool in wrk node python3; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (scripts/setup.sh installs it)" >&2; exit 1; }
done
[ -x "$RAMPART" ] || { echo "bench: no rampart binary at $RAMPART" >&2; exit 1; }
[ -d "$CATALOGS" ] || { echo "bench: no catalog folder at $CATALOGS (set CATALOGS)" >&2; exit 1; }
if [ ! -d "$PEERS/node_modules" ]; then
  (cd "$PEERS" && npm ci --no-audit --no-fund --loglevel=error)
fi

if [ -n "${WORK_DIR:-}" ]; then
  WORK="$WORK_DIR"
  rm -rf "$WORK" && mkdir -p "$WORK"
  KEEP_WORK=1
else
  WORK="$(mktemp -d)"
  KEEP_WORK=0
fi
DB="$WORK/bench.db"
RAMPART_PID=""
REFERENCE_PID=""
SAMPLER_PID=""
cleanup() {
  for pid in "$SAMPLER_PID" "$REFERENCE_PID" "$RAMPART_PID"; do
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  if [ "$KEEP_WORK" = 0 ]; then rm -rf "$WORK"; fi
}
trap cleanup EXIT

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
mib() { awk -v k="$1" 'BEGIN {printf "%.1f MiB", k / 1024}'; }

echo "== setup (work folder $WORK; load average $(cut -d" " -f1-3 /proc/loadavg))"
export RAMPART_LOG_LEVEL="${RAMPART_LOG_LEVEL:-warn}"
unset RAMPART_DB
"$RAMPART" --db "$DB" catalog import "$CATALOGS" >"$WORK/import.log"
KEY="$("$RAMPART" --db "$DB" admin create-key --company Acme --email admin@example.com --role admin | tail -n 1)"

RAMPART_PORT="$("${BENCH[@]}" free-port)"
SERVE_ARGS=(--listen "127.0.0.1:$RAMPART_PORT" --rate-limit 0)
if [ -n "${SERVER_THREADS:-}" ]; then SERVE_ARGS+=(--threads "$SERVER_THREADS"); fi
"$RAMPART" --db "$DB" --catalog-dir "$CATALOGS" serve "${SERVE_ARGS[@]}" >"$WORK/rampart.log" 2>&1 &
RAMPART_PID=$!
"${BENCH[@]}" wait-healthy "http://127.0.0.1:$RAMPART_PORT" "$RAMPART_PID" 30 || { cat "$WORK/rampart.log" >&2; exit 1; }
RAMPART_URL="http://127.0.0.1:$RAMPART_PORT/graphql"

made="$("${BENCH[@]}" make-project "$RAMPART_URL" "$KEY" "$WORK" --requirements "$REQUIREMENTS")"
read -r PROJECT_ID _ _ ITEMS <<<"$made"
captured="$("${BENCH[@]}" capture "$RAMPART_URL" "$KEY" "$PROJECT_ID" "$WORK")"
read -r ANSWERED TOTAL TRACES ANSWER_BYTES <<<"$captured"
echo "project $PROJECT_ID: $ITEMS items, $TOTAL requirements ($ANSWERED in the answer), $TRACES traces;" \
  "answer $ANSWER_BYTES bytes"
if [ "$ANSWERED" != "$TOTAL" ]; then
  echo "bench: the project query answered $ANSWERED of $TOTAL requirements" >&2
  exit 1
fi

REFERENCE_PORT="$("${BENCH[@]}" free-port)"
node "$PEERS/reference_server.mjs" --port "$REFERENCE_PORT" --key "$KEY" --sdl "$SDL" \
  --data "$WORK/project.data.json" >"$WORK/reference.log" 2>&1 &
REFERENCE_PID=$!
"${BENCH[@]}" wait-healthy "http://127.0.0.1:$REFERENCE_PORT" "$REFERENCE_PID" 30 || { cat "$WORK/reference.log" >&2; exit 1; }
REFERENCE_URL="http://127.0.0.1:$REFERENCE_PORT/graphql"
"${BENCH[@]}" check-same "$REFERENCE_URL" "$KEY" "$WORK/project.body.json" "$WORK/project.data.json"
echo "the reference server answers the project query with the same data"

sleep 1
RSS_IDLE="$(rss_kib "$RAMPART_PID")"
REFERENCE_RSS_IDLE="$(rss_kib "$REFERENCE_PID")"

# The highest VmRSS of a process while the load runs.
sample_peak() {
  local pid=$1 out=$2 peak=0 now
  while kill -0 "$pid" 2>/dev/null; do
    now="$(rss_kib "$pid")"
    if [ "${now:-0}" -gt "$peak" ]; then peak=$now; echo "$peak" >"$out"; fi
    sleep 0.2
  done
}

RESULTS="$WORK/results.tsv"
: >"$RESULTS"
run_wrk() {  # server url pid query label
  local server=$1 url=$2 pid=$3 query=$4 label=$5 body out
  body="$WORK/$query.body.json"
  out="$WORK/wrk-$server-$query.txt"
  WRK_BODY_FILE="$body" WRK_API_KEY="$KEY" wrk -t "$THREADS" -c "$CONNECTIONS" -d "$WARMUP" \
    -s "$HERE/post.lua" "$url" >/dev/null 2>&1 || true
  echo 0 >"$WORK/peak-$server"
  sample_peak "$pid" "$WORK/peak-$server" &
  SAMPLER_PID=$!
  # A long --timeout: a slow answer counts in the latencies instead of
  # being dropped as a socket timeout.
  if ! WRK_BODY_FILE="$body" WRK_API_KEY="$KEY" wrk -t "$THREADS" -c "$CONNECTIONS" -d "$DURATION" --latency \
    --timeout "$WRK_TIMEOUT" -s "$HERE/post.lua" "$url" >"$out" 2>&1; then
    echo "bench: wrk failed against $server:" >&2
    cat "$out" >&2
    exit 1
  fi
  kill "$SAMPLER_PID" 2>/dev/null || true
  wait "$SAMPLER_PID" 2>/dev/null || true
  SAMPLER_PID=""
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "bench: the $server server died under load" >&2
    tail -n 30 "$WORK/$server.log" >&2
    exit 1
  fi
  local peak
  peak="$(cat "$WORK/peak-$server")"
  if [ "$server" = rampart ] && [ "$peak" -gt "${RSS_LOAD:-0}" ]; then RSS_LOAD=$peak; fi
  if [ "$server" = reference ] && [ "$peak" -gt "${REFERENCE_RSS_LOAD:-0}" ]; then REFERENCE_RSS_LOAD=$peak; fi
  printf '%s\t%s\t%s\n' "$server" "$label" "$("${BENCH[@]}" wrk-parse "$out" | tr ' ' '\t')" >>"$RESULTS"
  echo "  $server $label: $(grep 'Requests/sec' "$out" | tr -s ' '), load average $(cut -d' ' -f1 /proc/loadavg)"
}

echo "== wrk: $THREADS threads, $CONNECTIONS connections, $DURATION per run (after $WARMUP warm-up)"
RSS_LOAD=0
REFERENCE_RSS_LOAD=0
PROJECT_LABEL="project ($TOTAL requirements, $TRACES traces)"
for query in typename project; do
  label="{ __typename }"
  if [ "$query" = project ]; then label="$PROJECT_LABEL"; fi
  run_wrk rampart "$RAMPART_URL" "$RAMPART_PID" "$query" "$label"
  run_wrk reference "$REFERENCE_URL" "$REFERENCE_PID" "$query" "$label"
done

echo
echo "== results ($("$RAMPART" --version 2>/dev/null | tail -n 1); reference: node $(node --version)," \
  "graphql-js $(node -p "require('$PEERS/node_modules/graphql/package.json').version")," \
  "graphql-http $(node -p "require('$PEERS/node_modules/graphql-http/package.json').version"))"
"${BENCH[@]}" report "$RESULTS"
echo
echo "resident memory (VmRSS)  idle: rampart $(mib "$RSS_IDLE"), reference $(mib "$REFERENCE_RSS_IDLE");" \
  "under load (peak): rampart $(mib "$RSS_LOAD"), reference $(mib "$REFERENCE_RSS_LOAD")"
echo "machine: $(nproc) cores shared by wrk and both servers; load average now $(cut -d' ' -f1-3 /proc/loadavg)" \
  "(anything above the core count means other work skewed the figures)"

# A clean stop is checked by the conformance test; here it is only reported.
kill -TERM "$RAMPART_PID"
if wait "$RAMPART_PID"; then stopped=0; else stopped=$?; fi
RAMPART_PID=""
if [ "$stopped" != 0 ]; then
  echo "bench: warning: rampart serve exited with $stopped on SIGTERM (expected 0)" >&2
fi
