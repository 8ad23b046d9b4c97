#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for developing and testing the office database (docs/office-database.md).
#
#   scripts/office-db.sh start   create the cluster if needed, start it, print its URL
#   scripts/office-db.sh stop    stop it (the data stays until the folder is removed)
#   scripts/office-db.sh url     print the URL of the running cluster (exit 1 when it is not running)
#   scripts/office-db.sh status  say whether it runs
#
# The cluster lives in $INSPECTOR_PG_DIR (default: .pgdata/ in the repository, git-ignored), listens on
# 127.0.0.1 only, on a free port chosen at its first start, with trust authentication for the role
# "inspector" – a developer's cluster, never a bureau's (that one is set up by docs/office-database.md).
# It runs with fsync off: fast for tests, and a power cut may lose it, which is fine for a throwaway.
#
# PostgreSQL refuses to run as root: as root the cluster runs as the system user "postgres" (created by
# Debian's postgresql package, which is installed when missing); as anyone else, as that user.
set -euo pipefail
cd "$(dirname "$0")/.."

DIR=${INSPECTOR_PG_DIR:-$PWD/.pgdata}
DATA=$DIR/data
ROLE=inspector
DB=inspector

find_bindir() {
  local d
  if command -v pg_config >/dev/null 2>&1; then
    d=$(pg_config --bindir 2>/dev/null || true)
    [ -x "$d/initdb" ] && { echo "$d"; return; }
  fi
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/initdb" ] && { echo "$d"; return; }
  done
  d=$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)")
  [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { echo "$d"; return; }
  return 1
}

ensure_postgres() {
  if BIN=$(find_bindir); then return; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing PostgreSQL (Debian's postgresql package) ..." >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    # Debian starts a cluster of its own at installation; ours is separate and needs nothing from it.
    BIN=$(find_bindir) || { echo "PostgreSQL was installed but initdb was not found." >&2; exit 1; }
  else
    echo "PostgreSQL is not installed. Install it with: sudo apt-get install postgresql" >&2
    echo "(or set PATH so that initdb and pg_ctl of PostgreSQL 13 or newer are found)." >&2
    exit 1
  fi
}

# as_owner CMD…: run as the cluster's owner (the "postgres" system user when we are root).
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
      useradd --system --home-dir /var/lib/postgresql --shell /usr/sbin/nologin postgres
    fi
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

is_running() {
  [ -f "$DATA/PG_VERSION" ] && as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

url() {
  echo "postgresql+psycopg://$ROLE@127.0.0.1:$(cat "$DIR/port")/$DB"
}

start() {
  ensure_postgres
  mkdir -p "$DIR"
  if [ "$(id -u)" = 0 ]; then
    as_owner true  # creates the user when missing
    chown postgres: "$DIR"
    # The owner must reach the folder: every parent needs the search (x) bit for others.
    if ! runuser -u postgres -- test -w "$DIR"; then
      echo "The user postgres cannot write to $DIR (a parent folder without o+x?)." >&2
      echo "Set INSPECTOR_PG_DIR to a folder it can reach, e.g. /tmp/inspector-pg." >&2
      exit 1
    fi
  fi
  if [ ! -f "$DATA/PG_VERSION" ]; then
    rm -rf "$DATA"
    as_owner "$BIN/initdb" -D "$DATA" -U "$ROLE" -A trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
      || as_owner "$BIN/initdb" -D "$DATA" -U "$ROLE" -A trust -E UTF8 --locale=C >"$DIR/initdb.log" 2>&1 \
      || { cat "$DIR/initdb.log" >&2; exit 1; }
    free_port >"$DIR/port"
  fi
  if ! is_running; then
    local port; port=$(cat "$DIR/port")
    # The port chosen at the first start may be taken by now: choose another.
    if ! python3 -c "import socket; s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(('127.0.0.1', $port))" 2>/dev/null; then
      free_port >"$DIR/port"; port=$(cat "$DIR/port")
    fi
    as_owner "$BIN/pg_ctl" -D "$DATA" -l "$DIR/server.log" -w -t 60 \
      -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off \
-c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null \
      || { tail -20 "$DIR/server.log" >&2; exit 1; }
    local psql=("$BIN/psql" -h 127.0.0.1 -p "$port" -U "$ROLE" -X -q -v ON_ERROR_STOP=1)
    if [ -z "$(as_owner "${psql[@]}" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'")" ]; then
      as_owner "${psql[@]}" -d postgres -c "CREATE DATABASE $DB" >/dev/null
    fi
  fi
  url
}

stop() {
  BIN=$(find_bindir) || exit 0
  if is_running; then
    as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url)
    BIN=$(find_bindir) || exit 1
    is_running || { echo "The office database is not running (scripts/office-db.sh start)." >&2; exit 1; }
    url ;;
  status)
    if BIN=$(find_bindir) && is_running; then echo "running: $(url)"; else echo "not running"; exit 3; fi ;;
  *) echo "usage: $0 start|stop|url|status" >&2; exit 2 ;;
esac
