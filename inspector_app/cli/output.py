"""Output and errors of the command line: the table, CSV and JSON formats, writing to stdout, and the
user-facing failure. Standard library only: the parser, the GUI launch and the fast path of
``inspections list`` import this module, so it must not pull in SQLAlchemy (or Qt)."""

from __future__ import annotations

import csv
import io
import json
import sys
import unicodedata
from collections.abc import Sequence
from typing import Any, NoReturn

FORMATS = ("table", "csv", "json")


class CliError(Exception):
    """A user-facing failure: printed to stderr, exit status ``code``."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def fail(message: str, code: int = 1) -> NoReturn:
    raise CliError(message, code)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def render(rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: str) -> str:
    """Rows as an aligned table (CJK-aware), CSV (UTF-8 with BOM for Excel) or JSON (a list)."""
    if fmt == "json":
        # The same layout as the fast path's SQLite-built JSON: compact objects, one per line (indent=
        # would also switch json to its pure-Python encoder, five times slower on big lists).
        body = ",\n".join(json.dumps(row, ensure_ascii=False, separators=(",", ":"), default=str)
                           for row in rows)
        return f"[{body}]\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: ("" if row.get(k) is None else row.get(k)) for k in columns} for row in rows)
        return buffer.getvalue()
    cells = [[("" if row.get(c) is None else str(row.get(c))) for c in columns] for row in rows]
    widths = [max([_width(c)] + [_width(r[i]) for r in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(_pad(c, w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(_pad(v, w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return "\n".join(lines) + "\n"


def write_out(text: str) -> None:
    stream = sys.stdout
    try:
        stream.write(text)
    except UnicodeEncodeError:  # a console that is not UTF-8, or a file name that is not (surrogates)
        stream.buffer.write(text.encode("utf-8", "backslashreplace"))
    stream.flush()
