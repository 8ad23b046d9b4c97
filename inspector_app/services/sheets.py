"""Printed sheets from the database: build ``SheetData`` for an inspection, print it (recording what was
printed), and verify a printed code against the database. No Qt.

* ``build_sheet_data(session, inspection_id, store=...)`` – everything the sheet prints.
* ``current_hash(session, inspection)`` – the content hash of the record as it is *now*.
* ``preview_sheet(session, inspection_id, kind, ...)`` – the PDF bytes, recording nothing (GUI preview).
* ``record_printed(session, inspection_id, pdf, rendered, ...)`` – once printed or saved: keep a copy
  in the workspace's ``sheets/`` folder (named by the PDF's SHA-256, as bundles carry it), record a
  ``PrintedSheet`` row and an audit event. The caller commits.
* ``print_sheet(session, inspection_id, kind, out_path, ...)`` – both, writing ``out_path`` atomically.
* ``verify_code(session, code_or_qr_payload)`` – "matches" / "changed since printing" / "unknown record".

Photos and signatures come from the evidence services (``services.photos``, ``services.signatures``);
photos are printed as watermarked display copies (long edge 1600 px), made with the stamp of
``services.photos.stamp_for_photo``. The GUI and the CLI call these through ``services.queries.sheets``
(preview, verify) and ``services.ops.sheets`` (record a print).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.domain.errors import NotFoundError
from inspector_app.domain.lifecycle import FindingStatus, Severity
from inspector_app.domain.progress import CancelToken, Progress
from inspector_app.domain.scoring import FindingSummary, item_earned, score_inspection
from inspector_app.domain.template import NOT_APPLICABLE
from inspector_app.photos.watermark import watermark_photo
from inspector_app.reports import (
    DocumentNumber,
    ElementResult,
    Finding,
    Inspector,
    ItemResult,
    ParsedCode,
    Photo,
    RecheckInfo,
    RenderedSheet,
    ScoreSummary,
    SheetData,
    SheetKind,
    Signature,
    Subject,
    Verification,
    compare,
    content_hashes,
    legacy_hashes,
    parse_code,
    render_sheet_bytes,
    short_id,
)
from inspector_app.services import audit, inspections, workspace_meta
from inspector_app.services.photos import list_photos, stamp_for_photo
from inspector_app.services.signatures import list_signatures
from inspector_app.storage.files import atomic_write_bytes
from inspector_app.storage.models import Inspection
from inspector_app.storage.models_evidence import Signature as SignatureRecord
from inspector_app.storage.models_sheets import PrintedSheet

PHOTO_LONG_EDGE = 1600
WATERMARK_CACHE_VERSION = 1
WATERMARK_CACHE_FILE = Path("cache") / "sheet-watermarks.json"  # in the workspace's root
META_AUTHORITY = "authority_name"  # e.g. 常州市应急管理局
META_AUTHORITY_SHORT = "authority_short"  # e.g. 常
ROLE_NAMES = {"inspector": "检查人员", "enterprise_rep": "被检查单位现场负责人", "witness": "见证人"}


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


def _elements(inspection: Inspection) -> tuple[tuple[ElementResult, ...], ScoreSummary]:
    template = inspections.template_for(inspection)
    answers = inspections.answers_of(inspection)
    # Scored with the findings as found at the site (all open, none overdue): the printed outcome must
    # not drift as hazards are rectified or deadlines pass, or the signed record would stop verifying.
    major = sum(1 for f in inspection.findings if f.severity == Severity.MAJOR)
    found = FindingSummary(general_open=len(inspection.findings) - major, major_open=major, major_overdue=0)
    result = score_inspection(template, answers, inspection.enterprise.cert_grade or None, found)
    scored = {e.code: e for e in result.elements}
    elements: list[ElementResult] = []
    for element in template.elements:
        items: list[ItemResult] = []
        for item in element.items:
            answer = answers.get(item.code)
            earned: float | None = None
            deduction = 0.0
            reasons: list[str] = []
            if answer is not None and answer.result and answer.result != NOT_APPLICABLE:
                got, line = item_earned(item, answer)
                earned = float(got)
                deduction = float(item.points) - earned
                if line is not None:
                    reasons.append(line.reason)
            if answer is not None and answer.note:
                reasons.append(f"说明：{answer.note}")
            items.append(ItemResult(code=item.code, text=item.text, points=float(item.points),
                                    result=(answer.result or None) if answer else None, deduction=deduction,
                                    earned=earned, reasons=tuple(reasons), sub_element=item.sub_element,
                                    veto=item.veto))
        score = scored.get(element.code)
        note = f"否决项 {score.vetoed_by} 不符合，本类目得分清零" if score and score.vetoed_by else ""
        elements.append(ElementResult(element.code, element.title, tuple(items),
                                      float(score.earned) if score else 0.0,
                                      float(score.achievable) if score else 0.0, note))
    summary = ScoreSummary(score=result.score_float, earned=float(result.earned),
                           achievable=float(result.achievable), grade=result.grade or None,
                           outcome=result.outcome or None, reasons=tuple(result.reasons))
    return tuple(elements), summary


def _signatures(session: Session, inspection: Inspection, store: Any) -> tuple[Signature, ...]:
    """Every inspector and the enterprise's representative get a block: the captured signature, the
    recorded refusal (with the witness), or a blank to sign on paper."""
    rows = list_signatures(session, inspection.id)
    by_id = {r.id: r for r in rows}

    def png(sha: str) -> bytes | None:
        if not sha or store is None or not store.exists(sha, "derived"):
            return None
        data: bytes = store.read(sha, "derived")
        return data

    blocks: list[Signature] = []
    used: set[int] = set()
    for person in inspection.inspectors:
        row = next((r for r in rows if r.role == "inspector" and
                    (r.inspector_id == person.id or r.signer_name == person.name)), None)
        if row is not None:
            used.add(row.id)
        blocks.append(Signature(role="检查人员", name=person.name, certificate_no=person.cert_number,
                                signed_at=row.signed_at if row else None,
                                image_png=png(row.image_sha256) if row else None))
    while len(blocks) < 2:
        blocks.append(Signature(role="检查人员"))
    reps: list[SignatureRecord | None] = [r for r in rows if r.role == "enterprise_rep"] or [None]
    for row in reps:
        if row is None:
            blocks.append(Signature(role=ROLE_NAMES["enterprise_rep"], name=inspection.rep_name))
            continue
        used.add(row.id)
        witness = by_id.get(row.witness_id) if row.witness_id else None
        if witness is not None:
            used.add(witness.id)
        blocks.append(Signature(
            role=ROLE_NAMES["enterprise_rep"], name=row.signer_name, signed_at=row.signed_at,
            image_png=None if row.refused else png(row.image_sha256),
            refusal_reason=row.refusal_reason if row.refused else None,
            witness_name=witness.signer_name if witness else "",
            witness_png=png(witness.image_sha256) if witness else None))
    for row in rows:  # witnesses not tied to a refusal, other roles
        if row.id not in used and not row.refused:
            blocks.append(Signature(role=ROLE_NAMES.get(row.role, row.role), name=row.signer_name,
                                    signed_at=row.signed_at, image_png=png(row.image_sha256)))
    return tuple(blocks)


def _watermarked(session: Session, store: Any, rows: list[Any], cache_file: Path | None,
                 progress: Progress | None, cancel: CancelToken | None) -> list[bytes]:
    """The watermarked display copies, made on all cores and remembered between prints.

    A copy is keyed by its source (original, or marked-up copy), stamp text and size; the key → derived
    hash map lives in ``cache_file`` (JSON), and the copies themselves in the store's derived area."""
    cache: dict[str, str] = {}
    if cache_file is not None and cache_file.is_file():
        try:
            cache = dict(json.loads(cache_file.read_text("utf-8")))
        except (OSError, ValueError):
            cache = {}
    jobs: list[tuple[str, str, Any, Any]] = []  # (key, source sha, store area, stamp)
    for row in rows:
        stamp = stamp_for_photo(session, row)
        marked = bool(row.markup_sha256) and store.exists(row.markup_sha256, "derived")
        source, area = (row.markup_sha256, "derived") if marked else (row.sha256, "originals")
        key = hashlib.sha256(json.dumps([WATERMARK_CACHE_VERSION, source, area, repr(stamp), PHOTO_LONG_EDGE],
                                        ensure_ascii=False).encode("utf-8")).hexdigest()
        jobs.append((key, source, area, stamp))
    todo = [j for j in jobs if not (cache.get(j[0]) and store.exists(cache[j[0]], "derived"))]
    done = len(jobs) - len(todo)
    if todo:
        with ThreadPoolExecutor(max_workers=min(len(todo), os.cpu_count() or 1)) as pool:
            futures = {pool.submit(watermark_photo, store, source, stamp, source_area=area,
                                   long_edge=PHOTO_LONG_EDGE): key for key, source, area, stamp in todo}
            try:
                for future in as_completed(futures):
                    cache[futures[future]] = future.result().sha256
                    done += 1
                    if progress is not None:
                        progress(done, len(jobs), "准备照片")
                    if cancel is not None:
                        cancel.raise_if_cancelled()
            except BaseException:
                pool.shutdown(cancel_futures=True)
                raise
        if cache_file is not None:
            with contextlib.suppress(OSError):
                atomic_write_bytes(cache_file, json.dumps(cache, sort_keys=True).encode("utf-8"))
    return [store.read(cache[key], "derived") for key, _, _, _ in jobs]


