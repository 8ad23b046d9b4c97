"""What a sheet prints, made from its inspection's rows once they are read: ``SheetSource`` (the rows) →
``build`` → ``reports.SheetData``. No SQLAlchemy: the rows come from the ORM (``services.sheets.
sheet_source``, the window and every other caller) or from plain SQL on the workspace's SQLite file
(``services.sheet_rows``, the command line's quick print); both give the same rows and so the same sheet
(``tests/reports/test_sheet_quick.py`` compares them over the demo). Rows are read by attribute, as the
ORM objects carry them (``inspection.enterprise.name``, ``photo.gps_lat`` …).

Here too what a printed photo says about its plausibility (the stamp's mismatches, the caption's notes:
``services.plausibility`` re-exports them) and the stamp's part taken from the inspection
(``stamp_context``, ``print_source``: ``services.photos`` re-exports them).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from inspector_app.domain.lifecycle import FindingStatus, InspectionStatus, Severity
from inspector_app.domain.plausibility import (
    FAR_FROM_SITE,
    OUTSIDE_AREA,
    Area,
    InspectionFacts,
    PhotoCheck,
    PhotoFacts,
    Thresholds,
    assess,
    find_area,
    km_text,
    parse_ack,
    shipped_regions,
)
from inspector_app.domain.progress import CancelToken, Progress
from inspector_app.domain.scoring import Answer, FindingSummary, item_deduction, item_earned, score_inspection
from inspector_app.domain.sheet_terms import OFFICER, ON_SITE_MEASURES, PERSON_ROLES
from inspector_app.domain.template import NOT_APPLICABLE, Template
from inspector_app.photos.store import Area as StoreArea
from inspector_app.photos.store import PhotoStore
from inspector_app.photos.watermark import (
    SHEET_LONG_EDGE,
    StampContext,
    StampInfo,
    photo_stamp,
    print_key,
    watermark_photo,
)
from inspector_app.reports import (
    Appeal,
    DocumentNumber,
    ElementResult,
    Finding,
    Inspector,
    ItemResult,
    Photo,
    RecheckInfo,
    ScoreSummary,
    SheetData,
    Signature,
    Subject,
    short_id,
)
from inspector_app.translation import chinese

META_AUTHORITY = "authority_name"  # e.g. 常州市应急管理局
META_AUTHORITY_SHORT = "authority_short"  # the number prefix, e.g. 常 or 常武
META_GOVERNMENT = "government_name"  # 本级人民政府 for 行政复议, e.g. 常州市武进区人民政府
META_SUPERIOR = "superior_authority"  # 上一级主管部门 (复议 before 2024), e.g. 常州市应急管理局
META_COURT = "court_name"  # the court for 行政诉讼
DEFAULT_PREFIX = "常"
ROLE_NAMES = {"inspector": "检查人员", "enterprise_rep": "被检查单位现场负责人", "witness": "见证人"}
DAYS_BEFORE, DISTANCE_KM, MARGIN_KM = "photo_days_before", "photo_distance_km", "photo_region_margin_km"

Setting = Callable[[str], str]  # a workspace setting by key, "" when unset


@dataclass
class SheetSource:
    """The rows one inspection's sheets are made from. ``inspection`` carries ``enterprise``,
    ``inspectors`` (in the inspection's order) and ``findings`` (by id); ``signatures`` by id, ``photos`` in
    their display order; ``numbers`` the documents' numbers (``numbers_of``); ``setting`` the document
    settings the sheet is printed with, ``workspace_setting`` this workspace's (the plausibility limits)."""

    inspection: Any
    template: Template
    answers: dict[str, Answer]
    setting: Setting
    workspace_setting: Setting
    numbers: dict[str, DocumentNumber]
    signatures: list[Any]
    photos: list[Any]
    recheck: Any | None = None
    recheck_officers: list[Any] = dataclasses.field(default_factory=list)


# -- plausibility on the sheet ---------------------------------------------------------------------


def _number(setting: Setting, key: str, default: float) -> float:
    text = setting(key).strip()
    try:
        value = float(text) if text else default
    except ValueError:
        return default
    return value if value >= 0 else default


def thresholds_of(setting: Setting) -> Thresholds:
    """The workspace's limits (``workspace set photo_days_before 3`` …), the defaults where unset."""
    default = Thresholds()
    return Thresholds(days_before=_number(setting, DAYS_BEFORE, default.days_before),
                      distance_km=_number(setting, DISTANCE_KM, default.distance_km),
                      margin_km=_number(setting, MARGIN_KM, default.margin_km))


def area_hints(inspection: Any, setting: Setting) -> list[str]:
    """Where the inspection's district is named: the enterprise's district, its address, the office's
    ``jurisdiction`` setting."""
    enterprise = inspection.enterprise
    hints = [enterprise.district or "", enterprise.address or ""] if enterprise is not None else []
    hints.append(setting("jurisdiction"))
    return hints


def area_of(inspection: Any, setting: Setting) -> Area | None:
    """The district (or city) the inspection's photos are expected in, or None when none is known."""
    found = find_area(shipped_regions(), *area_hints(inspection, setting))
    return found[1] if found is not None else None


def photo_facts(photo: Any) -> PhotoFacts:
    gps = (photo.gps_lat, photo.gps_lon) if photo.gps_lat is not None and photo.gps_lon is not None else None
    return PhotoFacts(photo.id, photo.captured_at, photo.captured_offset or "", photo.time_source or "",
                      gps, rectification=photo.finding_id is not None or photo.role == "after",
                      added_at=photo.added_at)


def inspection_facts(inspection: Any, setting: Setting, now: datetime | None = None) -> InspectionFacts:
    locked = InspectionStatus(inspection.status).locked
    return InspectionFacts(started_at=inspection.started_at,
                           locked_at=inspection.completed_at if locked else None,
                           now=now or datetime.now().replace(microsecond=0), area=area_of(inspection, setting))


def photo_checks(inspection: Any, photos: Sequence[Any], setting: Setting,
                 now: datetime | None = None) -> dict[int, PhotoCheck]:
    """The verdicts on ``photos`` – all of the inspection's, in any order – by photo id."""
    accepted = {p.id: parse_ack(p.plausibility_ack) for p in photos}
    return assess(inspection_facts(inspection, setting, now), [photo_facts(p) for p in photos], accepted,
                  thresholds_of(setting))


# What the printed record says. A bureau reading the record wants to know that a photo's time or place
# does not match the visit, and whether the inspector saw it and vouched for the photo anyway. So the
# paper states every warning, accepted or not (an acceptance is the inspector's word, not a fact that
# makes the mismatch go away; a reviewer or a court must still be able to weigh it), and says beside each
# whether the inspector confirmed it. Who confirmed it and when is in the audit trail. The stamp on the
# image no longer puts GPS coordinates beside the site's address when they do not agree: it states the
# mismatch instead.


def _coordinates(lat: float, lon: float) -> str:
    return f"{abs(lat):.5f}°{'N' if lat >= 0 else 'S'} {abs(lon):.5f}°{'E' if lon >= 0 else 'W'}"


def stamp(info: StampInfo, photo: Any, check: PhotoCheck | None) -> StampInfo:
    """The photo's stamp with its mismatches stated: "时间：…（与检查时间不符）", and the GPS fix with
    "（不在本辖区内）" / "（距检查场所约 N km）" instead of the site's address."""
    if check is None:
        return info
    time_text = info.time_text
    if check.time_warning is not None and time_text:
        time_text += "（与检查时间不符）"
    location = info.location_text
    place = [w for w in check.warnings if w.code in (OUTSIDE_AREA, FAR_FROM_SITE)]
    if place and photo.gps_lat is not None and photo.gps_lon is not None:
        said = "，".join("不在本辖区内" if w.code == OUTSIDE_AREA else f"距检查场所约 {km_text(w.amount)} km"
                        for w in place)
        location = f"{_coordinates(photo.gps_lat, photo.gps_lon)}（{said}）"
    if (time_text, location) == (info.time_text, info.location_text):
        return info
    return dataclasses.replace(info, time_text=time_text, location_text=location)


def caption_notes(check: PhotoCheck | None) -> tuple[str, ...]:
    """The lines under a photo on the printed record: "核验提示（检查人员已确认）：…" for the warnings the
    inspector accepted, "核验提示（未经检查人员确认）：…" for the others (and a device-clock time that is
    off, which nobody can confirm)."""
    if check is None:
        return ()
    accepted = [w.statement() for w in check.warnings if w.code in check.accepted]
    open_ = [w.statement() for w in check.open_warnings] + [n.statement() for n in check.notes if n.amount is not None]
    lines = []
    if accepted:
        lines.append("核验提示（检查人员已确认）：" + "；".join(accepted))
    if open_:
        lines.append("核验提示（未经检查人员确认）：" + "；".join(open_))
    return tuple(lines)


# -- the photos' print copies ------------------------------------------------------------------------


def stamp_context(inspection: Any, *, address: str | None = None) -> StampContext:
    """The inspection's part of its photos' stamps: the enterprise's name and address (or ``address``),
    the inspectors' names in the inspection's order."""
    enterprise = inspection.enterprise
    place = address if address is not None else (enterprise.address if enterprise else "")
    return StampContext(enterprise.name if enterprise else "", place or "", "、".join(i.name for i in inspection.inspectors))


def photo_stamp_of(inspection: Any, photo: Any, *, address: str | None = None) -> StampInfo:
    """The watermark text for a photo of ``inspection`` (``photos.watermark.photo_stamp``)."""
    gps = (photo.gps_lat, photo.gps_lon) if photo.gps_lat is not None and photo.gps_lon is not None else None
    return photo_stamp(stamp_context(inspection, address=address), photo.captured_at, photo.time_source, gps)


def print_source(store: PhotoStore, photo: Any) -> tuple[str, StoreArea]:
    """The image a photo's print copy is made from: its marked-up copy when there is one, else the original."""
    if photo.markup_sha256 and store.exists(photo.markup_sha256, "derived"):
        return photo.markup_sha256, "derived"
    return photo.sha256, "originals"


def print_jobs_of(inspection: Any, rows: Sequence[Any], checks: dict[int, PhotoCheck], store: PhotoStore
                  ) -> list[tuple[str, str, StoreArea, StampInfo]]:
    """(key, source sha, store area, stamp) of each photo's print copy as a sheet printed now uses it."""
    jobs: list[tuple[str, str, StoreArea, StampInfo]] = []
    for row in rows:
        info = stamp(photo_stamp_of(inspection, row), row, checks.get(row.id))
        source, area = print_source(store, row)
        jobs.append((print_key(source, area, info, SHEET_LONG_EDGE), source, area, info))
    return jobs


def print_copies(jobs: list[tuple[str, str, StoreArea, StampInfo]], store: PhotoStore,
                 progress: Progress | None, cancel: CancelToken | None) -> list[bytes]:
    """The photos' print copies (``photos.watermark``): found by their key in the store's key index –
    made when the photos were added – or, when what the stamp says or the marked-up image changed since
    (or the photo came in a bundle), made now on all cores and noted for the next print."""
    made = {key: sha for key, _, _, _ in jobs if (sha := store.recall(key))}
    todo = list({key: (key, source, area, info) for key, source, area, info in jobs if key not in made}.values())
    if todo:
        done = len(jobs) - len(todo)
        with ThreadPoolExecutor(max_workers=min(len(todo), os.cpu_count() or 1)) as pool:
            futures = {pool.submit(watermark_photo, store, source, info, source_area=area,
                                   long_edge=SHEET_LONG_EDGE): key for key, source, area, info in todo}
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


# -- the sheet ---------------------------------------------------------------------------------------


def _elements(source: SheetSource) -> tuple[tuple[ElementResult, ...], ScoreSummary]:
    inspection, template, answers = source.inspection, source.template, source.answers
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


def person(row: Any) -> Inspector:
    return Inspector(row.name, row.cert_number, row.organisation, row.role)


def _signatures(source: SheetSource, store: PhotoStore | None) -> tuple[Signature, ...]:
    """Every inspector and the enterprise's representative get a block: the captured signature, the
    recorded refusal (with the witness), or a blank to sign on paper."""
    inspection, rows = source.inspection, source.signatures
    by_id = {r.id: r for r in rows}

    def png(sha: str) -> bytes | None:
        if not sha or store is None or not store.exists(sha, "derived"):
            return None
        data: bytes = store.read(sha, "derived")
        return data

    blocks: list[Signature] = []
    used: set[int] = set()
    people = sorted(inspection.inspectors, key=lambda person: person.role != OFFICER)  # officers first
    for someone in people:
        row = next((r for r in rows if r.role == "inspector" and
                    (r.inspector_id == someone.id or r.signer_name == someone.name)), None)
        if row is not None:
            used.add(row.id)
        blocks.append(Signature(role=PERSON_ROLES.get(someone.role, "检查人员"), name=someone.name,
                                certificate_no=someone.cert_number, signed_at=row.signed_at if row else None,
                                image_png=png(row.image_sha256) if row else None))
    while sum(1 for b in blocks if b.role == PERSON_ROLES[OFFICER]) < 2:
        blocks.append(Signature(role=PERSON_ROLES[OFFICER]))
    reps: list[Any] = [r for r in rows if r.role == "enterprise_rep"] or [None]
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


def _photos(source: SheetSource, store: PhotoStore | None, numbers: dict[int, int], with_images: bool,
            progress: Progress | None, cancel: CancelToken | None) -> tuple[Photo, ...]:
    rows = source.photos
    checks = photo_checks(source.inspection, rows, source.workspace_setting) if rows else {}
    jpegs = [b""] * len(rows)
    if with_images and store is not None and rows:
        jpegs = print_copies(print_jobs_of(source.inspection, rows, checks, store), store, progress, cancel)
    photos: list[Photo] = []
    for n, (row, jpeg) in enumerate(zip(rows, jpegs, strict=True), start=1):
        caption = row.caption or row.original_name or f"照片 {n}"
        if row.role in ("before", "after"):
            caption += "（整改前）" if row.role == "before" else "（整改后）"
        photos.append(Photo(number=n, caption=caption, jpeg=jpeg, sha256_original=row.sha256,
                            captured_at=row.captured_at,
                            time_source="EXIF" if row.time_source == "exif" else "设备时钟",
                            finding_number=numbers.get(row.finding_id) if row.finding_id else None,
                            notes=caption_notes(checks.get(row.id))))
    return tuple(photos)


def order_date(inspection: Any) -> date | None:
    """An order is made at the end of the inspection: its date is the inspection's."""
    when = inspection.ended_at or inspection.started_at
    return when.date() if when else None


def _recheck(source: SheetSource) -> RecheckInfo | None:
    row, order = source.recheck, source.numbers.get("order")
    if row is None and order is None:
        return None
    return RecheckInfo(rechecked_at=row.rechecked_at if row else None,
                       order_number=order.format("order") if order else "", order_date=order_date(source.inspection),
                       inspectors=tuple(person(p) for p in source.recheck_officers if p is not None),
                       opinion=row.opinion if row else "")


def appeal_of(authority: str, setting: Setting) -> Appeal:
    """Who hears a 复议 or a suit (the settings); the 本级人民政府 of a bureau named ``…市…区应急管理局`` is
    ``…市…区人民政府`` when no setting names it."""
    government = setting(META_GOVERNMENT)
    if not government:
        match = re.fullmatch(r"(.+?[省市区县])应急管理局", authority)
        government = f"{match.group(1)}人民政府" if match else ""
    return Appeal(government=government, superior=setting(META_SUPERIOR), court=setting(META_COURT))


@chinese()  # the sheets are the bureau's documents: their texts (score reasons…) never follow the interface
def build(source: SheetSource, *, store: PhotoStore | None = None, with_images: bool = True,
          progress: Progress | None = None, cancel: CancelToken | None = None) -> SheetData:
    """Everything the documents print. ``store`` is the workspace's ``PhotoStore`` (photos and signature
    images); ``with_images=False`` skips reading the photos' print copies (the content hash does not
    depend on them), which is what verification uses."""
    inspection = source.inspection
    enterprise = inspection.enterprise
    elements, summary = _elements(source)
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
    authority = source.setting(META_AUTHORITY)
    prefix = source.setting(META_AUTHORITY_SHORT) or DEFAULT_PREFIX
    return SheetData(
        inspection_id=short_id(inspection.uid),
        inspection_uid=inspection.uid,
        subject=Subject(name=enterprise.name, address=enterprise.address,
                        legal_representative=inspection.rep_name or enterprise.legal_rep,
                        position=inspection.rep_title, phone=inspection.rep_phone or enterprise.contact_phone,
                        place=inspection.location, uscc=enterprise.uscc),
        template_title=source.template.title,
        template_ref=f"{source.template.id} {source.template.version}",
        authority=authority,
        number=DocumentNumber(prefix, started.year if started else None),
        numbers=source.numbers,
        started_at=started,
        ended_at=inspection.ended_at,
        inspectors=tuple(person(p) for p in inspection.inspectors),
        elements=elements,
        summary=summary,
        findings=tuple(findings),
        signatures=_signatures(source, store),
        photos=_photos(source, store, numbers, with_images, progress, cancel),
        recheck=_recheck(source),
        appeal=appeal_of(authority, source.setting),
    )
