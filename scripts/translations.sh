#!/usr/bin/env bash
# Update the English translation sources from the code and compile them to .qm files.
#
#   scripts/translations.sh
#
# Source strings are Chinese (self.tr("…") / QCoreApplication.translate(ctx, "…")), so Chinese needs no
# .qm of ours. Each part of the GUI keeps its own .ts file, so that parts never merge each other's:
#   resources/translations/inspector_en.ts           inspector_app/ui (the desk) except the parts below
#   resources/translations/inspector_editor_en.ts    inspector_app/ui/editor
#   resources/translations/inspector_evidence_en.ts  inspector_app/ui/evidence
#   resources/translations/inspector_sync_en.ts      inspector_app/ui/documents and inspector_app/ui/sync
#   resources/translations/inspector_office_en.ts    inspector_app/ui/office (the office's window)
#   resources/translations/inspector_start_en.ts     inspector_app/ui/first_run and inspector_app/ui/help
# Fill in new <translation> entries with pyside6-linguist (or any text editor), run this again, and
# commit both the .ts and the .qm files. The app loads every inspector*_en.qm it finds.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
OUT=resources/translations
mkdir -p "$OUT"

update() {  # update TS_FILE FILES...
  local ts=$1
  shift
  [ $# -gt 0 ] || return 0
  "$BIN/pyside6-lupdate" -silent -no-obsolete -locations none -source-language zh_CN -target-language en \
    "$@" -ts "$ts"
}

mapfile -t desk < <(find inspector_app/ui -name '*.py' -not -path 'inspector_app/ui/editor/*' \
  -not -path 'inspector_app/ui/evidence/*' -not -path 'inspector_app/ui/documents/*' \
  -not -path 'inspector_app/ui/sync/*' -not -path 'inspector_app/ui/office/*' \
  -not -path 'inspector_app/ui/first_run/*' -not -path 'inspector_app/ui/help/*' | sort)
mapfile -t editor < <(find inspector_app/ui/editor -name '*.py' 2>/dev/null | sort)
mapfile -t evidence < <(find inspector_app/ui/evidence -name '*.py' 2>/dev/null | sort)
mapfile -t sync < <(find inspector_app/ui/documents inspector_app/ui/sync -name '*.py' 2>/dev/null | sort)
mapfile -t office < <(find inspector_app/ui/office -name '*.py' 2>/dev/null | sort)
mapfile -t start < <(find inspector_app/ui/first_run inspector_app/ui/help -name '*.py' 2>/dev/null | sort)
update "$OUT/inspector_en.ts" "${desk[@]}"
update "$OUT/inspector_editor_en.ts" "${editor[@]}"
update "$OUT/inspector_evidence_en.ts" "${evidence[@]}"
update "$OUT/inspector_sync_en.ts" "${sync[@]}"
update "$OUT/inspector_office_en.ts" "${office[@]}"
update "$OUT/inspector_start_en.ts" "${start[@]}"

# Qt's own strings its zh_CN catalogue lacks (edited by hand, not by lupdate): see ui/i18n.py.
"$BIN/pyside6-lrelease" -silent "$OUT/qtbase_extra_zh_CN.ts" -qm "$OUT/qtbase_extra_zh_CN.qm"
for ts in "$OUT"/inspector*_en.ts; do
  "$BIN/pyside6-lrelease" -silent "$ts" -qm "${ts%.ts}.qm"
done
echo "translations compiled: $(ls "$OUT"/*.qm | tr '\n' ' ')"
