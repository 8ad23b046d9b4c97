"""整改复查意见书 (应急复查): the re-inspection opinion (DOMAIN.md §6).

It refers to its order by number and date, covers that order's items only, records a visit of its own
(its time and its own two officers), and is not printed until every item has a re-check result.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from inspector_app.reports.blocks import officer_signatures, signature_blocks
from inspector_app.reports.doc_parts import addressee, header, legal_para, seal, texts_on
from inspector_app.reports.errors import ReportError
from inspector_app.reports.layout import (
    FRAME_W,
    SHADE,
    Notes,
    Styles,
    esc,
    fmt_date,
    fmt_datetime,
    grid_table,
    p,
)
from inspector_app.reports.sheet_data import Finding, RecheckInfo, SheetData, Signature, ordered_findings

# 序号, 问题（隐患）, 整改期限 (as wide as in the findings table), 复查结果, 复查情况说明 (the rest)
RECHECK_WIDTHS = (11 * mm, 66 * mm, 27 * mm, 22 * mm, FRAME_W - 126 * mm)
RESULTS = ("复查合格", "复查不合格")


class RecheckNotReadyError(ReportError):
    """The re-inspection opinion lacks its order, its visit or a result."""


def recheck_table(findings: tuple[Finding, ...], st: Styles) -> list[Flowable]:
    heads = ["序号", "问题（隐患）", "整改期限", "复查结果", "复查情况说明"]
    widths = list(RECHECK_WIDTHS)
    rows: list[list[Any]] = [[p(h, st.cell_c) for h in heads]]
    notes = Notes(st)
    for f in sorted(findings, key=lambda x: x.number):
        result = f.recheck_result or "未复查"
        shown = f"<b>{esc(result)}</b>" if result == "复查不合格" else esc(result)
        note = notes.cell(f.recheck_note, widths[4], plain=False) if f.recheck_note.strip() else p("／", st.cell)
        rows.append([p(str(f.number), st.cell_c), notes.cell(f.description, widths[1], plain=False),
                     p(esc(fmt_date(f.deadline) if f.deadline else "立即整改"), st.cell_c),
                     p(shown, st.cell_c), note])
    table = grid_table(rows, widths, st.font, repeat=1, extra=[("BACKGROUND", (0, 0), (-1, 0), SHADE)])
    return [table, *notes.flowables()]


def _auto_opinion(findings: tuple[Finding, ...]) -> str:
    passed = sum(1 for f in findings if f.recheck_result == "复查合格")
    failed = len(findings) - passed
    if not failed:
        return f"经复查，《责令限期整改指令书》所列 {len(findings)} 项问题（隐患）均已整改合格。"
    return (f"经复查，《责令限期整改指令书》所列 {len(findings)} 项问题（隐患）中，{passed} 项已整改合格，"
            f"{failed} 项整改不合格。")


def ready(data: SheetData) -> tuple[RecheckInfo, tuple[Finding, ...]]:
    """The re-check and the order's items, or ``RecheckNotReadyError`` saying what is missing."""
    info = data.recheck
    findings = ordered_findings(data)
    problems = []
    if info is None or not info.order_number:
        problems.append("尚未签发责令限期整改指令书（先打印指令书，取得文书编号）")
    if not findings:
        problems.append("指令书没有限期整改的问题")
    if info is None or info.rechecked_at is None:
        problems.append("未填写复查时间")
    if info is None or len([i for i in info.inspectors if i.is_officer]) < 2:
        problems.append("复查须由两名行政执法人员进行，尚未指定")
    if info is not None and info.rechecked_at is not None and info.order_date is not None \
            and info.rechecked_at.date() < info.order_date:
        problems.append("复查时间早于指令书的日期")
    pending = [str(f.number) for f in findings if f.recheck_result not in RESULTS]
    if pending:
        problems.append(f"第 {'、'.join(pending)} 项尚无复查结果")
    if problems or info is None:
        raise RecheckNotReadyError("整改复查意见书不能打印：" + "；".join(problems) + "。")
    return info, findings


def build_recheck(data: SheetData, st: Styles) -> list[Flowable]:
    info, findings = ready(data)
    assert info.rechecked_at is not None
    day, texts = texts_on(data, info.rechecked_at.date())
    story = header(data, st, "recheck")
    story += addressee(data, st)
    story.append(p(
        # The number before the title, as official documents cite one another: no nested brackets.
        f"本机关于{fmt_date(info.order_date)}作出{esc(info.order_number)}《责令限期整改指令书》，"
        f"于{fmt_datetime(info.rechecked_at)}对你单位整改情况进行了复查，提出如下意见：", st.para))
    story.append(Spacer(1, 2 * mm))
    story += recheck_table(findings, st)
    story.append(Spacer(1, 2 * mm))
    story.append(p(esc(info.opinion or _auto_opinion(findings)), st.para))
    if any(f.recheck_result == "复查不合格" for f in findings):
        story.append(legal_para(texts, "recheck.failed", day, st))
    officers = tuple(i for i in info.inspectors if i.is_officer)
    signers = (*officer_signatures(officers), Signature(role="被复查单位负责人"))
    # the signatures and the seal: one block, moved whole to the next page when it does not fit
    story.append(KeepTogether([Spacer(1, 3 * mm), *signature_blocks(signers, st),
                               *seal(data, st, info.rechecked_at.date())]))
    return story
