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
the stamp of ``services.photos.stamp_for_photo``), made when they were added and found by their key. The GUI and the CLI call these through ``services.queries.sheets``
(preview, verify) and ``services.ops.sheets`` (record a print).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.domain.errors import ValidationError
from inspector_app.domain.lifecycle import FindingStatus, Severity
from inspector_app.domain.progress import CancelToken, Progress
from inspector_app.domain.scoring import FindingSummary, item_deduction, item_earned, score_inspection
from inspector_app.domain.template import NOT_APPLICABLE
from inspector_app.photos.watermark import SHEET_LONG_EDGE, print_key, watermark_photo
from inspector_app.reports import (
    NUMBERED_KINDS,
    Appeal,
    DocumentNumber,
    ElementResult,
    Finding,
    Inspector,
    ItemResult,
    Photo,
    RecheckInfo,
    RenderedSheet,
    ScoreSummary,
    SheetData,
    SheetKind,
    Signature,
    Subject,
    check_ready,
    content_hashes,
    render_sheet_bytes,
    short_id,
)
from inspector_app.reports.sheet_data import DOC_WORDS
from inspector_app.services import audit, campaigns, inspections, plausibility, workspace_meta
from inspector_app.services.photos import list_photos, print_source, stamp_for_photo
from inspector_app.services.signatures import list_signatures
from inspector_app.services.unit import serialize
from inspector_app.storage.files import atomic_write_bytes
from inspector_app.storage.models import OFFICER, ON_SITE_MEASURES, PERSON_ROLES, AuditEvent, Inspection
from inspector_app.storage.models import Inspector as InspectorRecord
from inspector_app.storage.models_evidence import Signature as SignatureRecord
from inspector_app.storage.models_sheets import IssuedNumber, PrintedSheet, Recheck
from inspector_app.translation import _, chinese

META_AUTHORITY = "authority_name"  # e.g. 常州市应急管理局
META_AUTHORITY_SHORT = "authority_short"  # the number prefix, e.g. 常 or 常武
META_GOVERNMENT = "government_name"  # 本级人民政府 for 行政复议, e.g. 常州市武进区人民政府
META_SUPERIOR = "superior_authority"  # 上一级主管部门 (复议 before 2024), e.g. 常州市应急管理局
META_COURT = "court_name"  # the court for 行政诉讼
DEFAULT_PREFIX = "常"
ROLE_NAMES = {"inspector": "检查人员", "enterprise_rep": "被检查单位现场负责人", "witness": "见证人"}


def _elements(inspection: Inspection) -> tuple[tuple[ElementResult, ...], ScoreSummary]:
    template = inspections.template_for(inspection)
    answers = inspections.answers_of(inspection)
    # Scored with the findings as found at the site (all open, none overdue): the printed conclusion must
    # not drift as hazards are rectified or deadlines pass, or the signed score sheet would stop verifying.
    major = sum(1 for f in inspection.findings if f.severity == Severity.MAJOR)
    found = FindingSummary(general_open=len(inspection.findings) - major, major_open=major, major_overdue=0)
    result = score_inspection(template, answers, inspection.enterprise.cert_grade or None, found,
                              inspection.enterprise.industry or None)
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
                got, _line = item_earned(item, answer)
                earned = float(got)
                deduction = float(item.points) - earned
                reasons += item_deduction(item, answer)[1]  # the clauses chosen, never the result itself
            if answer is not None and answer.note.strip():
                reasons.append(f"说明：{answer.note.strip()}")
            items.append(ItemResult(code=item.code, text=item.text, points=float(item.points),
                                    result=(answer.result or None) if answer else None, deduction=deduction,
                                    earned=earned, reasons=tuple(reasons), sub_element=item.sub_element,
                                    veto=item.veto))
        score = scored.get(element.code)
        note = f"否决项 {score.vetoed_by} 不符合，本类目得分清零" if score and score.vetoed_by else ""
        elements.append(ElementResult(element.code, element.title, tuple(items),
                                      float(score.earned) if score else 0.0,
                                      float(score.achievable) if score else 0.0, note))
    # The conclusion as printed (its label, e.g. 维持（符合证书等级要求）; ``outcome`` holds its code) and
    # its reasons, each with the clause it comes from.
    conclusion = result.conclusion_label or result.outcome or None
    reasons = [str(r) for r in result.reasons]
    summary = ScoreSummary(score=result.score_float, earned=float(result.earned),
                           achievable=float(result.achievable), conclusion=conclusion, reasons=tuple(reasons))
    return tuple(elements), summary


