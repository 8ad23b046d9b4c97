"""The parts of the blank paper forms (``blank_checklist_pdf``) that are filled in by hand: the header
(who is checked, when, by whom with which certificate), the per-element summary of points, the
conclusion with the template's rules and their sources, the findings, the signatures; and the blank
score sheet (检查评分表, the layout of ``scoresheet_pdf`` with its cells left empty)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from inspector_app.domain.conclusions import condition_text
from inspector_app.domain.template import Element, Template
from inspector_app.reports.layout import (
    FRAME_W,
    GAP,
    SHADE,
    Styles,
    esc,
    fmt_date,
    grid_table,
    heading,
    num,
    p,
)
from inspector_app.reports.scoresheet_pdf import CHECKLIST_WIDTHS
from inspector_app.translation import chinese

BOX_SIZE = 3.4 * mm
VETO = "★"
NUMERALS = "一二三四五六七八九十"


class Box(Flowable):  # type: ignore[misc]
    """A square to tick by hand (drawn, not a glyph: fonts draw □ small and off the baseline)."""

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        return BOX_SIZE, BOX_SIZE

    def draw(self) -> None:
        self.canv.setLineWidth(0.7)
        self.canv.rect(0, 0, BOX_SIZE, BOX_SIZE)


class Ticks(Flowable):  # type: ignore[misc]
    """Boxes to tick, each followed by its label, on as many lines as the width needs. A label given as
    ``(text, False)`` is printed struck through and without a box: it cannot be chosen."""

    GAP = 6 * mm

    def __init__(self, labels: Sequence[tuple[str, bool]], font: str, size: float = 10) -> None:
        super().__init__()
        self.labels, self.font, self.size = list(labels), font, size
        self.line_h = max(BOX_SIZE, size * 1.25) + 2
        self.placed: list[tuple[float, int, str, bool]] = []  # (x, line, label, enabled)

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        self.placed, x, line = [], 0.0, 0
        for label, enabled in self.labels:
            width = (BOX_SIZE + 1.2 * mm if enabled else 0) + stringWidth(label, self.font, self.size)
            if x and x + width > avail_w:
                x, line = 0.0, line + 1
            self.placed.append((x, line, label, enabled))
            x += width + self.GAP
        self.width = avail_w
        self.height = self.line_h * (line + 1)
        return avail_w, self.height

    def draw(self) -> None:
        canv = self.canv
        canv.setLineWidth(0.7)
        canv.setFont(self.font, self.size)
        for x, line, label, enabled in self.placed:
            bottom = self.height - self.line_h * (line + 1)
            box_y = bottom + (self.line_h - BOX_SIZE) / 2
            text_x = x
            if enabled:
                canv.rect(x, box_y, BOX_SIZE, BOX_SIZE)
                text_x += BOX_SIZE + 1.2 * mm
            baseline = box_y + (BOX_SIZE - self.size * 0.72) / 2
            canv.drawString(text_x, baseline, label)
            if not enabled:
                mid = baseline + self.size * 0.33
                canv.line(text_x, mid, text_x + stringWidth(label, self.font, self.size), mid)


def blank(width: int = 24) -> str:
    return "<u>" + "\xa0" * width + "</u>"


def header_fields(template: Template, st: Styles) -> Table:
    """被检查单位, 代码, 地址, 检查场所, 检查时间, the officers with their 执法证号, the experts, the
    enterprise's person in charge: every value a blank."""
    label, cell = st.label, st.cell
    org = template.subject == "评审单位"
    subject, grade = ("被检查评审单位", "评审资质") if org else ("被检查单位", "证书等级")
    span = [("SPAN", (1, r), (5, r)) for r in (0, 2, 3, 4)]
    wide = GAP * 2
    time = f"{wide * 2}年{wide}月{wide}日{wide}时{wide}分　至{wide}时{wide}分"
    rows: list[list[Any]] = [
        [p(subject, label), "", "", "", "", ""],
        [p("统一社会信用代码", label), "", p(grade, label), "", p("行业", label), ""],
        [p("地址", label), "", "", "", "", ""],
        [p("检查场所", label), "", "", "", "", ""],
        [p("检查时间", label), p(time, cell), "", "", "", ""],
        [p("行政执法人员", label), p("姓名", label), "", p("执法证号", label), "", ""],
        ["", p("姓名", label), "", p("执法证号", label), "", ""],
        [p("评审专家<br/>（参加时）", label), p("姓名", label), "", p("评审员证号", label), "", ""],
        [p(f"{subject}<br/>现场负责人", label), "", p("职务", label), "", p("联系电话", label), ""],
    ]
    spans: list[tuple[Any, ...]] = [*span, ("SPAN", (0, 5), (0, 6))]
    spans += [("SPAN", (4, r), (5, r)) for r in (5, 6, 7)]
    widths = [34 * mm, 42 * mm, 20 * mm, 30 * mm, 20 * mm, FRAME_W - 146 * mm]
    heights: list[float | None] = [9 * mm] * 7 + [11 * mm] * 2  # two-line labels below
    return grid_table(rows, widths, st.font, heights=heights,
                      extra=[*spans, ("BACKGROUND", (0, 0), (0, -1), colors.Color(.96, .96, .96))])


