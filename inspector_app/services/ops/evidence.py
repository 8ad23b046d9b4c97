"""Operations on an inspection's evidence: photos (adding, captions, links, order, before/after pairs,
removal, markup) and signatures (signing, a refusal to sign, removal).

Each opens its own unit of work on the building blocks of ``services.photos`` and
``services.signatures`` and returns what changed (``ChangeKind.PHOTOS`` / ``SIGNATURES``). Adding files
is the long one: the files are ingested outside any transaction (hashing, decoding and resizing on a
process pool, with each photo's print copy for the sheets) and each one is attached in a unit of work of
its own, so a file that cannot be used is reported by name while the others go in, and a cancel keeps
what was attached; while it runs, the inspection is marked as having photos in processing
(``photos.processing``), which printing waits for. A full disk (the photo
store's or the database's) stops the batch with one ``DiskFullError`` saying how many photos went in
before it; no file is left half written and the photo being attached is not recorded.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from sqlalchemy.exc import IntegrityError

from inspector_app.domain.errors import Cancelled, InspectorError
from inspector_app.domain.progress import CancelToken, Progress, no_progress
from inspector_app.photos import processing
from inspector_app.photos.ingest import (
    IngestedPhoto,
    IngestOptions,
    IngestResult,
    collect_image_paths,
    iter_ingest,
)
from inspector_app.photos.markup import Shape
from inspector_app.photos.store import PhotoStore
from inspector_app.photos.watermark import StampContext
from inspector_app.services import inspections, photos, signatures
from inspector_app.services.changes import NO_CHANGES, ChangeKind, Changes, OpResult
from inspector_app.services.photos import AddedPhoto, AddReport
from inspector_app.services.unit import reading, unit_of_work
from inspector_app.storage.engine import Workspace
from inspector_app.storage.files import DiskFullError
from inspector_app.storage.models import Inspection
from inspector_app.translation import _

__all__ = ["AddReport", "AddedPhoto", "add_photos", "attach_photo", "link_photo", "move_photo", "pair_photos",
           "record_refusal", "remove_photos", "remove_signature", "reorder_photos", "save_markup",
           "save_signature", "set_caption", "unpair_photo"]


def _store(ws: Workspace) -> PhotoStore:
    return photos.photo_store(ws.photo_dir)


def _changed(inspection: Inspection, kind: ChangeKind) -> Changes:
    return Changes.of(kind, inspections=[inspection.id], enterprises=[inspection.enterprise_id])


def _photo_changed(ws: Workspace, photo_id: int, job: Callable[..., object], *args: object,
                   **kwargs: object) -> Changes:
    """Run one edit of a photo (``job(session, photo_id, *args, **kwargs)``) in its own transaction."""
    with unit_of_work(ws) as session:
        inspection = inspections.get(session, photos.get_photo(session, photo_id).inspection_id)
        job(session, photo_id, *args, **kwargs)
        return _changed(inspection, ChangeKind.PHOTOS)


# -- adding ----------------------------------------------------------------------------------------


def attach_photo(ws: Workspace, inspection_id: int, photo: IngestedPhoto, actor: str, *, item_code: str = "",
                 finding_id: int | None = None, caption: str = "") -> AddReport:
    """Attach one ingested photo in its own transaction. Never raises for the photo itself: a target that
    became wrong meanwhile (the inspection locked, the finding removed) or a concurrent add of the same
    bytes is reported in ``rejected``; a photo already attached comes back in ``duplicates``."""
    report = AddReport()
    try:
        with unit_of_work(ws) as session:
            inspection = photos.check_photo_target(session, inspection_id, item_code=item_code,
                                                   finding_id=finding_id)
            row, created = photos.attach_ingested(session, inspection, photo, actor, item_code=item_code,
                                                  finding_id=finding_id, caption=caption)
            entry = AddedPhoto(photo.source_name, row.id, duplicate=not created)
            changes = _changed(inspection, ChangeKind.PHOTOS) if created else NO_CHANGES
    except DiskFullError:  # not this photo's fault: the caller stops
        raise
    except InspectorError as exc:
        report.rejected.append((photo.source_name, str(exc)))
        return report
    except IntegrityError:  # a concurrent add of the same photo won the race
        report.rejected.append((photo.source_name, _("同一照片正在被另一操作添加")))
        return report
    (report.added if created else report.duplicates).append(entry)
    report.changes = changes
    return report


def add_photos(ws: Workspace, inspection_id: int, paths: Sequence[Path], actor: str, *, item_code: str = "",
               finding_id: int | None = None, progress: Progress = no_progress, cancel: CancelToken | None = None,
               workers: int | None = None, options: IngestOptions | None = None) -> AddReport:
    """Add files and folders (searched recursively for images) to an inspection, item or finding.

    Raises ``NotFoundError``/``LifecycleError``/``ValidationError`` before doing anything when the
    target is wrong. Never raises for a bad file: it is listed in ``rejected`` with the reason. On
    cancel, returns with ``cancelled`` set; the photos attached so far stay. The files are attached in
    the order given (a file finished early waits for those before it), each in its own transaction."""
    with reading(ws) as session:
        inspection = photos.check_photo_target(session, inspection_id, item_code=item_code, finding_id=finding_id)
        options = with_print_copies(options, photos.stamp_context(inspection))
    files = collect_image_paths(paths)
    report = AddReport()
    total = len(files)
    progress(0, total, "")
    with processing.begin(ws.root / processing.FOLDER, inspection_id, total) as batch:
        _add_files(ws, inspection_id, files, actor, report, batch, item_code=item_code, finding_id=finding_id,
                   progress=progress, cancel=cancel, workers=workers, options=options)
    return report


def with_print_copies(options: IngestOptions | None, context: StampContext) -> IngestOptions:
    """``options`` that also make each photo's print copy (``photos.watermark``) with ``context``."""
    return dataclasses.replace(options or IngestOptions(), print_stamp=context)


