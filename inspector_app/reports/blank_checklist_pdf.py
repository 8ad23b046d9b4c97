"""The blank paper checklist (空白检查表), for the day a laptop fails: a stored template printed as the
inspector fills it in by hand – the header fields (who is checked, when, the officers and their 执法证号),
every item with its text, points, what to look at and its marks (★ veto, 不可不涉及, 重大隐患,
企业自行整改, the industries it applies to), the boxes 符合 / 部分符合 / 不符合 / 不涉及, its deduction
clauses to tick with their points and how often they may be given, a line for notes; then the summary of
points, the conclusion with the template's rules and sources, the findings and the signatures. Every page
is initialled and numbered (共 N 页 第 M 页).

``kind="scoresheet"``: the blank 检查评分表 (the layout of ``scoresheet_pdf`` with every result blank).

Plain data in (a ``domain.template.Template`` and the authority's name); A4, the Chinese font embedded
(``fonts.register_font``), real metadata (title, author, subject, creation date now)."""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from typing import Any, Literal

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Spacer, Table, TableStyle

from inspector_app import pdf_creator
from inspector_app.domain.errors import Cancelled
from inspector_app.domain.progress import CancelToken, Progress
from inspector_app.domain.template import Element, Item, Template
from inspector_app.reports import blank_parts as parts
from inspector_app.reports.errors import ReportError
from inspector_app.reports.fonts import register_font
from inspector_app.reports.layout import (
    FRAME_W,
    GRID,
    INITIAL_W,
    MARGIN_L,
    MARGIN_R,
    MARGIN_T,
    PAGE_H,
    PAGE_W,
    SHADE,
    Styles,
    esc,
    grid_table,
    heading,
    num,
    p,
)

BlankKind = Literal["checklist", "scoresheet"]
BLANK_KINDS: tuple[BlankKind, ...] = ("checklist", "scoresheet")
BLANK_TITLES: dict[str, str] = {"checklist": "现场检查表", "scoresheet": "检查评分表"}
MARGIN_B = 22 * mm  # the footer: initials and the page number
INITIALS = ("检查人员签名", "被检查单位签名")
RESULTS = ("符合", "部分符合", "不符合", "不涉及")
CODE_W, BOX_W, POINTS_W = 16 * mm, 6 * mm, 24 * mm
TEXT_W = FRAME_W - CODE_W - BOX_W - POINTS_W
SHADE_ITEM = colors.Color(.955, .955, .955)


@dataclass(frozen=True)
class BlankSheet:
    """What was rendered: the kind, the template version, pages and size."""

    kind: BlankKind
    template_id: str
    version: str
    pages: int
    size_bytes: int
    title: str


def item_marks(item: Item) -> list[str]:
    """The item's marks as printed: veto, never 不涉及, 重大隐患, 企业自行整改, industries, evidence needed."""
    marks = []
    if item.veto:
        marks.append(f"{parts.VETO}否决项{item.veto}")
    if not item.na_allowed:
        marks.append("不可不涉及")
    if item.major_hazard:
        marks.append("重大隐患项")
    if item.enterprise_fix:
        marks.append("企业自行整改项")
    if item.industries:
        marks.append(f"仅适用于：{'、'.join(item.industries)}")
    needs = [w for w, on in (("写明情况", item.require_note_on_fail), ("拍照", item.require_photo_on_fail)) if on]
    if needs:
        marks.append(f"不符合须{'并'.join(needs)}")
    return marks


def _clause(item: Item, index: int, st: Styles) -> list[Any]:
    rule = item.deductions[index]
    flags = []
    if rule.veto:
        flags.append(f"{parts.VETO}否决项{rule.veto}")
    if not rule.veto and item.clause_enterprise_fix(rule.code) != item.enterprise_fix:
        flags.append("企业自行整改" if item.clause_enterprise_fix(rule.code) else "须依法整改")
    extra = f"<font size='7.5'>（{'，'.join(flags)}）</font>" if flags else ""
    times = f"，至多 {rule.max_times} 次，本次{parts.blank(6)}次" if rule.max_times > 1 else ""
    text = f"<b>{esc(rule.code)}</b> {esc(rule.text)}{extra}<font size='8'>{times}</font>"
    return ["", parts.Box(), p(text, st.cell), p(f"扣 {num(rule.points)} 分", st.cell_c)]


