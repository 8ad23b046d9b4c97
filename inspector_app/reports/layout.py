"""Shared page furniture for all sheets: styles, the two-pass canvas with the per-page footer
(共 N 页 第 M 页, initials line, QR code, short code), continuation header, and helpers.

The canvas keeps every page's state until ``save()`` so that the total page count is known when the
footer is drawn (the usual reportlab "NumberedCanvas" recipe). The QR code is drawn once as a vector
form XObject and placed on every page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import segno
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table, TableStyle

from inspector_app.reports.linebreak import CJKParagraph, wrap_text

PAGE_W, PAGE_H = A4
MARGIN_L = 20 * mm
MARGIN_R = 18 * mm
MARGIN_T = 18 * mm
MARGIN_B = 38 * mm  # room for the footer
FRAME_W = PAGE_W - MARGIN_L - MARGIN_R
QR_SIZE = 24 * mm
GRID = colors.Color(0.25, 0.25, 0.25)
SHADE = colors.Color(0.92, 0.92, 0.92)


@dataclass
class Styles:
    font: str
    title: ParagraphStyle = field(init=False)
    number: ParagraphStyle = field(init=False)
    heading: ParagraphStyle = field(init=False)
    body: ParagraphStyle = field(init=False)
    para: ParagraphStyle = field(init=False)
    cell: ParagraphStyle = field(init=False)
    cell_c: ParagraphStyle = field(init=False)
    label: ParagraphStyle = field(init=False)
    small: ParagraphStyle = field(init=False)

    def __post_init__(self) -> None:
        f = self.font
        base = {"fontName": f, "wordWrap": "CJK"}
        self.title = ParagraphStyle("title", fontSize=20, leading=28, alignment=TA_CENTER,
                                    spaceAfter=2 * mm, **base)
        self.number = ParagraphStyle("number", fontSize=10.5, leading=14, alignment=TA_RIGHT,
                                     spaceAfter=3 * mm, **base)
        self.heading = ParagraphStyle("heading", fontSize=12, leading=17, spaceBefore=4 * mm,
                                      spaceAfter=2 * mm, **base)
        self.body = ParagraphStyle("body", fontSize=10.5, leading=16, firstLineIndent=0, **base)
        self.para = ParagraphStyle("para", fontSize=10.5, leading=17, firstLineIndent=21, **base)
        self.cell = ParagraphStyle("cell", fontSize=9, leading=12.5, **base)
        self.cell_c = ParagraphStyle("cell_c", fontSize=9, leading=12.5, alignment=TA_CENTER, **base)
        self.label = ParagraphStyle("label", fontSize=10, leading=13.5, alignment=TA_CENTER, **base)
        self.small = ParagraphStyle("small", fontSize=7.5, leading=10, textColor=colors.Color(.3, .3, .3),
                                    **base)


def esc(text: object) -> str:
    """Escape text for a reportlab Paragraph and keep line breaks."""
    s = "" if text is None else str(text)
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return s.replace("\n", "<br/>")


def blank(text: str) -> str:
    """``esc(text)``, or ／ for a blank field: struck through, so that nothing can be added later."""
    return esc(text) if text.strip() else "／"


def num(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:.1f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


GAP = "\xa0" * 4  # one blank "character" to fill in by hand (non-breaking, never collapsed)


def fmt_date(d: date | None) -> str:
    if d is None:
        return f"{GAP * 2}年{GAP}月{GAP}日"
    return f"{d.year}年{d.month}月{d.day}日"


def fmt_datetime(d: datetime | None) -> str:
    if d is None:
        return f"{GAP * 2}年{GAP}月{GAP}日{GAP}时{GAP}分"
    return f"{d.year}年{d.month}月{d.day}日{d.hour}时{d.minute:02d}分"


def fmt_span(start: datetime | None, end: datetime | None) -> str:
    """检查时间: ``2020年3月5日9时30分至5日11时45分`` (month/year repeated only when they change)."""
    left = fmt_datetime(start)
    if end is None:
        return f"{left}至{GAP}日{GAP}时{GAP}分"
    if start is not None and (start.year, start.month) == (end.year, end.month):
        right = f"{end.day}日{end.hour}时{end.minute:02d}分"
    elif start is not None and start.year == end.year:
        right = f"{end.month}月{end.day}日{end.hour}时{end.minute:02d}分"
    else:
        right = fmt_datetime(end)
    return f"{left}至{right}"


def grid_table(rows: list[list[Any]], widths: list[float], font: str, *, repeat: int = 0,
               extra: list[tuple[Any, ...]] | None = None, heights: list[float | None] | None = None) -> Table:
    # Rows never split (reportlab's splitInRow garbles repeated headers); over-long texts go to notes
    # after the table instead (see ``Notes``), so that no row is taller than a page.
    table = Table(rows, colWidths=widths, rowHeights=heights, repeatRows=repeat, hAlign="LEFT")
    style: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), font),  # plain-string cells too (default: Helvetica)
        ("GRID", (0, 0), (-1, -1), 0.6, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if extra:
        style += extra
    table.setStyle(TableStyle(style))
    return table


MAX_CELL_LINES = 30  # about 375 pt at 9 pt type: a row stays well within one page


class Notes:
    """Texts too long for a table cell: the cell refers to a numbered note printed after the table."""

    def __init__(self, st: Styles) -> None:
        self.st = st
        self.items: list[str] = []

    def cell(self, text: str, width: float, *, plain: bool = True) -> Any:
        """Plain pre-wrapped text (or a Paragraph) when it fits; else a reference to a note."""
        wrapped = wrap_text(text, self.st.font, 9, width - 6)
        if wrapped.count("\n") < MAX_CELL_LINES:
            return wrapped if plain else p(esc(text), self.st.cell)
        self.items.append(text)
        return f"（内容较长，见表后注{len(self.items)}）"

    def flowables(self) -> list[Flowable]:
        out: list[Flowable] = [p(f"注{n}：{esc(text)}", self.st.body)
                               for n, text in enumerate(self.items, start=1)]
        self.items = []
        return [Spacer(1, 1.5 * mm), *out] if out else []  # not flush against the table's border


def p(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph broken by the Chinese rules of ``linebreak`` (every paragraph of a sheet is one)."""
    return CJKParagraph(text, style)


