"""Writing a workbook row by row: sheets given as headings, column widths and an iterator of rows,
streamed with openpyxl's write-only mode – each row goes to the sheet's temporary file as it comes, so
100,000 rows need no more memory than one. A format package: no database, no ORM.

What a sheet looks like: the headings in bold on the first row, frozen, with an auto-filter over the
rows written; the column widths given. Values are written as they are: numbers as numbers (with the
column's ``number_format`` where it names one: a score's one decimal, ``domain.numbers.SCORE_FORMAT``),
``date`` and ``datetime`` as Excel dates with a date number format, ``None`` and the empty text as no cell.

Text is written as text, never run (issue 10's rule, as in the CSV export, ``cli.output.csv_cell``):

* a text starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return – after any leading quotes –
  is a text cell (openpyxl would make ``=…`` a formula) with Excel's *quote prefix* set: the cell style
  Excel gives a value typed as ``'=…``, so the text shows as it is, and stays text when the cell is
  edited. It is the xlsx form of the quote the CSV export writes in front; as there, a text whose
  leading quotes precede one of those characters gets one more quote, so that the enterprise import
  (``tabular.reader.unquote_cell``) gives back exactly what was stored;
* a text spelling an Excel error (``#N/A``) is a text cell, not an error;
* characters XML cannot carry (C0 controls but tab, newline and carriage return; U+FFFE, U+FFFF, lone
  surrogates) are written as ``\\uXXXX``, as the command line escapes them.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from inspector_app.domain.progress import CancelToken, Progress, no_progress
from inspector_app.tabular.reader import FORMULA_START

# Progress and the cancel check every this many rows.
STEP = 2000
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# First characters that need a look: a formula's, an error code's ("#"), a leading quote's.
_LOOK = frozenset(FORMULA_START | {"#", "'"})


@dataclass(frozen=True)
class Column:
    """One column: its heading, its width in Excel's units (about one digit; a CJK character ~2) and the
    number format of its numbers ("" = Excel's General)."""

    heading: str
    width: float = 12.0
    number_format: str = ""


@dataclass(frozen=True)
class Sheet:
    """One sheet: its name (at most 31 characters, no ``[]:*?/\\``), columns and rows (each a sequence
    of values, as long as the columns at most). ``rows`` is consumed once, while the sheet is written."""

    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence[Any]]


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def safe_text(text: str) -> tuple[str, bool]:
    """``text`` as the cell holds it, and whether the cell needs Excel's quote prefix (module docstring)."""
    if _XML_ILLEGAL.search(text):
        text = _XML_ILLEGAL.sub(_escape, text)
    body = text.lstrip("'")
    if body and body[0] in FORMULA_START:
        return ("'" + text if text[0] == "'" else text), True
    return text, False


class _SheetWriter:
    """Appends rows to one write-only sheet, turning the texts that need it into styled text cells."""

    def __init__(self, ws: Any) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.cell.cell import ERROR_CODES

        self._cell_type = WriteOnlyCell
        self._errors = frozenset(ERROR_CODES)
        self.ws = ws
        self.width = 0
        self.rows = 0
        self.formats: dict[int, str] = {}

    def start(self, sheet: Sheet) -> None:
        """Name the sheet, set its widths, freeze and write its headings (before any row)."""
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter

        self.ws.title = sheet.title
        self.width = len(sheet.columns)
        self.formats = {n: c.number_format for n, c in enumerate(sheet.columns) if c.number_format}
        for index, column in enumerate(sheet.columns, 1):
            self.ws.column_dimensions[get_column_letter(index)].width = column.width
        self.ws.freeze_panes = "A2"
        bold = Font(bold=True)
        headings = []
        for column in sheet.columns:
            cell = self._text_cell(*safe_text(column.heading))
            cell.font = bold
            headings.append(cell)
        self.ws.append(headings)

    def _text_cell(self, text: str, quote: bool) -> Any:
        cell = self._cell_type(self.ws, text)
        cell.data_type = "s"  # never a formula (=…), never an error (#N/A)
        if quote:
            cell.quotePrefix = True
        return cell

    def append(self, values: Sequence[Any]) -> None:
        row = list(values)
        for index, value in enumerate(row):
            if type(value) is not str:
                continue
            if not value:
                row[index] = None  # no cell at all: openpyxl would write an empty text
            elif value[0] in _LOOK or _XML_ILLEGAL.search(value):
                text, quote = safe_text(value)
                if quote or (text[0] == "#" and text in self._errors):
                    row[index] = self._text_cell(text, quote)
                else:
                    row[index] = text
        for index, number_format in self.formats.items():
            value = row[index] if index < len(row) else None
            if type(value) in (int, float):
                cell = row[index] = self._cell_type(self.ws, value)
                cell.number_format = number_format
        self.ws.append(row)
        self.rows += 1

    def finish(self) -> None:
        from openpyxl.utils import get_column_letter

        if self.width:
            self.ws.auto_filter.ref = f"A1:{get_column_letter(self.width)}{self.rows + 1}"


def write_workbook(target: Path | IO[bytes], sheets: Iterable[Sheet], *,
                   cover: Callable[[dict[str, int]], Sheet] | None = None, total: int = 0,
                   progress: Progress = no_progress, cancel: CancelToken | None = None) -> dict[str, int]:
    """Write ``sheets`` in order to ``target`` (a path or a binary file open for writing) and return the
    rows written per sheet title. ``cover``, given those counts, makes the first sheet (a summary): it is
    the first tab but written last. ``total`` (the rows expected, 0 = unknown) is for ``progress(done,
    total, sheet title)``, called every ``STEP`` rows; ``cancel`` is checked as often and raises
    ``Cancelled``. On any error nothing is saved and the sheets' temporary files are removed (a file
    the caller opened is the caller's to remove)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    try:
        counts = _write(workbook, sheets, cover, total, progress, cancel)
        workbook.save(target)
    except BaseException:
        _discard(workbook)
        raise
    return counts


def _write(workbook: Any, sheets: Iterable[Sheet], cover: Callable[[dict[str, int]], Sheet] | None, total: int,
           progress: Progress, cancel: CancelToken | None) -> dict[str, int]:
    # Each write-only sheet streams to a file of its own, so the first tab can wait for the counts.
    first = _SheetWriter(workbook.create_sheet("cover")) if cover is not None else None
    counts: dict[str, int] = {}
    done = 0
    for sheet in sheets:
        writer = _SheetWriter(workbook.create_sheet())
        writer.start(sheet)
        for values in sheet.rows:
            writer.append(values)
            done += 1
            if done % STEP == 0:
                if cancel is not None:
                    cancel.raise_if_cancelled()
                progress(done, total, sheet.title)
        writer.finish()
        counts[sheet.title] = writer.rows
    if cover is not None and first is not None:
        front = cover(dict(counts))
        first.start(front)
        for values in front.rows:
            first.append(values)
        counts = {front.title: first.rows, **counts}
    if cancel is not None:
        cancel.raise_if_cancelled()
    progress(done, total, "保存")
    return counts


def _discard(workbook: Any) -> None:
    """Close the sheets of a workbook that will not be saved and remove their temporary files."""
    for ws in workbook.worksheets:
        with contextlib.suppress(Exception):
            if not ws.closed:
                ws.close()
        writer = getattr(ws, "_writer", None)
        if writer is not None:
            with contextlib.suppress(Exception):
                writer.cleanup()
