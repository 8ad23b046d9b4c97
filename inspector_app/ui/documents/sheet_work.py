"""The sheet dialog's work, run on the TaskRunner's threads: render a preview, issue the document's
number, record a print or save, enter the re-check visit, verify a code, and paint PDF pages onto a
printer.

Rendering records nothing (``services.queries.sheets.preview``; a number not yet issued is left blank).
When the user prints or saves, the document's number is issued first (``services.ops.sheets.issue_number``,
once per document) and the document rendered again with it; the very bytes printed are then recorded
by the operation ``services.ops.sheets.record_printed`` (the printed-sheet row with its content hash and
code, a copy in the workspace's ``sheets/`` folder, and an audit event), whose changes
(``ChangeKind.SHEETS``) the runner announces.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter

from inspector_app.reports import NUMBERED_KINDS, SHEET_KINDS, BadVerificationCodeError, RenderedSheet
from inspector_app.reports.fonts import font_in_use
from inspector_app.services.changes import Changes, OpResult
from inspector_app.services.ops import sheets as sheet_ops
from inspector_app.services.queries import sheets as sheet_queries
from inspector_app.services.queries.sheets import SheetVerification
from inspector_app.ui.documents.pdf_pages import page_sizes, render_page, render_pages

if TYPE_CHECKING:
    from inspector_app.domain.progress import CancelToken
    from inspector_app.storage.engine import Workspace

KINDS = SHEET_KINDS  # record, scoresheet, order, measures, recheck
THUMBNAIL_DPI = 40.0
MAX_PRINT_DPI = 300  # A4 at 300 dpi is 2480 × 3508 px: sharp on paper, 35 MB per page in memory


@dataclass
class Preview:
    """A rendered sheet kept in memory until the user prints or saves it."""

    inspection_id: int
    kind: str
    pdf: bytes
    rendered: RenderedSheet
    sizes: list[tuple[float, float]] = field(default_factory=list)  # points
    thumbnails: list[QImage] = field(default_factory=list)
    font: tuple[str, Path, bool] | None = None  # family, file, official 宋体/仿宋 (reports.fonts.font_in_use)

    @property
    def pages(self) -> int:
        return len(self.sizes)


def render_preview(workspace: Workspace, inspection_id: int, kind: str, progress: Callable[[int, int, str], None],
                   cancel: CancelToken, font_path: str | None = None) -> Preview:
    pdf, rendered = sheet_queries.preview(workspace, inspection_id, kind,  # type: ignore[arg-type]
                                          progress=progress, cancel=cancel, font_path=font_path)
    cancel.raise_if_cancelled()
    preview = Preview(inspection_id, kind, pdf, rendered, page_sizes(pdf), font=font_in_use(font_path))
    preview.thumbnails = render_pages(pdf, THUMBNAIL_DPI, should_stop=lambda: cancel.cancelled)
    cancel.raise_if_cancelled()
    return preview


def needs_number(preview: Preview) -> bool:
    """Whether the previewed document still lacks the number it must carry when it is printed."""
    return preview.kind in NUMBERED_KINDS and not preview.rendered.number


def issue_number(workspace: Workspace, preview: Preview, actor: str) -> OpResult[str]:
    """Issue the previewed document's number (once; the same number when it was issued before)."""
    return sheet_ops.issue_number(workspace, preview.inspection_id, preview.kind, actor)  # type: ignore[arg-type]


def recheck_state(workspace: Workspace, inspection_id: int) -> tuple[sheet_queries.RecheckState,
                                                                     list[sheet_queries.Person]]:
    """The re-check visit as entered, and the enforcement officers who may make it."""
    return sheet_queries.recheck(workspace, inspection_id), sheet_queries.people(workspace, "officer")


def save_recheck(workspace: Workspace, inspection_id: int, when: datetime, officers: list[tuple[str, str]],
                 actor: str) -> Changes:
    return sheet_ops.set_recheck(workspace, inspection_id, when, officers, actor)


def record(workspace: Workspace, preview: Preview, actor: str, out_path: Path | None = None) -> OpResult[str]:
    """Write ``out_path`` atomically (when saving) and record the printed sheet; the value is its code."""
    return sheet_ops.record_printed(workspace, preview.inspection_id, preview.pdf, preview.rendered, actor,
                                    out_path=out_path)


def verify(workspace: Workspace, code: str) -> SheetVerification | None:
    """The answer for a printed code; ``None`` when the text is not a sheet code at all."""
    try:
        return sheet_queries.verify(workspace, code)
    except BadVerificationCodeError:
        return None


def print_pdf(pdf: bytes, printer: QPrinter, on_page: Callable[[int, int], bool] | None = None) -> int:
    """Paint the PDF's pages onto ``printer`` (its page range, if one was chosen), each rendered at the
    printer's resolution (at most ``MAX_PRINT_DPI``) and fitted to the printable area keeping its
    proportions. ``on_page(done, total)`` returning False stops. Returns the pages printed."""
    sizes = page_sizes(pdf)
    first, last = 1, len(sizes)
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first, last = max(1, printer.fromPage()), min(len(sizes), printer.toPage() or len(sizes))
    dpi = float(min(printer.resolution(), MAX_PRINT_DPI))
    printer.setFullPage(True)  # the sheet brings its own margins: A4 onto A4 at true size
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not be started")
    printed = 0
    try:
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        for number in range(first, last + 1):
            if printed:
                printer.newPage()
            image = render_page(pdf, number - 1, dpi)
            area = QRectF(painter.viewport())
            scaled = image.size().scaled(area.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRectF((area.width() - scaled.width()) / 2, (area.height() - scaled.height()) / 2,
                            scaled.width(), scaled.height())
            painter.drawImage(target, image)
            printed += 1
            if on_page is not None and not on_page(printed, last - first + 1):
                break
    finally:
        painter.end()
    return printed