def _add_files(ws: Workspace, inspection_id: int, files: list[Path], actor: str, report: AddReport,
               batch: processing.Batch, *, item_code: str, finding_id: int | None, progress: Progress,
               cancel: CancelToken | None, workers: int | None, options: IngestOptions) -> None:
    total = len(files)
    finished: dict[int, IngestResult] = {}
    next_index = 0

    def record_ready() -> None:
        nonlocal next_index
        while next_index in finished:
            result = finished.pop(next_index)
            next_index += 1
            if result.disk_full:
                raise _stopped_by_full_disk(ws.photo_dir, report, total)
            if result.photo is None:
                report.rejected.append((result.name, result.reason or "?"))
            else:
                report.merge(attach_photo(ws, inspection_id, result.photo, actor, item_code=item_code,
                                          finding_id=finding_id))
            batch.advance()

    try:
        stream = iter_ingest(files, _store(ws), cancel=cancel, workers=workers, options=options)
        for done, (index, result) in enumerate(stream, start=1):
            finished[index] = result
            record_ready()
            progress(done, total, result.name)
    except DiskFullError as exc:
        if exc.path == ws.db_path:
            raise _stopped_by_full_disk(ws.db_path, report, total) from exc
        raise
    except Cancelled:
        report.cancelled = True  # attach what did finish, in order
        for index in sorted(finished):
            next_index = index
            record_ready()


def _stopped_by_full_disk(where: Path, report: AddReport, total: int) -> DiskFullError:
    kept = len(report.added) + len(report.duplicates)
    done = _("已添加的 {count} 张照片保留，").format(count=kept) if kept else ""
    return DiskFullError(_("磁盘空间不足：照片无法保存到 {where}。{done}其余 {left} 个文件未添加，没有留下写了一半的文件；"
                           "请腾出磁盘空间后重新添加（已添加的照片会被认出，不会重复）。").format(
        where=where, done=done, left=total - kept - len(report.rejected)), where)


# -- editing photos --------------------------------------------------------------------------------


def set_caption(ws: Workspace, photo_id: int, caption: str, actor: str) -> Changes:
    return _photo_changed(ws, photo_id, photos.set_caption, caption, actor)


