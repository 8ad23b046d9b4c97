"""The progress report as a PDF (issue 12 item 4): landscape A4, a title (“回头看”工作推进落实情况表 for the
campaign's progress), who reports, the jurisdiction, the as-of date and the number of a filed report,
then one table per kind of check (two heading rows: groups over their columns), the written section, the
notes and the signature line. Every page carries the title, the number and 第 M 页 共 N 页.

Plain data in (``ProgressDoc``): the figures are laid out here, computed in ``services.progress``."""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, KeepTogether, PageTemplate, Spacer, Table, TableStyle

from inspector_app import pdf_creator
from inspector_app.reports.fonts import register_font
from inspector_app.reports.layout import GRID, SHADE, esc, p

PAGE_W, PAGE_H = landscape(A4)
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 12 * mm, 14 * mm, 14 * mm
FRAME_W = PAGE_W - 2 * MARGIN_X
AREA_W = 26 * mm
GAP = "\xa0" * 6  # between the fields of a line (non-breaking: never collapsed)


@dataclass(frozen=True)
class Group:
    """A heading over ``span`` columns; span 1 with the column's own heading: one cell over both rows."""

    label: str
    span: int


@dataclass(frozen=True)
class TableSection:
    heading: str
    columns: Sequence[str]  # the headings of the columns after the first (辖区)
    groups: Sequence[Group]  # over those columns, spans adding up to len(columns)
    rows: Sequence[Sequence[Any]]  # first cell the area; the last row is the total (shaded)
    first: str = "辖区"


@dataclass(frozen=True)
class ProgressDoc:
    title: str
    authority: str
    campaign: str
    basis: str
    jurisdiction: str
    as_of: date
    sections: Sequence[TableSection]
    text: str = ""
    notes: Sequence[str] = ()
    number: str = ""
    filed_on: date | None = None
    filed_by: str = ""


def cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _styles(font: str) -> dict[str, ParagraphStyle]:
    base: dict[str, Any] = {"fontName": font, "wordWrap": "CJK"}
    return {
        "title": ParagraphStyle("t", fontSize=17, leading=24, alignment=TA_CENTER, spaceAfter=1.5 * mm, **base),
        "meta": ParagraphStyle("m", fontSize=9.5, leading=14, **base),
        "heading": ParagraphStyle("h", fontSize=11.5, leading=16, spaceBefore=3 * mm, spaceAfter=1.5 * mm, **base),
        "head": ParagraphStyle("hc", fontSize=7.5, leading=9.5, alignment=TA_CENTER, **base),
        "cell": ParagraphStyle("c", fontSize=8.5, leading=11, **base),
        "para": ParagraphStyle("p", fontSize=10, leading=16, firstLineIndent=20, **base),
        "note": ParagraphStyle("n", fontSize=8.5, leading=12.5, **base),
    }


def _table(section: TableSection, st: dict[str, ParagraphStyle], font: str) -> Table:
    n = len(section.columns)
    top: list[Any] = [p(esc(section.first), st["head"])]
    second: list[Any] = [""]
    spans: list[tuple[Any, ...]] = [("SPAN", (0, 0), (0, 1))]
    col = 1
    for group in section.groups:
        if group.span == 1 and group.label == section.columns[col - 1]:
            top.append(p(esc(group.label), st["head"]))
            second.append("")
            spans.append(("SPAN", (col, 0), (col, 1)))
        else:
            top += [p(esc(group.label), st["head"])] + [""] * (group.span - 1)
            second += [p(esc(c), st["head"]) for c in section.columns[col - 1:col - 1 + group.span]]
            if group.span > 1:
                spans.append(("SPAN", (col, 0), (col + group.span - 1, 0)))
        col += group.span
    body = [[p(esc(row[0]), st["cell"]), *("" if v is None else str(v) for v in row[1:])] for row in section.rows]
    width = (FRAME_W - AREA_W) / max(n, 1)
    table = Table([top, second, *body], colWidths=[AREA_W] + [width] * n, repeatRows=2, hAlign="LEFT")
    style: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (1, 2), (-1, -1), 9),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (1, 2), (-1, -1), "CENTER"), ("BACKGROUND", (0, 0), (-1, 1), SHADE),
        ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5), *spans,
    ]
    if section.rows:
        style.append(("BACKGROUND", (0, -1), (-1, -1), SHADE))
    table.setStyle(TableStyle(style))
    return table


