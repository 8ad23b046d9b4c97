"""Sanctions and the blacklist (issue 13 item 3), and the register of suspended review applications
(item 4): a status follows the sanctions in force by precedence (取消评审资格 > 暂停评审活动 in its period >
通报批评 > 正常) and lifting restores it; ``suspended_on`` names what bars an organisation from reviewing; a
suspension recorded for an area covers the areas below it until it resumes."""

from __future__ import annotations

from datetime import date

import pytest
from case_helpers import CITY, WUJIN, delist_inspection, make_office, organisation, reviewer
from sqlalchemy import select

from inspector_app.domain.errors import LifecycleError, ValidationError
from inspector_app.services import sanctions, suspensions
from inspector_app.services.ops import cases as case_ops
from inspector_app.services.ops import sanctions as sanction_ops
from inspector_app.services.queries import sanctions as sanction_queries
from inspector_app.storage.engine import Workspace
from inspector_app.storage.models import AuditEvent
from inspector_app.storage.models_registers import Organisation, Reviewer

pytestmark = pytest.mark.both_engines

TODAY = date(2020, 6, 30)
ORG = "江苏示范安全评审有限公司"


def _org(ws: Workspace, org_id: int) -> tuple[str, date | None, date | None, int]:
    with ws.sessions() as s:
        org = s.get_one(Organisation, org_id)
        return org.status, org.status_since, org.status_until, org.version


def _add(ws: Workspace, kind: str, on: str, **kw: object) -> int:
    return sanction_ops.add_sanction(ws, kind, "科长", grounds="评审质量差", deciding_body="常州市应急管理局",
                                     decided_on=date.fromisoformat(on), today=TODAY, **kw).value  # type: ignore[arg-type]


def test_the_status_follows_the_sanctions_in_force(workspace: Workspace) -> None:
    make_office(workspace, CITY)
    org_id = organisation(workspace)
    assert _org(workspace, org_id)[:3] == ("正常", None, None)
    criticism = _add(workspace, "criticism", "2020-03-01", org=ORG, number="常应急通〔2020〕1号")
    assert _org(workspace, org_id)[:3] == ("通报批评", date(2020, 3, 1), None)
    suspension = _add(workspace, "suspension", "2020-04-01", org=ORG, period_until=date(2020, 9, 30))
    assert _org(workspace, org_id)[:3] == ("暂停评审活动", date(2020, 4, 1), date(2020, 9, 30))
    with workspace.sessions() as s:
        assert sanctions.suspended_on(s, org_id, date(2020, 5, 1)).id == suspension  # type: ignore[union-attr]
        assert sanctions.suspended_on(s, org_id, date(2020, 3, 15)) is None  # 通报批评 does not bar reviewing
        assert sanctions.suspended_on(s, org_id, date(2020, 10, 1)) is None  # after the period
    # the period ends without anyone acting: the daily refresh brings back 通报批评
    assert sanction_ops.refresh_statuses(workspace, "系统", today=date(2020, 10, 1)).value == 1
    assert _org(workspace, org_id)[0] == "通报批评"
    sanction_ops.refresh_statuses(workspace, "系统", today=TODAY)
    disqualified = _add(workspace, "disqualification", "2020-06-01", org=ORG)
    assert _org(workspace, org_id)[:3] == ("取消评审资格", date(2020, 6, 1), None)
    with workspace.sessions() as s:
        assert sanctions.suspended_on(s, org_id, date(2020, 6, 2)).id == disqualified  # type: ignore[union-attr]
    # lifting restores what stays in force, most severe first
    sanction_ops.lift_sanction(workspace, disqualified, "科长", on=date(2020, 6, 20), today=TODAY)
    assert _org(workspace, org_id)[0] == "暂停评审活动"
    sanction_ops.lift_sanction(workspace, suspension, "科长", on=date(2020, 6, 25), today=TODAY)
    sanction_ops.lift_sanction(workspace, criticism, "科长", on=date(2020, 6, 25), today=TODAY)
    status, since, until, version = _org(workspace, org_id)
    assert (status, since, until) == ("正常", None, None) and version > 1
    with pytest.raises(LifecycleError, match="已于 2020-06-25 解除"):
        sanction_ops.lift_sanction(workspace, criticism, "科长", on=date(2020, 6, 26), today=TODAY)
    rows = {r["id"]: r for r in sanction_queries.sanction_rows(workspace, today=TODAY)}
    assert rows[criticism]["status_now"] == "已解除" and rows[criticism]["number"] == "常应急通〔2020〕1号"
    with workspace.sessions() as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.entity == "organisation")).all()
        assert [e.new_value for e in events][:3] == ["通报批评", "暂停评审活动", "通报批评"]


