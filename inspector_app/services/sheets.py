"""The documents from the database: build ``SheetData`` for an inspection, issue document numbers from
the register, print (recording what was printed), and verify a printed code against the database. No Qt.

* ``build_sheet_data(session, inspection_id, store=...)`` – everything the documents print.
* ``issue_number(session, inspection_id, kind, actor)`` – the document's number, issued once, from this
  device's range of serials (``workspace_meta.serial_range``); ``number_holders`` – who holds a number.
* ``current_hash(session, inspection)`` – the content hash of the record as it is *now*.
* ``preview_sheet(session, inspection_id, kind, ...)`` – the PDF bytes, recording nothing (GUI preview).
* ``record_printed(session, inspection_id, pdf, rendered, ...)`` – once printed or saved: keep a copy
  in the workspace's ``sheets/`` folder (named by the PDF's SHA-256, as bundles carry it), record a
  ``PrintedSheet`` row and an audit event. The caller commits.
* ``print_sheet(session, inspection_id, kind, out_path, ...)`` – both, writing ``out_path`` atomically.

Photos and signatures come from the evidence services (``services.photos``, ``services.signatures``);
photos are printed as their print copies (``photos.watermark``: the display copy, long edge 1600 px, with
the stamp of ``services.photos.stamp_for_photo``), made when they were added and found by their key. The
sheet itself is made from the rows read here (``sheet_source``) by ``services.sheet_build``, which the
command line's quick print (``services.sheet_rows``) shares. The GUI and the CLI call these through
``services.queries.sheets`` (preview, verify) and ``services.ops.sheets`` (record a print).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.domain.errors import ValidationError
from inspector_app.domain.progress import CancelToken, Progress
from inspector_app.reports import (
    NUMBERED_KINDS,
    Appeal,
    DocumentNumber,
    RenderedSheet,
    SheetData,
    SheetKind,
    check_ready,
    content_hashes,
    render_sheet_bytes,
)
from inspector_app.reports.sheet_data import DOC_WORDS
from inspector_app.services import audit, campaigns, inspections, plausibility, workspace_meta
from inspector_app.services.photos import list_photos
from inspector_app.services.sheet_build import DEFAULT_PREFIX as DEFAULT_PREFIX
from inspector_app.services.sheet_build import META_AUTHORITY as META_AUTHORITY
from inspector_app.services.sheet_build import META_AUTHORITY_SHORT as META_AUTHORITY_SHORT
from inspector_app.services.sheet_build import META_COURT as META_COURT
from inspector_app.services.sheet_build import META_GOVERNMENT as META_GOVERNMENT
from inspector_app.services.sheet_build import META_SUPERIOR as META_SUPERIOR
from inspector_app.services.sheet_build import ROLE_NAMES as ROLE_NAMES
from inspector_app.services.sheet_build import (
    SheetSource,
    appeal_of,
    build,
    print_jobs_of,
)
from inspector_app.services.sheet_build import order_date as order_date
from inspector_app.services.sheet_numbers import (
    issue_date,
    next_serial_of,
    numbers_of,
    taken_serials,
    trail_pattern,
)
from inspector_app.services.signatures import list_signatures
from inspector_app.services.unit import serialize
from inspector_app.storage.files import atomic_write_bytes
from inspector_app.storage.models import AuditEvent, Inspection
from inspector_app.storage.models import Inspector as InspectorRecord
from inspector_app.storage.models_sheets import IssuedNumber, PrintedSheet, Recheck
from inspector_app.translation import _


def print_jobs(session: Session, store: Any, rows: list[Any]) -> list[tuple[str, str, Any, Any]]:
    """(key, source sha, store area, stamp) of each photo's print copy as a sheet printed now uses it (the
    photos of one inspection). The collector of unused derived images (``services.ops.store_gc``) keeps
    the copies these keys name."""
    if not rows:
        return []
    inspection = inspections.get(session, rows[0].inspection_id)
    return print_jobs_of(inspection, rows, plausibility.check_photos(session, inspection, rows), store)


def _taken(session: Session, prefix: str, kind: str, year: int) -> set[int]:
    """The serials of a prefix, kind and year issued so far: the register, and the numbers issued on
    another device that this workspace knows only from an inspection's audit trail."""
    register = session.scalars(select(IssuedNumber.serial).where(
        IssuedNumber.authority == prefix, IssuedNumber.kind == kind, IssuedNumber.year == year))
    trail = session.execute(select(AuditEvent.entity_key, AuditEvent.new_value).where(
        AuditEvent.entity == "sheet", AuditEvent.field == "number", AuditEvent.entity_key == kind,
        AuditEvent.new_value.like(trail_pattern(prefix, kind, year))).order_by(AuditEvent.id))
    return taken_serials(register, [(k, v) for k, v in trail], prefix)