def item_block(item: Item, st: Styles) -> Flowable:
    """One item: code, text and points; its marks and evidence; the four boxes; the clauses; notes."""
    text = f"[{esc(item.sub_element)}] {esc(item.text)}" if item.sub_element else esc(item.text)
    marks = item_marks(item)
    if marks:
        text += "<br/><font size='7.5' color='#8a1c1c'>" + esc("；".join(marks)) + "</font>"
    rows: list[list[Any]] = [[p(f"<b>{esc(item.code)}</b>", st.cell_c), p(text, st.cell), "",
                              p(f"{num(item.points)} 分", st.cell_c)]]
    if item.evidence:
        rows.append(["", p(f"<font size='8'>检查方法：{esc(item.evidence)}</font>", st.cell), "", ""])
    results = [(r, item.na_allowed or r != "不涉及") for r in RESULTS]
    rows.append(["", parts.Ticks(results, st.font, 10.5), "", p("得分：", st.cell)])
    result_row = len(rows) - 1
    first_clause = len(rows)
    rows += [_clause(item, n, st) for n in range(len(item.deductions))]
    rows.append(["", p("情况记录：", st.cell), "", ""])
    heights: list[float | None] = [None] * (len(rows) - 1) + [14 * mm]
    grey = colors.Color(.6, .6, .6)
    style: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), st.font), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("SPAN", (0, 0), (0, -1)), ("VALIGN", (0, 0), (0, -1), "TOP"), ("VALIGN", (1, -1), (-1, -1), "TOP"),
        *[("SPAN", (1, r), (2, r)) for r in range(first_clause)], ("SPAN", (1, -1), (3, -1)),
        ("LEFTPADDING", (1, first_clause), (1, -2), 0), ("RIGHTPADDING", (1, first_clause), (1, -2), 0),
        ("LEFTPADDING", (2, first_clause), (2, -2), 1), ("ALIGN", (1, first_clause), (1, -2), "CENTER"),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE_ITEM), ("BACKGROUND", (0, 0), (0, -1), SHADE_ITEM),
        ("BOX", (0, 0), (-1, -1), 0.8, GRID), ("LINEBELOW", (0, 0), (-1, 0), 0.5, GRID),
        ("LINEAFTER", (0, 0), (0, -1), 0.5, GRID), ("LINEBEFORE", (3, 0), (3, -2), 0.5, GRID),
        ("LINEABOVE", (1, -1), (-1, -1), 0.5, GRID), ("LINEABOVE", (1, result_row), (-1, result_row), 0.3, grey)]
    if item.deductions:
        style.append(("LINEABOVE", (1, first_clause), (-1, first_clause), 0.3, grey))
    table = Table(rows, colWidths=[CODE_W, BOX_W, TEXT_W, POINTS_W], rowHeights=heights, hAlign="LEFT")
    table.setStyle(TableStyle(style))
    return table


def element_story(element: Element, st: Styles) -> list[Flowable]:
    share = f"；最低得分率 {element.min_share:.0%}" if element.min_share else ""
    title = f"{esc(element.code)}\u3000{esc(element.title)}（{len(element.items)} 项，分值 {num(element.points)} 分{share}）"
    story: list[Flowable] = [*heading(title, st, need=60 * mm)]
    for item in element.items:
        story += [item_block(item, st), Spacer(1, 2 * mm)]
    return story


def checklist_story(template: Template, st: Styles) -> list[Flowable]:
    story: list[Flowable] = [header_table_intro(st), parts.header_fields(template, st), Spacer(1, 2 * mm)]
    story += parts.instructions(template, st)
    story += heading(parts.section_title(0, "检查项目"), st)
    for element in template.elements:
        story += element_story(element, st)
    story += heading(parts.section_title(1, "得分汇总"), st, need=70 * mm)
    story += parts.summary_table(template, st)
    story += heading(parts.section_title(2, "检查结论"), st, need=80 * mm)
    story += parts.conclusion_block(template, st)
    story += heading(parts.section_title(3, "发现的问题和隐患"), st, need=50 * mm)
    story.append(parts.findings_table(st))
    story += heading(parts.section_title(4, "签名"), st, need=65 * mm)
    story.append(p("以上检查情况属实。", st.body))
    story += parts.signatures(st, parts.CHECKLIST_SIGNERS)
    return story


def header_table_intro(st: Styles) -> Flowable:
    return p("<font size='8'>以下各栏由检查人员现场手写填写。</font>", st.body)


