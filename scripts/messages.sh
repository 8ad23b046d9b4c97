#!/usr/bin/env bash
# The core's message catalogues (inspector_app/translation.py): Chinese msgids, English translations.
#
#   scripts/messages.sh extract          write build/messages.pot from every _(), N_(), ngettext(),
#                                        pgettext(), npgettext() and NP_() (with their context) in
#                                        the Qt-free code (ui/ has Qt's .ts files instead)
#   scripts/messages.sh update PART PATH...   add the new messages found under PATH... to
#                                        resources/locale/en/LC_MESSAGES/PART.po (keeps translations;
#                                        messages no longer in those paths are marked obsolete)
#   scripts/messages.sh compile          compile every .po to its .mo (committed, like the Qt .qm files)
#
# Each part of the core has its own catalogue (core.po, cli.po, …), so parts are translated independently;
# tests/test_messages.py checks every marked message has an English translation in one of them, and that a
# message (with its context) found in several parts reads the same in each.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
LOCALE=resources/locale/en/LC_MESSAGES
KEYWORDS=(-k _ -k N_ -k ngettext:1,2 -k pgettext:1c,2 -k npgettext:1c,2,3 -k NP_:1c,2)
mkdir -p build "$LOCALE"

case "${1:-}" in
  extract)
    "$PY" -m babel.messages.frontend extract --no-location --sort-output -F babel.cfg "${KEYWORDS[@]}" \
      --no-default-keywords -o build/messages.pot inspector_app
    ;;
  update)
    part=${2:?which part: core, cli, …}; shift 2
    [[ $# -gt 0 ]] || { echo "name the paths whose messages go into $part.po" >&2; exit 2; }
    pot=build/messages-$part.pot
    "$PY" -m babel.messages.frontend extract --no-location --sort-output "${KEYWORDS[@]}" --no-default-keywords \
      -o "$pot" "$@"
    if [[ -f $LOCALE/$part.po ]]; then
      "$PY" -m babel.messages.frontend update -l en -D "$part" -i "$pot" -d resources/locale --no-fuzzy-matching
    else
      "$PY" -m babel.messages.frontend init -l en -D "$part" -i "$pot" -d resources/locale
    fi
    ;;
  compile)
    for po in "$LOCALE"/*.po; do
      "$PY" -m babel.messages.frontend compile -l en -D "$(basename "$po" .po)" -d resources/locale --statistics
    done
    ;;
  *)
    sed -n '2,15p' "$0" >&2; exit 2
    ;;
esac
