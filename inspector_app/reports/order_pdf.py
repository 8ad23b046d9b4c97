"""责令限期整改指令书 (应急责改): the rectification order (DOMAIN.md §6).

The addressee, the findings ordered (numbered, each with its deadline), the legal basis, the penalty
warning, the 行政复议 / 行政诉讼 rights – all as in force on the inspection date, each naming its source
(``legal``) –, the officers' signatures, the seal and the date, and the receipt (送达 / 签收). An order
without items is not printed.
"""

from __future__ import annotations

from datetime import date

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
from inspector_app.reports.layout import Styles, esc, fmt_date, p
from inspector_app.reports.record_pdf import findings_table
from inspector_app.reports.sheet_data import SheetData, ordered_findings
from inspector_app.translation import _


class NothingToOrderError(ReportError):
    """An order lists at least one item to rectify by a deadline."""


def order_date(data: SheetData) -> date | None:
    """The order is made at the end of the inspection: its date is the inspection's."""
    when = data.ended_at or data.started_at
    return when.date() if when else None


def build_order(data: SheetData, st: Styles) -> list[Flowable]:
    findings = ordered_findings(data)
    if not findings:
        raise NothingToOrderError(_("责令限期整改指令书须列明限期整改的问题：本次检查没有设定整改期限的问题（隐患），"
                                  "不能打印指令书。请在隐患中填写整改期限，或不开具指令书。"))
    day, texts = texts_on(data, None)
    story = header(data, st, "order")
    story += addressee(data, st)
    record_no = data.doc_number("record").format("record")
    story.append(p(f"经{fmt_date(data.inspection_date)}现场检查（《现场检查记录》{esc(record_no)}），"
                   "你单位存在下列问题（隐患）：", st.para))
    story.append(Spacer(1, 2 * mm))
    story += findings_table(findings, st)
    story.append(Spacer(1, 2 * mm))
    story.append(legal_para(texts, "order.basis", day, st))
    story.append(legal_para(texts, "order.during", day, st))
    story.append(legal_para(texts, "order.penalty", day, st))
    story.append(legal_para(texts, "appeal", day, st, **appeal_values(data, "本指令")))
    # the signatures, the seal, the receipt and the service line: one block, moved whole to the next page
    # when it does not fit (never a lone 签收 or 送达 line on a page of its own)
    closing: list[Flowable] = [Spacer(1, 3 * mm), *signature_blocks(officer_signatures(data.officers), st)]
    closing += seal(data, st, order_date(data))
    closing += signature_blocks((receipt_signature(),), st)
    closing += [Spacer(1, 2 * mm), service_line(st)]
    story.append(KeepTogether(closing))
    return story