def heading(text: str, st: Styles, need: float = 40 * mm) -> list[Flowable]:
    """A section heading that starts a new page when less than ``need`` is left below it.

    (``keepWithNext`` would move a whole long table to the next page and leave a gap.)"""
    return [CondPageBreak(need), p(text, st.heading)]


@dataclass(frozen=True)
class Footer:
    """What every page carries."""

    font: str
    title: str
    number: str
    enterprise: str
    code: str
    payload: str
    # each page is initialled: by whom (a line of ``INITIAL_W`` to sign on after each label)
    initials: tuple[str, ...] = ("执法人员签名", "被检查单位签名")


INITIAL_W = 34 * mm  # the line after an initials label


@dataclass
class PageCount:
    total: int = 0


def _draw_qr_form(canv: Canvas, payload: str, name: str) -> None:
    qr = segno.make(payload, error="m", micro=False)
    matrix = qr.matrix
    n = len(matrix)
    quiet = 2
    cell = QR_SIZE / (n + 2 * quiet)
    canv.beginForm(name, lowerx=0, lowery=0, upperx=QR_SIZE, uppery=QR_SIZE)
    canv.setFillColor(colors.white)
    canv.rect(0, 0, QR_SIZE, QR_SIZE, stroke=0, fill=1)
    canv.setFillColor(colors.black)
    path = canv.beginPath()
    for r, row in enumerate(matrix):
        y = QR_SIZE - (r + quiet + 1) * cell
        c = 0
        while c < n:
            if row[c]:
                start = c
                while c < n and row[c]:
                    c += 1
                path.rect((start + quiet) * cell, y, (c - start) * cell, cell)
            else:
                c += 1
    canv.drawPath(path, stroke=0, fill=1)
    canv.endForm()


