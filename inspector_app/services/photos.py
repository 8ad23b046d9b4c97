"""Evidence building blocks: photos on an inspection, an item or a finding; captions, order,
before/after pairs, markup, watermarked copies. Signatures and refusals are ``services.signatures``;
what completion needs of both is ``services.completion``.

The heavy work (hashing, decoding, resizing) runs in ``inspector_app.photos.ingest`` on a process
pool, outside any database transaction; each file is then attached with :func:`attach_ingested` in
its own short transaction (``services.ops.evidence.add_photos``, or the GUI's writer thread).

Edits need an editable (unlocked) inspection – except rectification evidence: photos linked to a
finding may be added and paired after the inspection is locked, because rectification is followed
up later (as ``services.findings.set_status`` allows).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inspector_app.domain.errors import NotFoundError, ValidationError
from inspector_app.photos.imaging import DerivedImage
from inspector_app.photos.ingest import IngestedPhoto, IngestOptions, ingest_bytes
from inspector_app.photos.markup import Shape, markup_photo, parse_shapes, shapes_to_json
from inspector_app.photos.store import PhotoStore
from inspector_app.photos.watermark import StampInfo, watermark_photo
from inspector_app.services import audit
from inspector_app.services.changes import NO_CHANGES, Changes
from inspector_app.services.inspections import get as get_inspection
from inspector_app.services.inspections import require_editable, template_for
from inspector_app.services.sheet_build import photo_stamp_of
from inspector_app.services.sheet_build import print_source as print_source
from inspector_app.services.sheet_build import stamp_context as stamp_context
from inspector_app.services.signatures import list_signatures, signature_document
from inspector_app.storage.files import storable_name
from inspector_app.storage.models import Finding, Inspection
from inspector_app.storage.models_evidence import Photo
from inspector_app.translation import _, ngettext


def photo_store(photo_dir: Path) -> PhotoStore:
    """The workspace's store: ``PhotoStore(workspace.photo_dir)``."""
    return PhotoStore(Path(photo_dir))


# -- adding --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AddedPhoto:
    file_name: str
    photo_id: int
    duplicate: bool = False  # the same bytes were already attached to this inspection


@dataclass
class AddReport:
    """What adding photos did, file by file (``services.ops.evidence.add_photos``), and what changed."""

    added: list[AddedPhoto] = field(default_factory=list)
    duplicates: list[AddedPhoto] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (file name, reason)
    cancelled: bool = False
    changes: Changes = NO_CHANGES

    def merge(self, other: AddReport) -> None:
        """Take in another report's entries (the GUI attaches a batch one photo at a time)."""
        self.added += other.added
        self.duplicates += other.duplicates
        self.rejected += other.rejected
        self.cancelled = self.cancelled or other.cancelled
        self.changes = self.changes | other.changes

    def summary(self) -> str:
        parts = [ngettext("已添加照片 {count} 张", "已添加照片 {count} 张", len(self.added)).format(count=len(self.added))]
        if self.duplicates:
            parts.append(ngettext("重复（已在本检查中）{count} 张", "重复（已在本检查中）{count} 张",
                                  len(self.duplicates)).format(count=len(self.duplicates)))
        if self.rejected:
            parts.append(ngettext("无法使用 {count} 个文件", "无法使用 {count} 个文件",
                                  len(self.rejected)).format(count=len(self.rejected)))
        if self.cancelled:
            parts.append(_("已取消，其余文件未处理"))
        return _("，").join(parts)


def _check_target(session: Session, inspection: Inspection, item_code: str, finding_id: int | None) -> None:
    if finding_id is None:
        require_editable(inspection)
    else:
        finding = session.get(Finding, finding_id)
        if finding is None or finding.inspection_id != inspection.id:
            raise NotFoundError(_("检查 {id} 中没有编号为 {finding_id} 的隐患").format(
                id=inspection.id, finding_id=finding_id))
    if item_code and item_code not in {item.code for item in template_for(inspection).items}:
        raise ValidationError(_("检查表中没有检查项 {item_code}").format(item_code=item_code))


def check_photo_target(session: Session, inspection_id: int, *, item_code: str = "",
                       finding_id: int | None = None) -> Inspection:
    """Raise ``NotFoundError``/``LifecycleError``/``ValidationError`` unless photos may be added there.

    Checked before any file is ingested (``photos.ingest.iter_ingest``, the heavy part, in worker
    processes), and again in the transaction of each :func:`attach_ingested` – the inspection may have
    been locked meanwhile."""
    inspection = get_inspection(session, inspection_id)
    _check_target(session, inspection, item_code, finding_id)
    return inspection


