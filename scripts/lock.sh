#!/usr/bin/env bash
# Refreshes the pinned, hashed lock files in requirements/ from pyproject.toml and requirements/*.in:
#
#   requirements/app.lock          what the application needs at run time (the packages are built from it)
#   requirements/dev.lock          the application, the dev extras and the build requirements
#                                  (scripts/bootstrap.sh installs exactly this into .venv)
#   requirements/pyinstaller.lock  PyInstaller, compiled against app.lock (the packaging tool)
#
# Usage: scripts/lock.sh                          keep every pin that still fits, add what is new
#        scripts/lock.sh --upgrade                move every package to its newest allowed version
#        scripts/lock.sh --upgrade-package NAME   move one package (repeatable)
#
# The locks are universal (Linux, Windows, macOS; Python 3.11 and newer): one lock serves the Linux
# package, the Windows installer and every developer. Commit the changed lock files with the change to
# pyproject.toml that caused them; the next scripts/bootstrap.sh (run-app.sh, run-tests.sh) installs them.
set -euo pipefail
cd "$(dirname "$0")/.."

UV_VERSION=0.13.8          # the tool that compiles the locks; a newer uv may format the files differently
TOOL_VENV=build/lock-tool  # kept out of git (build/)
PYTHON=${PYTHON:-python3}

if ! "$TOOL_VENV/bin/uv" --version 2>/dev/null | grep -qx "uv $UV_VERSION"; then
  echo "Installing uv $UV_VERSION into $TOOL_VENV ..."
  rm -rf "$TOOL_VENV"
  "$PYTHON" -m venv "$TOOL_VENV"
  "$TOOL_VENV/bin/python" -m pip install -q "uv==$UV_VERSION"
fi
uv=("$TOOL_VENV/bin/uv" pip compile --quiet --universal --python-version 3.11 --generate-hashes
    --custom-compile-command "scripts/lock.sh")

echo "Compiling requirements/app.lock ..."
"${uv[@]}" "$@" pyproject.toml -o requirements/app.lock
echo "Compiling requirements/dev.lock ..."
"${uv[@]}" "$@" pyproject.toml --extra dev requirements/build.in -c requirements/app.lock -o requirements/dev.lock
echo "Compiling requirements/pyinstaller.lock ..."
"${uv[@]}" "$@" requirements/pyinstaller.in -c requirements/app.lock -o requirements/pyinstaller.lock

echo "Done. Review the changes (git diff requirements/), then run scripts/bootstrap.sh to install them."
