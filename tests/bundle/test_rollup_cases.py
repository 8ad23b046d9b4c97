"""摘牌 case files travel up in roll-ups (issue 13 item 6): a district opens a 三级 case, serves the 告知 and
records the 陈述申辩 with its letter; its roll-up brings the case, its steps and the letter to the city,
which – the body that granted the grade – decides, announces and withdraws; the district's next roll-up
leaves the city's decision as it is; the city's roll-up brings the decided case to the province; a
district's roll-up carrying a decision is refused."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from pathlib import Path

import pytest
from rollup_helpers import CITY, PROVINCE, WUJIN, Office, link, make_office, roll_up
from sqlalchemy import select

from inspector_app.domain import uscc
from inspector_app.domain.errors import LifecycleError
from inspector_app.domain.scoring import Answer
from inspector_app.services import findings, inspections
from inspector_app.services.enterprises import EnterpriseData, upsert
from inspector_app.services.ops import cases as case_ops
from inspector_app.services.queries import cases as case_queries
from inspector_app.services.sync.report import Rejected
from inspector_app.services.templates import latest_templates
from inspector_app.storage.models_registers import CaseStep, DelistCase

pytestmark = pytest.mark.both_engines

TODAY = date(2020, 6, 30)
LETTER = b"%PDF-1.4\n% chen shu shen bian\n%%EOF\n"


def _delist_inspection(office: Office) -> int:
    with office.ws.sessions.begin() as s:
        template = next(t for t in latest_templates(s) if t.template_id == "lookback-2020")
        enterprise, _ = upsert(s, EnterpriseData(name="常州恒达机械制造有限公司",
                                                 uscc=uscc.make_code("9", "1", "320412", "MA1W2X3Y4"),
                                                 cert_grade="三级", district="武进区", industry="机械",
                                                 cert_expires=date(2022, 12, 31)))
        insp = inspections.assign(s, enterprise, template, [("陈示范", "苏应急执法32040001"), ("吴敏", "苏应急执法32040002")],
                                  "科长", due_date=date(2026, 12, 31))
        for item in inspections.template_for(insp).items:
            if item.applies_to("机械") is not False:
                inspections.set_answer(s, insp, item.code, Answer("符合"), "陈示范")
        inspections.set_answer(s, insp, "A.5", Answer("部分符合", (("A.5-1", 1),)), "陈示范")
        findings.add(s, insp, "陈示范", description="自评报告由咨询机构代签", item_code="A.5",
                     deadline=date.today() + timedelta(days=10))
        insp.status = "accepted"
        return insp.id


def _step(office: Office, case_id: int, step: str, on: str, **kw: object) -> case_ops.StepDone:
    return case_ops.advance(office.ws, case_id, step, "科长", on=date.fromisoformat(on), today=TODAY,
                            **kw).value  # type: ignore[arg-type]


def _case_at(office: Office) -> int:
    with office.ws.sessions() as s:
        found = s.scalar(select(DelistCase.id))
        assert found is not None
        return found


@pytest.fixture
def chain(tmp_path: Path) -> tuple[Office, Office, Office]:
    district = make_office(tmp_path / "wujin", WUJIN, "武进区管理员")
    city = make_office(tmp_path / "city", CITY, "市局管理员")
    province = make_office(tmp_path / "province", PROVINCE, "省厅管理员")
    link(district, city)
    link(city, province)
    return district, city, province


def test_a_district_case_is_decided_by_the_city_and_reaches_the_province(
        chain: tuple[Office, Office, Office], tmp_path: Path) -> None:
    district, city, province = chain
    case_id = case_ops.open_case(district.ws, _delist_inspection(district), "科长", today=date(2020, 3, 1)).value
    _step(district, case_id, "notify", "2020-03-02", number="（常武）应急告〔2020〕1号")
    letter = tmp_path / "陈述申辩书.pdf"
    letter.write_bytes(LETTER)
    _step(district, case_id, "defence", "2020-03-04", file=letter, note="企业称已重新编制自评报告")
    with pytest.raises(LifecycleError, match="设区市"):
        _step(district, case_id, "decide", "2020-03-10", number="（常武）撤1")

    report = roll_up(district, city, tmp_path / "up1.inspbundle")
    assert report.status == "imported", report.reason
    assert report.counts_by_kind()["case"] == {"added": 1}
    city_case = _case_at(city)
    row = case_queries.case_detail(city.ws, city_case)
    assert (row["stage_code"], row["held_by"], row["defence_until"]) == ("defended", WUJIN, "2020-03-05")
    sha = hashlib.sha256(LETTER).hexdigest()
    assert row["steps"][-1]["file"] == str(city.ws.sheet_dir / f"{sha}.pdf")
    assert row["grounds"][0]["rule"] == "veto"

    with pytest.raises(LifecycleError, match="只能作出决定"):  # the preparation is the district's
        _step(city, city_case, "notify", "2020-03-11", number="常告1")
    _step(city, city_case, "decide", "2020-03-10", number="常应急撤〔2020〕1号")
    _step(city, city_case, "announce", "2020-03-12", note="常州市应急管理局网站公告")
    closed = _step(city, city_case, "withdraw", "2020-03-20")
    assert (closed.stage, closed.reapply_after) == ("closed", date(2021, 3, 20))

    # the district sends again (a later note on its preparation): the city's decision stays
    with district.ws.sessions.begin() as s:
        step = s.scalars(select(CaseStep).where(CaseStep.stage == "defended")).one()
        step.note = "企业称已重新编制自评报告（补充材料已收）"
    again = roll_up(district, city, tmp_path / "up2.inspbundle")
    assert again.status == "imported" and again.counts_by_kind()["case"] == {"updated": 1}
    row = case_queries.case_detail(city.ws, city_case)
    assert [s["stage"] for s in row["steps"]] == ["opened", "notified", "defended", "decided", "announced", "closed"]
    assert (row["stage_code"], row["decision_number"], row["reapply_after"]) == (
        "closed", "常应急撤〔2020〕1号", "2021-03-20")
    assert row["steps"][2]["note"].endswith("（补充材料已收）")
    assert roll_up(district, city, tmp_path / "up3.inspbundle").counts_by_kind()["case"] == {"unchanged": 1}

    # the city's roll-up carries the decided case (and the letter) to the province
    up = roll_up(city, province, tmp_path / "city.inspbundle")
    assert up.status == "imported", up.reason
    top = case_queries.case_detail(province.ws, _case_at(province))
    assert (top["stage_code"], top["held_by"], top["decision_number"]) == ("closed", WUJIN, "常应急撤〔2020〕1号")
    assert top["steps"][2]["file"] is not None
    with pytest.raises(LifecycleError, match="设区市"):
        _step(province, _case_at(province), "drop", "2020-03-21")

    # the district's own case stays at 陈述申辩: the decision goes down as the decision document
    assert case_queries.case_rows(district.ws)[0]["stage_code"] == "defended"


def test_a_decision_from_below_the_deciding_body_is_refused(chain: tuple[Office, Office, Office],
                                                            tmp_path: Path) -> None:
    district, city, _province = chain
    case_id = case_ops.open_case(district.ws, _delist_inspection(district), "科长", today=date(2020, 3, 1)).value
    _step(district, case_id, "notify", "2020-03-02", number="告1")
    with district.ws.sessions.begin() as s:  # a forged decision, written past the operations
        s.add(CaseStep(case_id=case_id, stage="decided", on=date(2020, 3, 10), by="某人", document_number="伪1"))
        s.get_one(DelistCase, case_id).stage = "decided"
    with pytest.raises(Rejected, match="下级机关不能作出摘牌决定") as refused:
        roll_up(district, city, tmp_path / "up.inspbundle")
    assert refused.value.code == "not_permitted"
    assert case_queries.case_rows(city.ws) == []


def test_a_case_no_longer_sent_is_removed_unless_decided_here(chain: tuple[Office, Office, Office],
                                                              tmp_path: Path) -> None:
    district, city, _province = chain
    case_id = case_ops.open_case(district.ws, _delist_inspection(district), "科长", today=date(2020, 3, 1)).value
    assert roll_up(district, city, tmp_path / "up1.inspbundle").status == "imported"
    with district.ws.sessions.begin() as s:
        s.delete(s.get_one(DelistCase, case_id))
    report = roll_up(district, city, tmp_path / "up2.inspbundle")
    assert report.counts_by_kind()["case"] == {"removed": 1}
    assert case_queries.case_rows(city.ws) == []


def test_a_case_decided_here_stays_when_no_longer_sent(chain: tuple[Office, Office, Office], tmp_path: Path) -> None:
    district, city, _province = chain
    case_id = case_ops.open_case(district.ws, _delist_inspection(district), "科长", today=date(2020, 3, 1)).value
    _step(district, case_id, "notify", "2020-03-02", number="告1")
    assert roll_up(district, city, tmp_path / "up1.inspbundle").status == "imported"
    _step(city, _case_at(city), "decide", "2020-03-10", number="常应急撤〔2020〕2号")  # the period is over
    with district.ws.sessions.begin() as s:
        s.delete(s.get_one(DelistCase, case_id))
    report = roll_up(district, city, tmp_path / "up2.inspbundle")
    assert report.counts_by_kind()["case"] == {"warning": 1}
    assert [r["stage_code"] for r in case_queries.case_rows(city.ws)] == ["decided"]