def _split_time(value: datetime) -> tuple[datetime, str]:
    """An EXIF/device time → (naive wall-clock time, "+08:00" or "")."""
    offset = value.utcoffset()
    if offset is None:
        return value, ""
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return value.replace(tzinfo=None), f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def attach_ingested(session: Session, inspection: Inspection, photo: IngestedPhoto, actor: str, *,
                    item_code: str = "", finding_id: int | None = None, caption: str = "") -> tuple[Photo, bool]:
    """Record an ingested photo on the inspection. Returns (row, created); a photo already attached
    to this inspection (same SHA-256) is returned as it is, with created False."""
    existing = session.scalar(select(Photo).where(Photo.inspection_id == inspection.id,
                                                  Photo.sha256 == photo.sha256))
    if existing is not None:
        return existing, False
    name = storable_name(photo.source_name)
    meta = photo.metadata
    captured, offset = _split_time(meta.captured_at)
    position = session.scalar(select(func.max(Photo.position)).where(Photo.inspection_id == inspection.id))
    row = Photo(
        inspection_id=inspection.id, item_code=item_code, finding_id=finding_id, sha256=photo.sha256,
        original_name=name[:255], original_ext=photo.original_ext, format=photo.format,
        size_bytes=photo.size_bytes, captured_at=captured, captured_offset=offset,
        time_source=meta.time_source, gps_lat=meta.gps.lat if meta.gps else None,
        gps_lon=meta.gps.lon if meta.gps else None, gps_alt=meta.gps.alt if meta.gps else None,
        make=(meta.make or "")[:100], model=(meta.model or "")[:100], orientation=meta.orientation,
        width=meta.width, height=meta.height, display_sha256=photo.display.sha256,
        thumb_sha256=photo.thumbnail.sha256, caption=caption.strip(),
        position=0 if position is None else position + 1, added_by=actor, added_at=datetime.now().replace(microsecond=0),
    )
    session.add(row)
    session.flush()
    target = item_code or (f"finding {finding_id}" if finding_id else "")
    audit.record(session, inspection, "photo", row.uid, "added", "",
                 f"{name} sha256={photo.sha256} {target}".strip(), actor)
    audit.touch(inspection)
    return row, True


def add_photo_bytes(session: Session, store: PhotoStore, inspection_id: int, data: bytes, name: str, actor: str,
                    *, item_code: str = "", finding_id: int | None = None, caption: str = "",
                    options: IngestOptions | None = None) -> tuple[Photo, bool]:
    """One image from memory (clipboard paste, camera capture), ingested in this thread with its print
    copy; raises ``PhotoRejected`` (a ValidationError) when unusable. Its capture time is EXIF or "now"."""
    inspection = get_inspection(session, inspection_id)
    _check_target(session, inspection, item_code, finding_id)
    options = dataclasses.replace(options or IngestOptions(), print_stamp=stamp_context(inspection))
    photo = ingest_bytes(data, name, store, options, fallback_time=datetime.now().astimezone().replace(microsecond=0))
    return attach_ingested(session, inspection, photo, actor, item_code=item_code, finding_id=finding_id,
                           caption=caption)


# -- reading -------------------------------------------------------------------------------------


def get_photo(session: Session, photo_id: int) -> Photo:
    photo = session.get(Photo, photo_id)
    if photo is None:
        raise NotFoundError(_("没有编号为 {photo_id} 的照片").format(photo_id=photo_id))
    return photo


def list_photos(session: Session, inspection_id: int, *, item_code: str | None = None,
                finding_id: int | None = None) -> list[Photo]:
    """Photos of an inspection in their display order, optionally only one item's or finding's."""
    stmt = select(Photo).where(Photo.inspection_id == inspection_id)
    if item_code is not None:
        stmt = stmt.where(Photo.item_code == item_code)
    if finding_id is not None:
        stmt = stmt.where(Photo.finding_id == finding_id)
    return list(session.scalars(stmt.order_by(Photo.position, Photo.id)))


def captured_iso(photo: Photo) -> str | None:
    if photo.captured_at is None:
        return None
    return photo.captured_at.isoformat() + photo.captured_offset


