"""Write the shipped checklist templates as workbooks: resources/templates/<name>.xlsx from <name>.json
(issue 14 item 5; docs/template-workbook.md). The workbook is the form a bureau edits; the JSON stays the
file the program ships and stores (its bytes are the template's fingerprint in bundles), and
tests/tabular/test_template_workbook.py checks that each workbook reads back to exactly its JSON.

    .venv/bin/python scripts/template_workbooks.py          # write the workbooks that differ
    .venv/bin/python scripts/template_workbooks.py --check  # exit 1 when one is missing or differs

A workbook that already reads back to its JSON is left as it is (openpyxl stamps every save with the
time, so rewriting would change the file for nothing)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from inspector_app.domain.errors import InspectorError
from inspector_app.domain.template import shipped_template_paths
from inspector_app.tabular.template_reader import read_template_book
from inspector_app.tabular.template_writer import write_template_book


def current(workbook: Path, data: dict[str, object]) -> bool:
    """Whether the workbook exists and reads back to ``data`` without a problem."""
    if not workbook.is_file():
        return False
    try:
        book = read_template_book(workbook)
    except InspectorError:
        return False
    return not book.problems and book.data == data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check; exit 1 when a workbook is stale")
    args = parser.parse_args(argv)
    stale = []
    for path in shipped_template_paths():
        data = json.loads(path.read_text(encoding="utf-8-sig"))
        workbook = path.with_suffix(".xlsx")
        if current(workbook, data):
            print(f"{workbook.name}: up to date")
            continue
        stale.append(workbook.name)
        if not args.check:
            write_template_book(data, workbook)
            print(f"{workbook.name}: written ({workbook.stat().st_size} bytes)")
    if args.check and stale:
        print(f"stale: {', '.join(stale)} – run scripts/template_workbooks.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
