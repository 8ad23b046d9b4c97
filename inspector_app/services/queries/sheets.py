"""Read models for the documents: a document rendered for preview (recording nothing), the answer for a
printed verification code, the re-check visit and the people who may sign. The GUI's sheet and verify
dialogs and the CLI call these; issuing a number, recording a print and entering the re-check are the
operations of ``services.ops.sheets``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.domain.errors import NotFoundError
from inspector_app.domain.progress import CancelToken, Progress
from inspector_app.photos import processing
from inspector_app.reports import (
    ParsedCode,
    RenderedSheet,
    SheetKind,
    Verification,
    compare,
    content_hashes,
    legacy_hashes,
    parse_code,
)
from inspector_app.services import inspections, photos, sheets
from inspector_app.services.unit import reading
from inspector_app.storage.engine import Workspace
from inspector_app.storage.models import PERSON_ROLES, Inspection
from inspector_app.storage.models import Inspector as InspectorRecord
from inspector_app.storage.models_sheets import PrintedSheet, Recheck

__all__ = ["Person", "RecheckState", "SheetVerification", "people", "preview", "read_verification", "recheck",
           "verify"]


@dataclass(frozen=True)
class Person:
    """Someone who may take part: name, certificate number, role (officer / expert) and its label."""

    name: str
    cert_number: str
    role: str
    role_label: str
    organisation: str = ""


@dataclass(frozen=True)
class RecheckState:
    """The re-check visit as entered, and what the 整改复查意见书 still lacks."""

    rechecked_at: datetime | None
    officers: tuple[Person, ...]
    opinion: str
    order_number: str  # "" while no order has been issued
    pending: tuple[int, ...]  # numbers of the order's items without a re-check result


def preview(ws: Workspace, inspection_id: int, kind: SheetKind, *, progress: Progress | None = None,
            cancel: CancelToken | None = None, font_path: str | Path | None = None) -> tuple[bytes, RenderedSheet]:
    """The document's PDF in memory with what it carries (code, content hash, pages); records nothing (a
    number not yet issued is left blank). The photos' print copies were made when they were added; photos
    still being added to the inspection are waited for (``photos.processing.wait``, reported through
    ``progress``). Raises ``NotFoundError``, ``FontNotFoundError``, ``Cancelled``, ``ReportError``."""
    processing.wait(ws.root / processing.FOLDER, inspection_id, progress=progress, cancel=cancel)
    with reading(ws) as session:
        return sheets.preview_sheet(session, inspection_id, kind, store=photos.photo_store(ws.photo_dir),
                                    progress=progress, cancel=cancel, font_path=font_path)


def verify(ws: Workspace, code_or_payload: str) -> SheetVerification:
    """Matches / changed since printing / unknown record, for a printed short code or a scanned QR
    payload. Raises ``BadVerificationCodeError`` when the text is not a code at all."""
    with reading(ws) as session:
        return read_verification(session, code_or_payload.strip(), store=photos.photo_store(ws.photo_dir))


def _person(row: InspectorRecord) -> Person:
    return Person(row.name, row.cert_number, row.role, PERSON_ROLES.get(row.role, row.role), row.organisation)


def people(ws: Workspace, role: str | None = None) -> list[Person]:
    """Everyone known to the workspace (by certificate), or those of one role, by name."""
    with reading(ws) as session:
        stmt = select(InspectorRecord).order_by(InspectorRecord.name, InspectorRecord.cert_number)
        if role is not None:
            stmt = stmt.where(InspectorRecord.role == role)
        return [_person(row) for row in session.scalars(stmt)]


def recheck(ws: Workspace, inspection_id: int) -> RecheckState:
    """The re-check visit of the inspection's order (empty when none was entered)."""
    with reading(ws) as session:
        inspection = inspections.get(session, inspection_id)
        data = sheets.build_sheet_data(session, inspection_id, with_images=False)
        row = session.scalar(select(Recheck).where(Recheck.inspection_id == inspection.id))
        officers = [session.get(InspectorRecord, i) for i in ((row.officer1_id, row.officer2_id) if row else ())]
        ordered = [f for f in sorted(data.findings, key=lambda f: f.number) if f.deadline is not None]
        return RecheckState(rechecked_at=row.rechecked_at if row else None,
                            officers=tuple(_person(p) for p in officers if p is not None),
                            opinion=row.opinion if row else "",
                            order_number=data.recheck.order_number if data.recheck else "",
                            pending=tuple(f.number for f in ordered if f.recheck_result is None))