def photo_document(photo: Photo) -> dict[str, Any]:
    """JSON-ready description (``inspections show --format json`` lists these under "photos")."""
    gps = None
    if photo.gps_lat is not None and photo.gps_lon is not None:
        gps = {"lat": photo.gps_lat, "lon": photo.gps_lon, "alt": photo.gps_alt}
    return {
        "id": photo.id, "uid": photo.uid, "sha256": photo.sha256, "file_name": photo.original_name,
        "format": photo.format, "size_bytes": photo.size_bytes,
        "captured_at": captured_iso(photo), "time_source": photo.time_source, "gps": gps,
        "camera": {"make": photo.make or None, "model": photo.model or None},
        "width": photo.width, "height": photo.height, "orientation": photo.orientation,
        "item_code": photo.item_code or None, "finding_id": photo.finding_id,
        "caption": photo.caption, "position": photo.position, "role": photo.role or None,
        "pair_id": photo.pair_id, "display_sha256": photo.display_sha256, "thumbnail_sha256": photo.thumb_sha256,
        "markup_sha256": photo.markup_sha256 or None, "added_by": photo.added_by,
        "added_at": photo.added_at.isoformat() if photo.added_at else None,
    }


# -- editing -------------------------------------------------------------------------------------


def _editable_photo(session: Session, photo_id: int, *, rectification_ok: bool = False) -> tuple[Photo, Inspection]:
    photo = get_photo(session, photo_id)
    inspection = get_inspection(session, photo.inspection_id)
    if not (rectification_ok and photo.finding_id is not None):
        require_editable(inspection)
    return photo, inspection


def _change(session: Session, inspection: Inspection, photo: Photo, name: str, value: Any, actor: str) -> None:
    old = getattr(photo, name)
    if old != value:
        setattr(photo, name, value)
        audit.record(session, inspection, "photo", photo.uid, name, old, value, actor)
        audit.touch(inspection)


def set_caption(session: Session, photo_id: int, caption: str, actor: str) -> Photo:
    photo, inspection = _editable_photo(session, photo_id, rectification_ok=True)
    _change(session, inspection, photo, "caption", caption.strip(), actor)
    return photo


def link_photo(session: Session, photo_id: int, actor: str, *, item_code: str = "",
               finding_id: int | None = None) -> Photo:
    """Move a photo to another item and/or finding of the same inspection ("" / None: the inspection)."""
    photo, inspection = _editable_photo(session, photo_id)
    _check_target(session, inspection, item_code, finding_id)
    _change(session, inspection, photo, "item_code", item_code, actor)
    _change(session, inspection, photo, "finding_id", finding_id, actor)
    return photo


def reorder_photos(session: Session, inspection_id: int, photo_ids: Sequence[int], actor: str) -> list[Photo]:
    """Put ``photo_ids`` first, in that order; the inspection's other photos follow in their order."""
    inspection = get_inspection(session, inspection_id)
    require_editable(inspection)
    photos = list_photos(session, inspection_id)
    by_id = {p.id: p for p in photos}
    unknown = [pid for pid in photo_ids if pid not in by_id]
    if unknown or len(set(photo_ids)) != len(photo_ids):
        raise ValidationError(_("照片编号无效或重复：{value}").format(value=unknown or list(photo_ids)))
    ordered = [by_id[pid] for pid in photo_ids] + [p for p in photos if p.id not in set(photo_ids)]
    before = [p.id for p in photos]
    for position, photo in enumerate(ordered):
        photo.position = position
    after = [p.id for p in ordered]
    if before != after:
        audit.record(session, inspection, "photo", str(inspection_id), "order", before, after, actor)
        audit.touch(inspection)
    return ordered


def move_photo(session: Session, photo_id: int, to_index: int, actor: str) -> list[Photo]:
    photo = get_photo(session, photo_id)
    ids = [p.id for p in list_photos(session, photo.inspection_id) if p.id != photo_id]
    ids.insert(max(0, min(to_index, len(ids))), photo_id)
    return reorder_photos(session, photo.inspection_id, ids, actor)


def _unpair(session: Session, inspection: Inspection, photo: Photo, actor: str) -> None:
    if photo.pair_id is not None:
        partner = session.get(Photo, photo.pair_id)
        if partner is not None and partner.pair_id == photo.id:
            _change(session, inspection, partner, "pair_id", None, actor)
            _change(session, inspection, partner, "role", "", actor)
    _change(session, inspection, photo, "pair_id", None, actor)
    _change(session, inspection, photo, "role", "", actor)


