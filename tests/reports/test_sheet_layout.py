"""Sheet layout: Chinese line breaking (避头尾) in table cells and paragraphs, nothing running past a cell's
border or over other text, signature blocks.

The PDF checks read each character's box with pypdfium2 (a runtime dependency), group the characters of
one table column into printed lines and check the first and last character of every line.
"""

from __future__ import annotations

import dataclasses
import io
import itertools
from collections import defaultdict
from datetime import date

import pypdfium2 as pdfium
import pytest
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from inspector_app.demo.sample_sheets import sample_sheet
from inspector_app.reports import ElementResult, Finding, ItemResult, render_sheet_bytes
from inspector_app.reports.fonts import register_font
from inspector_app.reports.layout import (
    FRAME_W,
    MARGIN_B,
    MARGIN_L,
    MARGIN_R,
    MARGIN_T,
    PAGE_H,
    PAGE_W,
    Styles,
)
from inspector_app.reports.linebreak import NO_END, NO_START, CJKParagraph, char_widths, wrap_text
from inspector_app.reports.recheck_pdf import RECHECK_WIDTHS, recheck_table
from inspector_app.reports.record_pdf import FINDINGS_WIDTHS, findings_table
from inspector_app.reports.scoresheet_pdf import CHECKLIST_WIDTHS, checklist_table

pytestmark = pytest.mark.usefixtures("cjk_font")

# every kind of mark, so that one of them lands at each line end as the prefix grows
MARKED = ("现场抽查：配电箱未上锁；箱门损坏，“线路裸露”（见照片2）。扣1分；说明：已告知企业、"
          "整改期限《三日》！每处扣2分（×3）……GB 18218-2018“重大危险源”——复查。")
PAD = 3.0  # the cell padding of grid_table
TOL = 0.3


def _check_lines(lines: list[str], where: str) -> None:
    for k, line in enumerate(lines):
        assert line, f"{where}: empty line {k}"
        assert line[0] not in NO_START, f"{where}: line starts with {line[0]!r}: {line!r}"
        assert line[-1] not in NO_END, f"{where}: line ends with {line[-1]!r}: {line!r}"


def _para_lines(para: CJKParagraph) -> list[tuple[str, float]]:
    """(text, width) of each line of a wrapped paragraph, of either kind of reportlab's lines."""
    bl = para.blPara
    if bl.kind == 0:
        return [(words[0] if words else "", sum(char_widths(words[0] if words else "", bl.fontName, bl.fontSize)))
                for _, words in bl.lines]
    return [("".join(w.text for w in ln.words), ln.currentWidth) for ln in bl.lines]


