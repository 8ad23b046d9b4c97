"""Evidence in bundles: photos (originals and derived copies), signatures and printed sheets.

This is the bridge between the workspace's evidence tables (``storage.models_evidence``,
``storage.models_sheets``) and an inspection record, used only by ``services.bundle_export`` and
``services.bundle_import``.  Rows travel as JSON inside the inspection record (keys ``photos``,
``signatures``, ``sheets``), references between rows by uid (never by local id), and the files as
content-addressed payload: ``data/photos/originals/<sha>.<ext>``, ``data/photos/derived/<sha>.<ext>``,
``data/signatures/<sha>.png``, ``data/sheets/<sha>.pdf``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.bundle.errors import BagInvalidError
from inspector_app.photos.store import Area, PhotoStore
from inspector_app.storage.files import fsync_dir
from inspector_app.storage.models import Finding, Inspection, Inspector
from inspector_app.storage.models_evidence import Photo, Signature
from inspector_app.storage.models_sheets import PrintedSheet

PHOTO_FIELDS = ("uid", "item_code", "sha256", "original_name", "original_ext", "format", "size_bytes", "captured_at",
                "captured_offset", "time_source", "gps_lat", "gps_lon", "gps_alt", "make", "model", "orientation",
                "width", "height", "display_sha256", "thumb_sha256", "markup_json", "markup_sha256", "caption",
                "position", "role", "added_by", "added_at")
SIGNATURE_FIELDS = ("uid", "role", "signer_name", "signed_at", "strokes_json", "image_sha256", "refused",
                    "refusal_reason", "recorded_by")
SHEET_FIELDS = ("uid", "inspection_uid", "kind", "content_hash", "code", "pages", "pdf_sha256", "printed_at",
                "printed_by")
ORIGINAL_EXTS = ("jpg", "jpeg", "png", "heic", "heif")


@dataclass(frozen=True)
class Places:
    """Where a workspace keeps evidence files."""

    photo_dir: Path
    sheet_dir: Path

    @property
    def store(self) -> PhotoStore:
        return PhotoStore(self.photo_dir)


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


def _parse(name: str, value: Any) -> Any:
    if value is None or not (name.endswith("_at")):
        return value
    try:
        return datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise BagInvalidError(f"证据字段 {name} 的时间 {value!r} 无效", code="bad_record") from None


def _derived(store: PhotoStore, sha: str, folder: str) -> tuple[str, Path] | None:
    if not sha:
        return None
    path = store.find(sha, "derived")
    if path is None:
        return None
    return f"data/{folder}/{sha}.{path.suffix.lstrip('.').lower()}", path


# -- export ---------------------------------------------------------------------------------------
def evidence_record(session: Session, insp: Inspection, places: Places) -> tuple[dict[str, Any], list[tuple[str, Path]]]:
    """The ``photos``/``signatures``/``sheets`` sections and the files to carry ``(bundle path, source)``."""
    store = places.store
    files: dict[str, Path] = {}
    finding_uid = {f.id: f.uid for f in insp.findings}
    photos = list(session.scalars(select(Photo).where(Photo.inspection_id == insp.id).order_by(Photo.position)))
    uid_of = {p.id: p.uid for p in photos}
    photo_recs = []
    for p in photos:
        ext = p.original_ext.lower()
        if ext not in ORIGINAL_EXTS:
            raise BagInvalidError(f"照片 {p.original_name}：.{ext} 格式的原始文件不能放入数据包", code="bad_record")
        files[f"data/photos/originals/{p.sha256}.{ext}"] = store.path(p.sha256)
        for sha in (p.display_sha256, p.thumb_sha256, p.markup_sha256):
            found = _derived(store, sha, "photos/derived")
            if found is not None:
                files[found[0]] = found[1]
        rec = {n: _plain(getattr(p, n)) for n in PHOTO_FIELDS}
        rec["finding_uid"] = finding_uid.get(p.finding_id) if p.finding_id is not None else None
        rec["pair_uid"] = uid_of.get(p.pair_id) if p.pair_id is not None else None
        photo_recs.append(rec)
    signatures = list(session.scalars(select(Signature).where(Signature.inspection_id == insp.id)
                                      .order_by(Signature.id)))
    sig_uid = {s.id: s.uid for s in signatures}
    sig_recs = []
    for s in signatures:
        found = _derived(store, s.image_sha256, "signatures")
        if found is not None:
            files[found[0]] = found[1]
        rec = {n: _plain(getattr(s, n)) for n in SIGNATURE_FIELDS}
        rec["inspector_cert"] = session.get(Inspector, s.inspector_id).cert_number if s.inspector_id else None  # type: ignore[union-attr]
        rec["witness_uid"] = sig_uid.get(s.witness_id) if s.witness_id is not None else None
        sig_recs.append(rec)
    sheet_recs = []
    for sheet in session.scalars(select(PrintedSheet).where(PrintedSheet.inspection_id == insp.id)
                                 .order_by(PrintedSheet.id)):
        pdf = places.sheet_dir / f"{sheet.pdf_sha256}.pdf"
        if sheet.pdf_sha256 and pdf.is_file():
            files[f"data/sheets/{sheet.pdf_sha256}.pdf"] = pdf
        sheet_recs.append({n: _plain(getattr(sheet, n)) for n in SHEET_FIELDS})
    return {"photos": photo_recs, "signatures": sig_recs, "sheets": sheet_recs}, sorted(files.items())


# -- import ---------------------------------------------------------------------------------------
def required_files(rec: dict[str, Any]) -> Iterator[str]:
    """SHA-256 of every file an inspection record refers to (to check they are present)."""
    for p in rec.get("photos", []):
        yield p["sha256"]
    for s in rec.get("signatures", []):
        if s.get("image_sha256"):
            yield s["image_sha256"]


def apply_evidence(session: Session, insp: Inspection, rec: dict[str, Any]) -> None:
    """Make the inspection's photo, signature and sheet rows equal to the record's (matched by uid)."""
    findings = {f.uid: f.id for f in session.scalars(select(Finding).where(Finding.inspection_id == insp.id))}
    photos = _sync_rows(session, Photo, insp, rec.get("photos", []), PHOTO_FIELDS)
    for data in rec.get("photos", []):
        row = photos[data["uid"]]
        row.finding_id = findings.get(data.get("finding_uid") or "")
        pair = photos.get(data.get("pair_uid") or "")
        row.pair_id = pair.id if pair is not None else None
    sigs = _sync_rows(session, Signature, insp, rec.get("signatures", []), SIGNATURE_FIELDS)
    for data in rec.get("signatures", []):
        row = sigs[data["uid"]]
        cert = data.get("inspector_cert")
        row.inspector_id = session.scalar(select(Inspector.id).where(Inspector.cert_number == cert)) if cert else None
        witness = sigs.get(data.get("witness_uid") or "")
        row.witness_id = witness.id if witness is not None else None
    sheets = _sync_rows(session, PrintedSheet, insp, rec.get("sheets", []), SHEET_FIELDS)
    for row in sheets.values():
        row.inspection_uid = insp.uid
    session.flush()


def _sync_rows(session: Session, model: Any, insp: Inspection, incoming: list[dict[str, Any]],
               fields: tuple[str, ...]) -> dict[str, Any]:
    existing = {r.uid: r for r in session.scalars(select(model).where(model.inspection_id == insp.id))}
    rows: dict[str, Any] = {}
    for data in incoming:
        row = existing.pop(data["uid"], None)
        if row is None:
            row = model(inspection_id=insp.id)
            session.add(row)
        for name in fields:
            setattr(row, name, _parse(name, data.get(name)))
        rows[data["uid"]] = row
    for row in existing.values():
        session.delete(row)
    session.flush()
    return rows


def place_files(staged: dict[str, Path], places: Places) -> int:
    """Move verified, staged payload files into the photo store and the sheets folder (renames)."""
    store = places.store
    touched: set[Path] = set()
    if staged:
        _flush(staged.values())
    for rel, source in sorted(staged.items()):
        name = rel.rsplit("/", 1)[1]
        sha, ext = name.split(".", 1)
        if rel.startswith("data/sheets/"):
            target = places.sheet_dir / name
        else:
            area: Area = "originals" if rel.startswith("data/photos/originals/") else "derived"
            if store.exists(sha, area):
                continue
            target = store.path_for(sha, ext, area)
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
        touched.add(target.parent)
    for folder in touched:
        fsync_dir(folder)
    return len(touched)


def _flush(paths: Iterable[Path]) -> None:
    """Make the staged files durable before they get their final names: one ``sync()`` where the OS has
    it (cheaper than hundreds of ``fsync`` calls), else an ``fsync`` per file."""
    if hasattr(os, "sync"):
        os.sync()
        return
    for path in paths:
        with open(path, "rb+") as handle:
            os.fsync(handle.fileno())
