"""Parts the documents share: the head (authority, title, number), the legal sentences with their
sources, the addressee, the seal and date, and the receipt (送达 / 签收)."""

from __future__ import annotations

from datetime import date

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from inspector_app.reports.errors import ReportError
from inspector_app.reports.layout import Styles, esc, fmt_date, p
from inspector_app.reports.legal import LegalText, legal_texts, require
from inspector_app.reports.sheet_data import DOC_TITLES, SheetData, SheetKind, Signature
from inspector_app.translation import _

BLANK = "<u>" + "\xa0" * 20 + "</u>"  # an underlined blank to fill in by hand
GAP = "\xa0" * 8  # between two fields on one line


def header(data: SheetData, st: Styles, kind: SheetKind) -> list[Flowable]:
    story: list[Flowable] = []
    if data.authority:
        story.append(p(esc(data.authority), st.label))
    story.append(p(DOC_TITLES[kind], st.title))
    number = data.doc_number(kind).format(kind)
    if number:
        story.append(p(esc(number), st.number))
    return story


def texts_on(data: SheetData, day: date | None) -> tuple[date, dict[str, LegalText]]:
    """The legal texts as in force on ``day`` (the inspection's date; today for one not yet started)."""
    when = day or data.inspection_date or date.today()
    return when, legal_texts(when)


def legal_para(texts: dict[str, LegalText], key: str, day: date, st: Styles, **values: str) -> Flowable:
    """One legal sentence; when the sentence does not name its law itself, the source follows it.
    ``values`` fill the placeholders as markup (escape text with ``esc``)."""
    text = require(texts, key, day)
    try:
        body, inline = text.render(esc, **values)  # values are markup already (escaped, or a blank)
    except KeyError as exc:
        raise ReportError(_("法律文本 {key} 中的占位符 {exc} 没有值").format(key=key, exc=exc)) from exc
    if not inline:
        body += f"<font size='8' color='#444444'>（依据：{esc(text.cite())}）</font>"
    return p(body, st.para)


def appeal_values(data: SheetData, doc: str) -> dict[str, str]:
    """The 复议 / 诉讼 bodies: named in the workspace's settings, else a blank to fill in by hand."""
    appeal = data.appeal
    return {"doc": doc,
            "government": esc(appeal.government) if appeal.government else BLANK + "人民政府",
            "superior": esc(appeal.superior) if appeal.superior else BLANK,
            "court": esc(appeal.court) if appeal.court else BLANK + "人民法院"}


def addressee(data: SheetData, st: Styles) -> list[Flowable]:
    return [p(f"{esc(data.subject.name)}：", st.body), Spacer(1, 1.5 * mm)]


def seal(data: SheetData, st: Styles, day: date | None) -> list[Flowable]:
    """The authority's seal and the document's date – for the document's closing block, which keeps it
    together with the signatures (a ``KeepTogether`` of its own inside that one would not measure)."""
    authority = esc(data.authority) if data.authority else BLANK * 2
    right = ParagraphStyle("seal", parent=st.number, spaceAfter=0, leading=16)
    return [Spacer(1, 2 * mm), p(f"{authority}（印章）", right), p(fmt_date(day), right)]


def receipt_signature(role: str = "被检查单位负责人") -> Signature:
    """签收: the enterprise's person in charge signs for the document served, with the date and time."""
    return Signature(role=role, action="签收")


def service_line(st: Styles) -> Flowable:
    """送达: how and where the document was served (filled in by hand where it is not known)."""
    # non-breaking spaces: a paragraph collapses U+3000 to one narrow space, running the two fields together
    return p(f"送达方式：直接送达{GAP}送达地点：{BLANK * 2}", st.body)
