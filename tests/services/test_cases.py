"""摘牌 case files (issue 13 item 5): opened from a 建议摘牌 inspection with its grounds and evidence; the
steps in order (告知 → 陈述申辩 → 决定 → 公告 → 撤销证书, or 不予摘牌); no decision before the defence period
ended unless the enterprise was heard; only the body that granted the grade decides; withdrawal bars a new
application for one year; each step audited and versioned."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pg_support
import pytest
from case_helpers import CITY, PHOTO_SHA, PROVINCE, WUJIN, delist_inspection, make_office, pdf
from sqlalchemy import select

from inspector_app.domain import delisting
from inspector_app.domain.errors import LifecycleError, ValidationError
from inspector_app.services.ops import cases as case_ops
from inspector_app.services.queries import cases as case_queries
from inspector_app.storage.engine import Workspace
from inspector_app.storage.models import AuditEvent

pytestmark = pytest.mark.both_engines

TODAY = date(2020, 6, 30)
OPENED = date(2020, 3, 1)


def _advance(ws: Workspace, case_id: int, step: str, on: str, **kw: object) -> case_ops.StepDone:
    return case_ops.advance(ws, case_id, step, "科长", on=date.fromisoformat(on), today=TODAY, **kw).value  # type: ignore[arg-type]


def test_the_periods_and_the_year(tmp_path: Path) -> None:
    assert delisting.defence_deadline(date(2020, 3, 2)) == date(2020, 3, 5)  # Monday + 3 days
    assert delisting.defence_deadline(date(2020, 3, 4)) == date(2020, 3, 9)  # Saturday → Monday
    assert delisting.defence_deadline(date(2020, 3, 2), 7) == date(2020, 3, 9)
    assert delisting.reapply_from(date(2020, 3, 20)) == date(2021, 3, 20)
    assert delisting.reapply_from(date(2020, 2, 29)) == date(2021, 3, 1)
    assert delisting.deciding_level("三级") == "city" and delisting.deciding_level("二级") == "province"
    with pytest.raises(ValidationError, match="一级"):
        delisting.deciding_level("一级")
    for step in delisting.STEPS.values():
        assert step.source.strip()


def test_open_freezes_the_grounds_with_their_evidence(workspace: Workspace) -> None:
    make_office(workspace, CITY)
    iid = delist_inspection(workspace)
    case_id = case_ops.open_case(workspace, iid, "科长", today=OPENED).value
    detail = case_queries.case_detail(workspace, case_id)
    assert (detail["stage_code"], detail["cert_grade"], detail["deciding"], detail["held_by"]) == (
        "opened", "三级", "设区市", "本机关")
    assert detail["inspection_id"] == iid and [s["stage"] for s in detail["steps"]] == ["opened"]
    veto = next(g for g in detail["grounds"] if g["rule"] == "veto")
    assert "A.5-1" in veto["text"] and "49号" in veto["source"]
    assert veto["item_codes"] == ["A.5"] and veto["findings"][0]["description"] == "自评报告由咨询机构代签"
    assert veto["photos"][0]["sha256"] == PHOTO_SHA
    with workspace.sessions() as s:
        rows = s.scalars(select(AuditEvent).where(AuditEvent.entity == "case")).all()
        assert [(e.field, e.new_value, e.actor) for e in rows] == [("stage", "opened", "科长")]
    with pytest.raises(ValidationError, match="已立摘牌案卷"):
        case_ops.open_case(workspace, iid, "科长", today=TODAY)


def test_open_is_refused_where_it_does_not_belong(workspace: Workspace) -> None:
    make_office(workspace, CITY)
    running = delist_inspection(workspace, status="in_progress")
    with pytest.raises(LifecycleError, match="尚未完成锁定"):
        case_ops.open_case(workspace, running, "科长", today=TODAY)
    first = delist_inspection(workspace, name="常州示范化工有限公司", serial="MA1W2X3Y5")
    case_ops.open_case(workspace, first, "科长", today=TODAY)
    again = delist_inspection(workspace, name="常州示范化工有限公司", serial="MA1W2X3Y5")
    with pytest.raises(ValidationError, match="未结束的摘牌案卷"):
        case_ops.open_case(workspace, again, "科长", today=TODAY)
    top = delist_inspection(workspace, grade="一级", name="常州一级示范公司", serial="MA1W2X3Y6")
    with pytest.raises(ValidationError, match="撤销机关未在本程序中规定"):
        case_ops.open_case(workspace, top, "科长", today=TODAY)


def test_the_province_does_not_open_a_third_grade_case(tmp_path: Path) -> None:
    from inspector_app.storage.engine import open_workspace

    ws = open_workspace(pg_support.prepare(tmp_path / "province"))
    make_office(ws, PROVINCE)
    iid = delist_inspection(ws)
    with pytest.raises(ValidationError, match="不办理此摘牌案卷"):
        case_ops.open_case(ws, iid, "科长", today=TODAY)
    ws.close()


def test_the_steps_in_order_and_the_defence_period(workspace: Workspace) -> None:
    make_office(workspace, CITY)
    case_id = case_ops.open_case(workspace, delist_inspection(workspace), "科长", today=OPENED).value
    with pytest.raises(LifecycleError, match="须在告知或陈述申辩之后"):
        _advance(workspace, case_id, "decide", "2020-03-01", number="常应急撤〔2020〕1号")
    with pytest.raises(ValidationError, match="文书编号"):
        _advance(workspace, case_id, "notify", "2020-03-02")
    notified = _advance(workspace, case_id, "notify", "2020-03-02", number="常应急告〔2020〕1号")
    assert (notified.stage, notified.defence_until, notified.version) == ("notified", date(2020, 3, 5), 2)
    with pytest.raises(LifecycleError, match="期限届满前不能作出决定"):
        _advance(workspace, case_id, "decide", "2020-03-05", number="常应急撤〔2020〕1号")
    with pytest.raises(LifecycleError, match="期限届满前不能记录"):
        _advance(workspace, case_id, "defence", "2020-03-05", no_defence=True)
    with pytest.raises(LifecycleError, match="须在摘牌决定之后"):
        _advance(workspace, case_id, "announce", "2020-03-06")
    with pytest.raises(ValidationError, match="晚于今天"):
        _advance(workspace, case_id, "defence", "2020-07-01", no_defence=True)
    assert _advance(workspace, case_id, "defence", "2020-03-06", no_defence=True).stage == "defended"
    with pytest.raises(LifecycleError, match="早于上一步"):
        _advance(workspace, case_id, "decide", "2020-03-04", number="常应急撤〔2020〕1号")
    with pytest.raises(LifecycleError, match="已被修改"):
        _advance(workspace, case_id, "decide", "2020-03-10", number="常应急撤〔2020〕1号", expected_version=2)
    decided = _advance(workspace, case_id, "decide", "2020-03-10", number="常应急撤〔2020〕1号", expected_version=3)
    assert decided.stage == "decided"
    _advance(workspace, case_id, "announce", "2020-03-12", note="常州市应急管理局网站")
    closed = _advance(workspace, case_id, "withdraw", "2020-03-20", note="证书已收回")
    assert (closed.stage, closed.reapply_after, closed.version) == ("closed", date(2021, 3, 20), 6)
    with pytest.raises(LifecycleError, match="案卷已结束"):
        _advance(workspace, case_id, "drop", "2020-03-21")
    detail = case_queries.case_detail(workspace, case_id)
    assert [s["stage"] for s in detail["steps"]] == ["opened", "notified", "defended", "decided", "announced", "closed"]
    assert detail["decision_number"] == "常应急撤〔2020〕1号" and detail["reapply_after"] == "2021-03-20"
    assert detail["steps"][2]["note"].startswith("逾期未陈述申辩")
    with workspace.sessions() as s:
        fields = [e.field for e in s.scalars(select(AuditEvent).where(AuditEvent.entity == "case"))]
        assert fields.count("stage") == 6 and "defence_until" in fields and "reapply_after" in fields


def test_a_heard_enterprise_may_be_decided_on_within_the_period(workspace: Workspace, tmp_path: Path) -> None:
    make_office(workspace, CITY)
    with workspace.sessions.begin() as s:
        from inspector_app.services import workspace_meta

        workspace_meta.set_value(s, "defence_days", "7")
    case_id = case_ops.open_case(workspace, delist_inspection(workspace), "科长", today=OPENED).value
    assert _advance(workspace, case_id, "notify", "2020-03-02", number="告1").defence_until == date(2020, 3, 9)
    with pytest.raises(ValidationError, match="书面材料"):
        _advance(workspace, case_id, "defence", "2020-03-03")
    letter = pdf(tmp_path / "申辩书.pdf")
    _advance(workspace, case_id, "defence", "2020-03-03", file=letter, note="企业称已整改")
    dropped = _advance(workspace, case_id, "drop", "2020-03-04", note="陈述申辩理由成立")
    assert dropped.stage == "dropped"
    step = case_queries.case_detail(workspace, case_id)["steps"][2]
    sha = hashlib.sha256(letter.read_bytes()).hexdigest()
    assert (step["file_sha256"], step["file_name"], step["body"]) == (sha, "申辩书.pdf", "常州恒达机械制造有限公司")
    assert step["file"] == str(workspace.sheet_dir / f"{sha}.pdf") and Path(step["file"]).read_bytes() == letter.read_bytes()
    other = tmp_path / "note.txt"
    other.write_text("不是 PDF", encoding="utf-8")
    with pytest.raises(ValidationError, match="PDF、JPEG 或 PNG"):
        case_ops.advance(workspace, case_id, "announce", "科长", on=date(2020, 3, 5), file=other, today=TODAY)


def test_a_district_prepares_but_does_not_decide_a_third_grade_case(workspace: Workspace, tmp_path: Path) -> None:
    make_office(workspace, WUJIN)
    case_id = case_ops.open_case(workspace, delist_inspection(workspace), "科长", today=OPENED).value
    _advance(workspace, case_id, "notify", "2020-03-02", number="（常武）应急告〔2020〕1号")
    _advance(workspace, case_id, "defence", "2020-03-04", file=pdf(tmp_path / "d.pdf"))
    for step in ("decide", "drop"):
        with pytest.raises(LifecycleError, match="三级证书由设区市应急管理部门撤销"):
            _advance(workspace, case_id, step, "2020-03-10", number="（常武）撤1")
    row = case_queries.case_rows(workspace)[0]
    assert (row["stage_code"], row["deciding"], row["version"]) == ("defended", "设区市", 3)
