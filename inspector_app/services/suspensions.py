"""The register of suspended review applications (苏应急电〔2020〕3号 第一条: 二级 suspended by the province
"自即日起", 三级 and 小微企业 left to each city; 常应急函〔2020〕8号 一: the city suspended its review of 二级
materials and the city-level 三级 applications, the districts decide for the reviews they are responsible
for): which grade is suspended in which area since when, by whom, on what basis, and when it resumed.

A suspension recorded for an area covers the areas below it (the province's 二级 suspension covers every
city and district). ``suspended_applications`` answers for the planning screen whether an application of
a grade from an area is suspended on a day. The facts the 2020 notices state are shipped as data
(``resources/suspensions/jiangsu-changzhou-2020.json``), each with its basis; where a notice gives no date
the file says so (``since_known``: false)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.domain.errors import ValidationError
from inspector_app.domain.template import resource_path
from inspector_app.services import audit, campaigns
from inspector_app.storage.models_registers import ApplicationSuspension
from inspector_app.translation import _, listing

GRADES = ("二级", "三级", "小微")
NOTICE_FACTS = ("suspensions", "jiangsu-changzhou-2020.json")


@dataclass(frozen=True)
class Suspension:
    id: int
    grade: str
    area: str
    suspended_from: date
    resumed_on: date | None
    decided_by: str
    basis: str

    def covers(self, day: date) -> bool:
        return self.suspended_from <= day and (self.resumed_on is None or day < self.resumed_on)


def _value(row: ApplicationSuspension) -> Suspension:
    return Suspension(row.id, row.grade, row.area, row.suspended_from, row.resumed_on, row.decided_by, row.basis)


def all_suspensions(session: Session) -> list[Suspension]:
    rows = session.scalars(select(ApplicationSuspension).order_by(ApplicationSuspension.suspended_from,
                                                                  ApplicationSuspension.area, ApplicationSuspension.grade))
    return [_value(row) for row in rows]


def suspended_applications(session: Session, grade: str, area: str, day: date) -> list[Suspension]:
    """The suspensions in force on ``day`` for applications of ``grade`` from ``area`` (a jurisdiction
    path, or a name the campaign knows): those recorded for that area or an area above it, from
    ``suspended_from`` until the day before ``resumed_on``. Empty: applications are accepted."""
    campaign = campaigns.current(session)
    path = _path(session, area)
    found = []
    for row in session.scalars(select(ApplicationSuspension).where(ApplicationSuspension.grade == grade)):
        above = campaign.find(row.area)  # exact areas of the tree: a prefix of names never counts
        if above is not None and any(a.path == path for a in above.walk()) and _value(row).covers(day):
            found.append(_value(row))
    return found


def _path(session: Session, area: str) -> str:
    found = campaigns.current(session).find(area)
    if found is None:
        raise ValidationError(_("辖区“{area}”不在当前活动的辖区表中").format(area=area))
    return found.path


def add(session: Session, grade: str, area: str, since: date, *, decided_by: str, actor: str,
        resumed: date | None = None, basis: str = "") -> tuple[ApplicationSuspension, bool]:
    """Record a suspension – or, for one already recorded with the same grade, area and start, its end
    (``resumed``). A second open suspension of the same grade and area is refused. The flag says whether
    a row was added."""
    if grade not in GRADES:
        raise ValidationError(_("等级“{grade}”无效，应为 {items}").format(grade=grade, items=listing(GRADES)))
    if not decided_by.strip():
        raise ValidationError(_("须写明作出暂停决定的机关（--body）"))
    if resumed is not None and resumed < since:
        raise ValidationError(_("恢复日期 {resumed} 早于暂停日期 {since}").format(
            resumed=resumed.isoformat(), since=since.isoformat()))
    path = _path(session, area)
    same = session.scalar(select(ApplicationSuspension).where(
        ApplicationSuspension.grade == grade, ApplicationSuspension.area == path,
        ApplicationSuspension.suspended_from == since))
    if same is not None:
        if resumed is None or same.resumed_on == resumed:
            raise ValidationError(f"{path} 自 {since.isoformat()} 起暂停{grade}评审申请已登记（编号 {same.id}）"
                                  + ("；登记恢复请写 --resumed" if resumed is None else ""))
        old, same.resumed_on = same.resumed_on, resumed
        audit.record(session, None, "suspension", same.uid, "resumed_on", old, resumed, actor, decided_by.strip())
        return same, False
    for other in session.scalars(select(ApplicationSuspension).where(ApplicationSuspension.grade == grade,
                                                                     ApplicationSuspension.area == path)):
        ends = other.resumed_on
        if (ends is None or since < ends) and (resumed is None or other.suspended_from < resumed):
            raise ValidationError(_("{path} 的{grade}评审申请已于 {suspended_from} 起暂停（编号 {id}），与本次登记的期间重叠：先登记其恢复日期").format(
                path=path, grade=grade, suspended_from=other.suspended_from.isoformat(), id=other.id))
    row = ApplicationSuspension(grade=grade, area=path, suspended_from=since, resumed_on=resumed,
                                decided_by=decided_by.strip(), basis=basis.strip(), recorded_by=actor)
    session.add(row)
    session.flush()
    audit.record(session, None, "suspension", row.uid, "suspended_from", "", since, actor,
                 f"{grade} {path} {row.decided_by}")
    return row, True


def notice_facts() -> list[dict[str, Any]]:
    """The suspensions the 2020 notices state (``NOTICE_FACTS``), each with its basis and ``since_known``."""
    data = json.loads(resource_path(*NOTICE_FACTS).read_text(encoding="utf-8"))
    facts: list[dict[str, Any]] = data["suspensions"]
    return facts


def record_notice_facts(session: Session, actor: str) -> int:
    """Record the notices' suspensions that are not recorded yet (same grade, area and start): how many."""
    added = 0
    for fact in notice_facts():
        since = date.fromisoformat(fact["since"])
        path = _path(session, fact["area"])
        known = session.scalar(select(ApplicationSuspension.id).where(
            ApplicationSuspension.grade == fact["grade"], ApplicationSuspension.area == path,
            ApplicationSuspension.suspended_from == since))
        if known is None:
            add(session, fact["grade"], path, since, decided_by=fact["decided_by"], actor=actor,
                resumed=date.fromisoformat(fact["resumed"]) if fact.get("resumed") else None, basis=fact["basis"])
            added += 1
    return added