def _person(row: InspectorRecord) -> Inspector:
    return Inspector(row.name, row.cert_number, row.organisation, row.role)


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
    people = sorted(inspection.inspectors, key=lambda person: person.role != OFFICER)  # officers first
    for person in people:
        row = next((r for r in rows if r.role == "inspector" and
                    (r.inspector_id == person.id or r.signer_name == person.name)), None)
        if row is not None:
            used.add(row.id)
        blocks.append(Signature(role=PERSON_ROLES.get(person.role, "检查人员"), name=person.name,
                                certificate_no=person.cert_number, signed_at=row.signed_at if row else None,
                                image_png=png(row.image_sha256) if row else None))
    while sum(1 for b in blocks if b.role == PERSON_ROLES[OFFICER]) < 2:
        blocks.append(Signature(role=PERSON_ROLES[OFFICER]))
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


def print_jobs(session: Session, store: Any, rows: list[Any]) -> list[tuple[str, str, Any, Any]]:
    """(key, source sha, store area, stamp) of each photo's print copy as a sheet printed now uses it (the
    photos of one inspection). The collector of unused derived images (``services.ops.store_gc``) keeps
    the copies these keys name."""
    if not rows:
        return []
    jobs: list[tuple[str, str, Any, Any]] = []
    checks = plausibility.check_photos(session, inspections.get(session, rows[0].inspection_id), rows)
    for row in rows:
        stamp = plausibility.stamp(stamp_for_photo(session, row), row, checks.get(row.id))
        source, area = print_source(store, row)
        jobs.append((print_key(source, area, stamp, SHEET_LONG_EDGE), source, area, stamp))
    return jobs


def _print_copies(session: Session, store: Any, rows: list[Any], progress: Progress | None,
                  cancel: CancelToken | None) -> list[bytes]:
    """The photos' print copies (``photos.watermark``): found by their key in the store's key index –
    made when the photos were added – or, when what the stamp says or the marked-up image changed since
    (or the photo came in a bundle), made now on all cores and noted for the next print."""
    jobs = print_jobs(session, store, rows)
    made = {key: sha for key, _, _, _ in jobs if (sha := store.recall(key))}
    todo = list({key: (key, source, area, stamp) for key, source, area, stamp in jobs if key not in made}.values())
    if todo:
        done = len(jobs) - len(todo)
        with ThreadPoolExecutor(max_workers=min(len(todo), os.cpu_count() or 1)) as pool:
            futures = {pool.submit(watermark_photo, store, source, stamp, source_area=area,
                                   long_edge=SHEET_LONG_EDGE): key for key, source, area, stamp in todo}
            try:
                for future in as_completed(futures):
                    made[futures[future]] = sha = future.result().sha256
                    with contextlib.suppress(OSError):
                        store.remember(futures[future], sha)
                    done += 1
                    if progress is not None:
                        progress(done, len(jobs), "准备照片")
                    if cancel is not None:
                        cancel.raise_if_cancelled()
            except BaseException:
                pool.shutdown(cancel_futures=True)
                raise
    return [store.read(made[key], "derived") for key, _, _, _ in jobs]