def test_the_blacklist_and_its_links(workspace: Workspace) -> None:
    make_office(workspace, CITY)
    org_id = organisation(workspace)
    person = reviewer(workspace, org_id)
    case_id = case_ops.open_case(workspace, delist_inspection(workspace), "科长", today=date(2020, 3, 1)).value
    listed = _add(workspace, "blacklist", "2020-05-01", reviewer="苏评审2019-0999", number="常应急黑〔2020〕1号",
                  case_ids=[case_id])
    with workspace.sessions() as s:
        row = s.get_one(Reviewer, person)
        assert (row.status, row.status_since) == ("黑名单", date(2020, 5, 1))
        assert "常应急黑〔2020〕1号" in row.status_reason and "评审质量差" in row.status_reason
    assert sanction_queries.sanction_rows(workspace, today=TODAY)[0]["linked"].startswith("案卷 ")
    sanction_ops.lift_sanction(workspace, listed, "科长", on=date(2020, 6, 1), today=TODAY)
    with workspace.sessions() as s:
        assert (s.get_one(Reviewer, person).status, s.get_one(Reviewer, person).status_reason) == ("正常", "")


def test_sanctions_are_refused_where_they_do_not_apply(workspace: Workspace) -> None:
    make_office(workspace, CITY)
    organisation(workspace)
    organisation(workspace, "常州示范咨询有限公司", kind="consulting")
    reviewer(workspace)
    with pytest.raises(ValidationError, match="暂停期限"):
        _add(workspace, "suspension", "2020-04-01", org=ORG)
    with pytest.raises(ValidationError, match="不是评审单位"):
        _add(workspace, "criticism", "2020-04-01", org="常州示范咨询有限公司")
    with pytest.raises(ValidationError, match="黑名单针对评审人员"):
        _add(workspace, "blacklist", "2020-04-01", org=ORG)
    with pytest.raises(ValidationError, match="针对评审单位"):
        _add(workspace, "criticism", "2020-04-01", reviewer="苏评审2019-0999")
    with pytest.raises(ValidationError, match="早于开始日期"):
        _add(workspace, "suspension", "2020-04-01", org=ORG, period_until=date(2020, 3, 1))
    with pytest.raises(ValidationError, match="晚于今天"):
        _add(workspace, "criticism", "2020-07-01", org=ORG)
    assert sanction_queries.sanction_rows(workspace, today=TODAY) == []


def test_the_suspension_register(workspace: Workspace) -> None:
    make_office(workspace, CITY)
    assert sanction_ops.record_notice_suspensions(workspace, "科长").value == 3
    assert sanction_ops.record_notice_suspensions(workspace, "科长").value == 0  # already recorded
    with workspace.sessions() as s:
        found = suspensions.suspended_applications(s, "二级", WUJIN, date(2020, 3, 1))
        assert sorted(x.area for x in found) == ["江苏省", "江苏省常州市"]  # the province's covers the district
        assert suspensions.suspended_applications(s, "二级", WUJIN, date(2020, 1, 18)) == []
        assert [x.area for x in suspensions.suspended_applications(s, "三级", "武进区", date(2020, 3, 1))] == [CITY]
        assert suspensions.suspended_applications(s, "小微", WUJIN, date(2020, 3, 1)) == []
    facts = {(f["grade"], f["area"]): f for f in suspensions.notice_facts()}
    assert facts[("二级", "江苏省")]["since_known"] is True and "苏应急电〔2020〕3号 第一条" in facts[("二级", "江苏省")]["basis"]
    assert facts[("三级", "江苏省常州市")]["since_known"] is False and "未注明日期" in facts[("三级", "江苏省常州市")]["basis"]
    city_third = next(r for r in sanction_queries.suspension_rows(workspace, today=TODAY)
                      if (r["grade"], r["area"]) == ("三级", CITY))
    with pytest.raises(ValidationError, match="已登记"):
        sanction_ops.add_suspension(workspace, "三级", "常州市", date(2020, 1, 19), "科长", decided_by="常州市应急管理局")
    row_id, created = sanction_ops.add_suspension(workspace, "三级", "常州市", date(2020, 1, 19), "科长",
                                                  decided_by="常州市应急管理局", resumed=date(2020, 7, 1)).value
    assert (row_id, created) == (city_third["id"], False)
    with workspace.sessions() as s:
        assert suspensions.suspended_applications(s, "三级", WUJIN, date(2020, 6, 30)) != []
        assert suspensions.suspended_applications(s, "三级", WUJIN, date(2020, 7, 1)) == []
    with pytest.raises(ValidationError, match="重叠"):
        sanction_ops.add_suspension(workspace, "二级", "江苏省", date(2020, 5, 1), "科长", decided_by="江苏省应急管理厅")
    sanction_ops.add_suspension(workspace, "小微", "武进区", date(2020, 2, 1), "科长", decided_by="常州市武进区应急管理局",
                                basis="本区决定")
    with workspace.sessions() as s:
        assert [x.area for x in suspensions.suspended_applications(s, "小微", WUJIN, date(2020, 3, 1))] == [WUJIN]
        assert suspensions.suspended_applications(s, "小微", "新北区", date(2020, 3, 1)) == []
    with pytest.raises(ValidationError, match="不在当前活动的辖区表中"):
        sanction_ops.add_suspension(workspace, "三级", "南京市", date(2020, 2, 1), "科长", decided_by="某局")
    states = {(r["grade"], r["area"]): r["in_force"] for r in sanction_queries.suspension_rows(workspace, today=TODAY)}
    assert states[("二级", "江苏省")] == "暂停中" and states[("小微", WUJIN)] == "暂停中"
