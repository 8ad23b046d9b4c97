"""现场处理措施决定书 (应急现决): the on-site measures decision for a 重大事故隐患 that cannot be made safe
while it is removed – 从危险区域内撤出作业人员, 暂时停产停业, 停止使用相关设施、设备 – a decision of its own,
not a line of the order (DOMAIN.md §6). Printed only for 重大 findings marked for on-site measures.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from inspector_app.reports.blocks import officer_signatures, signature_blocks
from inspector_app.reports.doc_parts import (
    addressee,
    appeal_values,
    header,
    legal_para,
    receipt_signature,
    seal,
    service_line,
    texts_on,
)
from inspector_app.reports.errors import ReportError
from inspector_app.reports.layout import FRAME_W, SHADE, Notes, Styles, esc, fmt_date, grid_table, p
from inspector_app.reports.sheet_data import SheetData, measure_findings
from inspector_app.translation import _

# 序号, 重大事故隐患, 现场处理措施
MEASURE_WIDTHS = (11 * mm, 96 * mm, FRAME_W - 107 * mm)


class NoMeasuresError(ReportError):
    """A measures decision needs a 重大 finding marked for on-site measures."""


def build_measures(data: SheetData, st: Styles) -> list[Flowable]:
    findings = measure_findings(data)
    if not findings:
        raise NoMeasuresError(_("现场处理措施决定书只用于须当场采取措施的重大事故隐患：本次检查没有标明"
                              "“责令撤出作业人员、暂时停产停业或者停止使用相关设施、设备”的重大隐患，不能打印。"))
    day, texts = texts_on(data, None)
    story = header(data, st, "measures")
    story += addressee(data, st)
    story.append(p(f"本机关于{fmt_date(data.inspection_date)}对你单位进行现场检查时，发现你单位存在下列"
                   "重大事故隐患：", st.para))
    story.append(Spacer(1, 2 * mm))
    widths = list(MEASURE_WIDTHS)
    rows: list[list[Any]] = [[p(h, st.cell_c) for h in ("序号", "重大事故隐患", "现场处理措施")]]
    notes = Notes(st)
    for f in findings:
        rows.append([p(str(f.number), st.cell_c), notes.cell(f.description, widths[1], plain=False),
                     p("；".join(esc(m) for m in f.measures), st.cell)])
    story.append(grid_table(rows, widths, st.font, repeat=1, extra=[("BACKGROUND", (0, 0), (-1, 0), SHADE)]))
    story += notes.flowables()
    story.append(Spacer(1, 2 * mm))
    story.append(legal_para(texts, "measures.basis", day, st))
    decided: list[str] = []
    for f in findings:
        for measure in f.measures:
            if measure not in decided:
                decided.append(measure)
    for n, measure in enumerate(decided, start=1):
        items = "、".join(f"第{f.number}项" for f in findings if measure in f.measures)
        story.append(p(f"{n}. 针对上述{items}重大事故隐患，责令你单位{esc(measure)}。", st.para))
    story.append(legal_para(texts, "measures.resume", day, st))
    story.append(legal_para(texts, "appeal", day, st, **appeal_values(data, "本决定")))
    # the signatures, the seal, the receipt and the service line: one block, moved whole to the next page
    # when it does not fit (never a lone 签收 or 送达 line on a page of its own)
    closing: list[Flowable] = [Spacer(1, 3 * mm), *signature_blocks(officer_signatures(data.officers), st)]
    closing += seal(data, st, data.inspection_date)
    closing += signature_blocks((receipt_signature(),), st)
    closing += [Spacer(1, 2 * mm), service_line(st)]
    story.append(KeepTogether(closing))
    return story
