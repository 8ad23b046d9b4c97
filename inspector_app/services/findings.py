"""Hazard findings (隐患): recording, editing, the rectification lifecycle and the re-check visit.

Plausibility: a deadline falls after the inspection date (a hazard to remove at once has no deadline);
on-site measures (现场处理措施决定书) are for 重大 hazards only; a re-check comes after the order and is
made by two enforcement officers.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.domain.errors import NotFoundError, StaleEditError, ValidationError
from inspector_app.domain.lifecycle import FindingStatus, Severity, check_finding_transition
from inspector_app.services import audit
from inspector_app.services.inspections import find_or_create_inspector, require_editable, rescore
from inspector_app.storage.models import OFFICER, ON_SITE_MEASURES, PERSON_ROLES, Finding, Inspection, now
from inspector_app.storage.models_sheets import Recheck
from inspector_app.translation import _, listing

EDITABLE = ("item_code", "severity", "description", "requirement", "deadline", "responsible_person", "measures")


def get(session: Session, finding_id: int, *, lock: bool = False) -> Finding:
    """The finding; ``lock``: its row locked to the end of the transaction (PostgreSQL ``FOR UPDATE``: a
    second supervisor's edit waits for the first to commit and then reads its version; SQLite's unit of
    work already holds the write lock)."""
    finding = session.get(Finding, finding_id, with_for_update=lock or None)
    if finding is None:
        raise NotFoundError(_("没有编号为 {id} 的隐患").format(id=finding_id))
    return finding


def check_version(finding: Finding, expected_version: int | None) -> None:
    """Refuse an edit made on an older reading of the finding (None: no check), saying what it is now."""
    if expected_version is not None and finding.version != expected_version:
        raise StaleEditError(_("隐患“{description}”已被他人修改，现在是“{status}”（第 {version} 版，您看到的是第 "
                               "{seen} 版）；本次修改未保存，请刷新后再改").format(
            description=finding.description, status=finding.status, version=finding.version, seen=expected_version))


def inspection_date(inspection: Inspection) -> date:
    """The day of the inspection (today for one not started yet)."""
    return (inspection.started_at or now()).date()


def measures_text(measures: str | Sequence[str]) -> str:
    """On-site measures as stored: known codes (``ON_SITE_MEASURES``) joined by ","; refuses others."""
    codes = [m.strip() for m in (measures.split(",") if isinstance(measures, str) else measures) if m.strip()]
    unknown = [m for m in codes if m not in ON_SITE_MEASURES]
    if unknown:
        raise ValidationError(_("现场处理措施“{measures}”无效，应为 {allowed}").format(
            measures=listing(unknown), allowed=listing(ON_SITE_MEASURES)))
    return ",".join(dict.fromkeys(codes))


def _validate(inspection: Inspection, severity: str, description: str, deadline: date | None,
              measures: str) -> None:
    if severity not in (Severity.GENERAL, Severity.MAJOR):
        raise ValidationError(_("隐患级别“{severity}”无效，应为“一般”或“重大”").format(severity=severity))
    if not description.strip():
        raise ValidationError(_("隐患描述不能为空"))
    if deadline is not None and not isinstance(deadline, date):
        raise ValidationError(_("整改期限须为日期"))
    day = inspection_date(inspection)
    if deadline is not None and deadline <= day:
        raise ValidationError(_("整改期限（{deadline}）须晚于检查日期（{day}）；须立即排除的隐患不填整改期限").format(
            deadline=f"{deadline:%Y-%m-%d}", day=f"{day:%Y-%m-%d}"))
    if measures and severity != Severity.MAJOR:
        raise ValidationError(_("责令撤出作业人员、暂时停产停业或者停止使用设施设备的现场处理措施只用于重大事故隐患"))


def add(session: Session, inspection: Inspection, actor: str, *, description: str,
        severity: str = Severity.GENERAL, item_code: str = "", requirement: str = "",
        deadline: date | None = None, responsible_person: str = "", measures: str | Sequence[str] = "") -> Finding:
    """Record a hazard. ``measures``: the on-site measures a 重大 hazard needs (codes of
    ``ON_SITE_MEASURES``: evacuate, suspend, stop_use), for a 现场处理措施决定书."""
    require_editable(inspection)
    stored = measures_text(measures)
    _validate(inspection, severity, description, deadline, stored)
    finding = Finding(item_code=item_code, severity=str(severity), description=description.strip(),
                      requirement=requirement.strip(), deadline=deadline,
                      responsible_person=responsible_person.strip(), status=FindingStatus.OPEN.value,
                      measures=stored)
    inspection.findings.append(finding)
    session.flush()
    audit.record(session, inspection, "finding", finding.uid, "created", "",
                 f"[{severity}] {description.strip()}", actor)
    audit.touch(inspection)
    rescore(session, inspection)
    return finding


def update(session: Session, finding: Finding, actor: str, **values: Any) -> None:
    inspection = session.get(Inspection, finding.inspection_id)
    assert inspection is not None
    require_editable(inspection)
    if "measures" in values:
        values = {**values, "measures": measures_text(values["measures"])}
    merged = {name: values.get(name, getattr(finding, name)) for name in EDITABLE}
    # a deadline is checked when it is set: an edit of the text alone is not refused for it
    deadline_set = "deadline" in values and values["deadline"] != finding.deadline
    _validate(inspection, merged["severity"], merged["description"],
              merged["deadline"] if deadline_set else None, merged["measures"])
    for name, value in values.items():
        if name not in EDITABLE:
            raise ValueError(f"unknown finding field {name}")
        old = getattr(finding, name)
        if old != value:
            setattr(finding, name, value)
            audit.record(session, inspection, "finding", finding.uid, name, old, value, actor)
    finding.updated_at = now()
    audit.touch(inspection)
    rescore(session, inspection)


def remove(session: Session, finding: Finding, actor: str) -> None:
    inspection = session.get(Inspection, finding.inspection_id)
    assert inspection is not None
    require_editable(inspection)
    audit.record(session, inspection, "finding", finding.uid, "deleted", finding.description, "", actor)
    inspection.findings.remove(finding)
    audit.touch(inspection)
    rescore(session, inspection)


def set_status(session: Session, finding: Finding, new: FindingStatus, actor: str, note: str = "", *,
               at: datetime | None = None) -> None:
    """Move along 待整改 → 已整改待复查 → 复查合格 | 复查不合格 (a re-check result at ``at``, default now).
    Allowed on locked inspections: rectification is followed up after the inspection itself is closed."""
    old = FindingStatus(finding.status)
    check_finding_transition(old, new)
    inspection = session.get(Inspection, finding.inspection_id)
    assert inspection is not None
    when = at or now()
    if inspection.started_at is not None and when < inspection.started_at:
        raise ValidationError(_("复查时间（{when}）早于检查开始时间").format(when=f"{when:%Y-%m-%d %H:%M}"))
    finding.status = new.value
    if new in (FindingStatus.PASSED, FindingStatus.FAILED):
        finding.rechecked_at = when
        finding.recheck_note = note
    finding.updated_at = now()
    audit.record(session, inspection, "finding", finding.uid, "status", old.value, new.value, actor, note)
    audit.touch(inspection)
    rescore(session, inspection)


def set_recheck(session: Session, inspection: Inspection, rechecked_at: datetime,
                officers: Sequence[tuple[str, str]], actor: str, opinion: str = "") -> Recheck:
    """The re-check visit (整改复查) of the inspection's order: its time (not before the inspection) and
    its own two enforcement officers (name, 执法证号). Allowed on a locked inspection."""
    people = [find_or_create_inspector(session, name, cert, actor=actor) for name, cert in officers]
    if len(people) != 2 or people[0].id == people[1].id:
        raise ValidationError(_("复查须由两名不同的行政执法人员进行"))
    experts = [p.name for p in people if p.role != OFFICER]
    if experts:
        raise ValidationError(_("{names} 是{role}，复查须由行政执法人员进行").format(
            names=listing(experts), role=_(PERSON_ROLES.get(people[0].role, ""))))
    start = inspection.ended_at or inspection.started_at
    if start is None:
        raise ValidationError(_("检查尚未进行，不能登记复查"))
    if rechecked_at < start:
        raise ValidationError(_("复查时间（{when}）早于检查（{start}）").format(
            when=f"{rechecked_at:%Y-%m-%d %H:%M}", start=f"{start:%Y-%m-%d %H:%M}"))
    row = session.scalar(select(Recheck).where(Recheck.inspection_id == inspection.id))
    if row is None:
        row = Recheck(inspection_id=inspection.id)
        session.add(row)
    old = f"{row.rechecked_at or ''} {row.officer1_id or ''},{row.officer2_id or ''}"
    row.rechecked_at = rechecked_at
    row.officer1_id, row.officer2_id = people[0].id, people[1].id
    row.opinion = opinion.strip()
    row.updated_at, row.updated_by = now(), actor
    session.flush()
    audit.record(session, inspection, "sheet", "recheck", "recheck_visit", old,
                 f"{rechecked_at:%Y-%m-%d %H:%M} {people[0].name}、{people[1].name}", actor)
    audit.touch(inspection)
    return row