def _squash(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("width", [60.0, 97.5, 150.0, 171.0])
def test_wrap_text_keeps_the_rules_and_every_character(width: float) -> None:
    font = register_font()
    for k in range(30):
        text = "检" * k + MARKED
        lines = wrap_text(text, font, 9, width).split("\n")
        _check_lines(lines, f"prefix {k}")
        for line in lines:
            assert sum(char_widths(line, font, 9)) <= width + 1e-6, line
        assert _squash("".join(lines)) == _squash(text)
        assert "……" in "".join(lines) and "——" in "".join(lines)  # never split over two lines


def test_paragraph_lines_keep_the_rules_and_the_width() -> None:
    st = Styles(register_font())
    for k in range(60):
        text = "检" * (k // 2) + MARKED
        if k % 2:  # several styles (frags), else one
            text = text.replace("“", "<font size='10'>“").replace("”", "”</font>")
        para = CJKParagraph(text, st.cell)
        para.wrap(140, 1000)
        lines = _para_lines(para)
        _check_lines([t for t, _ in lines], f"prefix {k}")
        assert all(w <= 140 + 1e-6 for _, w in lines), lines
        assert _squash("".join(t for t, _ in lines)) == _squash("检" * (k // 2) + MARKED)
        assert para.blPara.kind == k % 2


def test_paragraph_keeps_hard_breaks_and_blanks() -> None:
    st = Styles(register_font())
    para = CJKParagraph("法定代表人<br/>（负责人）", st.label)
    para.wrap(200, 100)
    assert [t for t, _ in _para_lines(para)] == ["法定代表人", "（负责人）"]
    para = CJKParagraph("年" + "\xa0" * 12 + "月", st.body)
    para.wrap(40, 100)  # a blank to fill in by hand is not broken, nor dropped
    assert "".join(t for t, _ in _para_lines(para)).count("\xa0") == 12


def _chars(pdf: bytes) -> list[tuple[int, float, float, float, str]]:
    """(page, left, right, baseline-ish bottom, char) of every printed character."""
    out = []
    doc = pdfium.PdfDocument(pdf)
    try:
        for number in range(len(doc)):
            text = doc[number].get_textpage()
            for i in range(text.count_chars()):
                ch = text.get_text_range(i, 1)
                if not ch.strip():
                    continue
                left, bottom, right, _top = text.get_charbox(i, loose=True)
                out.append((number, left, right, bottom, ch))
    finally:
        doc.close()
    return out


def _column(pdf: bytes, x0: float, x1: float) -> tuple[list[str], float]:
    """The printed lines inside the column [x0, x1] (top to bottom), and the rightmost ink edge."""
    rows: dict[tuple[int, float], list[tuple[float, str]]] = defaultdict(list)
    right = x0
    for page, left, r, bottom, ch in _chars(pdf):
        if x0 <= left < x1:
            rows[(page, -round(bottom, 0))].append((left, ch))
            right = max(right, r)
    lines = ["".join(ch for _, ch in sorted(row)) for _, row in sorted(rows.items())]
    return lines, right


def _pdf(story: list[Flowable]) -> bytes:
    """Just these flowables, in the sheets' frame (so that only table text is in the PDF)."""
    out = io.BytesIO()
    doc = BaseDocTemplate(out, pagesize=(PAGE_W, PAGE_H), initialFontName=register_font())
    frame = Frame(MARGIN_L, MARGIN_B, FRAME_W, PAGE_H - MARGIN_T - MARGIN_B,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(story)
    return out.getvalue()


def _elements() -> tuple[tuple[ElementResult, ...], list[str]]:
    items = []
    reasons = []
    for k in range(24):
        why = ("检" * k + MARKED, "说明：" + "查" * (k % 7) + "现场未能提供（资料缺失）。")
        reasons.append("；".join(r.rstrip("。") for r in why))  # the cell drops a reason's own full stop
        items.append(ItemResult(code=f"A.{k + 1}", text="核" * k + MARKED[:40], points=5.0, result="部分符合",
                                deduction=1.0, earned=4.0, reasons=why))
    return (ElementResult("A", "标点", tuple(items), 96.0, 120.0),), reasons


def _findings() -> tuple[Finding, ...]:
    return tuple(Finding(number=k + 1, description="隐" * k + MARKED, requirement="改" * k + MARKED,
                         responsible="钱样例（设备科科长）", recheck_note="复" * k + MARKED,
                         recheck_result="复查合格", deadline=date(2020, 3, 20), severity="重大" if k % 2 else "一般",
                         measures=("暂时停产停业",) if k % 2 else ())
                 for k in range(20))


def test_checklist_reasons_stay_inside_their_cell_and_keep_all_text() -> None:
    elements, reasons = _elements()
    pdf = _pdf(checklist_table(elements, Styles(register_font())))
    x0 = MARGIN_L + sum(CHECKLIST_WIDTHS[:5])
    x1 = x0 + CHECKLIST_WIDTHS[5]
    lines, right = _column(pdf, x0, x1)
    assert right <= x1 - PAD + TOL, f"text runs {right - (x1 - PAD):.1f} pt into the right border"
    body = [ln for ln in lines if ln != "扣分原因及说明"]
    _check_lines(body, "扣分原因及说明")
    assert _squash("".join(body)) == _squash("".join(reasons))
    c0 = MARGIN_L + CHECKLIST_WIDTHS[0]
    c1 = c0 + CHECKLIST_WIDTHS[1]
    lines, right = _column(pdf, c0, c1)
    assert right <= c1 - PAD + TOL
    _check_lines([ln for ln in lines if ln != "检查内容" and "应得" not in ln], "检查内容")  # not the title row


def test_findings_and_recheck_cells_keep_the_rules() -> None:
    st = Styles(register_font())
    findings = _findings()
    pdf = _pdf(findings_table(findings, st))
    for col in (1, 3, 5):
        x0 = MARGIN_L + sum(FINDINGS_WIDTHS[:col])
        x1 = x0 + FINDINGS_WIDTHS[col]
        lines, right = _column(pdf, x0, x1)
        assert right <= x1 - PAD + TOL, (col, right - (x1 - PAD))
        _check_lines(lines, f"findings column {col}")
    pdf = _pdf(recheck_table(findings, st))
    x0 = MARGIN_L + sum(RECHECK_WIDTHS[:4])
    lines, right = _column(pdf, x0, x0 + RECHECK_WIDTHS[4])
    assert right <= x0 + RECHECK_WIDTHS[4] - PAD + TOL
    _check_lines(lines, "复查情况说明")


@pytest.mark.parametrize("kind", ["record", "scoresheet", "order", "measures", "recheck"])
def test_no_text_beyond_the_frame(kind: str) -> None:
    elements, _ = _elements()
    data = dataclasses.replace(sample_sheet(refusal=True), elements=elements, findings=_findings(),
                               remarks="备注" * 3 + MARKED * 3)
    pdf, _ = render_sheet_bytes(data, kind)  # type: ignore[arg-type]
    top, bottom = PAGE_H - MARGIN_T, MARGIN_B
    for page, left, right, base, ch in _chars(pdf):
        if bottom < base < top:
            assert left >= MARGIN_L - TOL and right <= PAGE_W - MARGIN_R + TOL, (page, ch, left, right)


def test_a_refusal_is_printed_apart_from_the_witness_signature() -> None:
    pdf, _ = render_sheet_bytes(sample_sheet(refusal=True), "record")
    rows: dict[tuple[int, float], list[tuple[float, str]]] = defaultdict(list)
    for page, left, _right, bottom, ch in _chars(pdf):
        rows[(page, -round(bottom))].append((left, ch))
    lines = ["".join(ch for _, ch in sorted(row)) for _, row in sorted(rows.items())]
    refused = next(ln for ln in lines if ln.startswith("被检查单位现场负责人（签名）"))
    assert "拒绝签名" in refused and "（孙虚构）" in refused
    assert any(ln.startswith("拒绝签名原因：对第2项问题的认定有异议") for ln in lines)
    witness = next(ln for ln in lines if ln.startswith("见证人（签名）"))
    assert "周见证（街道安监站）" in witness


def test_a_long_enterprise_name_does_not_run_into_the_continuation_header() -> None:
    name = "常州市武进区华安精密机械制造与新材料科技研发有限公司第二分公司（湖塘镇长虹西路厂区第三车间及仓库）"
    pdf, info = render_sheet_bytes(sample_sheet(items_per_element=4, name=name), "record")
    assert info.pages > 1
    band = [(left, right) for page, left, right, bottom, _ in _chars(pdf)
            if page == 1 and bottom > PAGE_H - MARGIN_T]
    band.sort()
    assert len(band) > 20
    for (_, prev_right), (left, _) in itertools.pairwise(band):
        assert left >= prev_right - 0.3
    assert max(right for _, right in band) <= PAGE_W - MARGIN_R + TOL
