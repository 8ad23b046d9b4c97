#!/usr/bin/env bash
# Update the English translation sources from the code and compile them to .qm files.
#
#   scripts/translations.sh
#
# Source strings are Chinese (self.tr("…") / QCoreApplication.translate(ctx, "…")), so Chinese needs no
# .qm of ours. Each part of the GUI keeps its own .ts file so that engineers never merge each other's:
#   resources/translations/inspector_en.ts         everything in inspector_app/ui except the editor
#   resources/translations/inspector_editor_en.ts  inspector_app/ui/editor
# Fill in new <translation> entries with pyside6-linguist (or any text editor), run this again, and
# commit both the .ts and the .qm files. The app loads every inspector*_en.qm / inspector_en*.qm it finds.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
OUT=resources/translations
mkdir -p "$OUT"

mapfile -t desk < <(find inspector_app/ui -name '*.py' -not -path 'inspector_app/ui/editor/*' | sort)
"$BIN/pyside6-lupdate" -silent -no-obsolete -locations none -source-language zh_CN -target-language en \
  "${desk[@]}" -ts "$OUT/inspector_en.ts"

if [ -d inspector_app/ui/editor ]; then
  mapfile -t editor < <(find inspector_app/ui/editor -name '*.py' | sort)
  "$BIN/pyside6-lupdate" -silent -no-obsolete -locations none -source-language zh_CN -target-language en \
    "${editor[@]}" -ts "$OUT/inspector_editor_en.ts"
fi

for ts in "$OUT"/inspector*_en.ts "$OUT"/inspector_en*.ts; do
  [ -f "$ts" ] || continue
  "$BIN/pyside6-lrelease" -silent "$ts" -qm "${ts%.ts}.qm"
done
echo "translations compiled: $(ls "$OUT"/*.qm | tr '\n' ' ')"