def next_serial(session: Session, prefix: str, kind: str, year: int) -> int:
    """The serial this device issues next: after the last one taken inside its range (the workspace
    settings ``number_serial_start`` / ``number_serial_end``; 1 and no end when not set), so that laptops
    given ranges of their own never issue the same number offline. Refuses when the range is used up."""
    serialize(session, f"document_numbers.{prefix}.{kind}.{year}")
    start, end = workspace_meta.serial_range(session)
    serial = next_serial_of(_taken(session, prefix, kind, year), start, end)
    if end is not None and serial > end:
        raise ValidationError(_("本机的文书编号段 {start}–{end} 已用完（（{prefix}）应急{doc_word}〔{year}〕），不能签发新编号：请市局分配新的编号段（workspace set {SERIAL_START} / {SERIAL_END}）").format(
            start=start, end=end, prefix=prefix, doc_word=_(DOC_WORDS[kind]), year=year, SERIAL_START=workspace_meta.SERIAL_START, SERIAL_END=workspace_meta.SERIAL_END))
    return serial


def number_holders(session: Session, authority: str, kind: str, year: int, serial: int) -> set[str]:
    """The uids of the inspections that hold this number: in the register or, issued elsewhere, in
    their audit trail."""
    holders = set(session.scalars(select(IssuedNumber.inspection_uid).where(
        IssuedNumber.authority == authority, IssuedNumber.kind == kind, IssuedNumber.year == year,
        IssuedNumber.serial == serial)))
    text = DocumentNumber(authority, year, str(serial)).format(kind)  # type: ignore[arg-type]
    holders |= set(session.scalars(select(Inspection.uid).join(AuditEvent, AuditEvent.inspection_id == Inspection.id)
                                   .where(AuditEvent.entity == "sheet", AuditEvent.field == "number",
                                          AuditEvent.entity_key == kind, AuditEvent.new_value == text)))
    return holders


def _numbers(session: Session, inspection: Inspection) -> dict[str, DocumentNumber]:
    """The numbers issued for the inspection's documents: from this workspace's register, or – for a
    document numbered on another device – from the inspection's audit trail, which bundles carry."""
    trail = session.execute(select(AuditEvent.entity_key, AuditEvent.new_value).where(
        AuditEvent.entity == "sheet", AuditEvent.field == "number", AuditEvent.inspection_id == inspection.id)
        .order_by(AuditEvent.id))
    register = session.execute(select(IssuedNumber.kind, IssuedNumber.authority, IssuedNumber.year,
                                      IssuedNumber.serial).where(IssuedNumber.inspection_uid == inspection.uid)
                               .order_by(IssuedNumber.id))
    return numbers_of([(k, v) for k, v in trail], [(k, a, y, n) for k, a, y, n in register])


def settings_of(session: Session, inspection: Inspection) -> Callable[[str], str]:
    """The document settings a sheet of the inspection is printed with: this workspace's, or – for a
    record an office below holds – that office's, as its roll-up carried them."""
    below = campaigns.office_settings(session, inspection.origin) if inspection.origin else None
    if below is not None:
        return lambda key: below.get(key, "")
    return lambda key: workspace_meta.get(session, key, "")


def appeal_bodies(session: Session, authority: str, setting: Callable[[str], str] | None = None) -> Appeal:
    """Who hears a 复议 or a suit (workspace settings, or ``setting``): ``sheet_build.appeal_of``."""
    return appeal_of(authority, setting or (lambda key: workspace_meta.get(session, key, "")))


def sheet_source(session: Session, inspection_id: int) -> SheetSource:
    """The rows the inspection's sheets are made from, read through the ORM (``sheet_build.SheetSource``)."""
    inspection = inspections.get(session, inspection_id)
    recheck = session.scalar(select(Recheck).where(Recheck.inspection_id == inspection.id))
    officers = [session.get(InspectorRecord, i) for i in (recheck.officer1_id, recheck.officer2_id)
                if i is not None] if recheck else []
    return SheetSource(
        inspection=inspection, template=inspections.template_for(inspection),
        answers=inspections.answers_of(inspection), setting=settings_of(session, inspection),
        workspace_setting=lambda key: workspace_meta.get(session, key, ""), numbers=_numbers(session, inspection),
        signatures=list_signatures(session, inspection.id), photos=list_photos(session, inspection.id),
        recheck=recheck, recheck_officers=officers)