def _draw_static_footer(canv: Canvas, footer: Footer, name: str) -> None:
    """Everything of the footer but the page number, once per document as a form XObject."""
    canv.beginForm(name, lowerx=0, lowery=0, upperx=PAGE_W, uppery=PAGE_H)
    x0, x1 = MARGIN_L, PAGE_W - MARGIN_R
    top = MARGIN_B - 4 * mm
    canv.setStrokeColor(GRID)
    canv.setLineWidth(0.5)
    canv.line(x0, top, x1, top)
    canv.setFillColor(colors.black)
    canv.setFont(footer.font, 9.5)
    canv.setLineWidth(0.4)
    x = x0
    for label in footer.initials:
        text = f"{label}："
        canv.drawString(x, top - 7 * mm, text)
        x += canv.stringWidth(text, footer.font, 9.5)
        canv.line(x, top - 7.8 * mm, x + INITIAL_W, top - 7.8 * mm)
        x += INITIAL_W + 8 * mm
    canv.setFont(footer.font, 8)
    canv.drawString(x0, top - 14 * mm, f"核验码：{footer.code}")
    canv.setFont(footer.font, 6.5)
    canv.setFillColor(colors.Color(.35, .35, .35))
    canv.drawString(x0, top - 18 * mm, "扫描二维码或输入核验码，可核对本页与系统记录是否一致")
    canv.endForm()


def _draw_continuation_header(canv: Canvas, footer: Footer, name: str) -> None:
    canv.beginForm(name, lowerx=0, lowery=0, upperx=PAGE_W, uppery=PAGE_H)
    x0, x1 = MARGIN_L, PAGE_W - MARGIN_R
    canv.setFont(footer.font, 8)
    canv.setFillColor(colors.Color(.35, .35, .35))
    left = f"{footer.title}\u3000{footer.number}（续页）" if footer.number else f"{footer.title}（续页）"
    canv.drawString(x0, PAGE_H - 11 * mm, left)
    room = x1 - x0 - canv.stringWidth(left, footer.font, 8) - 6 * mm
    name, size = footer.enterprise, 8.0
    while size > 6 and canv.stringWidth(name, footer.font, size) > room:  # a long name: smaller type,
        size -= 0.5
    while len(name) > 1 and canv.stringWidth(name, footer.font, size) > room:  # then shortened, no overlap
        name = name[:-2] + "…"
    canv.setFont(footer.font, size)
    canv.drawRightString(x1, PAGE_H - 11 * mm, name)
    canv.setStrokeColor(colors.Color(.6, .6, .6))
    canv.setLineWidth(0.3)
    canv.line(x0, PAGE_H - 12.5 * mm, x1, PAGE_H - 12.5 * mm)
    canv.endForm()


def draw_footer(canv: Canvas, footer: Footer, page: int, total: int) -> None:
    """Stamp one page: static footer and QR (shared forms), the page count, the header on page 2+."""
    if not canv.hasForm("SheetQR"):
        _draw_qr_form(canv, footer.payload, "SheetQR")
        _draw_static_footer(canv, footer, "SheetFooter")
        _draw_continuation_header(canv, footer, "SheetHeader")
    canv.saveState()
    canv.doForm("SheetFooter")
    if page > 1:
        canv.doForm("SheetHeader")
    x0, qr_x = MARGIN_L, PAGE_W - MARGIN_R - QR_SIZE
    canv.setFillColor(colors.black)
    canv.setFont(footer.font, 10)
    canv.drawCentredString((x0 + qr_x) / 2, 10 * mm, f"共 {total} 页\u3000第 {page} 页")
    canv.translate(qr_x, 7 * mm)
    canv.doForm("SheetQR")
    canv.restoreState()


def numbered_canvas(footer: Footer, count: PageCount) -> type[Canvas]:
    """A canvas class that defers pages until the total is known, then stamps the footer."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved)
            count.total = total
            for number, state in enumerate(self._saved, start=1):
                self.__dict__.update(state)
                draw_footer(self, footer, number, total)
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas
