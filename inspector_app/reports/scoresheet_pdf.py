"""检查评分表: the internal score sheet – every item with its result, the deductions with their reasons
(the clauses chosen and the notes), the score, and the conclusion with its reasons. It awards no grade:
a look-back concludes whether the enterprise still meets the grade it holds (DOMAIN.md §4). Everyone
who assessed signs it: the officers and the experts (评审专家), with their certificate numbers.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from inspector_app.domain.numbers import score_text
from inspector_app.reports.blocks import inspectors_table, signature_blocks, signature_height, subject_table
from inspector_app.reports.doc_parts import header
from inspector_app.reports.layout import FRAME_W, Notes, Styles, esc, grid_table, heading, num, p
from inspector_app.reports.sheet_data import ROLE_LABELS, ElementResult, SheetData, Signature

# 编号, 检查内容, 分值, 结果, 扣分, 扣分原因及说明 (the rest of the frame)
CHECKLIST_WIDTHS = (15 * mm, 64 * mm, 11 * mm, 16 * mm, 11 * mm, FRAME_W - 117 * mm)


def checklist_table(elements: tuple[ElementResult, ...], st: Styles) -> list[Flowable]:
    """One table per element (title row + column header, both repeated on a continuation page).

    Separate tables keep layout linear: one long table would be re-measured at every page split.
    Short cells are plain strings (centred by the table style), which wrap far faster than Paragraphs.
    """
    if not elements:
        return [p("（本次检查未使用检查表。）", st.body)]
    widths = list(CHECKLIST_WIDTHS)
    head = ["编号", "检查内容", "分值", "结果", "扣分", "扣分原因及说明"]
    story: list[Flowable] = []
    notes = Notes(st)
    for element in elements:
        subtotal = f"小计：得分 {num(element.earned)} / 应得 {num(element.achievable)}"
        note = f"\u3000{esc(element.note)}" if element.note else ""
        rows: list[list[Any]] = [
            [p(f"<b>{esc(element.code)}\u3000{esc(element.title)}</b>\u3000\u3000{subtotal}{note}", st.cell),
             "", "", "", "", ""],
            list(head),
        ]
        left: list[tuple[Any, ...]] = []  # reasons are left-aligned, a ／ centred
        for item in element.items:
            text = f"[{item.sub_element}] {item.text}" if item.sub_element else item.text
            if item.veto:
                text += f"（否决项{item.veto}）"
            result = item.result or "未检查"
            # blank cells are struck through (／): nothing can be added to a signed sheet
            deduction = num(item.deduction) if item.deduction else "／"
            # one cell, one sentence: no "。；" where a reason ended with its own full stop
            reasons = "；".join(r for r in (r.strip().rstrip("。；;，,") for r in item.reasons) if r)
            if reasons:
                left.append(("ALIGN", (5, len(rows)), (5, len(rows)), "LEFT"))
            rows.append([item.code, notes.cell(text, widths[1]), num(item.points), result, deduction,
                         notes.cell(reasons, widths[5]) if reasons else "／"])
        extra: list[tuple[Any, ...]] = [
            ("SPAN", (0, 0), (-1, 0)), ("BACKGROUND", (0, 0), (-1, 0), colors.Color(.94, .94, .94)),
            ("BACKGROUND", (0, 1), (-1, 1), colors.Color(.975, .975, .975)),
            ("FONTSIZE", (0, 1), (-1, -1), 9), ("LEADING", (0, 1), (-1, -1), 12.5),
            ("ALIGN", (0, 1), (-1, -1), "CENTER"), ("ALIGN", (1, 2), (1, -1), "LEFT"), *left,
        ]
        story.append(grid_table(rows, widths, st.font, repeat=2, extra=extra))
        story += notes.flowables()
        story.append(Spacer(1, 1.5 * mm))
    return story


def summary_block(data: SheetData, st: Styles) -> list[Flowable]:
    """The score and the conclusion with its reasons – never a grade."""
    s = data.summary
    score = score_text(s.score, "—")
    story: list[Flowable] = [
        p(f"实得分 {num(s.earned)}，应得分 {num(s.achievable)}（不涉及项不计），折算得分 <b>{score}</b> 分。", st.body),
        p(f"检查结论：<b>{esc(s.conclusion or '—')}</b>", st.body)]
    if s.reasons:
        story.append(p("结论理由：", st.body))
        for i, reason in enumerate(s.reasons, start=1):
            story.append(p(f"（{i}）{esc(reason)}", st.body))
    return story


def assessor_signatures(data: SheetData) -> tuple[Signature, ...]:
    """Everyone who assessed: a captured signature where there is one (same name), else a blank."""
    captured = {s.name: s for s in data.signatures if s.image_png and not s.refusal_reason}
    blocks = []
    for person in data.inspectors:
        sig = captured.get(person.name)
        blocks.append(Signature(role=ROLE_LABELS.get(person.role, "检查人员"), name=person.name,
                                certificate_no=person.certificate_no, signed_at=sig.signed_at if sig else None,
                                image_png=sig.image_png if sig else None))
    return tuple(blocks)


def build_scoresheet(data: SheetData, st: Styles) -> list[Flowable]:
    story = header(data, st, "scoresheet")
    if data.template_title:
        ref = f"（{esc(data.template_version)} 版）" if data.template_version else ""
        story.append(p(f"{esc(data.template_title)}{ref}", st.label))
    story.append(p("内部评定材料：本表记录评分和检查结论，不作为执法文书送达被检查单位。", st.small))
    story.append(Spacer(1, 2 * mm))
    story.append(subject_table(data, st))
    story.append(Spacer(1, 2 * mm))
    if data.officers:
        story.append(inspectors_table(data.officers, st, minimum=0))
    if data.experts:
        story.append(inspectors_table(data.experts, st, "评审专家", minimum=0))
    story += heading("一、检查表评分情况", st)
    story += checklist_table(data.elements, st)
    story += heading("二、得分和检查结论", st)
    story += summary_block(data, st)
    signers = assessor_signatures(data)
    story += heading("三、评分人员签名", st, need=signature_height(signers) + 20 * mm)
    story += signature_blocks(signers, st)
    return story
