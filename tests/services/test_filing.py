"""Filed reports and duties (issue 12 item 5): numbers, supersede, refusal at a duty of another level,
a city's report from its districts' filings, duties late and missing, reports received on paper."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from pathlib import Path

import pg_support
import pytest
from progress_helpers import CAMPAIGN, DONE, WUJIN, enterprise, finding, inspection, office
from sqlalchemy import select

from inspector_app.domain.errors import ValidationError
from inspector_app.services.ops.reports import file_report, record_received
from inspector_app.services.queries.progress import duty_rows, filed_rows, progress_report
from inspector_app.storage.engine import Workspace, open_workspace
from inspector_app.storage.models import AuditEvent
from inspector_app.storage.models_campaigns import FiledReport

pytestmark = pytest.mark.both_engines


def _district(ws: Workspace) -> None:
    office(ws, "district", "常州市武进区", "常州市武进区应急管理局")
    with ws.sessions.begin() as s:
        for n in range(3):
            ent = enterprise(s, f"常州市武进{n}号企业")
            insp = inspection(s, ent, [*DONE, ("2020-03-01", "accepted")] if n else DONE, outcome="维持")
            finding(s, insp, deadline=date(2020, 3, 10))


def test_filing_numbers_freezes_and_supersedes(workspace: Workspace) -> None:
    _district(workspace)
    first = file_report(workspace, "district-progress-1", "王明").value
    assert (first.serial, first.number, first.as_of) == (1, "武进区〔2020〕回头看报告第1号", date(2020, 3, 27))
    assert first.supersedes == "" and first.unfiled == ()
    for path in (first.pdf, first.xlsx):
        assert path.parent == workspace.sheet_dir
        assert path.stem == hashlib.sha256(path.read_bytes()).hexdigest()
    second = file_report(workspace, "district-progress-1", "李强", as_of=date(2020, 3, 20), text="补充说明。").value
    assert (second.serial, second.number, second.supersedes) == (2, "武进区〔2020〕回头看报告第2号", first.number)
    other = file_report(workspace, "district-self-inspection", "王明").value
    assert other.number == "武进区〔2020〕自查自纠报告第1号" and other.serial == 1
    rows = filed_rows(workspace)
    assert [(r["number"], r["status"]) for r in rows if r["duty"] == "district-progress-1"] == [
        (first.number, f"已被{second.number}代替"), (second.number, "有效")]
    assert all(r["source"] == "本机关" and r["pdf"].endswith(".pdf") for r in rows)
    with workspace.sessions() as s:
        filed = s.scalars(select(FiledReport).order_by(FiledReport.id)).all()
        frozen = json.loads(filed[0].figures)
        assert frozen["as_of"] == "2020-03-27" and frozen["jurisdiction"] == WUJIN
        total = next(r for r in frozen["rows"] if r["kind"] == "lookback" and r["area"] == "合计")
        assert (total["completed"], total["accepted"], total["overdue_general"]) == (3, 2, 3)
        assert json.loads(filed[2].figures)["kinds"] == ["review_quality"]
        trail = s.scalars(select(AuditEvent).where(AuditEvent.entity == "report")).all()
        assert [e.field for e in trail] == ["filed"] * 3 and trail[1].reason == f"代替{first.number}"


def test_a_duty_of_another_level_is_refused(workspace: Workspace) -> None:
    _district(workspace)
    with pytest.raises(ValidationError, match=r"由设区市报送省.*本机关是辖市（区）级"):
        file_report(workspace, "city-progress-1", "王明")
    with pytest.raises(ValidationError, match="不是接收方"):
        record_received(workspace, "district-progress-1", "新北区", date(2020, 3, 26), "王明")
    with pytest.raises(ValidationError, match="不能晚于今天"):
        file_report(workspace, "district-progress-2", "王明", as_of=date(2999, 1, 1))
    assert filed_rows(workspace) == []


def _district_document(tmp_path: Path) -> tuple[dict[str, object], str]:
    """What 武进区 filed at district-progress-1, as it arrives at the city in a roll-up."""
    ws = open_workspace(pg_support.prepare(tmp_path / "district"))
    try:
        _district(ws)
        info = file_report(ws, "district-progress-1", "王明").value
        with ws.sessions() as s:
            row = s.get(FiledReport, info.id)
            assert row is not None
            return json.loads(row.figures), row.number
    finally:
        ws.close()


def test_a_city_report_takes_each_districts_filing_and_names_who_did_not_file(
        workspace: Workspace, tmp_path: Path) -> None:
    document, number = _district_document(tmp_path)
    office(workspace, "city", "常州市", "常州市应急管理局")
    with workspace.sessions.begin() as s:
        s.add(FiledReport(campaign_id=CAMPAIGN, duty_id="district-progress-1", jurisdiction=WUJIN, serial=1,
                          number=number, as_of=date(2020, 3, 27), filed_at=datetime(2020, 3, 26, 16, 0),
                          filed_by="王明", figures=json.dumps(document, ensure_ascii=False), origin=WUJIN))
        ent = enterprise(s, "新北区本级记录", district="新北区")
        inspection(s, ent, DONE, outcome="建议摘牌")
    info = file_report(workspace, "city-progress-1", "李强").value
    assert info.number == "常州市〔2020〕回头看报告第1号" and info.as_of == date(2020, 3, 31)
    assert info.unfiled == ("溧阳市", "金坛区", "新北区", "天宁区", "钟楼区", "常州经开区")
    with workspace.sessions() as s:
        row = s.get(FiledReport, info.id)
        assert row is not None
        frozen = json.loads(row.figures)
    lookback = {r["area"]: r for r in frozen["rows"] if r["kind"] == "lookback"}
    theirs = next(r for r in document["rows"] if r["kind"] == "lookback" and r["area"] == "合计")  # type: ignore[attr-defined]
    assert lookback["武进区"]["completed"] == theirs["completed"] == 3
    assert lookback["新北区"]["delist"] == 1
    assert lookback["合计"]["completed"] == 4 and lookback["合计"]["assigned"] == 4
    assert frozen["sources"]["武进区"].startswith(number) and frozen["sources"]["新北区"] == ""
    assert frozen["unfiled"] == list(info.unfiled)
    city = progress_report(workspace, as_of=date(2020, 3, 31)).total("lookback")
    assert city["completed"] == 1  # the city's own records hold nothing of 武进区: only its filing does


def test_duties_filed_late_missing_and_received(workspace: Workspace, tmp_path: Path) -> None:
    _district(workspace)
    file_report(workspace, "district-progress-1", "王明")
    rows = {r["duty"]: r for r in duty_rows(workspace, as_of=date(2020, 3, 20))}
    assert rows["district-progress-1"]["status"] == "逾期报送"  # filed today, long after 2020-03-27
    assert rows["district-progress-1"]["number"] == "武进区〔2020〕回头看报告第1号"
    assert rows["district-progress-1"]["days_left"] == 7
    assert (rows["district-progress-2"]["status"], rows["district-progress-2"]["state"]) == ("未报送", "missing")
    assert rows["city-progress-1"]["role"] == "" and rows["district-audit-plan"]["days_left"] is None

    city = open_workspace(pg_support.prepare(tmp_path / "city"))
    try:
        office(city, "city", "常州市")
        with city.sessions.begin() as s:
            s.add(FiledReport(campaign_id=CAMPAIGN, duty_id="district-progress-1", jurisdiction=WUJIN, serial=1,
                              number="武进区〔2020〕回头看报告第1号", as_of=date(2020, 3, 27),
                              filed_at=datetime(2020, 3, 26, 16, 0), figures="{}", origin=WUJIN))
        record_received(city, "district-progress-1", "新北区", date(2020, 3, 30), "李强", "纸质报告")
        record_received(city, "district-self-inspection", "常州市天宁区应急管理局", date(2020, 3, 27), "李强")
        duties = duty_rows(city, as_of=date(2020, 4, 1))
        progress_1 = {r["party"]: r for r in duties if r["duty"] == "district-progress-1"}
        assert list(progress_1) == ["溧阳市", "金坛区", "武进区", "新北区", "天宁区", "钟楼区", "常州经开区"]
        assert (progress_1["武进区"]["status"], progress_1["武进区"]["on"]) == ("已收到", "2020-03-26")
        assert progress_1["新北区"]["status"] == "逾期收到" and progress_1["溧阳市"]["status"] == "未收到"
        assert progress_1["武进区"]["days_left"] == -5
        self_check = {r["party"]: r["status"] for r in duties if r["duty"] == "district-self-inspection"}
        assert self_check["天宁区"] == "已收到" and self_check["武进区"] == "未收到"
        own = next(r for r in duties if r["duty"] == "city-progress-1")
        assert (own["role"], own["status"]) == ("报送", "未报送")
    finally:
        city.close()


def test_review_organisations_reports_received_on_paper(workspace: Workspace) -> None:
    office(workspace, "province", "江苏省")
    rows = [r for r in duty_rows(workspace, as_of=date(2020, 3, 1)) if r["duty"] == "review-org-self-inspection"]
    assert [(r["party"], r["status"]) for r in rows] == [("（评审单位）", "未收到")]
    record_received(workspace, "review-org-self-inspection", "江苏某安全评审中心", date(2020, 2, 28), "王明")
    record_received(workspace, "review-org-self-inspection", "江苏另一评审公司", date(2020, 3, 2), "王明")
    rows = [r for r in duty_rows(workspace, as_of=date(2020, 3, 3)) if r["duty"] == "review-org-self-inspection"]
    assert [(r["party"], r["status"]) for r in rows] == [("江苏某安全评审中心", "已收到"), ("江苏另一评审公司", "逾期收到")]
    with pytest.raises(ValidationError, match="报送单位"):
        record_received(workspace, "review-org-self-inspection", " ", date(2020, 2, 28), "王明")
