"""``render_sheet``: the public entry that turns ``SheetData`` into a PDF file, written atomically."""

from __future__ import annotations

import dataclasses
import io
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from inspector_app import pdf_creator
from inspector_app.domain.errors import Cancelled
from inspector_app.domain.progress import CancelToken, Progress
from inspector_app.reports.content_hash import content_hash, qr_payload, short_code
from inspector_app.reports.errors import ReportError
from inspector_app.reports.fonts import register_font
from inspector_app.reports.layout import (
    FRAME_W,
    MARGIN_B,
    MARGIN_L,
    MARGIN_R,
    MARGIN_T,
    PAGE_H,
    PAGE_W,
    Footer,
    PageCount,
    Styles,
    numbered_canvas,
)
from inspector_app.reports.measures_pdf import NoMeasuresError, build_measures
from inspector_app.reports.order_pdf import NothingToOrderError, build_order
from inspector_app.reports.recheck_pdf import build_recheck, ready
from inspector_app.reports.record_pdf import build_record
from inspector_app.reports.scoresheet_pdf import build_scoresheet
from inspector_app.reports.sheet_data import (
    DOC_TITLES,
    SHEET_KINDS,
    SheetData,
    SheetKind,
    measure_findings,
    ordered_findings,
)
from inspector_app.storage.files import atomic_write_bytes
from inspector_app.translation import _

_BUILDERS: dict[str, Callable[[SheetData, Styles], list[Flowable]]] = {
    "record": build_record,
    "scoresheet": build_scoresheet,
    "order": build_order,
    "measures": build_measures,
    "recheck": build_recheck,
}
# Who initials each page (DOMAIN.md §6: a multi-page record is signed or initialled on every page).
_INITIALS: dict[str, tuple[str, ...]] = {
    "record": ("执法人员签名", "被检查单位签名"),
    "scoresheet": ("评分人员签名",),
    "order": ("执法人员签名",),
    "measures": ("执法人员签名",),
    "recheck": ("执法人员签名",),
}
_rl_lock = threading.Lock()


@dataclass(frozen=True)
class RenderedSheet:
    """What was printed: where, how many pages, and what it can be verified by."""

    path: Path | None
    kind: SheetKind
    pages: int
    content_hash: str
    code: str
    qr_payload: str
    size_bytes: int
    number: str = ""  # the document number printed on it; "" when none was issued yet (or none is needed)


def check_ready(data: SheetData, kind: SheetKind) -> None:
    """Refuse (``ReportError`` saying why) a document that cannot be issued as it stands: an order
    without items, a measures decision without a 重大 finding marked for on-site measures, a re-inspection
    opinion without its order, its visit or a result for every item. The builders refuse the same."""
    if kind not in SHEET_KINDS:
        raise ReportError(f"unknown sheet kind {kind!r}; expected one of {', '.join(SHEET_KINDS)}")
    if kind == "order" and not ordered_findings(data):
        raise NothingToOrderError(_("责令限期整改指令书须列明限期整改的问题：本次检查没有设定整改期限的问题（隐患），"
                                  "不能开具指令书。"))
    if kind == "measures" and not measure_findings(data):
        raise NoMeasuresError(_("本次检查没有须当场采取措施的重大事故隐患，不能开具现场处理措施决定书。"))
    if kind == "recheck":
        ready(data)


@contextmanager
def _raw_streams() -> Iterator[None]:
    """Images as binary streams, not ASCII85 (smaller, faster; JPEGs pass through byte for byte)."""
    with _rl_lock:
        old = rl_config.useA85
        rl_config.useA85 = 0
        try:
            yield
        finally:
            rl_config.useA85 = old


def render_sheet_bytes(
    data: SheetData,
    kind: SheetKind = "record",
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    *,
    font_path: str | os.PathLike[str] | None = None,
) -> tuple[bytes, RenderedSheet]:
    """Render into memory; see ``render_sheet``."""
    if kind not in SHEET_KINDS:
        raise ReportError(f"unknown sheet kind {kind!r}; expected one of {', '.join(SHEET_KINDS)}")
    font = register_font(font_path)
    digest = content_hash(data, kind)
    code = short_code(data.inspection_id, digest)
    payload = qr_payload(data.inspection_id, data.inspection_uid, digest)
    styles = Styles(font)
    story = _BUILDERS[kind](data, styles)
    if cancel is not None:
        cancel.raise_if_cancelled()

    number = data.doc_number(kind).format(kind)
    footer = Footer(font=font, title=DOC_TITLES[kind], number=number, enterprise=data.subject.name, code=code,
                    payload=payload, initials=_INITIALS[kind])
    count = PageCount()
    buffer = io.BytesIO()
    # Real metadata: the creation date is now (not reportlab's invariant 2000-01-01), the title names
    # the document, its number and the enterprise, the author is the issuing authority.
    title = " ".join(t for t in (DOC_TITLES[kind], number.replace("\xa0", ""), data.subject.name) if t)
    doc = BaseDocTemplate(
        buffer, pagesize=(PAGE_W, PAGE_H), leftMargin=MARGIN_L, rightMargin=MARGIN_R,
        topMargin=MARGIN_T, bottomMargin=MARGIN_B, title=title,
        author=data.authority or "Inspector", subject=f"{DOC_TITLES[kind]} 核验码 {code}", creator=pdf_creator(),
        invariant=0, initialFontName=font, lang="zh-CN",
    )
    frame = Frame(MARGIN_L, MARGIN_B, FRAME_W, PAGE_H - MARGIN_T - MARGIN_B, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    total_flowables = max(len(story), 1)

    def on_progress(typ: str, value: Any) -> None:
        if cancel is not None and cancel.cancelled:
            raise Cancelled("sheet rendering cancelled")
        if progress is not None and typ == "PROGRESS":
            progress(int(value), total_flowables, "排版")

    doc.setProgressCallBack(on_progress)
    with _raw_streams():
        doc.build(story, canvasmaker=numbered_canvas(footer, count))
    pdf = buffer.getvalue()
    issued = number if data.doc_number(kind).serial else ""
    info = RenderedSheet(path=None, kind=kind, pages=count.total, content_hash=digest, code=code,
                         qr_payload=payload, size_bytes=len(pdf), number=issued)
    return pdf, info


def render_sheet(
    data: SheetData,
    kind: SheetKind,
    out_path: str | os.PathLike[str],
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    *,
    font_path: str | os.PathLike[str] | None = None,
) -> RenderedSheet:
    """Render ``kind`` (one of ``SHEET_KINDS``) of ``data`` to ``out_path`` atomically.

    ``progress(done, total, message)`` is called while laying out; ``cancel`` is checked between
    flowables and raises ``Cancelled`` (nothing is written then). Raises ``FontNotFoundError`` when
    no Chinese font is available, ``ReportError`` for unusable images, an unknown kind, or a document that
    cannot be issued as it stands (an order without items, a re-check with an item not yet rechecked…).
    """
    pdf, info = render_sheet_bytes(data, kind, progress, cancel, font_path=font_path)
    if cancel is not None:
        cancel.raise_if_cancelled()
    target = Path(out_path)
    atomic_write_bytes(target, pdf)
    if progress is not None:
        progress(1, 1, "完成")
    return dataclasses.replace(info, path=target)
