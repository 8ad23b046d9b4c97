"""Operations on sanctions (通报批评, 暂停评审活动, 取消评审资格, 黑名单: ``services.sanctions``) and on the
register of suspended review applications (``services.suspensions``). Each its own unit of work, audited;
the organisation's or reviewer's status follows every sanction recorded or lifted."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from inspector_app.services import cases, inspections, sanctions, suspensions
from inspector_app.services.changes import ChangeKind, Changes, OpResult
from inspector_app.services.unit import unit_of_work
from inspector_app.storage.engine import Workspace

CHANGED = Changes.of(ChangeKind.SANCTIONS)


def add_sanction(ws: Workspace, kind: str, actor: str, *, grounds: str, deciding_body: str,
                 decided_on: date | None = None, org: str = "", reviewer: str = "", number: str = "",
                 period_from: date | None = None, period_until: date | None = None, case_ids: Sequence[int] = (),
                 inspection_ids: Sequence[int] = (), today: date | None = None) -> OpResult[int]:
    """Record a decision on a review organisation (``org``: name or USCC) or a reviewer (``reviewer``:
    certificate number), linked to the case files and inspections it rests on. The value is its id."""
    today = today or date.today()
    with unit_of_work(ws) as session:
        linked = [{"case": cases.get(session, n).uid} for n in case_ids]
        linked += [{"inspection": inspections.get(session, n).uid} for n in inspection_ids]
        row = sanctions.add(session, kind, grounds=grounds, deciding_body=deciding_body,
                            decided_on=decided_on or today, actor=actor, today=today,
                            org=sanctions.find_org(session, org) if org else None,
                            reviewer=sanctions.find_reviewer(session, reviewer) if reviewer else None,
                            number=number, period_from=period_from, period_until=period_until, linked=linked)
        return OpResult(row.id, CHANGED)


def lift_sanction(ws: Workspace, sanction_id: int, actor: str, *, on: date | None = None, note: str = "",
                  today: date | None = None) -> Changes:
    """Lift a sanction from ``on`` (default today); the status is recomputed from what stays in force."""
    today = today or date.today()
    with unit_of_work(ws) as session:
        sanctions.lift(session, sanctions.get(session, sanction_id), on or today, actor, today, note)
        return CHANGED


def refresh_statuses(ws: Workspace, actor: str = "", today: date | None = None) -> OpResult[int]:
    """Recompute every sanctioned organisation's and reviewer's status for ``today`` (a suspension whose
    period ended): how many changed (no changes reported when none did)."""
    with unit_of_work(ws) as session:
        changed = sanctions.refresh_all(session, today or date.today(), actor)
        return OpResult(changed, CHANGED if changed else Changes())


def add_suspension(ws: Workspace, grade: str, area: str, since: date, actor: str, *, decided_by: str,
                   resumed: date | None = None, basis: str = "") -> OpResult[tuple[int, bool]]:
    """Record a suspension of review applications (or, with ``resumed``, the end of one already recorded
    with the same grade, area and start). The value: its id and whether it is new."""
    with unit_of_work(ws) as session:
        row, created = suspensions.add(session, grade, area, since, decided_by=decided_by, actor=actor,
                                       resumed=resumed, basis=basis)
        return OpResult((row.id, created), CHANGED)


def record_notice_suspensions(ws: Workspace, actor: str) -> OpResult[int]:
    """Record the suspensions the 2020 notices state (``services.suspensions.NOTICE_FACTS``) that are not
    recorded yet; for the demo and for a bureau starting its register. The value: how many were added."""
    with unit_of_work(ws) as session:
        added = suspensions.record_notice_facts(session, actor)
        return OpResult(added, CHANGED if added else Changes())
