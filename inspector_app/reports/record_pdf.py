"""现场检查记录: the on-site inspection record in the enforcement-document layout (DOMAIN.md §6).

The enterprise signs it, so it carries what was found and no internal conclusion: no score, no grade,
no outcome (those are on the score sheet, ``scoresheet_pdf``). The officers are named with their 执法证
numbers, the record says that they showed their certificates (出示证件), and only they sign it besides
the enterprise; experts who assessed on site are named as assisting and sign the score sheet.
"""

from __future__ import annotations

import re
from typing import Any

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
from inspector_app.reports.doc_parts import header, legal_para, texts_on
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
    p,
)
from inspector_app.reports.sheet_data import Finding, SheetData, item_problems, record_signatures

# 序号, 描述, 等级, 整改要求, 整改期限 (fits 2026年12月31日 on one line), 责任人 (the rest)
FINDINGS_WIDTHS = (11 * mm, 57 * mm, 12 * mm, 45 * mm, 27 * mm, FRAME_W - 152 * mm)
# 编号, 检查内容, 存在的问题 (the chosen deduction clauses and the note)
PROBLEM_WIDTHS = (15 * mm, 62 * mm, FRAME_W - 77 * mm)


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


# the points a clause costs, as the scoring rules word them: "，扣2分", "，每处扣1分", "，不得分", "（×2）",
# and what it concludes: "，本要素计0分（否决项）", "，本次检查判定为不合格（否决项）"
_POINTS = re.compile(r"[，,；;]?\s*(?:每[^，,；;。]*?)?(?:扣\s*\d+(?:\.\d+)?\s*分|不得分)|（×\d+）"
                     r"|[，,；;]?\s*本(?:要素|次[^，,；;。]*?)(?:计\s*0\s*分|判定为不合格)(?:（否决项）)?")


def without_points(reason: str) -> str:
    """A deduction clause as the record prints it: what was found, without what it cost."""
    return _POINTS.sub("", reason).strip("，,；; ")


def problems_table(data: SheetData, st: Styles) -> list[Flowable]:
    """The checklist items found wanting, each with the clause chosen or the note – no result, no points."""
    problems = item_problems(data)
    if not problems:
        return []
    widths = list(PROBLEM_WIDTHS)
    rows: list[list[Any]] = [[p(h, st.cell_c) for h in ("编号", "检查内容", "存在的问题")]]
    notes = Notes(st)
    for code, text, reasons in problems:
        why = "；".join(r for r in (without_points(r).rstrip("。；;，,") for r in reasons) if r)
        rows.append([p(esc(code), st.cell_c), notes.cell(text, widths[1], plain=False),
                     notes.cell(why, widths[2], plain=False) if why else p("见检查项", st.cell)])
    table = grid_table(rows, widths, st.font, repeat=1, extra=[("BACKGROUND", (0, 0), (-1, 0), SHADE)])
    return [Spacer(1, 2 * mm), p("检查表中不符合要求的情况：", st.body), Spacer(1, 1 * mm), table,
            *notes.flowables()]


def build_record(data: SheetData, st: Styles) -> list[Flowable]:
    day, texts = texts_on(data, None)
    story = header(data, st, "record")
    story.append(subject_table(data, st))
    story.append(Spacer(1, 2 * mm))
    story.append(inspectors_table(data.officers, st))
    if data.experts:
        story.append(inspectors_table(data.experts, st, "协助检查的<br/>评审专家", minimum=0))
    story.append(Spacer(1, 2.5 * mm))
    officers = "、".join(i.name for i in data.officers) or "\xa0" * 16
    story.append(legal_para(texts, "record.opening", day, st, authority=esc(data.authority or ""),
                            officers=esc(officers)))
    story += heading("检查情况", st)
    if data.template_title:
        ref = f"（{esc(data.template_version)} 版）" if data.template_version else ""
        story.append(p(f"依据《{esc(data.template_title.strip('《》'))}》{ref}对你单位安全生产标准化运行情况"
                       "进行了现场检查，发现的问题（隐患）如下：", st.para))
        story.append(Spacer(1, 1.5 * mm))
    problems = problems_table(data, st)
    if data.findings or not problems:
        story += findings_table(data.findings, st)
    story += problems
    if data.remarks:
        story += [Spacer(1, 1.5 * mm), p(f"备注：{esc(data.remarks)}", st.body)]
    signers = record_signatures(data) or default_signatures(data)
    story += heading("签名", st, need=signature_height(signers) + 26 * mm)
    story.append(legal_para(texts, "record.signing", day, st))
    story += signature_blocks(signers, st)
    story += photo_appendix(data.photos, st)
    return story
