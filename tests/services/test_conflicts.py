"""Conflict-of-interest rules (苏应急电〔2020〕3号 第三、四条), table-driven: a register built in the test,
then one fact added – each rule fires on its case and stays silent on the near miss beside it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from registers_helpers import REVIEW_DATE, Register, base, certified, org
from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.domain.conflict_rules import FLAG_KEYS, RULES
from inspector_app.domain.errors import NotFoundError
from inspector_app.services.queries.conflicts import (
    conflict_rows,
    conflicts_for_enterprise,
    conflicts_for_inspection,
    rule_rows,
)
from inspector_app.services.templates import sync_shipped_templates
from inspector_app.storage.engine import Workspace
from inspector_app.storage.models import Inspection, TemplateRecord
from inspector_app.storage.models_registers import ConsultancyStaff, OrgLink, Sanction

pytestmark = pytest.mark.both_engines

Change = Callable[[Session, Register], None]


def nothing(s: Session, r: Register) -> None:
    pass


def consultant_is(attr: str, value: object) -> Change:
    def change(s: Session, r: Register) -> None:
        setattr(r.consultant, attr, value)
    return change


def review_is(attr: str, value: object) -> Change:
    def change(s: Session, r: Register) -> None:
        setattr(r.review, attr, value)
    return change


def member_is(attr: str, value: object) -> Change:
    def change(s: Session, r: Register) -> None:
        setattr(r.reviewer, attr, value)
    return change


def enterprise_is(attr: str, value: object) -> Change:
    def change(s: Session, r: Register) -> None:
        setattr(r.enterprise, attr, value)
    return change


def review_on(day: date | None) -> Change:
    def change(s: Session, r: Register) -> None:
        r.certification.review_date = day
    return change


def same_row(s: Session, r: Register) -> None:
    r.certification.consulting_org_id = r.review.id


def same_uscc(s: Session, r: Register) -> None:
    r.consultant.uscc = " " + r.review.uscc.lower() + " "


def link(between: str) -> Change:
    def change(s: Session, r: Register) -> None:
        other = r.consultant if between == "consultant" else r.other
        s.add(OrgLink(org_id=other.id, other_id=r.review.id, relation="declared", note="同一集团"))
    return change


def staff(where: str, name: str, cert: str = "") -> Change:
    """A staff row: on the consultancy's list ("consultant"), another's ("other"), or declared for the
    enterprise ("declared") or for another ("declared-other")."""
    def change(s: Session, r: Register) -> None:
        if where.startswith("declared"):
            if where == "declared":
                enterprise = r.enterprise.id
            else:
                enterprise = certified(s, "常州另一示例化工有限公司", None, None, [])[0].id
            s.add(ConsultancyStaff(org_id=None, enterprise_id=enterprise, name=name, cert_number=cert))
        else:
            owner = r.consultant if where == "consultant" else r.other
            s.add(ConsultancyStaff(org_id=owner.id, name=name, cert_number=cert))
    return change


def sanction(kind: str, on: date, *, start: date | None = None, until: date | None = None,
             lifted: date | None = None, whom: str = "org") -> Change:
    def change(s: Session, r: Register) -> None:
        s.add(Sanction(kind=kind, org_id=r.review.id if whom == "org" else None,
                       reviewer_id=r.reviewer.id if whom == "reviewer" else None, grounds="评审质量差",
                       deciding_body="常州市应急管理局", decided_on=on, document_number="常应急〔2020〕1号",
                       period_from=start, period_until=until, lifted_on=lifted))
    return change


def both(*changes: Change) -> Change:
    def change(s: Session, r: Register) -> None:
        for one in changes:
            one(s, r)
    return change


D = date
# (case, what is added to the base register, the (rule, matched_by) flags expected – empty: silent)
CASES: list[tuple[str, Change, list[tuple[str, str]]]] = [
    ("the base register is clean", nothing, []),
    # (a) the review organisation is the consultant
    ("same organisation row", same_row, [("same_org", "same_org")]),
    ("same USCC, written differently", same_uscc, [("same_org", "uscc")]),
    ("near miss: USCC one character apart", consultant_is("uscc", "91320400TEST99999X"), []),
    # (b) related parties
    ("same legal representative", consultant_is("legal_rep", "王明"), [("related_orgs", "legal_rep")]),
    ("same legal representative, full-width space", consultant_is("legal_rep", "王\u3000明"),
     [("related_orgs", "legal_rep")]),
    ("near miss: similar legal representative", consultant_is("legal_rep", "王鸣"), []),
    ("review organisation among the consultant's shareholders",
     consultant_is("shareholders", "李强、常州示范安全评审中心"), [("related_orgs", "shareholder")]),
    ("consultant among the review organisation's shareholders",
     review_is("shareholders", "赵刚，常州示例安全咨询有限公司"), [("related_orgs", "shareholder")]),
    ("near miss: a longer name among the shareholders",
     consultant_is("shareholders", "李强、常州示范安全评审中心二部"), []),
    ("a shareholder in common", consultant_is("shareholders", "李强、钱芳"), [("related_orgs", "shared_shareholder")]),
    ("near miss: a similar shareholder", consultant_is("shareholders", "李强、钱芳芳"), []),
    ("legal representative and a common shareholder: one flag, both grounds",
     both(consultant_is("legal_rep", "王明"), consultant_is("shareholders", "钱芳")),
     [("related_orgs", "legal_rep、shared_shareholder")]),
    ("a declared link", link("consultant"), [("related_orgs", "org_link")]),
    ("near miss: a link with another organisation", link("other"), []),
    # (c) a reviewer consulted for the same enterprise
    ("on the consultant's staff list by certificate number", staff("consultant", "陈某", "ps-2018-001"),
     [("reviewer_consulted", "staff_list.cert_number")]),
    ("on the consultant's staff list by name", staff("consultant", "陈一鸣"),
     [("reviewer_consulted", "staff_list.name")]),
    ("near miss: same name, another certificate number", staff("consultant", "陈一鸣", "PS-2018-009"), []),
    ("near miss: on another consultancy's list", staff("other", "陈一鸣", "PS-2018-001"), []),
    ("declared to have consulted for the enterprise", staff("declared", "陈一鸣", "PS-2018-001"),
     [("reviewer_consulted", "declared.cert_number")]),
    ("near miss: declared for another enterprise", staff("declared-other", "陈一鸣", "PS-2018-001"), []),
    # (d) specialities
    ("industry not in the specialities", member_is("specialities", "机械、冶金"),
     [("speciality_mismatch", "industry.specialities")]),
    ("near miss: industry among the specialities, other separator", member_is("specialities", "机械, 化工"), []),
    ("no specialities registered", member_is("specialities", ""), [("speciality_unregistered", "specialities")]),
    ("near miss: enterprise without an industry", both(member_is("specialities", ""), enterprise_is("industry", "")),
     []),
    # (e) reviewing while barred
    ("review on the first day of a suspension",
     sanction("suspension", D(2020, 1, 5), start=D(2020, 1, 10), until=D(2020, 3, 31)), [("org_barred", "sanction")]),
    ("near miss: review one day before the suspension",
     sanction("suspension", D(2020, 1, 5), start=D(2020, 1, 11), until=D(2020, 3, 31)), []),
    ("near miss: review the day after the suspension ended",
     sanction("suspension", D(2019, 12, 1), start=D(2019, 12, 1), until=D(2020, 1, 9)), []),
    ("near miss: suspension lifted on the review day",
     sanction("suspension", D(2019, 12, 1), until=D(2020, 6, 30), lifted=REVIEW_DATE), []),
    ("review after a disqualification", sanction("disqualification", D(2019, 12, 1)), [("org_barred", "sanction")]),
    ("near miss: disqualification lifted before the review",
     sanction("disqualification", D(2019, 12, 1), lifted=D(2019, 12, 31)), []),
    ("near miss: criticism bars nothing", sanction("criticism", D(2019, 12, 1)), []),
    ("register status: suspended, no sanction rows",
     both(review_is("status", "暂停评审活动"), review_is("status_since", D(2020, 1, 1)),
          review_is("status_until", D(2020, 2, 1))), [("org_barred", "register_status")]),
    ("near miss: register status from the day after the review",
     both(review_is("status", "暂停评审活动"), review_is("status_since", D(2020, 1, 11))), []),
    ("near miss: sanctions are the record once there is one (lifted)",
     both(review_is("status", "暂停评审活动"), review_is("status_since", D(2020, 1, 1)),
          sanction("suspension", D(2019, 6, 1), until=D(2019, 9, 30))), []),
    ("reviewer blacklisted on the review day", sanction("blacklist", REVIEW_DATE, whom="reviewer"),
     [("reviewer_barred", "sanction")]),
    ("near miss: reviewer blacklisted the day after", sanction("blacklist", D(2020, 1, 11), whom="reviewer"), []),
    ("reviewer blacklisted on the register",
     both(member_is("status", "黑名单"), member_is("status_since", D(2019, 6, 1))), [("reviewer_barred", "register_status")]),
    ("near miss: blacklist on the register without a date", member_is("status", "黑名单"), []),
    ("near miss: no review date", both(review_on(None), sanction("disqualification", D(2019, 12, 1))), []),
]


@pytest.mark.parametrize(("case", "change", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_rule_fires_on_its_case_and_not_on_the_near_miss(
        workspace: Workspace, case: str, change: Change, expected: list[tuple[str, str]]) -> None:
    with workspace.sessions.begin() as s:
        register = base(s)
        change(s, register)
        enterprise_id = register.enterprise.id
    rows = conflicts_for_enterprise(workspace, enterprise_id)
    assert [(row["rule"], row["matched_by"]) for row in rows] == expected, [row["evidence"] for row in rows]
    for row in rows:
        assert set(row) == set(FLAG_KEYS)
        assert "〔2020〕" in row["source"] and row["evidence"]
        assert row["enterprise"] == "常州示例化工有限公司" and row["org"] == "常州示范安全评审中心"
        if row["rule"] not in ("same_org", "related_orgs", "org_barred"):
            assert row["reviewer"] == "陈一鸣" and row["reviewer_cert"] == "PS-2018-001"


def test_every_rule_names_its_source_and_has_a_firing_case() -> None:
    fired = {rule for _, _, expected in CASES for rule, _ in expected}
    assert fired == {rule.id for rule in RULES}
    for row in rule_rows():
        assert row["source"].startswith("苏应急电〔2020〕3号 第"), row


def test_the_evidence_says_what_matched(workspace: Workspace) -> None:
    with workspace.sessions.begin() as s:
        r = base(s)
        r.consultant.legal_rep = "王明"
        s.add(ConsultancyStaff(org_id=r.consultant.id, name="陈一鸣"))
        s.add(Sanction(kind="suspension", org_id=r.review.id, grounds="评审质量差", deciding_body="常州市应急管理局",
                       decided_on=D(2020, 1, 1), period_until=D(2020, 2, 29), document_number="常应急〔2020〕7号"))
    by_rule = {row["rule"]: row for row in conflict_rows(workspace)}
    assert by_rule["related_orgs"]["evidence"] == "法定代表人相同（王明）"
    assert by_rule["related_orgs"]["other_org"] == "常州示例安全咨询有限公司"
    assert "按姓名匹配" in by_rule["reviewer_consulted"]["evidence"]
    assert by_rule["org_barred"]["evidence"] == \
        "评审日期 2020-01-10 在暂停评审活动（2020-01-01 至 2020-02-29，文号 常应急〔2020〕7号）期间"
    assert by_rule["org_barred"]["checklist_item"] == "" and by_rule["related_orgs"]["checklist_item"] == "6.1"


def test_flags_of_one_enterprise_only(workspace: Workspace) -> None:
    with workspace.sessions.begin() as s:
        r = base(s)
        other_org = org(s, "常州另一评审中心", legal_rep="孙丽")
        other, _ = certified(s, "常州第二示例化工有限公司", other_org, r.consultant, [r.reviewer])
        clean_id, flagged_id = r.enterprise.id, other.id
    assert [row["enterprise_id"] for row in conflict_rows(workspace)] == [flagged_id]
    assert conflicts_for_enterprise(workspace, clean_id) == []
    assert [row["rule"] for row in conflicts_for_enterprise(workspace, flagged_id)] == ["related_orgs"]


def test_flags_of_an_inspection(workspace: Workspace) -> None:
    with workspace.sessions.begin() as s:
        sync_shipped_templates(s)
        r = base(s)
        r.consultant.legal_rep = "王明"
        lookback = s.scalars(select(TemplateRecord).where(TemplateRecord.template_id == "lookback-2020")).one()
        inspection = Inspection(enterprise_id=r.enterprise.id, template_pk=lookback.pk)
        s.add(inspection)
        s.flush()
        inspection_id = inspection.id
    assert [f["rule"] for f in conflicts_for_inspection(workspace, inspection_id)] == ["related_orgs"]
    with pytest.raises(NotFoundError):
        conflicts_for_inspection(workspace, inspection_id + 1)
