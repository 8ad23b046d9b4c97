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
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
  echo "Installing Python packages into .venv (the first run takes a minute or two)..."
  # pip's own chatter (mirror notices, build-backend warnings) goes to a log shown only on failure.
  if ! .venv/bin/python -m pip install -q -e '.[dev]' > .venv/pip-install.log 2>&1; then
    grep -v '^WARNING: Location' .venv/pip-install.log >&2
    echo "Installing the Python packages failed (full log: .venv/pip-install.log)." >&2
    exit 1
  fi
  rm -f .venv/.installed-*
  touch "$stamp"
fi