def instructions(template: Template, st: Styles) -> list[Flowable]:
    """How to fill the form in, and what the marks mean."""
    na = "标“不可不涉及”的项不得勾选不涉及；" if any(not i.na_allowed for i in template.items) else ""
    lines = [
        "每项在“符合、部分符合、不符合、不涉及”中勾选一项；部分符合时勾选所扣的条款并写明次数，"
        f"不符合或部分符合须在“情况记录”中写明问题。{na}本表是电脑或平板不能使用时的纸质备用表，回到电脑后"
        "按本表录入系统。",
        f"{VETO}否决项：A 类一经确认，整体不通过；B 类所在类目计 0 分。重大隐患项：须同时记录重大事故隐患。"
        "企业自行整改项：只扣分，不列入整改指令。",
    ]
    style = ParagraphStyle("instructions", parent=st.small, fontSize=8, leading=13)
    return [p(line, style) for line in lines]  # markup: fixed words and boxes, nothing from the template


def summary_table(template: Template, st: Styles) -> list[Flowable]:
    """Per element: 应得分 printed, 不涉及 / 实得分 blank; the total and the formula of the score."""
    rows: list[list[Any]] = [["类目", "名称", "分值", "不涉及项分值", "实得分", "得分率"]]
    for element in template.elements:
        share = f"最低 {element.min_share:.0%}" if element.min_share else ""
        rows.append([element.code, p(esc(element.title), st.cell), num(element.points), "", "",
                     p(f"<font size='7'>{share}</font>", st.cell_c) if share else ""])
    rows.append(["合计", "", num(template.total_points), "", "", ""])
    widths = [16 * mm, FRAME_W - 112 * mm, 18 * mm, 26 * mm, 26 * mm, 26 * mm]
    extra: list[tuple[Any, ...]] = [("BACKGROUND", (0, 0), (-1, 0), SHADE), ("BACKGROUND", (0, -1), (-1, -1), SHADE),
                                    ("ALIGN", (0, 0), (-1, -1), "CENTER"), ("SPAN", (0, -1), (1, -1)),
                                    ("FONTSIZE", (0, 0), (-1, -1), 9)]
    formula = f"折算得分 = 实得分 ÷（分值合计 − 不涉及项分值）× 100 = {blank(12)} 分（保留一位小数，四舍五入）"
    return [grid_table(rows, widths, st.font, repeat=1, extra=extra), Spacer(1, 1.5 * mm), p(formula, st.body)]


@chinese()  # the rules' conditions in the core's words, printed: Chinese whatever the interface
def conclusion_block(template: Template, st: Styles) -> list[Flowable]:
    """The conclusions to tick, and the template's rules with their sources (what leads to which)."""
    spec = template.conclusion
    story: list[Flowable] = [p("检查结论（勾选一项）：", st.body), Spacer(1, 1 * mm),
                             Ticks([(level.label, True) for level in spec.levels], st.font, 10.5), Spacer(1, 1.5 * mm)]
    rows: list[list[Any]] = [["条件", "结论", "依据"]]
    for rule in spec.rules:
        rows.append([p(esc(condition_text(rule)), st.cell), p(esc(spec.level(rule.then).label), st.cell_c),
                     p(f"<font size='7.5'>{esc(rule.source)}</font>", st.cell)])
    if spec.rules:
        widths = [64 * mm, 34 * mm, FRAME_W - 98 * mm]
        story.append(grid_table(rows, widths, st.font, repeat=1,
                                extra=[("BACKGROUND", (0, 0), (-1, 0), SHADE), ("ALIGN", (0, 0), (-1, 0), "CENTER"),
                                       ("FONTSIZE", (0, 0), (-1, 0), 9)]))
    fallback = "都不成立时为“" + esc(spec.default.label) + "”；" if spec.rules else ""
    story.append(Spacer(1, 1.5 * mm))
    story.append(p(f"<font size='8'>成立的条件中最严重的结论即检查结论，{fallback}理由逐条写明。</font>", st.body))
    story.append(p("结论理由：", st.body))
    story.append(writing_lines(3, st.font))
    return story


def writing_lines(count: int, font: str, height: float = 9 * mm) -> Table:
    """Ruled lines across the frame to write on."""
    table = Table([[""] for _ in range(count)], colWidths=[FRAME_W], rowHeights=[height] * count, hAlign="LEFT")
    table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.Color(.35, .35, .35)),
                               ("FONTNAME", (0, 0), (-1, -1), font)]))
    return table