def _photos(session: Session, inspection: Inspection, store: Any, numbers: dict[int, int], with_images: bool,
            cache_file: Path | None, progress: Progress | None, cancel: CancelToken | None) -> tuple[Photo, ...]:
    rows = list_photos(session, inspection.id)
    jpegs = [b""] * len(rows)
    if with_images and store is not None and rows:
        jpegs = _watermarked(session, store, rows, cache_file, progress, cancel)
    photos: list[Photo] = []
    for n, (row, jpeg) in enumerate(zip(rows, jpegs, strict=True), start=1):
        caption = row.caption or row.original_name or f"照片 {n}"
        if row.role in ("before", "after"):
            caption += "（整改前）" if row.role == "before" else "（整改后）"
        photos.append(Photo(number=n, caption=caption, jpeg=jpeg, sha256_original=row.sha256,
                            captured_at=row.captured_at,
                            time_source="EXIF" if row.time_source == "exif" else "设备时钟",
                            finding_number=numbers.get(row.finding_id) if row.finding_id else None))
    return tuple(photos)


def build_sheet_data(session: Session, inspection_id: int, *, store: Any = None, with_images: bool = True,
                     cache_file: Path | None = None, progress: Progress | None = None,
                     cancel: CancelToken | None = None) -> SheetData:
    """Everything the sheet prints. ``store`` is the workspace's ``PhotoStore`` (photos and signature
    images); ``with_images=False`` skips making the watermarked photo copies (the content hash does
    not depend on them), which is what verification uses. ``cache_file`` remembers which watermarked
    copies exist (e.g. ``workspace.root / "cache" / "sheet-watermarks.json"``)."""
    inspection = inspections.get(session, inspection_id)
    enterprise = inspection.enterprise
    template = inspections.template_for(inspection)
    elements, summary = _elements(inspection)
    findings: list[Finding] = []
    numbers: dict[int, int] = {}
    for n, row in enumerate(inspection.findings, start=1):
        numbers[row.id] = n
        rechecked = row.status in (FindingStatus.PASSED, FindingStatus.FAILED)
        findings.append(Finding(number=n, description=row.description, severity=row.severity,
                                requirement=row.requirement, deadline=row.deadline,
                                responsible=row.responsible_person, status=row.status, item_code=row.item_code,
                                recheck_result=row.status if rechecked else None, recheck_note=row.recheck_note))
    rechecks = [row.rechecked_at for row in inspection.findings if row.rechecked_at is not None]
    started = inspection.started_at
    return SheetData(
        inspection_id=short_id(inspection.uid),
        inspection_uid=inspection.uid,
        subject=Subject(name=enterprise.name, address=enterprise.address,
                        legal_representative=inspection.rep_name or enterprise.legal_rep,
                        position=inspection.rep_title, phone=inspection.rep_phone or enterprise.contact_phone,
                        place=inspection.location, uscc=enterprise.uscc),
        template_title=template.title,
        template_ref=f"{template.id} {template.version}",
        authority=workspace_meta.get(session, META_AUTHORITY, ""),
        number=DocumentNumber(workspace_meta.get(session, META_AUTHORITY_SHORT, "常"), started.year if started else None),
        started_at=started,
        ended_at=inspection.ended_at,
        inspectors=tuple(Inspector(p.name, p.cert_number, p.organisation) for p in inspection.inspectors),
        elements=elements,
        summary=summary,
        findings=tuple(findings),
        signatures=_signatures(session, inspection, store),
        photos=_photos(session, inspection, store, numbers, with_images, cache_file, progress, cancel),
        recheck=RecheckInfo(rechecked_at=max(rechecks) if rechecks else None) if rechecks else None,
    )


