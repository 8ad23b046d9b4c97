#!/usr/bin/env bash
# Sets up everything the app and its tests need: system packages (when root on Debian/Ubuntu),
# a virtual environment in .venv and the Python packages. Safe to run again; it skips what is done.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(fonts-wqy-microhei poppler-utils zbar-tools libvips-tools xvfb libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libpulse0 libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 zip unzip)

missing=()
if command -v dpkg >/dev/null 2>&1; then
  for p in "${SYSTEM_PACKAGES[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing system packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Note: these system packages are missing: ${missing[*]}" >&2
    echo "      install them with: sudo apt-get install ${missing[*]}" >&2
  fi
fi

PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "Inspector needs Python 3.11 or newer; '$PYTHON' is $("$PYTHON" --version 2>&1)." >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  if ! "$PYTHON" -m venv .venv 2>/dev/null; then
    echo "Could not create a virtual environment; install python3-venv (sudo apt-get install python3-venv)." >&2
    exit 1
  fi
fi
# Python packages: exactly those of requirements/dev.lock (pinned and hashed, made by scripts/lock.sh), then
# the project itself, editable, without dependencies. Re-done whenever pyproject.toml or the lock changes.
LOCK=requirements/dev.lock
stamp=.venv/.installed-$(cat pyproject.toml "$LOCK" | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
  echo "Installing Python packages from $LOCK into .venv (the first run takes a minute or two)..."
  # pip's own chatter (mirror notices, build-backend warnings) goes to a log shown only on failure.
  log=.venv/pip-install.log
  pip_quiet() { .venv/bin/python -m pip "$@" >>"$log" 2>&1; }
  : >"$log"
  if ! pip_quiet install -q --require-hashes -r "$LOCK"; then
    grep -v '^WARNING: Location' "$log" >&2
    echo "Installing the Python packages of $LOCK failed (full log: $log)." >&2
    exit 1
  fi
  # Whatever else is installed (a package dropped from the lock, one installed by hand) goes: the
  # environment is the lock, nothing more (scripts/run-tests.sh checks it).
  extras=$(.venv/bin/python scripts/lockcheck.py extras "$LOCK")
  if [ -n "$extras" ]; then
    echo "Removing Python packages that $LOCK does not name: $extras"
    # shellcheck disable=SC2086  # one word per package
    pip_quiet uninstall -y $extras || { cat "$log" >&2; echo "Removing $extras failed." >&2; exit 1; }
  fi
  # The build requirements (setuptools, wheel) are in the lock too, so no unpinned build environment.
  if ! pip_quiet install -q --no-deps --no-build-isolation -e .; then
    grep -v '^WARNING: Location' "$log" >&2
    echo "Installing the project into .venv failed (full log: $log)." >&2
    exit 1
  fi
  rm -f .venv/.installed-*
  touch "$stamp"
fi