def _photos(session: Session, inspection: Inspection, store: Any, numbers: dict[int, int], with_images: bool,
            progress: Progress | None, cancel: CancelToken | None) -> tuple[Photo, ...]:
    rows = list_photos(session, inspection.id)
    checks = plausibility.check_photos(session, inspection, rows) if rows else {}
    jpegs = [b""] * len(rows)
    if with_images and store is not None and rows:
        jpegs = _print_copies(session, store, rows, progress, cancel)
    photos: list[Photo] = []
    for n, (row, jpeg) in enumerate(zip(rows, jpegs, strict=True), start=1):
        caption = row.caption or row.original_name or f"照片 {n}"
        if row.role in ("before", "after"):
            caption += "（整改前）" if row.role == "before" else "（整改后）"
        photos.append(Photo(number=n, caption=caption, jpeg=jpeg, sha256_original=row.sha256,
                            captured_at=row.captured_at,
                            time_source="EXIF" if row.time_source == "exif" else "设备时钟",
                            finding_number=numbers.get(row.finding_id) if row.finding_id else None,
                            notes=plausibility.caption_notes(checks.get(row.id))))
    return tuple(photos)


_NUMBER = re.compile(r"（(?P<prefix>[^（）]+)）应急(?P<word>[^〔]+)〔(?P<year>\d{4})〕(?P<serial>\d+)号")


def _numbers_in_trail(session: Session, *where: Any) -> list[tuple[str, DocumentNumber]]:
    """(kind, number) of the numbers an audit trail records as issued (``sheet``/``number`` events)."""
    events = session.scalars(select(AuditEvent).where(AuditEvent.entity == "sheet", AuditEvent.field == "number",
                                                      *where))
    found = []
    for event in events:
        match = _NUMBER.fullmatch(event.new_value or "")
        if match and DOC_WORDS.get(event.entity_key) == match["word"]:
            found.append((event.entity_key, DocumentNumber(match["prefix"], int(match["year"]), match["serial"])))
    return found


def _taken(session: Session, prefix: str, kind: str, year: int) -> set[int]:
    """The serials of a prefix, kind and year issued so far: the register, and the numbers issued on
    another device that this workspace knows only from an inspection's audit trail."""
    taken = set(session.scalars(select(IssuedNumber.serial).where(
        IssuedNumber.authority == prefix, IssuedNumber.kind == kind, IssuedNumber.year == year)))
    seen = _numbers_in_trail(session, AuditEvent.entity_key == kind,
                             AuditEvent.new_value.like(f"（{prefix}）应急{DOC_WORDS[kind]}〔{year}〕%"))
    return taken | {int(n.serial) for _, n in seen if n.authority_short == prefix}


def next_serial(session: Session, prefix: str, kind: str, year: int) -> int:
    """The serial this device issues next: after the last one taken inside its range (the workspace
    settings ``number_serial_start`` / ``number_serial_end``; 1 and no end when not set), so that laptops
    given ranges of their own never issue the same number offline. Refuses when the range is used up."""
    serialize(session, f"document_numbers.{prefix}.{kind}.{year}")
    start, end = workspace_meta.serial_range(session)
    inside = [serial for serial in _taken(session, prefix, kind, year) if start <= serial <= (end or serial)]
    serial = max(inside, default=start - 1) + 1
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
    issued = dict(_numbers_in_trail(session, AuditEvent.inspection_id == inspection.id))
    rows = session.scalars(select(IssuedNumber).where(IssuedNumber.inspection_uid == inspection.uid))
    issued.update({row.kind: DocumentNumber(row.authority, row.year, str(row.serial)) for row in rows})
    return issued


def settings_of(session: Session, inspection: Inspection) -> Callable[[str], str]:
    """The document settings a sheet of the inspection is printed with: this workspace's, or – for a
    record an office below holds – that office's, as its roll-up carried them."""
    below = campaigns.office_settings(session, inspection.origin) if inspection.origin else None
    if below is not None:
        return lambda key: below.get(key, "")
    return lambda key: workspace_meta.get(session, key, "")


