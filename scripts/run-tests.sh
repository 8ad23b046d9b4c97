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
echo "== pytest"; .venv/bin/python -m pytest -q -p no:cacheprovider "$@"
