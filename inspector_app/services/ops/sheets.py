"""Operations on the documents: issuing a document's number from the register, recording that a
document was printed or saved (its content hash and verification code, a copy of the PDF in the
workspace's ``sheets/`` folder, an audit event), entering the re-check visit, and the role a person
signs in.

Rendering itself records nothing and is a read (``services.queries.sheets.preview``): the GUI previews
first; when the user prints or saves, it issues the number (:func:`issue_number`), renders again if the
number was new, and records the very bytes it printed (:func:`record_printed`); the CLI does all of it in
one call (:func:`print_sheet`). The PDF is rendered in a read session, outside the write transaction,
so a long render never holds the database's single writer.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from inspector_app.domain.progress import CancelToken, Progress
from inspector_app.photos import processing
from inspector_app.reports import RenderedSheet, SheetKind
from inspector_app.services import findings, inspections, photos, sheets, signatures
from inspector_app.services.changes import ChangeKind, Changes, OpResult
from inspector_app.services.unit import reading, unit_of_work
from inspector_app.storage.engine import Workspace
from inspector_app.storage.files import atomic_write_bytes

__all__ = ["issue_number", "print_sheet", "record_printed", "set_recheck", "set_role"]


def issue_number(ws: Workspace, inspection_id: int, kind: SheetKind, actor: str) -> OpResult[str]:
    """The document's number (e.g. （常武）应急检记〔2020〕7号), issued from the register the first time
    and the same ever after; "" for the score sheet. Refuses (``ReportError``) a document that cannot be
    issued as it stands."""
    with unit_of_work(ws) as session:
        inspection = inspections.get(session, inspection_id)
        number = sheets.issue_number(session, inspection_id, kind, actor)
        changes = Changes.of(ChangeKind.SHEETS, inspections=[inspection.id], enterprises=[inspection.enterprise_id])
        return OpResult(number.format(kind) if number else "", changes)


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
                font_path: str | Path | None = None,
                notice: Callable[[str], None] | None = None) -> OpResult[RenderedSheet]:
    """Issue the document's number (once), render ``kind`` for the inspection to ``out_path``
    (atomically) and record it. Photos still being added to the inspection are waited for
    (``photos.processing.wait``: through ``progress``, and once through ``notice``). Raises
    ``NotFoundError``, ``FontNotFoundError``, ``Cancelled``, ``ReportError``."""
    issue_number(ws, inspection_id, kind, actor)
    processing.wait(ws.root / processing.FOLDER, inspection_id, progress=progress, cancel=cancel, notice=notice)
    with reading(ws) as session:
        pdf, info = sheets.preview_sheet(session, inspection_id, kind, store=photos.photo_store(ws.photo_dir),
                                         progress=progress, cancel=cancel, font_path=font_path)
    if cancel is not None:
        cancel.raise_if_cancelled()
    target = Path(out_path)
    recorded = record_printed(ws, inspection_id, pdf, info, actor, out_path=target)
    return OpResult(dataclasses.replace(info, path=target), recorded.changes)


def set_recheck(ws: Workspace, inspection_id: int, rechecked_at: datetime, officers: Sequence[tuple[str, str]],
                actor: str, opinion: str = "") -> Changes:
    """The re-check visit of the inspection's order: when, and the two enforcement officers (name,
    certificate number) who made it. Allowed on a locked inspection (rectification is followed up after
    the inspection is closed)."""
    with unit_of_work(ws) as session:
        inspection = inspections.get(session, inspection_id)
        findings.set_recheck(session, inspection, rechecked_at, officers, actor, opinion)
        return Changes.of(ChangeKind.FINDINGS, inspections=[inspection.id], enterprises=[inspection.enterprise_id])


def set_role(ws: Workspace, cert_number: str, role: str, actor: str) -> Changes:
    """The role a person signs in – 行政执法人员 ("officer") or 评审专家 ("expert") – given by the certificate
    they hold; audited on every inspection that lists them."""
    with unit_of_work(ws) as session:
        touched = signatures.set_role(session, cert_number, role, actor)
        return Changes.of(ChangeKind.INSPECTORS, inspections=[i.id for i in touched],
                          enterprises=[i.enterprise_id for i in touched])