def link_photo(ws: Workspace, photo_id: int, actor: str, *, item_code: str = "",
               finding_id: int | None = None) -> Changes:
    """Move a photo to another item and/or finding of the same inspection ("" / None: the inspection)."""
    return _photo_changed(ws, photo_id, photos.link_photo, actor, item_code=item_code, finding_id=finding_id)


def reorder_photos(ws: Workspace, inspection_id: int, photo_ids: Sequence[int], actor: str) -> Changes:
    """Put ``photo_ids`` first, in that order; the inspection's other photos follow in their order."""
    with unit_of_work(ws) as session:
        inspection = inspections.get(session, inspection_id)
        photos.reorder_photos(session, inspection_id, photo_ids, actor)
        return _changed(inspection, ChangeKind.PHOTOS)


def move_photo(ws: Workspace, photo_id: int, to_index: int, actor: str) -> Changes:
    return _photo_changed(ws, photo_id, photos.move_photo, to_index, actor)


def pair_photos(ws: Workspace, before_id: int, after_id: int, actor: str) -> Changes:
    """Pair a "before" photo with an "after" (rectification) photo of the same inspection."""
    return _photo_changed(ws, before_id, photos.pair_photos, after_id, actor)


def unpair_photo(ws: Workspace, photo_id: int, actor: str) -> Changes:
    return _photo_changed(ws, photo_id, photos.unpair_photo, actor)


def remove_photos(ws: Workspace, photo_ids: Sequence[int], actor: str) -> Changes:
    """Detach photos from their inspection, all or none (the files stay in the store: custody)."""
    changes = NO_CHANGES
    with unit_of_work(ws) as session:
        for photo_id in photo_ids:
            inspection = inspections.get(session, photos.get_photo(session, photo_id).inspection_id)
            photos.remove_photo(session, photo_id, actor)
            changes = changes | _changed(inspection, ChangeKind.PHOTOS)
    return changes


def save_markup(ws: Workspace, photo_id: int, shapes: list[Shape] | object, actor: str, *,
                font_path: Path | None = None) -> Changes:
    """Render the markup as a derived image and keep the shapes; an empty list removes the markup."""
    return _photo_changed(ws, photo_id, lambda s, pid: photos.save_markup(s, _store(ws), pid, shapes, actor,
                                                                          font_path=font_path))


# -- signatures ------------------------------------------------------------------------------------


def save_signature(ws: Workspace, inspection_id: int, role: str, signer_name: str,
                   strokes: Sequence[Sequence[Sequence[float]]] | str, actor: str, *,
                   inspector_id: int | None = None, signed_at: datetime | None = None) -> OpResult[int]:
    """A signature with its PNG in the photo store; the value is the new signature's id."""
    with unit_of_work(ws) as session:
        inspection = inspections.get(session, inspection_id)
        row = signatures.save_signature(session, _store(ws), inspection_id, role, signer_name, strokes, actor,
                                        inspector_id=inspector_id, signed_at=signed_at)
        return OpResult(row.id, _changed(inspection, ChangeKind.SIGNATURES))


def record_refusal(ws: Workspace, inspection_id: int, signer_name: str, reason: str, actor: str, *,
                   role: str = "enterprise_rep", witness_name: str = "",
                   witness_strokes: Sequence[Sequence[Sequence[float]]] | str | None = None) -> OpResult[int]:
    """A refusal to sign with its reason and, optionally, a witness's signature; the value is its id."""
    with unit_of_work(ws) as session:
        inspection = inspections.get(session, inspection_id)
        row = signatures.record_refusal(session, _store(ws), inspection_id, signer_name, reason, actor, role=role,
                                        witness_name=witness_name, witness_strokes=witness_strokes)
        return OpResult(row.id, _changed(inspection, ChangeKind.SIGNATURES))


def remove_signature(ws: Workspace, signature_id: int, actor: str) -> Changes:
    with unit_of_work(ws) as session:
        inspection_id = signatures.get_signature(session, signature_id).inspection_id
        inspection = inspections.get(session, inspection_id)
        signatures.remove_signature(session, signature_id, actor)
        return _changed(inspection, ChangeKind.SIGNATURES)
