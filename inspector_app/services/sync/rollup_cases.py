"""摘牌 case files in roll-ups (docs/bundle-format.md §12, ``bundle.rollup.CASE``): a district prepares a
三级 case (告知, 陈述申辩) and sends it up; the city – the body that granted the grade – decides it here and
sends it on to the province with its decision; a 二级 case goes up to the province the same way.

**Who is authoritative for what.** The office that holds the case (its ``origin``) is authoritative for the
case and its preparation, as for every roll-up record: each new roll-up replaces what this office holds of
it. The steps only the deciding body takes (``delisting.DECISION_STAGES``: the decision or 不予摘牌, the
公告, the certificate withdrawn) belong to the deciding body:

* a roll-up may carry them only from an office at or above the case's deciding level – from below, a
  case with a decision is refused (``not_permitted``: an office below the deciding body cannot decide);
* where this office is the deciding body, the decision steps it recorded stay as they are when the office
  below sends the case again, and so do the decision number and the re-application date; the case's stage
  is the furthest of all its steps;
* a case this office has decided stays when a newer roll-up no longer carries it (reported as a warning).

**The way back down.** Roll-ups only go up: the office below learns of the decision from the decision
document itself (its number is on the case here and in every roll-up above), served as the deciding body
serves its documents; its own copy of the case stays at 陈述申辩 (docs/registers.md, "摘牌案卷")."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.bundle.bag_verify import VerifiedBundle
from inspector_app.bundle.evidence import CASE_FILES, member
from inspector_app.bundle.records import fields_of, parse_field
from inspector_app.bundle.rollup import CASE_FIELDS, STEP_FIELDS
from inspector_app.domain.campaign import Jurisdiction
from inspector_app.domain.delisting import DECISION_STAGES, LEVEL_RANK, stage_of
from inspector_app.services import campaigns
from inspector_app.services.cases import steps_of, stored_path
from inspector_app.services.enterprises import by_uscc
from inspector_app.services.sync import offices
from inspector_app.services.sync.report import Rejected, ReportLine
from inspector_app.storage.models import Enterprise, now
from inspector_app.storage.models_registers import CaseStep, DelistCase
from inspector_app.translation import _

Files = dict[str, Path]


def case_record(session: Session, case: DelistCase, own_path: str) -> dict[str, Any]:
    """The case as a roll-up carries it: its origin the office that holds it (this one's path for its own)."""
    enterprise = session.get_one(Enterprise, case.enterprise_id)
    record = fields_of(case, tuple(n for n in CASE_FIELDS if n not in ("enterprise_uscc", "origin")))
    record["enterprise_uscc"] = enterprise.uscc
    record["origin"] = case.origin or own_path
    record["steps"] = [fields_of(step, STEP_FIELDS) for step in steps_of(session, case)]
    return record


def export_cases(session: Session, own_path: str, sheet_dir: Path) -> tuple[dict[str, dict[str, Any]], Files]:
    """Every case file here (``cases/<uid>``) and the attached files this workspace has."""
    records: dict[str, dict[str, Any]] = {}
    files: Files = {}
    for case in session.scalars(select(DelistCase).order_by(DelistCase.id)):
        record = case_record(session, case, own_path)
        records[f"cases/{case.uid}"] = record
        for step in record["steps"]:
            path = stored_path(sheet_dir, step["file_sha256"])
            if path is not None:
                files[member(CASE_FILES, step["file_sha256"], path.suffix)] = path
    return records, files


def _refuse(bundle: VerifiedBundle, record: str, message: str, code: str = offices.NOT_IN_JURISDICTION) -> Rejected:
    return Rejected(f"[{record}] {message}", code=code, fingerprint=bundle.signer_fingerprint)


def check_cases(session: Session, bundle: VerifiedBundle, child: Jurisdiction) -> None:
    """Each case lies in the child's area, replaces only a case that child sent, and carries decision steps
    only when the child is at or above the deciding level."""
    for key, rec in bundle.records_of("cases"):
        record = f"cases/{key}"
        if not offices.is_under(child, str(rec["origin"])):
            raise _refuse(bundle, record, _("案卷的办理机关（origin）{origin!r} 不在发送机关的辖区（{path}）内").format(origin=rec['origin'], path=child.path))
        held = session.scalar(select(DelistCase.origin).where(DelistCase.uid == rec["uid"]))
        if held is not None and not (held and offices.is_under(child, held)):
            raise _refuse(bundle, record, _("本机关保存的这份案卷{value}：{path} 的汇总不能替换它").format(value=_('是本机关自己的') if not held else _('来自 {held}').format(held=held), path=child.path))
        decided = [s["stage"] for s in rec["steps"] if s["stage"] in DECISION_STAGES]
        if decided and LEVEL_RANK.get(child.level, -1) < LEVEL_RANK[str(rec["deciding_level"])]:
            raise _refuse(bundle, record, _("{cert_grade}摘牌案卷带有决定类步骤（{decided}），而发送机关（{path}）不是决定机关：下级机关不能作出摘牌决定").format(cert_grade=rec['cert_grade'], decided='、'.join(decided), path=child.path), "not_permitted")


def _comparable(rec: dict[str, Any], decides_here: bool) -> dict[str, Any]:
    """What an incoming case is compared on: not its version; where this office decides, not what the
    decision steps set (they are this office's)."""
    skip = {"version", "stage", "decision_number", "reapply_after"} if decides_here else {"version"}
    view = {k: v for k, v in rec.items() if k not in skip}
    view["steps"] = [s for s in rec["steps"] if not (decides_here and s["stage"] in DECISION_STAGES)]
    return view


def apply_cases(session: Session, bundle: VerifiedBundle, child: Jurisdiction) -> list[ReportLine]:
    """Upsert the child's cases (see the module; ``check_cases`` first) and remove those its roll-up no
    longer carries."""
    level = campaigns.office(session).level
    lines: list[ReportLine] = []
    uids: set[str] = set()
    for _key, rec in bundle.records_of("cases"):
        uids.add(str(rec["uid"]))
        lines.append(_apply_case(session, bundle, rec, level == rec["deciding_level"]))
    lines += _remove_absent(session, child, uids, level)
    return lines


def _apply_case(session: Session, bundle: VerifiedBundle, rec: dict[str, Any], decides_here: bool) -> ReportLine:
    uid = str(rec["uid"])
    enterprise = by_uscc(session, str(rec["enterprise_uscc"]))
    if enterprise is None:
        raise _refuse(bundle, f"cases/{uid}", _("案卷的企业 {enterprise_uscc} 既不在汇总数据包中，本机也没有").format(enterprise_uscc=rec['enterprise_uscc']),
                      "bad_record")
    case = session.scalar(select(DelistCase).where(DelistCase.uid == uid))
    if case is not None and _comparable(case_record(session, case, case.origin), decides_here) == _comparable(
            rec, decides_here):
        return ReportLine("case", uid, "unchanged", enterprise_id=enterprise.id)
    action = "added" if case is None else "updated"
    if case is None:
        case = DelistCase(uid=uid, version=int(rec["version"]))
        session.add(case)
    else:
        case.version = max(case.version + 1, int(rec["version"]))
    kept = [s for s in steps_of(session, case) if s.stage in DECISION_STAGES] if decides_here and case.id else []
    case.inspection_uid, case.cert_grade = str(rec["inspection_uid"]), str(rec["cert_grade"])
    case.deciding_level, case.grounds, case.origin = str(rec["deciding_level"]), str(rec["grounds"]), str(rec["origin"])
    case.defence_until, case.opened_at = _day(rec["defence_until"]), parse_field(rec, "opened_at")
    case.opened_by = str(rec["opened_by"])
    if not kept:  # where this office decided, the decision's number and the re-application date are its own
        case.decision_number, case.reapply_after = str(rec["decision_number"]), _day(rec["reapply_after"])
    case.enterprise_id, case.updated_at = enterprise.id, now()
    session.flush()
    for step in steps_of(session, case):
        if step not in kept:
            session.delete(step)
    session.flush()
    for data in rec["steps"]:
        other = session.scalar(select(CaseStep.case_id).where(CaseStep.uid == data["uid"]))
        if other is not None:
            raise _refuse(bundle, f"cases/{uid}", _("步骤 {uid} 属于本机的另一份案卷").format(uid=data['uid']), "bad_record")
        session.add(CaseStep(case_id=case.id, **{n: _step_value(data, n) for n in STEP_FIELDS}))
    session.flush()
    case.stage = stage_of([s.stage for s in steps_of(session, case)])
    return ReportLine("case", uid, action, _("第 {version} 版").format(version=rec['version']), enterprise_id=enterprise.id)


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def _step_value(data: dict[str, Any], name: str) -> Any:
    if name == "on":
        return _day(data[name])
    return parse_field(data, name) if name == "recorded_at" else data[name]


def _remove_absent(session: Session, child: Jurisdiction, uids: set[str], level: str) -> list[ReportLine]:
    lines = []
    rows = session.scalars(select(DelistCase).where(DelistCase.origin.startswith(child.path)))
    for case in rows:
        if case.uid in uids or not offices.is_under(child, case.origin):
            continue
        decided = level == case.deciding_level and any(s.stage in DECISION_STAGES for s in steps_of(session, case))
        if decided:
            lines.append(ReportLine("case", case.uid, "warning", _("{path} 的新汇总中已没有此案卷；本机关已作出决定，案卷保留").format(path=child.path), "decided_here", enterprise_id=case.enterprise_id))
            continue
        lines.append(ReportLine("case", case.uid, "removed", _("{path} 的新汇总中已没有此案卷").format(path=child.path),
                                enterprise_id=case.enterprise_id))
        session.delete(case)
    session.flush()
    return lines


def cases_of(session: Session, enterprise_id: int) -> bool:
    """Whether a case file names the enterprise (an enterprise a case names is never removed)."""
    return session.scalar(select(DelistCase.id).where(DelistCase.enterprise_id == enterprise_id).limit(1)) is not None