def current_hashes(session: Session, inspection: Inspection | int, *, store: Any = None) -> dict[str, str]:
    """The content hash of what each kind of sheet would print now (``{"record": …, "order": …, …}``)."""
    inspection_id = inspection if isinstance(inspection, int) else inspection.id
    return content_hashes(build_sheet_data(session, inspection_id, store=store, with_images=False))


def current_hash(session: Session, inspection: Inspection | int, kind: SheetKind = "record", *,
                 store: Any = None) -> str:
    """The content hash of the ``kind`` sheet as it would be printed now."""
    return current_hashes(session, inspection, store=store)[kind]


def preview_sheet(session: Session, inspection_id: int, kind: SheetKind, *, store: Any = None,
                  cache_file: Path | None = None, progress: Progress | None = None,
                  cancel: CancelToken | None = None, font_path: str | Path | None = None
                  ) -> tuple[bytes, RenderedSheet]:
    """The PDF in memory, recording nothing (for the GUI's preview; call ``record_printed`` once the
    user prints or saves it). Raises ``NotFoundError``, ``FontNotFoundError``, ``Cancelled``,
    ``ReportError``."""
    data = build_sheet_data(session, inspection_id, store=store, cache_file=cache_file, progress=progress,
                            cancel=cancel)
    return render_sheet_bytes(data, kind, progress, cancel, font_path=font_path)


