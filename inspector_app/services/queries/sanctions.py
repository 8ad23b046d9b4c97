"""Read models of sanctions (``services.sanctions``) and of the register of suspended review applications
(``services.suspensions``), and the question the planning screen asks: is an application of this grade
from this area suspended on this day?"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import select

from inspector_app.services import sanctions, suspensions
from inspector_app.services.unit import reading
from inspector_app.storage.engine import Workspace
from inspector_app.storage.models_registers import SANCTION_KINDS, Organisation, Reviewer, Sanction
from inspector_app.translation import N_, NP_

Suspension = suspensions.Suspension
SANCTION_COLUMNS = ("id", "kind", "target", "status_now", "grounds", "deciding_body", "decided_on", "number",
                    "period_from", "period_until", "lifted_on", "linked")
SANCTION_HEADINGS = {
    "id": NP_("heading", "编号"), "kind": NP_("heading", "处理"), "target": NP_("heading", "对象"),
    "status_now": NP_("heading", "现状"), "grounds": NP_("heading", "理由"), "deciding_body": NP_("heading", "决定机关"),
    "decided_on": NP_("heading", "决定日期"), "number": NP_("heading", "文号"), "period_from": NP_("heading", "期限自"),
    "period_until": NP_("heading", "期限至"), "lifted_on": NP_("heading", "解除日期"), "linked": NP_("heading", "关联"),
}
SUSPENSION_COLUMNS = ("id", "grade", "area", "suspended_from", "resumed_on", "in_force", "decided_by", "basis")
SUSPENSION_HEADINGS = {
    "id": NP_("heading", "编号"), "grade": NP_("heading", "等级"), "area": NP_("heading", "辖区"),
    "suspended_from": NP_("heading", "暂停自"), "resumed_on": NP_("heading", "恢复日期"), "in_force": NP_("heading", "现状"),
    "decided_by": NP_("heading", "决定机关"), "basis": NP_("heading", "依据"),
}


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _linked(text: str) -> str:
    items = json.loads(text or "[]")
    return "、".join(f"{'案卷' if 'case' in i else '检查'} {next(iter(i.values()))[:8]}" for i in items)


def _state(sanction: Sanction, today: date) -> str:
    """In force or not, as a stored word (N_: the CLI shows it in the interface language, the GUI through
    OfficeTexts)."""
    if sanction.lifted_on is not None and sanction.lifted_on <= today:
        return N_("已解除")
    if sanctions.in_force(sanction, today):
        return N_("执行中")
    return N_("未开始") if today < (sanction.period_from or sanction.decided_on) else N_("已到期")


def sanction_rows(ws: Workspace, today: date | None = None) -> list[dict[str, Any]]:
    """Every sanction, newest first, with whom it names and whether it is in force ``today``."""
    today = today or date.today()
    with reading(ws) as session:
        orgs = {o.id: o.name for o in session.scalars(select(Organisation))}
        people = {r.id: f"{r.name}（{r.cert_number}）" for r in session.scalars(select(Reviewer))}
        rows = []
        for s in session.scalars(select(Sanction).order_by(Sanction.decided_on.desc(), Sanction.id.desc())):
            target = orgs.get(s.org_id, "") if s.org_id is not None else people.get(s.reviewer_id or 0, "")
            state = _state(s, today)
            rows.append({"id": s.id, "kind": SANCTION_KINDS.get(s.kind, s.kind), "kind_code": s.kind,
                         "target": target, "status_now": state, "grounds": s.grounds, "deciding_body": s.deciding_body,
                         "decided_on": _iso(s.decided_on), "number": s.document_number,
                         "period_from": _iso(s.period_from), "period_until": _iso(s.period_until),
                         "lifted_on": _iso(s.lifted_on), "linked": _linked(s.linked)})
        return rows


def suspension_rows(ws: Workspace, today: date | None = None) -> list[dict[str, Any]]:
    """The register of suspended applications, oldest first, with whether each is in force ``today``."""
    today = today or date.today()
    with reading(ws) as session:
        return [{"id": s.id, "grade": s.grade, "area": s.area, "suspended_from": _iso(s.suspended_from),
                 "resumed_on": _iso(s.resumed_on), "in_force": N_("暂停中") if s.covers(today) else (
                     N_("已恢复") if s.resumed_on is not None and s.resumed_on <= today else N_("未开始")),
                 "decided_by": s.decided_by, "basis": s.basis} for s in suspensions.all_suspensions(session)]


def suspended_applications(ws: Workspace, grade: str, area: str, day: date) -> list[Suspension]:
    """For the planning screen: the suspensions in force on ``day`` for applications of ``grade`` from
    ``area`` (recorded for that area or one above it); empty when such applications are accepted."""
    with reading(ws) as session:
        return suspensions.suspended_applications(session, grade, area, day)
