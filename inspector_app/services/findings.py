"""Hazard findings (隐患): recording, editing and the rectification lifecycle."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from inspector_app.domain.errors import NotFoundError, ValidationError
from inspector_app.domain.lifecycle import FindingStatus, Severity, check_finding_transition
from inspector_app.services import audit
from inspector_app.services.inspections import require_editable, rescore
from inspector_app.storage.models import Finding, Inspection, now

EDITABLE = ("item_code", "severity", "description", "requirement", "deadline", "responsible_person")


def get(session: Session, finding_id: int) -> Finding:
    finding = session.get(Finding, finding_id)
    if finding is None:
        raise NotFoundError(f"没有编号为 {finding_id} 的隐患")
    return finding


def _validate(severity: str, description: str, deadline: date | None) -> None:
    if severity not in (Severity.GENERAL, Severity.MAJOR):
        raise ValidationError(f"隐患级别“{severity}”无效，应为“一般”或“重大”")
    if not description.strip():
        raise ValidationError("隐患描述不能为空")
    if deadline is not None and not isinstance(deadline, date):
        raise ValidationError("整改期限须为日期")


def add(session: Session, inspection: Inspection, actor: str, *, description: str,
        severity: str = Severity.GENERAL, item_code: str = "", requirement: str = "",
        deadline: date | None = None, responsible_person: str = "") -> Finding:
    require_editable(inspection)
    _validate(severity, description, deadline)
    finding = Finding(item_code=item_code, severity=str(severity), description=description.strip(),
                      requirement=requirement.strip(), deadline=deadline,
                      responsible_person=responsible_person.strip(), status=FindingStatus.OPEN.value)
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
    merged = {name: values.get(name, getattr(finding, name)) for name in EDITABLE}
    _validate(merged["severity"], merged["description"], merged["deadline"])
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


def set_status(session: Session, finding: Finding, new: FindingStatus, actor: str, note: str = "") -> None:
    """Move along 待整改 → 已整改待复查 → 复查合格 | 复查不合格. Allowed on locked inspections:
    rectification is followed up after the inspection itself is closed."""
    old = FindingStatus(finding.status)
    check_finding_transition(old, new)
    inspection = session.get(Inspection, finding.inspection_id)
    assert inspection is not None
    finding.status = new.value
    if new in (FindingStatus.PASSED, FindingStatus.FAILED):
        finding.rechecked_at = now()
        finding.recheck_note = note
    finding.updated_at = now()
    audit.record(session, inspection, "finding", finding.uid, "status", old.value, new.value, actor, note)
    audit.touch(inspection)
    rescore(session, inspection)
