"""责令限期整改指令书 (rectification order) and 整改复查意见书 (re-inspection opinion).

Both follow the enforcement-document layout: authority, title, number, the addressee, the body text,
a table of the findings, and signature lines that are signed on paper (two inspectors with their
certificate numbers, the enterprise's person in charge, the date and the seal).
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from inspector_app.reports.blocks import signature_blocks
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
from inspector_app.reports.record_pdf import findings_table, header
from inspector_app.reports.sheet_data import Finding, Inspector, SheetData, Signature

# 序号, 问题（隐患）, 整改期限 (as wide as in the findings table), 复查结果, 复查情况说明 (the rest)
RECHECK_WIDTHS = (11 * mm, 66 * mm, 27 * mm, 22 * mm, FRAME_W - 126 * mm)
_BLANK = "<u>" + "\xa0" * 20 + "</u>"  # an underlined blank to fill in by hand


def _signers(inspectors: tuple[Inspector, ...], role: str) -> tuple[Signature, ...]:
    people = list(inspectors)
    while len(people) < 2:
        people.append(Inspector(""))
    blocks = [Signature(role=role, name=i.name, certificate_no=i.certificate_no) for i in people]
    blocks.append(Signature(role="被检查单位负责人"))
    return tuple(blocks)


def _seal(data: SheetData, st: Styles) -> Flowable:
    authority = esc(data.authority) if data.authority else _BLANK * 2
    return KeepTogether([Spacer(1, 4 * mm),
                         p(f"{authority}（印章）", st.number),
                         p(fmt_date(None), st.number)])


def ordered_findings(data: SheetData) -> tuple[Finding, ...]:
    """The findings a rectification order lists: those with a deadline, by number."""
    return tuple(sorted((f for f in data.findings if f.deadline is not None), key=lambda f: f.number))


def build_order(data: SheetData, st: Styles) -> list[Flowable]:
    story = header(data, st, "order")
    findings = ordered_findings(data)
    story.append(p(f"{esc(data.subject.name)}：", st.body))
    story.append(Spacer(1, 1.5 * mm))
    checked = fmt_date(data.started_at.date()) if data.started_at else fmt_date(None)
    story.append(p(
        f"经{checked}现场检查（《现场检查记录》{esc(data.number.format('record'))}），"
        f"你单位存在下列问题（隐患）：", st.para))
    story.append(Spacer(1, 2 * mm))
    if findings:
        story += findings_table(findings, st)
    else:
        story.append(p("（无需限期整改的问题。）", st.body))
    story.append(Spacer(1, 2 * mm))
    for text in (
        "现责令你单位对上述问题于所列期限前整改完毕，达到有关法律法规规章和标准规定的要求。"
        "由此造成事故的，依法追究有关人员的责任。",
        "整改期间，你单位应当采取措施，确保安全生产。对重大事故隐患，应当按照规定停产停业或者停止使用相关"
        "设施、设备，排除隐患后方可恢复。整改完成后，请将整改情况书面报告本机关，本机关将进行复查。",
        f"如果不服本指令，可以依法在60日内向{_BLANK}人民政府或者{_BLANK}申请行政复议，"
        f"或者在6个月内依法向{_BLANK}人民法院提起行政诉讼，但本指令不停止执行，法律另有规定的除外。",
    ):
        story.append(p(text, st.para))
    story.append(CondPageBreak(80 * mm))
    story.append(Spacer(1, 3 * mm))
    story += signature_blocks(_signers(data.inspectors, "检查人员"), st)
    story.append(_seal(data, st))
    return story


def recheck_table(findings: tuple[Finding, ...], st: Styles) -> list[Flowable]:
    heads = ["序号", "问题（隐患）", "整改期限", "复查结果", "复查情况说明"]
    widths = list(RECHECK_WIDTHS)
    rows: list[list[Any]] = [[p(h, st.cell_c) for h in heads]]
    notes = Notes(st)
    for f in sorted(findings, key=lambda x: x.number):
        result = f.recheck_result or ("复查合格" if f.status == "复查合格" else
                                      "复查不合格" if f.status == "复查不合格" else "未复查")
        shown = f"<b>{esc(result)}</b>" if result == "复查不合格" else esc(result)
        if f.recheck_note.strip():
            note = notes.cell(f.recheck_note, widths[4], plain=False)
        else:  # struck through once rechecked; left open for a note by hand while not yet
            note = p("" if result == "未复查" else "／", st.cell)
        rows.append([p(str(f.number), st.cell_c), notes.cell(f.description, widths[1], plain=False),
                     p(esc(fmt_date(f.deadline) if f.deadline else "立即整改"), st.cell_c),
                     p(shown, st.cell_c), note])
    table = grid_table(rows, widths, st.font, repeat=1, extra=[("BACKGROUND", (0, 0), (-1, 0), SHADE)])
    return [table, *notes.flowables()]


def _auto_opinion(findings: tuple[Finding, ...]) -> str:
    def result(f: Finding) -> str:
        return f.recheck_result or f.status

    passed = sum(1 for f in findings if result(f) == "复查合格")
    failed = sum(1 for f in findings if result(f) == "复查不合格")
    pending = len(findings) - passed - failed
    text = f"经复查，共 {len(findings)} 项问题，其中 {passed} 项已整改合格，{failed} 项整改不合格"
    text += f"，{pending} 项尚未复查。" if pending else "。"
    if failed:
        text += "对整改不合格的问题，你单位应当立即采取措施继续整改，本机关将依法予以处理。"
    return text


def build_recheck(data: SheetData, st: Styles) -> list[Flowable]:
    story = header(data, st, "recheck")
    info = data.recheck
    findings = tuple(sorted(data.findings, key=lambda f: f.number))
    order_no = esc(info.order_number) if info and info.order_number else esc(data.number.format("order"))
    order_date = fmt_date(info.order_date if info else None)
    story.append(p(f"{esc(data.subject.name)}：", st.body))
    story.append(Spacer(1, 1.5 * mm))
    story.append(p(
        f"本机关于{order_date}作出了《责令限期整改指令书》（{order_no}），"
        f"经{fmt_datetime(info.rechecked_at if info else None)}对你单位整改情况进行复查，提出如下意见：",
        st.para))
    story.append(Spacer(1, 2 * mm))
    if findings:
        story += recheck_table(findings, st)
    else:
        story.append(p("（无整改问题。）", st.body))
    story.append(Spacer(1, 2 * mm))
    opinion = info.opinion if info and info.opinion else _auto_opinion(findings)
    story.append(p(esc(opinion), st.para))
    story.append(CondPageBreak(80 * mm))
    story.append(Spacer(1, 3 * mm))
    people = info.inspectors if info and info.inspectors else data.inspectors
    story += signature_blocks(_signers(people, "复查人员"), st)
    story.append(_seal(data, st))
    return story
