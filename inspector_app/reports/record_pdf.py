"""现场检查记录: the on-site inspection record in the enforcement-document layout (DOMAIN.md §6)."""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from inspector_app.reports.blocks import (
    default_signatures,
    inspectors_table,
    photo_appendix,
    signature_blocks,
    signature_height,
    subject_table,
)
from inspector_app.reports.layout import (
    FRAME_W,
    SHADE,
    Notes,
    Styles,
    blank,
    esc,
    fmt_date,
    grid_table,
    heading,
    num,
    p,
)
from inspector_app.reports.sheet_data import DOC_TITLES, ElementResult, Finding, SheetData

RESULT_SHORT = {"符合": "符合", "部分符合": "部分符合", "不符合": "不符合", "不涉及": "不涉及"}
# 编号, 检查内容, 分值, 结果, 扣分, 扣分原因及说明 (the rest of the frame)
CHECKLIST_WIDTHS = (15 * mm, 64 * mm, 11 * mm, 16 * mm, 11 * mm, FRAME_W - 117 * mm)
# 序号, 描述, 等级, 整改要求, 整改期限 (fits 2026年12月31日 on one line), 责任人 (the rest)
FINDINGS_WIDTHS = (11 * mm, 57 * mm, 12 * mm, 45 * mm, 27 * mm, FRAME_W - 152 * mm)


def header(data: SheetData, st: Styles, kind: str) -> list[Flowable]:
    story: list[Flowable] = []
    if data.authority:
        story.append(p(esc(data.authority), st.label))
    story.append(p(DOC_TITLES[kind], st.title))
    story.append(p(esc(data.number.format(kind)), st.number))  # type: ignore[arg-type]
    return story


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
            result = RESULT_SHORT.get(item.result or "", item.result or "未检查")
            # blank cells are struck through (／): nothing can be added to a signed record
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
    s = data.summary
    score = f"{s.score:.1f}" if s.score is not None else "—"
    line = (f"实得分 {num(s.earned)}，应得分 {num(s.achievable)}，"
            f"折算得分 <b>{score}</b> 分；评定等级：<b>{esc(s.grade or '不达标')}</b>；"
            f"处理意见：<b>{esc(s.outcome or '—')}</b>。")
    story: list[Flowable] = [p(line, st.body)]
    if s.reasons:
        story.append(p("理由：", st.body))
        for i, reason in enumerate(s.reasons, start=1):
            story.append(p(f"（{i}）{esc(reason)}", st.body))
    return story


def findings_table(findings: tuple[Finding, ...], st: Styles, *, with_status: bool = False) -> list[Flowable]:
    if not findings:
        return [p("未发现问题（隐患）。", st.body)]
    heads = ["序号", "问题（隐患）描述", "等级", "整改要求", "整改期限", "责任人"]
    widths = list(FINDINGS_WIDTHS)
    if with_status:  # 状态 takes its room from the two long texts
        heads.append("状态")
        widths[1] -= 10 * mm
        widths[3] -= 10 * mm
        widths.append(20 * mm)
    rows: list[list[Any]] = [[p(h, st.cell_c) for h in heads]]
    extra: list[tuple[Any, ...]] = [("BACKGROUND", (0, 0), (-1, 0), SHADE)]
    notes = Notes(st)
    for f in sorted(findings, key=lambda x: x.number):
        desc = f.description + (f"（检查项 {f.item_code}）" if f.item_code else "")
        severity = "<b>重大</b>" if f.severity == "重大" else esc(f.severity)
        deadline = fmt_date(f.deadline) if f.deadline else "立即整改"
        row = [p(str(f.number), st.cell_c), notes.cell(desc, widths[1], plain=False), p(severity, st.cell_c),
               notes.cell(f.requirement, widths[3], plain=False) if f.requirement.strip() else p("／", st.cell),
               p(esc(deadline), st.cell_c), p(blank(f.responsible), st.cell_c)]
        if with_status:
            row.append(p(esc(f.status), st.cell_c))
        rows.append(row)
    return [grid_table(rows, widths, st.font, repeat=1, extra=extra), *notes.flowables()]


def build_record(data: SheetData, st: Styles) -> list[Flowable]:
    story = header(data, st, "record")
    story.append(subject_table(data, st))
    story.append(Spacer(1, 2 * mm))
    story.append(inspectors_table(data.inspectors, st))
    if data.template_title:
        ref = f"（{esc(data.template_ref)}）" if data.template_ref else ""
        story.append(Spacer(1, 2 * mm))
        story.append(p(f"检查依据：{esc(data.template_title)}{ref}", st.body))
    story += heading("一、检查表评分情况", st)
    story += checklist_table(data.elements, st)
    story += heading("二、评定结果", st)
    story += summary_block(data, st)
    story += heading("三、检查发现的问题（隐患）及整改要求", st)
    story += findings_table(data.findings, st)
    if data.remarks:
        story += [Spacer(1, 1.5 * mm), p(f"备注：{esc(data.remarks)}", st.body)]
    signers = data.signatures or default_signatures(data)
    story += heading("四、签名", st, need=signature_height(signers) + 22 * mm)
    story.append(p("以上情况属实。被检查单位对检查记录有异议的，可在本记录中注明。", st.body))
    story += signature_blocks(signers, st)
    story += photo_appendix(data.photos, st)
    return story