def build_story(doc: ProgressDoc, font: str) -> list[Any]:
    st = _styles(font)
    story: list[Any] = [p(esc(doc.title), st["title"])]
    line = [f"填报单位：{doc.authority}（盖章）", f"辖区：{doc.jurisdiction or '（未设置）'}",
            f"统计截至：{cn_date(doc.as_of)}"]
    if doc.number:
        line.append(f"编号：{doc.number}")
    story.append(p(esc(GAP.join(line)), st["meta"]))
    story.append(p(esc(f"活动：{doc.campaign}" + (f"（{doc.basis}）" if doc.basis else "")), st["meta"]))
    story.append(Spacer(1, 1.5 * mm))
    numerals = "一二三四五六七八九十"
    for n, section in enumerate(doc.sections):
        title = p(esc(f"{numerals[n % 10]}、{section.heading}"), st["heading"])
        story.append(KeepTogether([title, _table(section, st, font)]) if len(section.rows) < 12
                     else title)
        if len(section.rows) >= 12:
            story.append(_table(section, st, font))
    story.append(p(esc(f"{numerals[len(doc.sections) % 10]}、工作开展情况"), st["heading"]))
    for para in (doc.text or "").splitlines() or [""]:
        if para.strip():
            story.append(p(esc(para.strip()), st["para"]))
    if doc.notes:
        story.append(Spacer(1, 2 * mm))
        story += [p(esc(note), st["note"]) for note in doc.notes]
    story.append(Spacer(1, 6 * mm))
    blank = "\xa0" * 20
    filed_on = cn_date(doc.filed_on) if doc.filed_on else blank
    sign = GAP.join([f"填报人：{doc.filed_by or blank}", f"审核人：{blank}", f"填报日期：{filed_on}"])
    story.append(p(esc(sign), st["meta"]))
    return story


def _canvas(doc: ProgressDoc, font: str, pages: list[int]) -> type[Canvas]:
    header = f"{doc.title}\u3000{doc.number}" if doc.number else doc.title

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved)
            pages.append(total)
            for number, state in enumerate(self._saved, start=1):
                self.__dict__.update(state)
                self.saveState()
                self.setFont(font, 8)
                self.setFillColor(colors.Color(.35, .35, .35))
                if number > 1:
                    self.drawString(MARGIN_X, PAGE_H - 9 * mm, f"{header}（续页）")
                self.drawRightString(PAGE_W - MARGIN_X, PAGE_H - 9 * mm,
                                     f"{doc.jurisdiction}\u3000截至{cn_date(doc.as_of)}")
                self.setFont(font, 9)
                self.setFillColor(colors.black)
                self.drawCentredString(PAGE_W / 2, 7 * mm, f"第 {number} 页\u3000共 {total} 页")
                self.restoreState()
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas


def render_progress_pdf(doc: ProgressDoc, *, font_path: str | os.PathLike[str] | None = None) -> tuple[bytes, int]:
    """The PDF and its page count. Metadata: the title (with the number and the area), the author is the
    reporting authority, the creation date is now (not reportlab's invariant date)."""
    font = register_font(font_path)
    buffer = io.BytesIO()
    title = " ".join(t for t in (doc.title, doc.number, doc.jurisdiction, f"截至{cn_date(doc.as_of)}") if t)
    template = BaseDocTemplate(buffer, pagesize=(PAGE_W, PAGE_H), leftMargin=MARGIN_X, rightMargin=MARGIN_X,
                               topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=title,
                               author=doc.authority or "Inspector", subject=doc.campaign, creator=pdf_creator(),
                               invariant=0, initialFontName=font, lang="zh-CN")
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, FRAME_W, PAGE_H - MARGIN_TOP - MARGIN_BOTTOM, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    template.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    pages: list[int] = []
    template.build(build_story(doc, font), canvasmaker=_canvas(doc, font, pages))
    return buffer.getvalue(), (pages[0] if pages else 0)
