"""Writing the workbooks a bureau edits (checklist templates, campaigns; ``docs/template-workbook.md``):
a table sheet with bold, shaded headers that carry a note on what to write, widths from the contents,
the header row frozen; a “key – value” sheet; drop-down lists; saving atomically."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from inspector_app.storage.files import atomic_writer
from inspector_app.tabular.book_grid import Field, Fields
from inspector_app.tabular.xlsx_writer import cell_value, text_width

_HEAD_FILL = "DDEBF7"
_ITEM_FILL = "F2F2F2"
WRAP = frozenset({"text", "evidence", "source", "title", "label", "basis", "industries", "sub_element", "why"})


def table_sheet(book: Any, title: str, fields: Fields, keys: Sequence[str], rows: Sequence[Sequence[Any]],
           *, item_rows: Sequence[bool] = (), widths: dict[str, float] | None = None) -> Any:
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(title)
    head_fill = PatternFill("solid", fgColor=_HEAD_FILL)
    item_fill = PatternFill("solid", fgColor=_ITEM_FILL)
    for col, key in enumerate(keys, start=1):
        field = fields.by_key[key]
        cell = sheet.cell(1, col, field.label)
        cell.font, cell.fill = Font(bold=True), head_fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        if field.note:
            cell.comment = Comment(field.note, "Inspector")
        longest = max([text_width(field.label)] + [text_width(str(r[col - 1])) for r in rows[:200]
                                                   if r[col - 1] is not None])
        width = (widths or {}).get(key, min(48.0, max(6.0, longest + 2)))
        sheet.column_dimensions[get_column_letter(col)].width = width
    for number, row in enumerate(rows, start=2):
        bold = number - 2 < len(item_rows) and item_rows[number - 2]
        for col, (key, value) in enumerate(zip(keys, row, strict=True), start=1):
            if value is None and not bold:
                continue  # no cell at all: the sheet stays small
            cell = sheet.cell(number, col, cell_value(value))
            if key in WRAP:
                cell.alignment = Alignment(vertical="top", wrap_text=True)
            if bold:
                cell.fill = item_fill
                if key in ("code", "text"):
                    cell.font = Font(bold=True)
            if key in ("min_share", "min_element_share") and isinstance(value, int | float):
                cell.number_format = "0%" if float(round(value * 100, 6)).is_integer() else "0.0###%"
    sheet.freeze_panes = "A2"
    return sheet


def choices(sheet: Any, column: int, values: Sequence[str], rows: int) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    letter = get_column_letter(column)
    rule = DataValidation(type="list", formula1=f'"{",".join(values)}"', allow_blank=True, showErrorMessage=False)
    rule.add(f"{letter}2:{letter}{rows + 200}")
    sheet.add_data_validation(rule)


def info_sheet(book: Any, title: str, rows: Sequence[tuple[Field, Any]]) -> Any:
    """A “key – value” sheet: 项目 | 内容 | 填写说明."""
    from openpyxl.styles import Alignment, Font

    sheet = book.create_sheet(title)
    for col, (heading, width) in enumerate((("项目", 16.0), ("内容", 60.0), ("填写说明", 56.0)), start=1):
        sheet.cell(1, col, heading).font = Font(bold=True)
        sheet.column_dimensions["ABC"[col - 1]].width = width
    for number, (field, value) in enumerate(rows, start=2):
        sheet.cell(number, 1, field.label).font = Font(bold=True)
        sheet.cell(number, 2, cell_value(value)).alignment = Alignment(wrap_text=True, vertical="top")
        sheet.cell(number, 3, field.note).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    return sheet


def new_book(title: str) -> Any:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    book.properties.creator = "Inspector"
    book.properties.title = title
    return book


def save(book: Any, target: Path | IO[bytes]) -> None:
    """Save the workbook; a path atomically (temp file, fsync, rename)."""
    if isinstance(target, Path):
        with atomic_writer(target) as stream:
            book.save(stream)
    else:
        book.save(target)
