"""Sanctions on review organisations and reviewers, and the statuses they set (苏应急电〔2020〕3号 第四条:
"对存在问题多、评审质量差的评审单位，给予通报批评、暂停评审活动，问题特别严重的取消评审资格；对于工作绩效差、
廉洁自律问题多的评审人员实施黑名单管理"; 常应急函〔2020〕8号 第四条 for the reviewers' blacklist).

A sanction is a recorded decision – kind, grounds, the cases and inspections it rests on, the deciding body,
the date and the document's number, for a suspension its period – and may be lifted (``lifted_on``). The
sanctions are the record; the ``status`` columns of ``organisations`` and ``reviewers`` are derived from the
sanctions in force and refreshed whenever one is recorded or lifted (``refresh_status``), and daily by
``refresh_all`` (a suspension's period ends without anyone acting).

**In force on a day**: decided on or before it, not lifted on or before it, and – for a suspension, or any
sanction given a period – within ``period_from`` … ``period_until`` (both days included).

**Precedence** of an organisation's status when several are in force (the most severe wins, in the order
the notice names them): 取消评审资格 > 暂停评审活动 (in its period) > 通报批评 > 正常. A 通报批评 has no end
of its own in the notice: it stands until lifted (or until the end of a period, when one was given). A
reviewer is 黑名单 while a blacklist sanction is in force, else 正常."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from inspector_app.domain.errors import LifecycleError, NotFoundError, ValidationError
from inspector_app.services import audit
from inspector_app.storage.models import now
from inspector_app.storage.models_registers import SANCTION_KINDS, Organisation, Reviewer, Sanction
from inspector_app.translation import _, listing

ORG_KINDS = ("criticism", "suspension", "disqualification")
#: The most severe first (see the module): the status an organisation takes from the sanctions in force.
PRECEDENCE: tuple[tuple[str, str], ...] = (("disqualification", "取消评审资格"), ("suspension", "暂停评审活动"),
                                           ("criticism", "通报批评"))
BASIS = "苏应急电〔2020〕3号 第四条；常应急函〔2020〕8号 第四条（评审人员黑名单管理）"
NORMAL = "正常"


def in_force(sanction: Sanction, day: date) -> bool:
    """Whether ``sanction`` applies on ``day`` (see the module)."""
    start = sanction.period_from or sanction.decided_on
    if day < start or day < sanction.decided_on:
        return False
    if sanction.lifted_on is not None and sanction.lifted_on <= day:
        return False
    return sanction.period_until is None or day <= sanction.period_until


def suspended_on(session: Session, org_id: int, day: date) -> Sanction | None:
    """The sanction that bars the organisation from reviewing on ``day`` – 取消评审资格 in force, else a
    暂停评审活动 within its period – or ``None``. For the conflict rules: a review an organisation did on a day
    this returns a sanction for is flagged (通报批评 does not bar reviewing)."""
    rows = session.scalars(select(Sanction).where(Sanction.org_id == org_id,
                                                  Sanction.kind.in_(("disqualification", "suspension")))
                           .order_by(Sanction.decided_on, Sanction.id))
    found = [s for s in rows if in_force(s, day)]
    return next((s for kind in ("disqualification", "suspension") for s in found if s.kind == kind), None)


def find_org(session: Session, text: str) -> Organisation:
    """An organisation by its name or USCC."""
    key = text.strip()
    found = session.scalar(select(Organisation).where(or_(Organisation.name == key, Organisation.uscc == key.upper())))
    if found is None or not key:
        raise NotFoundError(_("机构名录中没有“{text}”（按名称或统一社会信用代码查找）").format(text=text))
    return found


def find_reviewer(session: Session, cert_number: str) -> Reviewer:
    found = session.scalar(select(Reviewer).where(Reviewer.cert_number == cert_number.strip()))
    if found is None:
        raise NotFoundError(_("评审人员名录中没有证书编号为“{cert_number}”的人员").format(cert_number=cert_number))
    return found


def get(session: Session, sanction_id: int) -> Sanction:
    found = session.get(Sanction, sanction_id)
    if found is None:
        raise NotFoundError(_("没有编号为 {sanction_id} 的处理决定").format(sanction_id=sanction_id))
    return found


def _in_force(session: Session, column: Any, target_id: int, day: date) -> list[Sanction]:
    rows = session.scalars(select(Sanction).where(column == target_id).order_by(Sanction.decided_on, Sanction.id))
    return [s for s in rows if in_force(s, day)]


def refresh_status(session: Session, target: Organisation | Reviewer, today: date, actor: str = "") -> bool:
    """Set the organisation's (reviewer's) status from the sanctions in force on ``today`` (the precedence
    in the module); ``True`` when it changed (audited, the row's version bumped)."""
    if isinstance(target, Organisation):
        active = _in_force(session, Sanction.org_id, target.id, today)
        chosen = next((s for kind, _label in PRECEDENCE for s in active if s.kind == kind), None)
        status = SANCTION_KINDS[chosen.kind] if chosen is not None else NORMAL
        since = (chosen.period_from or chosen.decided_on) if chosen is not None else None
        until = chosen.period_until if chosen is not None else None
        old_status = target.status
        if (old_status, target.status_since, target.status_until) == (status, since, until):
            return False
        target.status, target.status_since, target.status_until = status, since, until
        entity, key = "organisation", target.uid
    else:
        active = [s for s in _in_force(session, Sanction.reviewer_id, target.id, today) if s.kind == "blacklist"]
        chosen = active[-1] if active else None
        status = SANCTION_KINDS["blacklist"] if chosen is not None else NORMAL
        since = chosen.decided_on if chosen is not None else None
        reason = f"{chosen.deciding_body} {chosen.document_number}：{chosen.grounds}" if chosen is not None else ""
        old_status = target.status
        if (old_status, target.status_since, target.status_reason) == (status, since, reason):
            return False
        target.status, target.status_since, target.status_reason = status, since, reason
        entity, key = "reviewer", target.uid
    target.version = (target.version or 0) + 1
    target.updated_at = now()
    audit.record(session, None, entity, key, "status", old_status, status, actor or "system",
                 f"据处理决定重新确定（{today.isoformat()}）")
    return True


def refresh_all(session: Session, today: date, actor: str = "") -> int:
    """Refresh every organisation and reviewer a sanction names (a period that ended, a lifting): how
    many statuses changed."""
    org_ids = set(session.scalars(select(Sanction.org_id).where(Sanction.org_id.is_not(None))))
    reviewer_ids = set(session.scalars(select(Sanction.reviewer_id).where(Sanction.reviewer_id.is_not(None))))
    changed = 0
    for org in session.scalars(select(Organisation).where(Organisation.id.in_(org_ids))):
        changed += refresh_status(session, org, today, actor)
    for reviewer in session.scalars(select(Reviewer).where(Reviewer.id.in_(reviewer_ids))):
        changed += refresh_status(session, reviewer, today, actor)
    return changed


def add(session: Session, kind: str, *, grounds: str, deciding_body: str, decided_on: date, actor: str,
        today: date, org: Organisation | None = None, reviewer: Reviewer | None = None, number: str = "",
        period_from: date | None = None, period_until: date | None = None,
        linked: list[dict[str, str]] | None = None) -> Sanction:
    """Record a decision (``SANCTION_KINDS``): 通报批评, 暂停评审活动 (with its period: from the decision or
    ``period_from`` until ``period_until``, required) and 取消评审资格 on a review organisation (评审单位), 黑名单
    on a reviewer; ``linked``: ``[{"case": uid} | {"inspection": uid}]``. The status follows."""
    if kind not in SANCTION_KINDS:
        raise ValidationError(_("处理种类“{kind}”无效，应为 {items}").format(
            kind=kind, items=listing(SANCTION_KINDS)))
    if kind in ORG_KINDS:
        if org is None or reviewer is not None:
            raise ValidationError(_("{sanction_kind}针对评审单位：须写明机构（--org），不写评审人员").format(
                sanction_kind=_(SANCTION_KINDS[kind])))
        if org.kind != "review":
            raise ValidationError(_("“{name}”不是评审单位：{sanction_kind}只适用于评审单位（{basis}）").format(
                name=org.name, sanction_kind=_(SANCTION_KINDS[kind]), basis=BASIS))
    elif reviewer is None or org is not None:
        raise ValidationError(_("黑名单针对评审人员：须写明评审人员（--reviewer 证书编号），不写机构"))
    if not grounds.strip() or not deciding_body.strip():
        raise ValidationError(_("处理决定须写明理由（--grounds）和决定机关（--body）"))
    if decided_on > today:
        raise ValidationError(_("决定日期 {decided_on} 晚于今天").format(decided_on=decided_on.isoformat()))
    if kind == "suspension" and period_until is None:
        raise ValidationError(_("暂停评审活动须写明暂停期限（--until）"))
    start = period_from or (decided_on if period_until is not None else None)
    if start is not None and period_until is not None and period_until < start:
        raise ValidationError(_("期限 {period_until} 早于开始日期 {start}").format(
            period_until=period_until.isoformat(), start=start.isoformat()))
    sanction = Sanction(kind=kind, org_id=org.id if org else None, reviewer_id=reviewer.id if reviewer else None,
                        grounds=grounds.strip(), linked=json.dumps(linked or [], ensure_ascii=False),
                        deciding_body=deciding_body.strip(), decided_on=decided_on, document_number=number.strip(),
                        period_from=start, period_until=period_until, recorded_by=actor)
    session.add(sanction)
    session.flush()
    whom = org.name if org is not None else f"{reviewer.name}（{reviewer.cert_number}）" if reviewer else ""
    audit.record(session, None, "sanction", sanction.uid, "decided", "", f"{SANCTION_KINDS[kind]} {whom}", actor,
                 f"{sanction.deciding_body} {sanction.document_number} {decided_on.isoformat()}".strip())
    refresh_status(session, org if org is not None else reviewer, today, actor)  # type: ignore[arg-type]
    return sanction


def lift(session: Session, sanction: Sanction, on: date, actor: str, today: date, note: str = "") -> None:
    """Lift a sanction from ``on`` (it no longer applies that day); the status follows."""
    if sanction.lifted_on is not None:
        raise LifecycleError(_("处理决定 {id} 已于 {lifted_on} 解除").format(
            id=sanction.id, lifted_on=sanction.lifted_on.isoformat()))
    if on < sanction.decided_on:
        raise ValidationError(_("解除日期 {on} 早于决定日期 {decided_on}").format(
            on=on.isoformat(), decided_on=sanction.decided_on.isoformat()))
    if on > today:
        raise ValidationError(_("解除日期 {on} 晚于今天").format(on=on.isoformat()))
    sanction.lifted_on = on
    audit.record(session, None, "sanction", sanction.uid, "lifted_on", None, on, actor, note.strip())
    target = (session.get(Organisation, sanction.org_id) if sanction.org_id is not None
              else session.get(Reviewer, sanction.reviewer_id))
    if target is not None:
        refresh_status(session, target, today, actor)
    session.flush()