def build_sheet_data(session: Session, inspection_id: int, *, store: Any = None, with_images: bool = True,
                     progress: Progress | None = None, cancel: CancelToken | None = None) -> SheetData:
    """Everything the documents print (``sheet_build.build``). ``store`` is the workspace's ``PhotoStore``
    (photos and signature images); ``with_images=False`` skips reading the photos' print copies (the
    content hash does not depend on them), which is what verification uses."""
    return build(sheet_source(session, inspection_id), store=store, with_images=with_images, progress=progress,
                 cancel=cancel)


def issue_number(session: Session, inspection_id: int, kind: SheetKind, actor: str = "") -> DocumentNumber | None:
    """The document's number from the register: issued once – the first time the document is printed –
    as the next serial of the authority (the prefix in the settings), the kind and the year; the same
    number every time after. ``None`` for the score sheet, which has no number. Refuses (``ReportError``)
    a document that cannot be issued as it stands (an order without items, a re-check not done…)."""
    inspection = inspections.get(session, inspection_id)
    inspections.require_own(inspection)  # an office below numbers and prints its own documents
    if kind not in NUMBERED_KINDS:
        return None
    existing = _numbers(session, inspection).get(kind)
    if existing is not None:
        return existing
    data = build_sheet_data(session, inspection_id, with_images=False)
    check_ready(data, kind)
    when = issue_date(data, kind, inspection)
    if when is None:
        raise ValidationError(_("检查 {inspection_id} 尚未开始（没有检查时间），不能签发文书编号").format(
            inspection_id=inspection_id))
    prefix = data.number.authority_short
    row = IssuedNumber(authority=prefix, kind=kind, year=when.year, serial=next_serial(session, prefix, kind, when.year),
                       inspection_uid=inspection.uid, issued_by=actor)
    session.add(row)
    session.flush()
    number = DocumentNumber(prefix, when.year, str(row.serial))
    audit.record(session, inspection, "sheet", kind, "number", "", number.format(kind), actor)
    audit.touch(inspection)  # the register's row travels with the inspection (its record's ``numbers``)
    return number


def current_hashes(session: Session, inspection: Inspection | int, *, store: Any = None) -> dict[str, str]:
    """The content hash of what each kind of sheet would print now (``{"record": …, "order": …, …}``)."""
    inspection_id = inspection if isinstance(inspection, int) else inspection.id
    return content_hashes(build_sheet_data(session, inspection_id, store=store, with_images=False))


def current_hash(session: Session, inspection: Inspection | int, kind: SheetKind = "record", *,
                 store: Any = None) -> str:
    """The content hash of the ``kind`` sheet as it would be printed now."""
    return current_hashes(session, inspection, store=store)[kind]


def preview_sheet(session: Session, inspection_id: int, kind: SheetKind, *, store: Any = None,
                  progress: Progress | None = None, cancel: CancelToken | None = None,
                  font_path: str | Path | None = None) -> tuple[bytes, RenderedSheet]:
    """The PDF in memory, recording nothing (for the GUI's preview; call ``record_printed`` once the
    user prints or saves it). Raises ``NotFoundError``, ``FontNotFoundError``, ``Cancelled``,
    ``ReportError``."""
    data = build_sheet_data(session, inspection_id, store=store, progress=progress, cancel=cancel)
    return render_sheet_bytes(data, kind, progress, cancel, font_path=font_path)


def record_printed(session: Session, inspection_id: int, pdf: bytes, rendered: RenderedSheet, *,
                   sheet_dir: Path | None = None, actor: str = "") -> PrintedSheet:
    """Record a sheet that was printed or saved: a ``PrintedSheet`` row, an audit event, and a copy
    of the PDF in ``sheet_dir`` named by its SHA-256. The caller commits."""
    inspections.require_own(inspections.get(session, inspection_id))
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
                store: Any = None, sheet_dir: Path | None = None, actor: str = "",
                progress: Progress | None = None, cancel: CancelToken | None = None,
                font_path: str | Path | None = None) -> tuple[RenderedSheet, PrintedSheet]:
    """Issue the document's number (once), render ``kind`` for the inspection to ``out_path`` (atomically)
    and ``record_printed`` it. Raises ``NotFoundError``, ``FontNotFoundError``, ``Cancelled``,
    ``ReportError``."""
    issue_number(session, inspection_id, kind, actor)
    pdf, info = preview_sheet(session, inspection_id, kind, store=store, progress=progress, cancel=cancel,
                              font_path=font_path)
    if cancel is not None:
        cancel.raise_if_cancelled()
    target = Path(out_path)
    atomic_write_bytes(target, pdf)
    rendered = dataclasses.replace(info, path=target)
    return rendered, record_printed(session, inspection_id, pdf, rendered, sheet_dir=sheet_dir, actor=actor)
