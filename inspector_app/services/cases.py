"""摘牌 case files (DOMAIN.md §5; the step order and its sources: ``domain.delisting``): opened from an
inspection whose conclusion is 建议摘牌, with the grounds that led there; each step dated, by whom, with the
document's number and an attached file, audited (entity ``case``) and counted in the case's ``version``
(optimistic locking: a caller that read version N may pass it and is refused when someone else moved on).

Attached files (the 告知书, the enterprise's 陈述申辩书, the decision, the 公告) are kept content-addressed in
the workspace's ``sheets/`` folder as ``<sha256>.pdf|jpg|png`` beside the printed sheets (temporary file,
fsync, rename), and travel up in roll-ups as ``data/cases/<sha256>.<ext>`` (``services.sync.rollup_cases``).

Who may take a step: the office that holds the case prepares it (告知, 陈述申辩); the body that granted the
grade decides, announces and withdraws (``delisting.check_decider``) – also on a case an office below holds
and sent up in its roll-up (``origin``), which the deciding body records here and sends on in its own
roll-up; the office below never edits those steps, nor the office above its preparation."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.domain import delisting
from inspector_app.domain.campaign import LEVELS
from inspector_app.domain.conclusions import DELIST, ConclusionSpec
from inspector_app.domain.errors import LifecycleError, NotFoundError, ValidationError
from inspector_app.domain.lifecycle import LOCKED_STATUSES, FindingStatus, InspectionStatus, Severity
from inspector_app.services import audit, campaigns, inspections, workspace_meta
from inspector_app.storage.files import atomic_write_bytes, storable_name
from inspector_app.storage.models import Enterprise, Finding, Inspection, now
from inspector_app.storage.models_evidence import Photo
from inspector_app.storage.models_registers import CaseStep, DelistCase
from inspector_app.translation import _, chinese

MAX_FILE_BYTES = 50 * 1024 * 1024
# What an attached file may be, by its first bytes: a PDF, or a scan / photo as JPEG or PNG.
FILE_KINDS: dict[str, bytes] = {"pdf": b"%PDF-", "jpg": b"\xff\xd8\xff", "png": b"\x89PNG\r\n\x1a\n"}
DEFENCE_DAYS_KEY = "defence_days"


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    ext: str
    name: str  # the name it had (kept for people)


@dataclass(frozen=True)
class StepDone:
    """What a step left: the case, its stage and version, the defence period and the re-application date."""

    case_id: int
    enterprise_id: int
    stage: str
    version: int
    defence_until: date | None
    reapply_after: date | None


# -- files ---------------------------------------------------------------------------------------
def file_kind(data: bytes) -> str | None:
    return next((ext for ext, magic in FILE_KINDS.items() if data.startswith(magic)), None)


def store_file(sheet_dir: Path, source: Path) -> StoredFile:
    """Keep ``source`` in ``sheet_dir`` as ``<sha256>.<ext>`` (refused unless a PDF, JPEG or PNG of at most
    ``MAX_FILE_BYTES``). Written before the step's transaction: a step that is then refused leaves a
    content-addressed file that the next attempt reuses."""
    try:
        size = source.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ValidationError(_("{name}：文件过大（{size} 字节，上限 {max_file_bytes}）").format(
                name=source.name, size=size, max_file_bytes=MAX_FILE_BYTES))
        data = source.read_bytes()
    except OSError as exc:
        raise ValidationError(_("无法读取 {source}：{value}").format(source=source, value=exc.strerror or exc)) from None
    ext = file_kind(data)
    if ext is None:
        raise ValidationError(_("{name}：附件须为 PDF、JPEG 或 PNG 文件（扫描件或照片）").format(name=source.name))
    digest = hashlib.sha256(data).hexdigest()
    target = sheet_dir / f"{digest}.{ext}"
    if not target.exists():
        atomic_write_bytes(target, data)
    return StoredFile(digest, ext, storable_name(source.name)[:200])


def stored_path(sheet_dir: Path, sha256: str) -> Path | None:
    """The kept file with this hash (``None`` when it is not in this workspace)."""
    return next((p for ext in FILE_KINDS if (p := sheet_dir / f"{sha256}.{ext}").is_file()), None) if sha256 else None


# -- grounds ---------------------------------------------------------------------------------------
def _finding(f: Finding) -> dict[str, Any]:
    return {"uid": f.uid, "item_code": f.item_code, "severity": f.severity, "description": f.description,
            "status": f.status, "deadline": f.deadline.isoformat() if f.deadline else None}


def _veto_conclusion(spec: ConclusionSpec, level: str) -> str:
    return next((r.then for r in spec.rules if r.when == "veto" and r.veto == level), "")


@chinese()  # the grounds are frozen into the case file (a record of the bureau): Chinese, whatever the interface
def grounds_of(session: Session, inspection: Inspection, today: date) -> list[dict[str, Any]]:
    """What led the inspection to 建议摘牌: each rule that reached a conclusion counted as 建议摘牌, with
    its words and source, and the evidence – the findings on the items concerned (for a veto: its item; for
    重大事故隐患逾期未整改: those findings; for a low score: every finding) and the photos of those items and
    findings by hash. Empty when the conclusion is not 建议摘牌."""
    result = inspections.score(inspection, today)
    spec = inspections.template_for(inspection).conclusion
    buckets = spec.buckets
    photos = list(session.scalars(select(Photo).where(Photo.inspection_id == inspection.id).order_by(Photo.position)))
    grounds: list[dict[str, Any]] = []
    for reason in result.conclusion_reasons:
        if buckets.get(reason.conclusion) != DELIST:
            continue
        if reason.rule == "veto":  # the veto the reason names (domain.conclusions words it "否决项 CODE（…）")
            codes = ({v.item_code for v in result.vetoes if f"否决项 {v.code}（" in reason.text}
                     or {v.item_code for v in result.vetoes if buckets.get(_veto_conclusion(spec, v.level)) == DELIST})
            chosen = [f for f in inspection.findings if f.item_code in codes]
        elif reason.rule == "major_overdue":
            codes = set()
            chosen = [f for f in inspection.findings if f.severity == Severity.MAJOR and f.deadline is not None
                      and f.deadline < today and f.status in (FindingStatus.OPEN, FindingStatus.FAILED)]
        else:
            codes = set()
            chosen = list(inspection.findings)
        ids = {f.id for f in chosen}
        shown = [p for p in photos if (p.item_code and p.item_code in codes) or p.finding_id in ids]
        grounds.append({"rule": reason.rule, "text": reason.text, "source": reason.source,
                        "item_codes": sorted(codes), "findings": [_finding(f) for f in chosen],
                        "photos": [{"sha256": p.sha256, "uid": p.uid, "item_code": p.item_code,
                                    "caption": p.caption} for p in shown]})
    return grounds


# -- reading ---------------------------------------------------------------------------------------
def get(session: Session, case_id: int) -> DelistCase:
    case = session.get(DelistCase, case_id)
    if case is None:
        raise NotFoundError(_("没有编号为 {case_id} 的摘牌案卷").format(case_id=case_id))
    return case


def steps_of(session: Session, case: DelistCase) -> list[CaseStep]:
    rows = session.scalars(select(CaseStep).where(CaseStep.case_id == case.id))
    return sorted(rows, key=lambda s: (delisting.STAGE_ORDER.get(s.stage, 9), s.on, s.recorded_at, s.id))


def state_of(session: Session, case: DelistCase) -> delisting.CaseState:
    steps = steps_of(session, case)
    heard = any(s.stage == "defended" and not s.note.startswith(NO_DEFENCE_NOTE) for s in steps)
    return delisting.CaseState(case.stage, case.defence_until, steps[-1].on if steps else None, heard)


NO_DEFENCE_NOTE = "逾期未陈述申辩"


def defence_days(session: Session) -> int:
    text = workspace_meta.get(session, DEFENCE_DAYS_KEY).strip()
    return int(text) if text.isdigit() and 1 <= int(text) <= 60 else delisting.DEFENCE_DAYS


def _office_body(session: Session, office: campaigns.Office) -> str:
    return (workspace_meta.get(session, "authority_name")
            or (office.area.office if office.area is not None else "") or "本机关")


def _check_version(case: DelistCase, expected: int | None) -> None:
    if expected is not None and expected != case.version:
        raise LifecycleError(_("摘牌案卷 {id} 已被修改（现为第 {version} 版，而不是第 {expected} 版）：请重新打开后再操作").format(
            id=case.id, version=case.version, expected=expected))


def _bump(case: DelistCase) -> None:
    case.version = (case.version or 0) + 1
    case.updated_at = now()


# -- opening -----------------------------------------------------------------------------------------
def open_case(session: Session, inspection: Inspection, actor: str, today: date, *,
              on: date | None = None) -> DelistCase:
    """Open a case on ``on`` (default ``today``) from a finished inspection concluding 建议摘牌, its grounds
    frozen from that conclusion (as of ``today``). Refused for an open inspection, another conclusion, a
    grade this program does not revoke, an office above the deciding body (it cannot send a case down),
    and while a case of the enterprise is open."""
    on = on or today
    if on > today:
        raise ValidationError(_("立案日期 {on} 晚于今天").format(on=on.isoformat()))
    office = campaigns.office(session)
    if not office.level:
        raise ValidationError(_("本机关尚未设置层级（workspace set level …）：不能立摘牌案卷"))
    if InspectionStatus(inspection.status) not in LOCKED_STATUSES:
        raise LifecycleError(_("检查 {id} 尚未完成锁定（{label}）：结论确定后才能立摘牌案卷").format(
            id=inspection.id, label=_(InspectionStatus(inspection.status).label)))
    grade = inspection.enterprise.cert_grade
    level = delisting.deciding_level(grade)
    if delisting.LEVEL_RANK.get(office.level, 0) > delisting.LEVEL_RANK[level]:
        raise ValidationError(_("{grade}证书由{level}撤销：本机关（{level2}）不办理此摘牌案卷").format(
            grade=grade, level=_(LEVELS[level]), level2=_(LEVELS[office.level])))
    grounds = grounds_of(session, inspection, today)
    if not grounds:
        raise ValidationError(_("检查 {id} 的结论不是“{delist}”（当前：{outcome}）：只能从结论为建议摘牌的检查立案").format(
            id=inspection.id, delist=_(DELIST), outcome=_(inspection.outcome) if inspection.outcome else _("无")))
    same = session.scalar(select(DelistCase).where(DelistCase.inspection_uid == inspection.uid))
    if same is not None:
        raise ValidationError(_("检查 {id} 已立摘牌案卷 {id2}").format(id=inspection.id, id2=same.id))
    running = session.scalar(select(DelistCase).where(DelistCase.enterprise_id == inspection.enterprise_id,
                                                      DelistCase.stage.not_in(delisting.FINAL_STAGES)))
    if running is not None:
        raise ValidationError(_("企业“{name}”已有未结束的摘牌案卷 {id}").format(
            name=inspection.enterprise.name, id=running.id))
    case = DelistCase(enterprise_id=inspection.enterprise_id, inspection_uid=inspection.uid, cert_grade=grade,
                      deciding_level=level, stage="opened", grounds=json.dumps(grounds, ensure_ascii=False),
                      origin="", opened_by=actor)
    session.add(case)
    session.flush()
    session.add(CaseStep(case_id=case.id, stage="opened", on=on, by=actor, body=_office_body(session, office),
                         note=f"据检查 {inspection.uid}（结论：{inspection.outcome}）立案"))
    audit.record(session, None, "case", case.uid, "stage", "", "opened", actor, f"检查 {inspection.uid}")
    session.flush()
    return case


# -- the steps ---------------------------------------------------------------------------------------
def advance(session: Session, case: DelistCase, name: str, on: date, actor: str, *, today: date,
            number: str = "", note: str = "", file: StoredFile | None = None, defence_until: date | None = None,
            no_defence: bool = False, expected_version: int | None = None) -> StepDone:
    """Record the next step (``domain.delisting.STEPS``): checked for order, dates and who decides,
    then dated, numbered, audited and counted in the case's version."""
    _check_version(case, expected_version)
    if on > today:
        raise ValidationError(_("日期 {on} 晚于今天：只记录已经发生的步骤").format(on=on.isoformat()))
    office = campaigns.office(session)
    wanted = delisting.step(name)
    if wanted.deciding_body_only:
        delisting.check_decider(wanted, office.level, case.deciding_level, case.cert_grade)
    elif case.origin:
        raise LifecycleError(_("摘牌案卷 {id} 由下级机关（{origin}）办理，随其汇总数据包而来：本机关只能作出决定，不能记录{label}（须由该机关记录，再随其下一份汇总上报）").format(
            id=case.id, origin=case.origin, label=_(wanted.label)))
    taken = delisting.check_step(name, state_of(session, case), on, no_defence=no_defence)
    note, number = note.strip(), number.strip()
    if name in ("notify", "decide") and not number:
        raise ValidationError(_("{label}须写明文书编号（--number）").format(label=_(taken.label)))
    if name == "defence" and not no_defence and not (note or file):
        raise ValidationError(_("陈述申辩须附上企业的书面材料（--file）或写明其内容（--note）；"
                              "期限届满未收到的，记为逾期未陈述申辩"))
    if name != "defence" and no_defence:
        raise ValidationError(_("“逾期未陈述申辩”只用于陈述申辩这一步"))
    if defence_until is not None and name != "notify":
        raise ValidationError(_("陈述申辩期限只在告知时确定"))
    body = _office_body(session, office)
    if name == "notify":
        until = defence_until or delisting.defence_deadline(on, defence_days(session))
        if until < on:
            raise ValidationError(_("陈述申辩期限 {until} 早于告知日期 {on}").format(
                until=until.isoformat(), on=on.isoformat()))
        old_until, case.defence_until = case.defence_until, until
        audit.record(session, None, "case", case.uid, "defence_until", old_until, until, actor)
    elif name == "defence":
        enterprise = session.get(Enterprise, case.enterprise_id)
        body = enterprise.name if enterprise is not None else ""
        if no_defence:
            note = f"{NO_DEFENCE_NOTE}（期限至 {case.defence_until.isoformat() if case.defence_until else '—'}）" + (
                f"；{note}" if note else "")
    elif name == "decide":
        case.decision_number = number
    elif name == "withdraw":
        case.reapply_after = delisting.reapply_from(on)
        audit.record(session, None, "case", case.uid, "reapply_after", None, case.reapply_after, actor,
                     delisting.REAPPLY_SOURCE)
    session.add(CaseStep(case_id=case.id, stage=taken.stage, on=on, by=actor, body=body, note=note,
                         document_number=number, file_sha256=file.sha256 if file else "",
                         file_name=file.name if file else ""))
    old = case.stage
    case.stage = taken.stage
    _bump(case)
    audit.record(session, None, "case", case.uid, "stage", old, taken.stage, actor,
                 f"{taken.label} {on.isoformat()} {number}".strip())
    session.flush()
    return done(case)


def done(case: DelistCase) -> StepDone:
    return StepDone(case.id, case.enterprise_id, case.stage, case.version, case.defence_until, case.reapply_after)

