#!/usr/bin/env bash
# A throw-away PostgreSQL 15 cluster for the storage tests.
#
#   scripts/pg-test-cluster.sh start DIR   creates (or restarts) the cluster in DIR; prints its URI last
#   scripts/pg-test-cluster.sh halt DIR    stops the server and keeps DIR (a later `start` resumes it)
#   scripts/pg-test-cluster.sh stop DIR    stops the server and removes DIR
#
# The server listens on 127.0.0.1 on a free port and on a socket inside DIR,
# trusts every local connection and runs with fsync off: it holds test data
# only. The URI (postgresql://rampart@127.0.0.1:PORT/rampart_test) is also
# written to DIR/uri. When run as root, the server runs as the Debian
# `postgres` user (or as a system user `rampart-test`, created when missing),
# because PostgreSQL refuses to run as root.
set -euo pipefail

usage() {
  echo "usage: $0 start|halt|stop DIR" >&2
  exit 2
}
[ $# -eq 2 ] || usage
command=$1
dir=$2
case "$command" in start | halt | stop) ;; *) usage ;; esac

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
DB_USER=rampart
DB_NAME=rampart_test

mkdir -p "$(dirname "$dir")"
dir=$(cd "$(dirname "$dir")" && pwd)/$(basename "$dir")
data=$dir/data

# Runs a command as the cluster's owner.
as_owner() {
  if [ -n "$owner" ]; then
    runuser -u "$owner" -- "$@"
  else
    "$@"
  fi
}

owner=""
if [ "$(id -u)" -eq 0 ]; then
  if id postgres >/dev/null 2>&1; then
    owner=postgres
  else
    id rampart-test >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin rampart-test
    owner=rampart-test
  fi
fi

running() {
  [ -f "$data/PG_VERSION" ] && as_owner "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1
}

# Only a folder this script made is ever removed: a mistyped DIR must not
# take somebody's files with it.
MARKER=.pg-test-cluster
ours() {
  [ ! -e "$dir" ] || [ -f "$dir/$MARKER" ] || [ -z "$(ls -A "$dir")" ]
}
if ! ours; then
  echo "pg-test-cluster: $dir exists and was not made by this script; refusing to touch it" >&2
  exit 1
fi

if [ "$command" = halt ] || [ "$command" = stop ]; then
  if running; then as_owner "$PG_BIN/pg_ctl" -D "$data" -m fast -w stop >/dev/null; fi
  if [ "$command" = stop ]; then rm -rf "$dir"; fi
  exit 0
fi

if [ ! -x "$PG_BIN/initdb" ]; then
  echo "pg-test-cluster: $PG_BIN/initdb not found; install the Debian package postgresql (scripts/setup.sh)" >&2
  exit 77
fi

# A free TCP port on the loopback: the kernel picks it, the socket is closed
# again and PostgreSQL binds it a moment later (a start that loses the race
# is retried with another port below).
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

if [ ! -f "$data/PG_VERSION" ]; then
  rm -rf "$dir"
  mkdir -p "$dir"
  touch "$dir/$MARKER"
  [ -z "$owner" ] || chown "$owner" "$dir"
  chmod 700 "$dir"
  if ! as_owner test -w "$dir"; then
    echo "pg-test-cluster: the user $owner cannot reach $dir (a parent folder is not searchable)" >&2
    exit 1
  fi
  as_owner "$PG_BIN/initdb" -D "$data" -U "$DB_USER" -A trust -E UTF8 --locale=C.UTF-8 --no-sync --no-instructions \
    >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    exit 1
  }
  # A socket path longer than the kernel's limit (107 bytes) would stop the
  # server from starting; TCP alone is enough then.
  socket_dir=$dir
  if [ $((${#dir} + 20)) -gt 100 ]; then socket_dir=""; fi
  as_owner tee -a "$data/postgresql.conf" >/dev/null <<EOF
# pg-test-cluster.sh: test data only, nothing here needs to survive a crash.
listen_addresses = '127.0.0.1'
unix_socket_directories = '$socket_dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
shared_buffers = 32MB
log_min_messages = warning
EOF
fi

if ! running; then
  started=""
  for _ in 1 2 3 4 5; do
    port=$(cat "$dir/port" 2>/dev/null || free_port)
    if as_owner "$PG_BIN/pg_ctl" -D "$data" -l "$dir/server.log" -o "-p $port" -w -t 20 start >/dev/null; then
      echo "$port" >"$dir/port"
      started=yes
      break
    fi
    # The port was taken meanwhile: forget it and try another one.
    rm -f "$dir/port"
  done
  if [ -z "$started" ]; then
    tail -n 20 "$dir/server.log" >&2 || true
    echo "pg-test-cluster: the server did not start" >&2
    exit 1
  fi
fi

port=$(cat "$dir/port")
if ! as_owner "$PG_BIN/psql" -h 127.0.0.1 -p "$port" -U "$DB_USER" -d postgres -tAc \
  "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" | grep -q 1; then
  as_owner "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U "$DB_USER" "$DB_NAME"
fi
uri="postgresql://$DB_USER@127.0.0.1:$port/$DB_NAME"
echo "$uri" >"$dir/uri"
echo "$uri"
