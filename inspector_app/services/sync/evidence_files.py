"""Evidence between a workspace and a bundle: the photo, signature and printed-sheet rows
(``storage.models_evidence``, ``storage.models_sheets``) ↔ the ``photos``/``signatures``/``sheets``
sections of an inspection record (``bundle.evidence``), and the files ↔ the content-addressed payload."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.bundle.evidence import (
    DERIVED,
    OPTIONAL_PHOTO_FIELDS,
    ORIGINALS,
    PHOTO_FIELDS,
    SHEET_FIELDS,
    SHEETS,
    SIGNATURE_FIELDS,
    SIGNATURES,
    check_original_ext,
    classify,
    member,
    parse_evidence_field,
)
from inspector_app.bundle.records import fields_of
from inspector_app.photos.store import Area, PhotoStore, refresh
from inspector_app.storage.files import fsync_dir
from inspector_app.storage.models import Finding, Inspection, Inspector
from inspector_app.storage.models_evidence import Photo, Signature
from inspector_app.storage.models_sheets import PrintedSheet


@dataclass(frozen=True)
class Places:
    """Where a workspace keeps evidence files."""

    photo_dir: Path
    sheet_dir: Path

    @property
    def store(self) -> PhotoStore:
        return PhotoStore(self.photo_dir)


def _derived(store: PhotoStore, sha: str, folder: str) -> tuple[str, Path] | None:
    if not sha:
        return None
    path = store.find(sha, "derived")
    if path is None:
        return None
    return member(folder, sha, path.suffix), path


# -- export ---------------------------------------------------------------------------------------
def evidence_record(session: Session, insp: Inspection, places: Places, *, photo_files: bool = True,
                    held_below: bool = False) -> tuple[dict[str, Any], list[tuple[str, Path]]]:
    """The ``photos``/``signatures``/``sheets`` sections and the files to carry ``(bundle path, source)``
    – without the photos' files unless ``photo_files``. A photo original missing from the store is an
    error (``StoredFileMissing``) but for a record ``held_below`` (a roll-up's record from an office below,
    which may have come without its photos): then it is not carried."""
    store = places.store
    files: dict[str, Path] = {}
    finding_uid = {f.id: f.uid for f in insp.findings}
    photos = list(session.scalars(select(Photo).where(Photo.inspection_id == insp.id).order_by(Photo.position)))
    uid_of = {p.id: p.uid for p in photos}
    photo_recs = []
    for p in photos:
        check_original_ext(p.original_ext, p.original_name)
        original = store.find(p.sha256) if held_below else store.path(p.sha256)
        if photo_files and original is not None:
            files[member(ORIGINALS, p.sha256, p.original_ext)] = original
        for sha in (p.display_sha256, p.thumb_sha256, p.markup_sha256) if photo_files else ():
            found = _derived(store, sha, DERIVED)
            if found is not None:
                files[found[0]] = found[1]
        rec = fields_of(p, PHOTO_FIELDS)
        rec["finding_uid"] = finding_uid.get(p.finding_id) if p.finding_id is not None else None
        rec["pair_uid"] = uid_of.get(p.pair_id) if p.pair_id is not None else None
        photo_recs.append(rec)
    signatures = list(session.scalars(select(Signature).where(Signature.inspection_id == insp.id)
                                      .order_by(Signature.id)))
    sig_uid = {s.id: s.uid for s in signatures}
    sig_recs = []
    for s in signatures:
        found = _derived(store, s.image_sha256, SIGNATURES)
        if found is not None:
            files[found[0]] = found[1]
        rec = fields_of(s, SIGNATURE_FIELDS)
        inspector = session.get(Inspector, s.inspector_id) if s.inspector_id else None
        rec["inspector_cert"] = inspector.cert_number if inspector is not None else None
        rec["witness_uid"] = sig_uid.get(s.witness_id) if s.witness_id is not None else None
        sig_recs.append(rec)
    sheet_recs = []
    for sheet in session.scalars(select(PrintedSheet).where(PrintedSheet.inspection_id == insp.id)
                                 .order_by(PrintedSheet.id)):
        pdf = places.sheet_dir / f"{sheet.pdf_sha256}.pdf"
        if sheet.pdf_sha256 and pdf.is_file():
            files[member(SHEETS, sheet.pdf_sha256, "pdf")] = pdf
        sheet_recs.append(fields_of(sheet, SHEET_FIELDS))
    return {"photos": photo_recs, "signatures": sig_recs, "sheets": sheet_recs}, sorted(files.items())


# -- import ---------------------------------------------------------------------------------------
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
            if name in OPTIONAL_PHOTO_FIELDS and data.get(name) is None:  # an older bundle: keep ours
                continue
            setattr(row, name, parse_evidence_field(name, data.get(name)))
        rows[data["uid"]] = row
    for row in existing.values():
        session.delete(row)
    session.flush()
    return rows


def place_files(staged: dict[str, Path], places: Places) -> int:
    """Move verified, staged payload files into the photo store and the sheets folder (renames; a filed
    report's PDF and workbook go to the sheets folder too, named by their SHA-256 as ``services.filing``
    keeps them)."""
    store = places.store
    touched: set[Path] = set()
    if staged:
        _flush(staged.values())
    for rel, source in sorted(staged.items()):
        kind, sha, ext = classify(rel)
        if kind in ("sheet", "report", "case"):  # printed sheets, filed reports' and cases' files: sheets/
            target = places.sheet_dir / f"{sha}.{ext}"
        else:
            area: Area = "originals" if kind == "original" else "derived"
            found = store.find(sha, area)
            if found is not None and refresh(found):  # already here: young again, spared by the collector
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
