"""Writing workbooks: sheets of (title, headings, rows) streamed with openpyxl's write-only mode, so a
100,000-row sheet never sits in memory as cells.

Each sheet may start with a few preamble lines (what the figures are, whose, as of when) above its
heading row; the heading row is frozen (it stays in view while scrolling) and set in bold, columns get
the widths given or ones estimated from the headings. Text cells are made safe the way the command
line's CSV is (``cli.output.csv_cell``): a text a spreadsheet would run as a formula – starting with
``=``, ``+``, ``-``, ``@``, tab or carriage return – gets a leading ``'`` that ``tabular.reader.unquote_cell``
takes off again on import; control characters XML cannot hold are written as ``\\uXXXX``. Numbers,
dates and None (an empty cell) are written as they are."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from inspector_app.storage.files import atomic_writer
from inspector_app.tabular.reader import FORMULA_START

MAX_WIDTH = 60.0
MIN_WIDTH = 6.0
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")  # what XML 1.0 cannot hold (tab, LF, CR can)
_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class Sheet:
    """One worksheet: ``rows`` may be any iterable (a generator streams); ``widths`` by column (None:
    estimated from the heading and the first rows)."""

    title: str
    headings: Sequence[str]
    rows: Iterable[Sequence[Any]]
    widths: Sequence[float] | None = None
    preamble: Sequence[str] = ()
    number_formats: dict[int, str] = field(default_factory=dict)  # column index → format, e.g. "0.0"


def safe_text(value: str) -> str:
    """A text cell a spreadsheet will not run (see the module docstring)."""
    if _ILLEGAL.search(value):
        value = _ILLEGAL.sub(lambda m: f"\\u{ord(m.group()):04x}", value)
    body = value.lstrip("'")
    if body and body[0] in FORMULA_START:
        return "'" + value
    return value


def cell_value(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | datetime | date):
        return value
    return safe_text(str(value))


def text_width(text: str) -> float:
    """Display width in Excel's character units: a CJK character counts two."""
    return float(sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text))


def sheet_title(title: str, taken: set[str]) -> str:
    """A valid, unique sheet name (≤ 31 characters, none of []:*?/\\)."""
    base = _BAD_TITLE.sub("_", title).strip("'") or "Sheet"
    base = base[:31]
    name, n = base, 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = base[:31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def _widths(sheet: Sheet, sample: Sequence[Sequence[Any]]) -> list[float]:
    if sheet.widths is not None:
        return [float(w) for w in sheet.widths]
    widths = []
    for n, heading in enumerate(sheet.headings):
        longest = max([text_width(str(heading))] + [text_width(str(r[n])) for r in sample
                                                      if n < len(r) and r[n] is not None])
        widths.append(min(MAX_WIDTH, max(MIN_WIDTH, longest + 2)))
    return widths


def write_workbook(target: IO[bytes] | Path, sheets: Iterable[Sheet], *, title: str = "", creator: str = "") -> None:
    """Write the sheets, one after the other, streaming their rows. A path is written atomically (temp
    file, fsync, rename); a binary stream is written as it is."""
    if isinstance(target, Path):
        with atomic_writer(target) as stream:
            _write(stream, sheets, title, creator)
    else:
        _write(target, sheets, title, creator)


def _row(sheet: Any, row: Sequence[Any], formats: dict[int, str]) -> list[Any]:
    from openpyxl.cell import WriteOnlyCell

    if not formats:
        return [cell_value(v) for v in row]
    cells: list[Any] = []
    for n, value in enumerate(row):
        if n in formats and isinstance(value, int | float):
            cell = WriteOnlyCell(sheet, value=value)
            cell.number_format = formats[n]
            cells.append(cell)
        else:
            cells.append(cell_value(value))
    return cells


def _write_sheet(book: Any, sheet: Sheet, taken: set[str]) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    out = book.create_sheet(sheet_title(sheet.title, taken))
    rows = iter(sheet.rows)
    sample = []
    for row in rows:  # a few rows to estimate widths from; the rest stream
        sample.append(row)
        if len(sample) == 50:
            break
    for n, width in enumerate(_widths(sheet, sample), start=1):
        out.column_dimensions[get_column_letter(n)].width = width
    out.freeze_panes = f"A{len(sheet.preamble) + 2}"  # below the heading row
    for n, line in enumerate(sheet.preamble):
        cell = WriteOnlyCell(out, value=safe_text(line))
        if n == 0:
            cell.font = Font(bold=True)
        out.append([cell])
    headings = []
    for heading in sheet.headings:
        cell = WriteOnlyCell(out, value=safe_text(str(heading)))
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        headings.append(cell)
    out.append(headings)
    for row in sample:
        out.append(_row(out, row, sheet.number_formats))
    for row in rows:
        out.append(_row(out, row, sheet.number_formats))


def _write(stream: IO[bytes], sheets: Iterable[Sheet], title: str, creator: str) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    book.properties.title = title or None
    book.properties.creator = creator or "Inspector"
    taken: set[str] = set()
    for sheet in sheets:
        _write_sheet(book, sheet, taken)
    if not taken:
        book.create_sheet("Sheet")
    book.save(stream)
