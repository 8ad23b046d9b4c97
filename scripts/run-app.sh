#!/usr/bin/env bash
# One command: set everything up, then open Inspector (extra arguments go to inspector-app).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
exec .venv/bin/inspector-app "$@"
