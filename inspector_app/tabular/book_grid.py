"""Reading hand-made workbooks of several sheets: checklist templates and campaigns a bureau writes in
Excel (``docs/template-workbook.md``).

A sheet is found by its name (any of a few spellings); a table's header row is found among the top rows
and its Chinese headers matched tolerantly, in any order (``reader.normalise_header``: full-width or
half-width, spaces, ``*`` markers, a trailing bracket); blank spacer rows are skipped; a merged cell holds
its value in its first cell only (a caller fills chosen columns down). A “key – value” sheet (基本信息)
holds one setting a row. Every problem is a ``CellProblem`` naming the sheet, the row as Excel numbers it
and the column by the file's own header.

Cell conventions (shared by every workbook of this kind): a blank cell leaves the setting out (its
default applies); 是 / 否 for yes and no; lists separated by “、”."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from inspector_app.domain.errors import ImportFileError
from inspector_app.tabular.reader import HEADER_SEARCH_ROWS, cell_text, normalise_header, unquote_cell
from inspector_app.translation import _, listing

_PARENS = re.compile(r"\([^)]*\)")
_LIST_SPLIT = re.compile(r"[、,，;；\n]+")
_NOTE = re.compile(r"^(注|说明|备注)\s*[:：]")
YES = frozenset({"是", "true", "yes", "y", "t", "1", "√", "✓", "✔", "对", "要", "需要"})
NO = frozenset({"否", "false", "no", "n", "f", "0", "×", "✗", "✘", "x", "错", "不", "不要", "不需要"})


class Missing:
    """A blank cell: the setting is left out."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING = Missing()


class Bad(ValueError):
    """A cell value that breaks a rule; the message is for people."""


@dataclass(frozen=True)
class CellProblem:
    """Where a problem is: the sheet, the row as Excel numbers it (None: the sheet as a whole) and the
    column by its header; and what rule the value breaks."""

    sheet: str
    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        if self.row is None:
            text = _("工作表“{sheet}”：{message}")
        elif self.column:
            text = _("工作表“{sheet}”第 {row} 行“{column}”列：{message}")
        else:
            text = _("工作表“{sheet}”第 {row} 行：{message}")
        return text.format(sheet=self.sheet, row=self.row, column=self.column, message=self.message)


@dataclass(frozen=True)
class Field:
    """A column (or a key of a key – value sheet): its key, the standard header (first of ``names``)."""

    key: str
    names: tuple[str, ...]
    note: str = ""  # what to write, for the example workbook's header comments and 填写说明

    @property
    def label(self) -> str:
        return self.names[0]


class Fields:
    """The columns a table may have, matched by any of their names (or their key)."""

    def __init__(self, *fields: Field) -> None:
        self.fields = fields
        self.by_key = {f.key: f for f in fields}
        self._index = {normalise_header(n): f.key for f in fields for n in (*f.names, f.key)}

    def match(self, text: object) -> str | None:
        key = normalise_header(text)
        if not key:
            return None
        found = self._index.get(key)
        if found is None and "(" in key:
            found = self._index.get(_PARENS.sub("", key))
        return found

    def label(self, key: str) -> str:
        return self.by_key[key].label


# --- the workbook -----------------------------------------------------------------------------------

@dataclass
class Grid:
    """One worksheet's values: ``rows[i]`` is Excel's row i + 1; merged ranges as (first row, last row,
    first column, last column), 1-based."""

    name: str
    rows: list[list[Any]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)

    def fill_down(self, column: int) -> None:
        """Give every cell of a vertically merged range in ``column`` (0-based) its first cell's value."""
        for top, bottom, left, right in self.merged:
            if left <= column + 1 <= right and bottom > top:
                value = self.rows[top - 1][column] if column < len(self.rows[top - 1]) else None
                for number in range(top + 1, min(bottom, len(self.rows)) + 1):
                    row = self.rows[number - 1]
                    row.extend([None] * (column + 1 - len(row)))
                    row[column] = value

    def span_end(self, row: int, column: int) -> int:
        """The last column (0-based) of the merged range starting at this cell (the cell itself if none)."""
        for top, bottom, left, right in self.merged:
            if top <= row <= bottom and left == column + 1:
                return right - 1
        return column


MAX_BOOK_BYTES = 20_000_000  # a checklist or a campaign is tens of kilobytes