def pair_photos(session: Session, before_id: int, after_id: int, actor: str) -> tuple[Photo, Photo]:
    """Pair a "before" photo with an "after" (rectification) photo of the same inspection."""
    if before_id == after_id:
        raise ValidationError(_("整改前后照片不能是同一张"))
    before, inspection = _editable_photo(session, before_id, rectification_ok=True)
    after, _same = _editable_photo(session, after_id, rectification_ok=True)
    if before.inspection_id != after.inspection_id:
        raise ValidationError(_("整改前后照片须属于同一检查"))
    for photo in (before, after):
        _unpair(session, inspection, photo, actor)
    _change(session, inspection, before, "role", "before", actor)
    _change(session, inspection, before, "pair_id", after.id, actor)
    _change(session, inspection, after, "role", "after", actor)
    _change(session, inspection, after, "pair_id", before.id, actor)
    return before, after


def unpair_photo(session: Session, photo_id: int, actor: str) -> None:
    photo, inspection = _editable_photo(session, photo_id, rectification_ok=True)
    _unpair(session, inspection, photo, actor)


def remove_photo(session: Session, photo_id: int, actor: str) -> None:
    """Detach a photo from the inspection (its files stay in the store: custody is never erased)."""
    photo, inspection = _editable_photo(session, photo_id)
    _unpair(session, inspection, photo, actor)
    audit.record(session, inspection, "photo", photo.uid, "deleted", f"{photo.original_name} sha256={photo.sha256}",
                 "", actor)
    session.delete(photo)
    audit.touch(inspection)


def save_markup(session: Session, store: PhotoStore, photo_id: int, shapes: object, actor: str, *,
                font_path: Path | None = None) -> Photo:
    """Render markup (``list[Shape]``, a list of dicts or the JSON document) as a derived image and
    keep the shapes; an empty list removes the markup. The original is never touched."""
    photo, inspection = _editable_photo(session, photo_id, rectification_ok=True)
    parsed = list(shapes) if isinstance(shapes, list) and all(isinstance(s, Shape) for s in shapes) \
        else parse_shapes(shapes)
    if not parsed:
        _change(session, inspection, photo, "markup_json", "", actor)
        _change(session, inspection, photo, "markup_sha256", "", actor)
        return photo
    derived = markup_photo(store, photo.sha256, parsed, font_path=font_path)
    _change(session, inspection, photo, "markup_json", shapes_to_json(parsed), actor)
    _change(session, inspection, photo, "markup_sha256", derived.sha256, actor)
    return photo


def stamp_for_photo(session: Session, photo: Photo, *, address: str | None = None) -> StampInfo:
    """The watermark text for a photo: enterprise, capture time (and its source), GPS or address,
    inspectors (``photos.watermark.photo_stamp``, the rule the copy made while adding follows too)."""
    return photo_stamp_of(get_inspection(session, photo.inspection_id), photo, address=address)


def watermarked_copy(session: Session, store: PhotoStore, photo_id: int, *, address: str | None = None,
                     long_edge: int | None = 2000, font_path: Path | None = None) -> DerivedImage:
    """A stamped JPEG for print/export (of the marked-up image when there is one), kept in the
    store's derived area; raises ``FontNotFoundError`` when no Chinese font is installed."""
    photo = get_photo(session, photo_id)
    stamp = stamp_for_photo(session, photo, address=address)
    source, area = print_source(store, photo)
    return watermark_photo(store, source, stamp, source_area=area, long_edge=long_edge, font_path=font_path)


# -- documents and custody ------------------------------------------------------------------------


def evidence_documents(session: Session, inspection: Inspection) -> dict[str, Any]:
    """The "photos" and "signatures" sections of ``inspection_document``."""
    return {
        "photos": [photo_document(p) for p in list_photos(session, inspection.id)],
        "signatures": [signature_document(s) for s in list_signatures(session, inspection.id)],
    }


def unreferenced_originals(session: Session, store: PhotoStore) -> list[str]:
    """Originals in the store that no photo row refers to (left by cancelled or rejected batches)."""
    used = set(session.scalars(select(Photo.sha256).distinct()))
    return [sha for sha in store.iter_hashes("originals") if sha not in used]


def iter_photo_files(session: Session, store: PhotoStore, inspection_id: int) -> Iterable[tuple[Photo, Path]]:
    """(row, path of the original) for each photo of an inspection, in order (for bundles/exports)."""
    for photo in list_photos(session, inspection_id):
        yield photo, store.path(photo.sha256)
