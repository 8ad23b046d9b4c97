"""The demo's audit trail on the demo's own calendar: operations stamp their audit rows with the clock
(today), but a 2020 campaign's demo must read in 2020 – the progress report counts statuses as of a date
from these rows, and a dashboard as of 2020-03-27 would otherwise show nothing."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.domain.lifecycle import FindingStatus, InspectionStatus
from inspector_app.storage.models import AuditEvent, Finding, Inspection
from inspector_app.storage.models_sheets import Recheck

# How long after completion each later status of the demo happens (sent, received, decided).
_AFTER_COMPLETION = {InspectionStatus.EXPORTED.value: timedelta(days=1),
                     InspectionStatus.RECEIVED.value: timedelta(days=2),
                     InspectionStatus.RETURNED.value: timedelta(days=4),
                     InspectionStatus.ACCEPTED.value: timedelta(days=5)}


def backdate(session: Session, inspection: Inspection, since: datetime) -> None:
    """Move the rows written since ``since`` for this inspection (and its findings' creation) to the
    times the demo gave the inspection: assigned, started, completed and the statuses after it."""
    session.flush()
    assigned = inspection.assigned_at
    started = inspection.started_at or assigned
    completed = inspection.completed_at or inspection.ended_at or started
    at_status = {InspectionStatus.ASSIGNED.value: assigned, InspectionStatus.IN_PROGRESS.value: started,
                 InspectionStatus.COMPLETED.value: completed}
    at_status |= {status: completed + delay for status, delay in _AFTER_COMPLETION.items()}
    findings = {f.uid: f for f in inspection.findings}
    for finding in findings.values():
        finding.created_at = finding.updated_at = started
    events = session.scalars(select(AuditEvent).where(AuditEvent.inspection_id == inspection.id,
                                                      AuditEvent.at >= since))
    for event in events:
        if event.entity == "inspection" and event.field == "status" and event.new_value in at_status:
            event.at = at_status[event.new_value]
        elif event.entity == "finding" and event.field == "status":
            event.at = _finding_time(findings.get(event.entity_key), event.new_value, started)
        elif event.field == "recheck_visit":
            visit = session.scalar(select(Recheck.rechecked_at).where(Recheck.inspection_id == inspection.id))
            event.at = visit or completed
        else:
            event.at = min(max(started, assigned), completed)


def _finding_time(finding: Finding | None, status: str, started: datetime) -> datetime:
    if finding is None or finding.rechecked_at is None:
        return started
    if status == FindingStatus.RECTIFIED.value:
        return finding.rechecked_at - timedelta(days=1)
    return finding.rechecked_at
