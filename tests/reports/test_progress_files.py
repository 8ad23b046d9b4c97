"""The progress report's files: the workbook read back with openpyxl (sheet names, headings, totals, frozen
heading row, formula-safe text) and the PDF's text and metadata."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sheet_helpers import pdftotext

from inspector_app.services.progress import (
    FIGURES,
    PROGRESS_HEADINGS,
    ProgressReport,
    columns_for,
    empty_row,
    from_document,
    total_row,
)
from inspector_app.services.progress_files import render_pdf, sheets, xlsx_bytes
from inspector_app.tabular.reader import unquote_cell
from inspector_app.tabular.xlsx_writer import Sheet, safe_text, write_workbook

KINDS = ("lookback", "audit", "review_quality")


def _report(area: str = "武进区") -> ProgressReport:
    rows: list[dict[str, Any]] = []
    for n, kind in enumerate(KINDS):
        own = []
        for m, name in enumerate((area, "其他（未归属辖区）")):
            row = empty_row(kind, name, "江苏省常州市武进区" if m == 0 else "")
            for k, column in enumerate(FIGURES):
                if row[column] is not None:
                    row[column] = (n + 1) * (k + 1) + m
            own.append(row)
        rows += [*own, total_row(kind, own)]
    return ProgressReport("jiangsu-changzhou-2020", "2020年“回头看”（常州市）", "常州市武进区应急管理局", "district",
                          "江苏省常州市武进区", date(2020, 3, 27), KINDS, rows, basis="苏应急电〔2020〕3号")


def test_the_report_round_trips_through_its_document() -> None:
    report = _report()
    assert from_document(report.document()) == report


def test_workbook_golden(tmp_path: Path) -> None:
    report = _report()
    path = tmp_path / "progress.xlsx"
    path.write_bytes(xlsx_bytes(report, number="武进区〔2020〕回头看报告第1号"))
    book = load_workbook(path)
    assert book.sheetnames == ["回头看", "运行质量审计", "评审质量自查", "说明"]
    assert book.properties.creator == "常州市武进区应急管理局"
    for kind, sheet in zip(KINDS, book.worksheets, strict=False):
        values = [list(r) for r in sheet.iter_rows(values_only=True)]
        assert values[0][0] == "“回头看”工作推进落实情况表　" + {"lookback": "“回头看”", "audit": "运行质量审计",
                                                               "review_quality": "评审质量自查"}[kind]
        assert "2020年“回头看”（常州市）" in values[1][0]
        assert "江苏省常州市武进区" in values[2][0] and "2020-03-27" in values[2][0]
        assert values[3][0] == "编号：武进区〔2020〕回头看报告第1号"
        headings = values[4]
        assert headings == ["辖区", *(PROGRESS_HEADINGS[c] for c in columns_for(kind))]
        assert sheet.freeze_panes == "A6"
        assert sheet.column_dimensions["A"].width == 16
        body = values[5:]
        assert [r[0] for r in body] == ["武进区", "其他（未归属辖区）", "合计"]
        total = report.total(kind)
        assert body[-1][1:] == [total[c] for c in columns_for(kind)]
        assert body[-1][1:] == [a + b for a, b in zip(body[0][1:], body[1][1:], strict=True)]
    notes = [r[0] for r in book["说明"].iter_rows(values_only=True)]
    assert any(str(n).startswith("截至2020年3月27日，江苏省常州市武进区纳入“回头看”范围的企业") for n in notes)


def test_text_a_spreadsheet_would_run_is_neutralised(tmp_path: Path) -> None:
    nasty = ["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "'=A1", "普通\x01文字", "0512"]
    assert [unquote_cell(safe_text(t)) for t in nasty[:5]] == nasty[:5]
    path = tmp_path / "safe.xlsx"
    rows = ([t, -3, 1.5, None] for t in nasty)
    write_workbook(path, [Sheet("a[b]:c", ["文字", "负数", "小数", "空"], rows)])
    sheet = load_workbook(path).worksheets[0]
    assert sheet.title == "a_b__c"
    values = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [v[0] for v in values] == ["'=HYPERLINK(\"http://x\")", "'+1", "'-2", "'@SUM(A1)", "''=A1",
                                      "普通\\u0001文字", "0512"]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert values[0][1:] == (-3, 1.5, None)


def test_a_big_sheet_streams(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    write_workbook(buffer, [Sheet("大表", ["序号", "名称"], ([n, f"企业{n}"] for n in range(20_000)))])
    sheet = load_workbook(io.BytesIO(buffer.getvalue()), read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 20_001 and rows[-1] == (19_999, "企业19999")


@pytest.mark.usefixtures("cjk_font")
def test_pdf_text_and_metadata(tmp_path: Path) -> None:
    report = _report()
    path = tmp_path / "progress.pdf"
    path.write_bytes(render_pdf(report, number="武进区〔2020〕回头看报告第1号", filed_on=date(2020, 3, 26),
                                filed_by="王明", text="一、总体情况。\n二、下一步工作。"))
    text = pdftotext(path)
    flat = "".join(text.split())
    for needle in ("“回头看”工作推进落实情况表", "江苏省常州市武进区", "统计截至：2020年3月27日",
                   "武进区〔2020〕回头看报告第1号", "常州市武进区应急管理局", "一、总体情况。", "填报人：王明"):
        assert needle in flat, needle
    totals = [line.split()[1:] for line in text.splitlines() if line.strip().startswith("合计")]
    assert totals == [[str(report.total(kind)[c]) for c in columns_for(kind)] for kind in KINDS]
    meta = PdfReader(path).metadata
    assert meta is not None
    assert meta.author == "常州市武进区应急管理局"
    assert "“回头看”工作推进落实情况表" in str(meta.title) and "江苏省常州市武进区" in str(meta.title)
    created = meta.creation_date
    assert created is not None and created.year == datetime.now().year


def test_sheets_list_every_kind_then_the_notes() -> None:
    assert [s.title for s in sheets(_report())] == ["回头看", "运行质量审计", "评审质量自查", "说明"]
