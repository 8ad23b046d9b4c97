"""``render_sheet``: the public entry that turns ``SheetData`` into a PDF file, written atomically."""

from __future__ import annotations

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
from inspector_app.reports.order_pdf import build_order, build_recheck
from inspector_app.reports.record_pdf import build_record
from inspector_app.reports.sheet_data import DOC_TITLES, SHEET_KINDS, SheetData, SheetKind
from inspector_app.storage.files import atomic_write_bytes

_BUILDERS: dict[str, Callable[[SheetData, Styles], list[Flowable]]] = {
    "record": build_record,
    "order": build_order,
    "recheck": build_recheck,
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

    footer = Footer(font=font, title=DOC_TITLES[kind], number=data.number.format(kind),
                    enterprise=data.subject.name, code=code, payload=payload)
    count = PageCount()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=(PAGE_W, PAGE_H), leftMargin=MARGIN_L, rightMargin=MARGIN_R,
        topMargin=MARGIN_T, bottomMargin=MARGIN_B, title=f"{DOC_TITLES[kind]} {data.subject.name}",
        author=data.authority or "Inspector", subject=code, creator="Inspector", invariant=1,
        initialFontName=font,
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
    info = RenderedSheet(path=None, kind=kind, pages=count.total, content_hash=digest, code=code,
                         qr_payload=payload, size_bytes=len(pdf))
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
    """Render ``kind`` ("record", "order" or "recheck") of ``data`` to ``out_path`` atomically.

    ``progress(done, total, message)`` is called while laying out; ``cancel`` is checked between
    flowables and raises ``Cancelled`` (nothing is written then). Raises ``FontNotFoundError`` when
    no Chinese font is available, ``ReportError`` for unusable images or an unknown kind.
    """
    pdf, info = render_sheet_bytes(data, kind, progress, cancel, font_path=font_path)
    if cancel is not None:
        cancel.raise_if_cancelled()
    target = Path(out_path)
    atomic_write_bytes(target, pdf)
    if progress is not None:
        progress(1, 1, "完成")
    return RenderedSheet(path=target, kind=info.kind, pages=info.pages, content_hash=info.content_hash,
                         code=info.code, qr_payload=info.qr_payload, size_bytes=info.size_bytes)