def findings_table(st: Styles, rows: int = 6) -> Table:
    """发现的问题和隐患: blank rows to write on."""
    head = ["序号", "检查项", "问题（隐患）描述", "一般/重大", "整改期限"]
    body: list[list[Any]] = [[str(n), "", "", "", ""] for n in range(1, rows + 1)]
    widths = [12 * mm, 20 * mm, FRAME_W - 84 * mm, 22 * mm, 30 * mm]
    heights: list[float | None] = [None] + [10 * mm] * rows
    return grid_table([head, *body], widths, st.font, repeat=1, heights=heights,
                      extra=[("BACKGROUND", (0, 0), (-1, 0), SHADE), ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                             ("FONTSIZE", (0, 0), (-1, -1), 9)])


def signatures(st: Styles, signers: tuple[tuple[str, str], ...]) -> list[Flowable]:
    """One row per signer: role, a line to sign on, the certificate number (or position) on its line, the
    date."""
    rows: list[list[Any]] = [[p(esc(role), st.cell), "", p(esc(number) + "：" if number else "", st.cell), "",
                              p(fmt_date(None), st.cell_c)] for role, number in signers]
    widths = [44 * mm, 40 * mm, 22 * mm, 34 * mm, FRAME_W - 140 * mm]
    table = Table(rows, colWidths=widths, rowHeights=[13 * mm] * len(rows), hAlign="LEFT")
    lines = [("LINEBELOW", (1, r), (1, r), 0.5, colors.black) for r in range(len(rows))]
    lines += [("LINEBELOW", (3, r), (3, r), 0.5, colors.black) for r, (_, n) in enumerate(signers) if n]
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("FONTNAME", (0, 0), (-1, -1), st.font),
                               ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 3), *lines]))
    return [Spacer(1, 2 * mm), table]


CHECKLIST_SIGNERS = (("行政执法人员（签名）", "执法证号"), ("行政执法人员（签名）", "执法证号"),
                     ("评审专家（签名）", "评审员证号"), ("被检查单位负责人（签名）", "职务"))
SCORESHEET_SIGNERS = (("行政执法人员（签名）", "执法证号"), ("行政执法人员（签名）", "执法证号"),
                      ("评审专家（签名）", "评审员证号"))


# -- the blank score sheet -----------------------------------------------------------------------
def _score_rows(element: Element, st: Styles) -> Table:
    head = ["编号", "检查内容", "分值", "结果", "扣分", "扣分原因及说明"]
    rows: list[list[Any]] = [
        [p(f"<b>{esc(element.code)}\u3000{esc(element.title)}</b>\u3000\u3000小计：得分{GAP * 2}/ 应得"
           f"{GAP * 2}", st.cell), "", "", "", "", ""], head]
    for item in element.items:
        text = f"[{item.sub_element}] {item.text}" if item.sub_element else item.text
        if item.veto:
            text += f"（否决项{item.veto}）"
        rows.append([item.code, p(esc(text), st.cell), num(item.points), "", "", ""])
    extra: list[tuple[Any, ...]] = [
        ("SPAN", (0, 0), (-1, 0)), ("BACKGROUND", (0, 0), (-1, 0), colors.Color(.94, .94, .94)),
        ("BACKGROUND", (0, 1), (-1, 1), colors.Color(.975, .975, .975)),
        ("FONTSIZE", (0, 1), (-1, -1), 9), ("LEADING", (0, 1), (-1, -1), 12.5),
        ("ALIGN", (0, 1), (-1, -1), "CENTER"), ("ALIGN", (1, 2), (1, -1), "LEFT")]
    return grid_table(rows, list(CHECKLIST_WIDTHS), st.font, repeat=2, extra=extra)


def scoresheet_story(template: Template, st: Styles) -> list[Flowable]:
    """The body of the blank 检查评分表: every element's items with 结果 / 扣分 / 扣分原因 blank, the score
    and the conclusion to fill in, the assessors' signatures."""
    story: list[Flowable] = [p("内部评定材料：本表记录评分和检查结论，不作为执法文书送达被检查单位。", st.small),
                             Spacer(1, 2 * mm), header_fields(template, st)]
    story += heading("一、检查表评分情况", st)
    story.append(p("<font size='8'>结果填 符合 / 部分符合 / 不符合 / 不涉及；扣分原因写所扣条款的编号（见空白检查表）"
                   "或情况说明。</font>", st.body))
    for element in template.elements:
        story += [_score_rows(element, st), Spacer(1, 1.5 * mm)]
    story += heading("二、得分和检查结论", st, need=70 * mm)
    story += summary_table(template, st)
    story += conclusion_block(template, st)
    story += heading("三、评分人员签名", st, need=55 * mm)
    story += signatures(st, SCORESHEET_SIGNERS)
    return story


def section_title(n: int, text: str) -> str:
    return f"{NUMERALS[n % 10]}、{text}"