def record_printed(session: Session, inspection_id: int, pdf: bytes, rendered: RenderedSheet, *,
                   sheet_dir: Path | None = None, actor: str = "") -> PrintedSheet:
    """Record a sheet that was printed or saved: a ``PrintedSheet`` row, an audit event, and a copy
    of the PDF in ``sheet_dir`` named by its SHA-256. The caller commits."""
    pdf_sha = hashlib.sha256(pdf).hexdigest()
    if sheet_dir is not None:
        kept = Path(sheet_dir) / f"{pdf_sha}.pdf"
        if not kept.exists():
            atomic_write_bytes(kept, pdf)
    inspection = inspections.get(session, inspection_id)
    row = PrintedSheet(inspection_id=inspection.id, inspection_uid=inspection.uid, kind=rendered.kind,
                       content_hash=rendered.content_hash, code=rendered.code, pages=rendered.pages,
                       pdf_sha256=pdf_sha, printed_by=actor)
    session.add(row)
    session.flush()
    audit.record(session, inspection, "sheet", row.uid, "printed", "", f"{rendered.kind} {rendered.code}", actor)
    return row


def print_sheet(session: Session, inspection_id: int, kind: SheetKind, out_path: str | Path, *,
                store: Any = None, sheet_dir: Path | None = None, cache_file: Path | None = None, actor: str = "",
                progress: Progress | None = None, cancel: CancelToken | None = None,
                font_path: str | Path | None = None) -> tuple[RenderedSheet, PrintedSheet]:
    """Render ``kind`` for the inspection to ``out_path`` (atomically) and ``record_printed`` it.
    Raises ``NotFoundError``, ``FontNotFoundError``, ``Cancelled``, ``ReportError``."""
    pdf, info = preview_sheet(session, inspection_id, kind, store=store, cache_file=cache_file,
                              progress=progress, cancel=cancel, font_path=font_path)
    if cancel is not None:
        cancel.raise_if_cancelled()
    target = Path(out_path)
    atomic_write_bytes(target, pdf)
    rendered = dataclasses.replace(info, path=target)
    return rendered, record_printed(session, inspection_id, pdf, rendered, sheet_dir=sheet_dir, actor=actor)


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


def verify_code(session: Session, code_or_payload: str, *, store: Any = None) -> SheetVerification:
    """Check a printed short code or a scanned QR payload against the database.

    Raises ``BadVerificationCodeError`` when the text is not a code at all."""
    parsed = parse_code(code_or_payload)
    candidates = _resolve(session, parsed)
    if not candidates:
        return SheetVerification(Verification.UNKNOWN)
    result, inspection = Verification.UNKNOWN, candidates[0]
    for candidate in candidates:
        try:
            data = build_sheet_data(session, candidate.id, store=store, with_images=False)
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