@dataclass(frozen=True)
class SheetVerification:
    """The answer for a printed code, with what the GUI dialog and the CLI show beside it."""

    result: Verification
    inspection_id: int | None = None
    enterprise: str = ""
    printed: tuple[tuple[str, datetime, str], ...] = ()  # (kind, printed_at, printed_by) with this hash

    @property
    def exit_status(self) -> int:
        return {Verification.MATCHES: 0, Verification.CHANGED: 1, Verification.UNKNOWN: 2}[self.result]



def _short_code_of(parsed: ParsedCode) -> str:
    p = parsed.hash_prefix_b32
    return f"INSP-{parsed.key.inspection_id}-{p[:5]}-{p[5:]}"


def _resolve(session: Session, parsed: ParsedCode) -> list[Inspection]:
    """The inspections a code may name. A QR payload carries the stable uid: only that counts. A short
    code carries the first eight characters of the uid (``short_id``), the same in every workspace:
    every inspection whose uid starts with them (one, but the hash decides should two share a prefix).
    Codes printed before hash version 2 carry the local row number instead: a recorded printed sheet
    with exactly that code is looked at first (printed-sheet rows travel in bundles), then the row."""
    if parsed.key.uid:  # QR payloads carry it upper-cased; uids are stored as generated (lower case)
        uid = parsed.key.uid
        found = session.scalar(select(Inspection).where(Inspection.uid.in_({uid, uid.lower(), uid.upper()})))
        return [found] if found is not None else []
    key = parsed.key.inspection_id
    if len(key) == 8:
        candidates = list(session.scalars(select(Inspection).where(Inspection.uid.like(f"{key.lower()}%"))))
        if candidates:
            return candidates
    printed = session.scalars(select(PrintedSheet).where(PrintedSheet.code == _short_code_of(parsed))
                              .order_by(PrintedSheet.id.desc())).first()
    if printed is not None:
        found = session.scalar(select(Inspection).where(Inspection.uid == printed.inspection_uid))
        if found is not None:
            return [found]
    if key.isdigit():
        row = session.get(Inspection, int(key))
        return [row] if row is not None else []
    return []


def read_verification(session: Session, code_or_payload: str, *, store: Any = None) -> SheetVerification:
    """Check a printed short code or a scanned QR payload against the database.

    Raises ``BadVerificationCodeError`` when the text is not a code at all."""
    parsed = parse_code(code_or_payload)
    candidates = _resolve(session, parsed)
    if not candidates:
        return SheetVerification(Verification.UNKNOWN)
    result, inspection = Verification.UNKNOWN, candidates[0]
    for candidate in candidates:
        try:
            data = sheets.build_sheet_data(session, candidate.id, store=store, with_images=False)
        except NotFoundError:
            continue
        # Version-1 prints hashed the local row number: they match only where they were printed.
        current = [*content_hashes(data).values(), *legacy_hashes(data, candidate.id)]
        result, inspection = compare(parsed, current), candidate
        if result is Verification.MATCHES:
            break
    if result is Verification.UNKNOWN:
        return SheetVerification(Verification.UNKNOWN)
    printed_hash = parsed.hash_hex
    rows = session.scalars(select(PrintedSheet).where(PrintedSheet.inspection_id == inspection.id)
                           .order_by(PrintedSheet.printed_at)).all()
    matching = tuple((r.kind, r.printed_at, r.printed_by) for r in rows
                     if (printed_hash and r.content_hash == printed_hash) or
                     (not printed_hash and r.code == _short_code_of(parsed)))
    return SheetVerification(result, inspection.id, inspection.enterprise.name, matching)
