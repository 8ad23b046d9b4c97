"""Operations on printed sheets: recording that a sheet was printed or saved (its content hash and
verification code, a copy of the PDF in the workspace's ``sheets/`` folder, an audit event).

Rendering itself records nothing and is a read (``services.queries.sheets.preview``): the GUI previews
first and records the very bytes it previewed once the user prints or saves them; the CLI renders and
records in one call (:func:`print_sheet`). The PDF is rendered in a read session, outside the write
transaction, so a long render never holds the database's single writer.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from inspector_app.domain.progress import CancelToken, Progress
from inspector_app.reports import RenderedSheet, SheetKind
from inspector_app.services import inspections, photos, sheets
from inspector_app.services.changes import ChangeKind, Changes, OpResult
from inspector_app.services.unit import reading, unit_of_work
from inspector_app.storage.engine import Workspace
from inspector_app.storage.files import atomic_write_bytes

__all__ = ["print_sheet", "record_printed"]


def record_printed(ws: Workspace, inspection_id: int, pdf: bytes, rendered: RenderedSheet, actor: str, *,
                   out_path: Path | None = None) -> OpResult[str]:
    """Record a previewed sheet that was printed, or saved to ``out_path`` (written atomically first).
    The value is the verification code printed on it."""
    if out_path is not None:
        atomic_write_bytes(Path(out_path), pdf)
    with unit_of_work(ws) as session:
        inspection = inspections.get(session, inspection_id)
        row = sheets.record_printed(session, inspection_id, pdf, rendered, sheet_dir=ws.sheet_dir, actor=actor)
        changes = Changes.of(ChangeKind.SHEETS, inspections=[inspection.id], enterprises=[inspection.enterprise_id])
        return OpResult(row.code, changes)


def print_sheet(ws: Workspace, inspection_id: int, kind: SheetKind, out_path: str | Path, actor: str, *,
                progress: Progress | None = None, cancel: CancelToken | None = None,
                font_path: str | Path | None = None) -> OpResult[RenderedSheet]:
    """Render ``kind`` for the inspection to ``out_path`` (atomically) and record it. Raises
    ``NotFoundError``, ``FontNotFoundError``, ``Cancelled``, ``ReportError``."""
    with reading(ws) as session:
        pdf, info = sheets.preview_sheet(session, inspection_id, kind, store=photos.photo_store(ws.photo_dir),
                                         cache_file=ws.root / sheets.WATERMARK_CACHE_FILE, progress=progress,
                                         cancel=cancel, font_path=font_path)
    if cancel is not None:
        cancel.raise_if_cancelled()
    target = Path(out_path)
    recorded = record_printed(ws, inspection_id, pdf, info, actor, out_path=target)
    return OpResult(dataclasses.replace(info, path=target), recorded.changes)