def _title_block(template: Template, kind: BlankKind, authority: str, st: Styles) -> list[Flowable]:
    story: list[Flowable] = []
    if authority:
        story.append(p(esc(authority), st.label))
    story.append(p(esc(BLANK_TITLES[kind]), st.title))
    story.append(p(esc(template.title), st.label))
    ref = [f"版本 {template.version}", f"共 {len(template.items)} 项，"
           f"总分 {num(template.total_points)} 分"]
    if template.standard:
        ref.append(f"标准：{template.standard}")
    story.append(p(f"<font size='8'>{esc('｜'.join(ref))}</font>", st.label))
    if template.basis:
        story.append(p(f"<font size='7.5'>依据：{esc(template.basis)}</font>", st.label))
    rows = [[p("纸质备用表：电脑或平板不能使用时现场手写填写，事后按本表录入系统。", st.cell_c)]]
    story += [Spacer(1, 1.5 * mm),
              grid_table(rows, [FRAME_W], st.font, extra=[("BACKGROUND", (0, 0), (-1, -1), SHADE)]),
              Spacer(1, 2 * mm)]
    return story


def _canvas(font: str, running: str, pages: list[int]) -> type[Canvas]:
    """Every page: initials lines and 共 N 页 第 M 页 below; from page 2 the running head above."""

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
                self._stamp(number, total)
                Canvas.showPage(self)
            Canvas.save(self)

        def _stamp(self, number: int, total: int) -> None:
            x0, x1 = MARGIN_L, PAGE_W - MARGIN_R
            self.saveState()
            self.setStrokeColor(GRID)
            self.setLineWidth(0.5)
            self.line(x0, MARGIN_B - 4 * mm, x1, MARGIN_B - 4 * mm)
            self.setFont(font, 9.5)
            x = x0
            for label in INITIALS:
                text = f"{label}："
                self.drawString(x, MARGIN_B - 10 * mm, text)
                x += self.stringWidth(text, font, 9.5)
                self.line(x, MARGIN_B - 10.8 * mm, x + INITIAL_W, MARGIN_B - 10.8 * mm)
                x += INITIAL_W + 8 * mm
            self.drawRightString(x1, MARGIN_B - 10 * mm, f"共 {total} 页\u3000第 {number} 页")
            if number > 1:
                self.setFont(font, 8)
                self.setFillColor(colors.Color(.35, .35, .35))
                self.drawString(x0, PAGE_H - 11 * mm, f"{running}（续页）")
                self.setStrokeColor(colors.Color(.6, .6, .6))
                self.setLineWidth(0.3)
                self.line(x0, PAGE_H - 12.5 * mm, x1, PAGE_H - 12.5 * mm)
            self.restoreState()

    return NumberedCanvas


def render_blank_bytes(template: Template, kind: BlankKind = "checklist", *, authority: str = "",
                       font_path: str | os.PathLike[str] | None = None, progress: Progress | None = None,
                       cancel: CancelToken | None = None) -> tuple[bytes, BlankSheet]:
    """The blank form of ``template`` as PDF bytes. Raises ``FontNotFoundError`` without a Chinese font,
    ``ReportError`` for an unknown kind, ``Cancelled`` when ``cancel`` is set while laying out."""
    if kind not in BLANK_KINDS:
        raise ReportError(f"unknown blank form {kind!r}; expected one of {', '.join(BLANK_KINDS)}")
    font = register_font(font_path)
    st = Styles(font)
    story = _title_block(template, kind, authority, st)
    story += checklist_story(template, st) if kind == "checklist" else parts.scoresheet_story(template, st)
    title = f"{BLANK_TITLES[kind]}（空白） {template.title}（{template.version} 版）"
    running = f"{BLANK_TITLES[kind]}（空白）\u3000{template.title}（{template.version} 版）"
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=(PAGE_W, PAGE_H), leftMargin=MARGIN_L, rightMargin=MARGIN_R, topMargin=MARGIN_T,
        bottomMargin=MARGIN_B, title=title, author=authority or "Inspector",
        subject=f"{template.kind} 纸质备用{BLANK_TITLES[kind]}：{template.id} 版本 {template.version}",
        keywords=f"{template.id}, {template.version}, 空白{BLANK_TITLES[kind]}", creator=pdf_creator(),
        invariant=0, initialFontName=font, lang="zh-CN")
    frame = Frame(MARGIN_L, MARGIN_B, FRAME_W, PAGE_H - MARGIN_T - MARGIN_B, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    total = max(len(story), 1)

    def on_progress(typ: str, value: Any) -> None:
        if cancel is not None and cancel.cancelled:
            raise Cancelled("blank checklist cancelled")
        if progress is not None and typ == "PROGRESS":
            progress(int(value), total, "排版")

    doc.setProgressCallBack(on_progress)
    pages: list[int] = []
    doc.build(story, canvasmaker=_canvas(font, running, pages))
    pdf = buffer.getvalue()
    return pdf, BlankSheet(kind, template.id, template.version, pages[0] if pages else 0, len(pdf), title)
