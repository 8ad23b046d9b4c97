#!/usr/bin/env bash
# One command: set everything up, then run lint, type checks and the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
export QT_QPA_PLATFORM=offscreen
echo "== installed packages (exactly requirements/dev.lock)"; .venv/bin/python scripts/lockcheck.py check requirements/dev.lock
echo "== ruff"; .venv/bin/ruff check inspector_app tests benchmarks scripts
echo "== mypy (Qt-free packages)"; .venv/bin/mypy
echo "== import-linter (the floors: docs/architecture.md)"; .venv/bin/lint-imports --no-cache
# The office database: a throwaway PostgreSQL cluster (scripts/office-db.sh) for the test modules marked
# both_engines, which run on SQLite and again on PostgreSQL; stopped and removed however pytest ends.
# Without PostgreSQL (not installable here) the tests run on SQLite alone and say so at the end, unless
# INSPECTOR_REQUIRE_PG=1. INSPECTOR_TEST_PG_URL set beforehand: that cluster is used as it is.
if [ -z "${INSPECTOR_TEST_PG_URL:-}" ] && [ "${INSPECTOR_SKIP_PG:-}" != 1 ]; then
  export INSPECTOR_PG_DIR=${INSPECTOR_PG_DIR:-$(mktemp -d /tmp/inspector-pg.XXXXXX)}
  stop_pg() { scripts/office-db.sh stop || true; case "$INSPECTOR_PG_DIR" in /tmp/inspector-pg.*) rm -rf "$INSPECTOR_PG_DIR";; esac; }
  trap stop_pg EXIT
  echo "== office database (PostgreSQL, in $INSPECTOR_PG_DIR)"
  if url=$(scripts/office-db.sh start); then
    export INSPECTOR_TEST_PG_URL=$url
  elif [ "${INSPECTOR_REQUIRE_PG:-}" = 1 ]; then
    echo "PostgreSQL could not be started (INSPECTOR_REQUIRE_PG=1)." >&2; exit 1
  else
    echo "Warning: PostgreSQL could not be started; the tests run on SQLite only." >&2
  fi
fi
if [ "${CI:-}" = "true" ]; then  # CI: build the .deb, install it, use it, remove it (about 5 minutes)
  echo "== package (scripts/test-package.sh)"; scripts/test-package.sh
fi
echo "== pytest"; .venv/bin/python -m pytest -q -p no:cacheprovider "$@"
