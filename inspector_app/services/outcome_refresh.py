"""Keeping cached outcomes true as time passes.

An inspection's cached score, grade and outcome are recomputed on every edit, but one input is the
calendar: a 重大 hazard whose rectification deadline passes unrectified turns the outcome into
建议摘牌 without anybody editing anything. Deadlines are dates, so refreshing the affected inspections
once a day (stamped in the workspace) keeps every list, report and the desk correct.

The same daily pass clears what a workspace cached before nothing-answered-yet meant "not yet"
(``domain.states``): an inspection still 已分配 has no answer of the inspector's (the first answer starts
it), so a score, grade or outcome cached on one is rescored away.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.domain.lifecycle import FindingStatus, InspectionStatus, Severity
from inspector_app.services.inspections import rescore
from inspector_app.services.outcome_stamp import STAMP_KEY, refreshed_today
from inspector_app.storage.models import Finding, Inspection, Meta


def refresh_overdue(session: Session, today: date | None = None) -> int:
    """Rescore inspections with an unrectified 重大 hazard past its deadline; stamp the day.
    Returns how many cached outcomes changed. The caller commits."""
    today = today or date.today()
    overdue = (select(Finding.inspection_id)
               .where(Finding.severity == Severity.MAJOR.value,
                      Finding.status.in_((FindingStatus.OPEN.value, FindingStatus.FAILED.value)),
                      Finding.deadline < today)
               .distinct())
    stale = select(Inspection.id).where(Inspection.status == InspectionStatus.ASSIGNED.value,
                                        Inspection.origin == "",
                                        (Inspection.outcome != "") | (Inspection.grade != "")
                                        | Inspection.score.is_not(None))
    changed = 0
    for inspection in session.scalars(select(Inspection).where(Inspection.id.in_(overdue) | Inspection.id.in_(stale))):
        before = inspection.outcome
        rescore(session, inspection, today)
        changed += inspection.outcome != before
    stamp = session.get(Meta, STAMP_KEY)
    if stamp is None:
        session.add(Meta(key=STAMP_KEY, value=today.isoformat()))
    else:
        stamp.value = today.isoformat()
    return changed


def refresh_if_due(session: Session, today: date | None = None) -> int:
    """``refresh_overdue`` unless it already ran today."""
    stamp = session.get(Meta, STAMP_KEY)
    if refreshed_today(stamp.value if stamp else None, today):
        return 0
    return refresh_overdue(session, today)