def open_book(path: Path) -> dict[str, Grid]:
    """Every worksheet of a ``.xlsx`` file by its name; ImportFileError names the file when it cannot
    be read."""
    import openpyxl  # a heavy import, only needed for workbooks

    try:
        if path.stat().st_size > MAX_BOOK_BYTES:
            raise ImportFileError(_("文件 {name} 过大（{size} 字节，上限 {limit}）").format(name=path.name, size=path.stat().st_size, limit=MAX_BOOK_BYTES))
        with path.open("rb") as fh:
            head = fh.read(4)
    except FileNotFoundError:
        raise ImportFileError(_("找不到文件 {path}").format(path=path)) from None
    except OSError as exc:
        raise ImportFileError(_("无法读取文件 {name}：{strerror}").format(name=path.name, strerror=exc.strerror)) from exc
    if head != b"PK\x03\x04":
        raise ImportFileError(_("文件 {name} 不是 Excel 工作簿（.xlsx）；旧版 .xls 请在 Excel 中另存为 .xlsx").format(name=path.name))
    try:
        with path.open("rb") as fh:
            book = openpyxl.load_workbook(fh, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise ImportFileError(_("文件 {name} 不是有效的 Excel 工作簿（无法打开：{exc}）").format(name=path.name, exc=exc)) from exc
    except Exception as exc:  # openpyxl raises assorted errors on malformed parts
        raise ImportFileError(_("文件 {name} 无法作为 Excel 工作簿读取：{exc}").format(name=path.name, exc=exc)) from exc
    grids = {}
    for sheet in book.worksheets:
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        merged = [(r.min_row, r.max_row, r.min_col, r.max_col) for r in sheet.merged_cells.ranges]
        grids[str(sheet.title)] = Grid(str(sheet.title), rows, merged)
    return grids


def find_sheet(grids: dict[str, Grid], names: Sequence[str]) -> Grid | None:
    wanted = {normalise_header(n) for n in names}
    return next((g for title, g in grids.items() if normalise_header(title) in wanted), None)


def blank(value: object) -> bool:
    return value is None or isinstance(value, Missing) or (isinstance(value, str) and not value.strip())


# --- tables -----------------------------------------------------------------------------------------

@dataclass
class Table:
    """A table found on a sheet: which column holds which field, and the rows below the header that are
    not blank (spacer rows and notes such as “注：…” under the table are left out)."""

    sheet: str
    fields: Fields
    header_row: int
    columns: dict[str, int]  # key → 0-based column
    headers: dict[str, str]  # key → the file's own header text
    rows: list[tuple[int, dict[str, Any]]]  # (row number, key → value) for the known columns

    def label(self, key: str) -> str:
        return self.headers.get(key) or self.fields.label(key)

    def problem(self, row: int | None, key: str, message: str) -> CellProblem:
        return CellProblem(self.sheet, row, self.label(key) if key else "", message)


def read_table(grid: Grid, fields: Fields, required: Sequence[str],
               problems: list[CellProblem]) -> Table | None:
    """The table on ``grid``: its header is the top row matching most fields (with every required one)."""
    best: tuple[int, dict[str, int], dict[str, str], list[CellProblem]] | None = None
    for index, row in enumerate(grid.rows[:HEADER_SEARCH_ROWS]):
        columns: dict[str, int] = {}
        headers: dict[str, str] = {}
        twice: list[CellProblem] = []
        for col, value in enumerate(row):
            key = fields.match(value)
            if key is None:
                continue
            if key in columns:
                twice.append(CellProblem(grid.name, index + 1, cell_text(value),
                                         _("与“{headers}”列重复（同一列只能有一个）").format(headers=headers[key])))
                continue
            columns[key], headers[key] = col, cell_text(value)
        if all(k in columns for k in required) and (best is None or len(columns) > len(best[1])):
            best = (index + 1, columns, headers, twice)
    if best is None:
        names = "、".join(fields.label(k) for k in required)
        problems.append(CellProblem(grid.name, None, "", _("在前 {HEADER_SEARCH_ROWS} 行中找不到表头（须有 {names} 列）").format(HEADER_SEARCH_ROWS=HEADER_SEARCH_ROWS, names=names)))
        return None
    header_row, columns, headers, twice = best
    problems.extend(twice)
    rows = []
    for number in range(header_row + 1, len(grid.rows) + 1):
        cells = grid.rows[number - 1]
        values = {key: cells[col] if col < len(cells) else None for key, col in columns.items()}
        filled = [v for v in cells if not blank(v)]
        if not filled:
            continue
        if len(filled) == 1 and isinstance(filled[0], str) and _NOTE.match(filled[0].strip()):
            continue
        if all(blank(v) for v in values.values()):
            continue  # only unknown columns filled (a remark beside the table)
        rows.append((number, values))
    return Table(grid.name, fields, header_row, columns, headers, rows)


@dataclass
class KeyValues:
    """A “key – value” sheet: each known key's value and its row."""

    sheet: str
    fields: Fields
    values: dict[str, tuple[int, Any]]  # key → (row, value)
    value_header: str

    def get(self, key: str) -> Any:
        found = self.values.get(key)
        return MISSING if found is None or blank(found[1]) else found[1]

    def row(self, key: str) -> int | None:
        found = self.values.get(key)
        return found[0] if found else None

    def problem(self, key: str, message: str) -> CellProblem:
        row = self.row(key)
        return CellProblem(self.sheet, row, self.value_header if row else "", message)


_VALUE_HEADERS = frozenset(normalise_header(n) for n in ("内容", "值", "填写内容", "取值", "设置"))


def read_key_values(grid: Grid, fields: Fields, problems: list[CellProblem]) -> KeyValues:
    """Rows of a key in one cell and its value in the next (after the key cell's merged range), or in a
    column headed 内容 when there is one."""
    value_col: int | None = None
    values: dict[str, tuple[int, Any]] = {}
    for number, cells in enumerate(grid.rows, start=1):
        start = next((c for c, v in enumerate(cells) if not blank(v)), None)
        if start is None:
            continue
        if value_col is None and any(normalise_header(v) in _VALUE_HEADERS for v in cells):
            value_col = next(c for c, v in enumerate(cells) if normalise_header(v) in _VALUE_HEADERS)
            continue
        key = fields.match(cells[start])
        if key is None:
            continue
        col = value_col if value_col is not None and value_col > start else grid.span_end(number, start) + 1
        value = cells[col] if col < len(cells) else None
        if key in values:
            problems.append(CellProblem(grid.name, number, cell_text(cells[start]),
                                        _("重复填写（第 {values} 行已有“{label}”）").format(values=values[key][0], label=fields.label(key))))
            continue
        values[key] = (number, value)
    return KeyValues(grid.name, fields, values, "内容")


# --- cell values ------------------------------------------------------------------------------------

def text(value: Any) -> str | Missing:
    """A text cell: blank → MISSING; the quote the export puts before a formula-like text comes off."""
    if blank(value):
        return MISSING
    if isinstance(value, str):
        return unquote_cell(value.strip())
    return cell_text(value)


def number(value: Any, *, share: bool = False) -> int | float | Missing:
    """A number: 6, 2.5, “6分”, full-width digits; with ``share`` also “60%”. Whole numbers as int."""
    if blank(value):
        return MISSING
    if isinstance(value, bool | datetime | date):
        raise Bad(_("“{cell_text}”不是数字").format(cell_text=cell_text(value)))
    if isinstance(value, int | float):
        result: float = float(value)
    else:
        raw = unicodedata.normalize("NFKC", str(value)).strip()
        body = raw.removesuffix("分").strip()
        percent = share and body.endswith("%")
        try:
            result = float(body.removesuffix("%").strip()) / (100 if percent else 1)
        except ValueError:
            raise Bad(_("“{raw}”不是数字").format(raw=raw)) from None
    if result != result or result in (float("inf"), float("-inf")):
        raise Bad(_("“{cell_text}”不是数字").format(cell_text=cell_text(value)))
    return int(result) if result.is_integer() and abs(result) < 1e15 else result


def integer(value: Any) -> int | Missing:
    found = number(value)
    if isinstance(found, float):
        raise Bad(_("“{cell_text}”不是整数").format(cell_text=cell_text(value)))
    return found


def flag(value: Any) -> bool | Missing:
    """是 / 否 (also true/false, √/×, 1/0); blank → MISSING."""
    if blank(value):
        return MISSING
    if isinstance(value, bool):
        return value
    key = normalise_header(cell_text(value))
    if key in YES:
        return True
    if key in NO:
        return False
    raise Bad(_("“{value}”无效，应填“{yes}”或“{no}”（空白为默认）").format(value=cell_text(value), yes="是", no="否"))


def listed(value: Any, empty_words: Sequence[str] = ()) -> list[str] | Missing:
    """A list written “甲、乙、丙” (also commas, semicolons, line breaks); one of ``empty_words`` → []."""
    found = text(value)
    if isinstance(found, Missing):
        return MISSING
    if normalise_header(found) in {normalise_header(w) for w in empty_words}:
        return []
    return [part.strip() for part in _LIST_SPLIT.split(found) if part.strip()]


def choice(value: Any, choices: dict[str, str], what: str) -> str | Missing:
    """One of ``choices`` (spelling → value; values match themselves too)."""
    found = text(value)
    if isinstance(found, Missing):
        return MISSING
    index = {normalise_header(k): v for k, v in choices.items()} | {normalise_header(v): v for v in choices.values()}
    result = index.get(normalise_header(found))
    if result is None:
        shown = listing(dict.fromkeys(choices))
        raise Bad(_("{what}“{found}”无效，应为 {shown} 之一").format(what=what, found=found, shown=shown))
    return result


def rows_of(table: Table | None) -> Iterator[tuple[int, dict[str, Any]]]:
    return iter(table.rows) if table is not None else iter(())
