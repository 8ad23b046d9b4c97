"""Output and errors of the command line: the table, CSV and JSON formats, writing to stdout, and the
user-facing failure. Standard library only: the parser, the GUI launch and the fast path of
``inspections list`` import this module, so it must not pull in SQLAlchemy (or Qt).

Safe output, whatever the records hold (names come from imported registers and from bundles):

* **Terminal.** ``write_out`` escapes every C0 control character but newline and tab, DEL and every C1
  control (U+0080–U+009F) as ``\\uXXXX`` (``\\r`` for a carriage return), so a name holding an ESC
  sequence cannot recolour, retitle or rewrite the terminal; the escapes are also valid inside JSON
  strings, so JSON output stays JSON. Table cells escape newline and tab as well (``\\n``, ``\\t``): a
  cell cannot break the table's lines or fake a row. ``CliError`` messages are escaped the same way.
* **Spreadsheet.** A CSV *text* cell that a spreadsheet would run as a formula – starting with ``=``,
  ``+``, ``-``, ``@``, tab or carriage return (OWASP's CSV-injection rule) – gets a single quote ``'`` in
  front; numbers (a negative score) stay numbers. So that the enterprise import can undo it exactly, a
  text whose leading quotes are followed by one of those characters gets one more quote too (``'=x`` →
  ``''=x``); the import (``tabular.reader.unquote_cell``) takes exactly one leading quote off a cell whose
  quotes are followed by one of them, and leaves every other text as it is.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import unicodedata
from collections.abc import Sequence
from typing import Any, NoReturn

from inspector_app.translation import NP_, _, heading

FORMATS = ("table", "csv", "json")
# The headings of a table for people (``render(..., "table")``), in the run's language (their "heading" sense:
# 编号 is "No." here, "code" in a sentence). CSV and JSON keep the column keys (scripts and spreadsheets read
# them); a heading already written for people (Chinese, from a read model's headings) is translated as one.
COLUMN_LABELS = {
    "id": NP_("heading", "编号"), "uid": NP_("heading", "唯一编号"), "enterprise": NP_("heading", "企业"),
    "district": NP_("heading", "辖市区"), "template": NP_("heading", "检查表"), "status": NP_("heading", "状态"),
    "score": NP_("heading", "得分"), "grade": NP_("heading", "等级"), "outcome": NP_("heading", "处理建议"),
    "due_date": NP_("heading", "期限"), "uscc": NP_("heading", "统一社会信用代码"), "name": NP_("heading", "企业名称"),
    "industry": NP_("heading", "行业"), "cert_grade": NP_("heading", "证书等级"), "cert_number": NP_("heading", "证书编号"),
    "cert_expires": NP_("heading", "证书有效期至"), "legal_rep": NP_("heading", "法定代表人"),
    "contact_phone": NP_("heading", "联系电话"), "version": NP_("heading", "版本"), "kind": NP_("heading", "种类"),
    "title": NP_("heading", "名称"), "standard": NP_("heading", "标准"), "elements": NP_("heading", "类目"),
    "items": NP_("heading", "检查项"), "points": NP_("heading", "总分"), "authority": NP_("heading", "组织机关"),
    "notices": NP_("heading", "依据文件"), "current": NP_("heading", "当前"), "file_name": NP_("heading", "文件名"),
    "sha256": "SHA-256", "captured_at": NP_("heading", "拍摄时间"), "time_source": NP_("heading", "时间来源"),
    "gps": NP_("heading", "GPS 位置"), "camera": NP_("heading", "相机"), "size": NP_("heading", "大小"),
    "item_code": NP_("heading", "检查项"), "finding_id": NP_("heading", "隐患"), "caption": NP_("heading", "说明"),
    "photo": NP_("heading", "照片"), "file": NP_("heading", "文件"), "warnings": NP_("heading", "提示"),
    "accepted": NP_("heading", "已确认"), "notes": NP_("heading", "备注"),
}
# OWASP's CSV-injection rule; the enterprise import's tabular.reader.FORMULA_START is the same set.
FORMULA_START = frozenset("=+-@\t\r")
_TERMINAL_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # all but \t and \n
_CELL_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# In UTF-8: the C0 controls but tab and newline, DEL, and 0xC2 – the lead byte of the C1 controls
# (C2 80–C2 9F), and of U+00A0–U+00BF, which the exact check then passes.
_SUSPECT_BYTES = bytes([*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F, 0xC2])


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _SHORT.get(char) or f"\\u{ord(char):04x}"


def terminal_text(text: str) -> str:
    """``text`` with the control characters a terminal would obey escaped (newline and tab kept)."""
    if _TERMINAL_CONTROL.search(text) is None:  # the common case: one scan, no copy
        return text
    return _TERMINAL_CONTROL.sub(_escape, text)


def cell_text(value: Any) -> str:
    """A table cell: blank for None, every control character escaped (newline and tab too)."""
    text = "" if value is None else str(value)
    return _CELL_CONTROL.sub(_escape, text) if _CELL_CONTROL.search(text) else text


def csv_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet will not run: see the module docstring. Non-text values pass unchanged."""
    if value is None:
        return ""
    if isinstance(value, str) and value:
        body = value.lstrip("'")
        if body and body[0] in FORMULA_START:
            return "'" + value
    return value