def appeal_bodies(session: Session, authority: str, setting: Callable[[str], str] | None = None) -> Appeal:
    """Who hears a 复议 or a suit (workspace settings, or ``setting``); the 本级人民政府 of a bureau named
    ``…市…区应急管理局`` is ``…市…区人民政府`` when no setting names it."""
    get = setting or (lambda key: workspace_meta.get(session, key, ""))
    government = get(META_GOVERNMENT)
    if not government:
        match = re.fullmatch(r"(.+?[省市区县])应急管理局", authority)
        government = f"{match.group(1)}人民政府" if match else ""
    return Appeal(government=government, superior=get(META_SUPERIOR), court=get(META_COURT))


def _recheck(session: Session, inspection: Inspection, numbers: dict[str, DocumentNumber]) -> RecheckInfo | None:
    row = session.scalar(select(Recheck).where(Recheck.inspection_id == inspection.id))
    order = numbers.get("order")
    if row is None and order is None:
        return None
    officers = [session.get(InspectorRecord, i) for i in ((row.officer1_id, row.officer2_id) if row else ())]
    return RecheckInfo(rechecked_at=row.rechecked_at if row else None,
                       order_number=order.format("order") if order else "", order_date=order_date(inspection),
                       inspectors=tuple(_person(p) for p in officers if p is not None),
                       opinion=row.opinion if row else "")


def order_date(inspection: Inspection) -> date | None:
    """An order is made at the end of the inspection: its date is the inspection's."""
    when = inspection.ended_at or inspection.started_at
    return when.date() if when else None


@chinese()  # the sheets are the bureau's documents: their texts (score reasons…) never follow the interface
def build_sheet_data(session: Session, inspection_id: int, *, store: Any = None, with_images: bool = True,
                     progress: Progress | None = None, cancel: CancelToken | None = None) -> SheetData:
    """Everything the documents print. ``store`` is the workspace's ``PhotoStore`` (photos and signature
    images); ``with_images=False`` skips reading the photos' print copies (the content hash does not
    depend on them), which is what verification uses."""
    inspection = inspections.get(session, inspection_id)
    enterprise = inspection.enterprise
    template = inspections.template_for(inspection)
    elements, summary = _elements(inspection)
    findings: list[Finding] = []
    numbers: dict[int, int] = {}
    for n, row in enumerate(inspection.findings, start=1):
        numbers[row.id] = n
        rechecked = row.status in (FindingStatus.PASSED, FindingStatus.FAILED)
        measures = tuple(ON_SITE_MEASURES[m] for m in row.measures.split(",") if m in ON_SITE_MEASURES)
        findings.append(Finding(number=n, description=row.description, severity=row.severity,
                                requirement=row.requirement, deadline=row.deadline,
                                responsible=row.responsible_person, status=row.status, item_code=row.item_code,
                                recheck_result=row.status if rechecked else None, recheck_note=row.recheck_note,
                                measures=measures))
    started = inspection.started_at
    issued = _numbers(session, inspection)
    setting = settings_of(session, inspection)
    authority = setting(META_AUTHORITY)
    prefix = setting(META_AUTHORITY_SHORT) or DEFAULT_PREFIX
    return SheetData(
        inspection_id=short_id(inspection.uid),
        inspection_uid=inspection.uid,
        subject=Subject(name=enterprise.name, address=enterprise.address,
                        legal_representative=inspection.rep_name or enterprise.legal_rep,
                        position=inspection.rep_title, phone=inspection.rep_phone or enterprise.contact_phone,
                        place=inspection.location, uscc=enterprise.uscc),
        template_title=template.title,
        template_ref=f"{template.id} {template.version}",
        authority=authority,
        number=DocumentNumber(prefix, started.year if started else None),
        numbers=issued,
        started_at=started,
        ended_at=inspection.ended_at,
        inspectors=tuple(_person(p) for p in inspection.inspectors),
        elements=elements,
        summary=summary,
        findings=tuple(findings),
        signatures=_signatures(session, inspection, store),
        photos=_photos(session, inspection, store, numbers, with_images, progress, cancel),
        recheck=_recheck(session, inspection, issued),
        appeal=appeal_bodies(session, authority, setting),
    )


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
    when = data.recheck.rechecked_at if kind == "recheck" and data.recheck else inspection.started_at
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
