"""Read models for printed sheets: a sheet rendered for preview (recording nothing) and the answer for
a printed verification code. The GUI's sheet and verify dialogs and the CLI call these; recording a
print is the operation ``services.ops.sheets.record_printed``."""

from __future__ import annotations

from pathlib import Path

from inspector_app.domain.progress import CancelToken, Progress
from inspector_app.reports import RenderedSheet, SheetKind
from inspector_app.services import photos, sheets
from inspector_app.services.sheets import SheetVerification
from inspector_app.services.unit import reading
from inspector_app.storage.engine import Workspace

__all__ = ["SheetVerification", "preview", "verify"]


def preview(ws: Workspace, inspection_id: int, kind: SheetKind, *, progress: Progress | None = None,
            cancel: CancelToken | None = None, font_path: str | Path | None = None) -> tuple[bytes, RenderedSheet]:
    """The sheet's PDF in memory with what it carries (code, content hash, pages); records nothing.
    Watermarked photo copies are remembered between previews in the workspace's cache. Raises
    ``NotFoundError``, ``FontNotFoundError``, ``Cancelled``, ``ReportError``."""
    with reading(ws) as session:
        return sheets.preview_sheet(session, inspection_id, kind, store=photos.photo_store(ws.photo_dir),
                                    cache_file=ws.root / sheets.WATERMARK_CACHE_FILE, progress=progress,
                                    cancel=cancel, font_path=font_path)


def verify(ws: Workspace, code_or_payload: str) -> SheetVerification:
    """Matches / changed since printing / unknown record, for a printed short code or a scanned QR
    payload. Raises ``BadVerificationCodeError`` when the text is not a code at all."""
    with reading(ws) as session:
        return sheets.verify_code(session, code_or_payload.strip(), store=photos.photo_store(ws.photo_dir))