class CliError(Exception):
    """A user-facing failure: printed to stderr, exit status ``code``."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(terminal_text(message))
        self.code = code


def fail(message: str, code: int = 1) -> NoReturn:
    raise CliError(message, code)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _heading(column: str) -> str:
    """A column's heading in the run's language, capitalised."""
    text = heading(COLUMN_LABELS.get(column, column))
    return text[:1].upper() + text[1:] if text[:1].isascii() else text


def worded(rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: str) -> list[dict[str, Any]]:
    """For a table: the cells of ``columns`` (stored words – statuses, kinds, stages – that the catalogue has)
    in the run's language. CSV and JSON keep the stored values, as they keep the column keys."""
    if fmt != "table":
        return list(rows)
    return [{**row, **{c: _(row[c]) for c in columns if isinstance(row.get(c), str) and row[c]}} for row in rows]


def render(rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: str) -> str:
    """Rows as an aligned table (CJK-aware, headed in the run's language: ``COLUMN_LABELS``), CSV (UTF-8
    with BOM for Excel) or JSON (a list); CSV and JSON keep the column keys."""
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
        writer.writerows({k: csv_cell(row.get(k)) for k in columns} for row in rows)
        return buffer.getvalue()
    cells = [[cell_text(row.get(c)) for c in columns] for row in rows]
    headings = [cell_text(_heading(c)) for c in columns]
    widths = [max([_width(h)] + [_width(r[i]) for r in cells]) for i, h in enumerate(headings)]
    lines = ["  ".join(_pad(h, w) for h, w in zip(headings, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(_pad(v, w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return "\n".join(lines) + "\n"


def write_out(text: str) -> None:
    """Write to stdout, control characters escaped (``terminal_text``).

    On a UTF-8 stream the text is encoded here and checked as bytes – one pass of ``bytes.translate``,
    a third of the regular expression's time on the 20 MB of a 50,000-row list – and only text that
    holds a suspect byte (a control, or the lead byte 0xC2 of U+0080–U+00BF) goes through
    ``terminal_text``."""
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is None or (getattr(stream, "encoding", None) or "").lower().replace("-", "") != "utf8":
        text = terminal_text(text)
        try:
            stream.write(text)
        except UnicodeEncodeError:  # a console that is not UTF-8, or a file name that is not (surrogates)
            stream.flush()
            stream.buffer.write(text.encode("utf-8", "backslashreplace"))
        stream.flush()
        return
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a file name that is not UTF-8 (surrogates): shown as \udcd5
        data = text.encode("utf-8", "backslashreplace")
    if len(data.translate(None, _SUSPECT_BYTES)) != len(data):
        data = terminal_text(text).encode("utf-8", "backslashreplace")
    stream.flush()  # whatever the text layer holds goes first
    buffer.write(data)
    buffer.flush()
