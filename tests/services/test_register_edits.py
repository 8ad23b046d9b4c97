"""Editing the registers through ``ops.registers`` (what the window's forms will call): an organisation or a
reviewer changed with optimistic locking – an edit made from a version someone else moved is refused and
writes nothing –, links declared and removed, every change audited; and the relations found in the
register (the same legal representative, shareholdings) beside the declared ones."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from inspector_app.domain.errors import StaleEditError, ValidationError
from inspector_app.services.changes import ChangeKind
from inspector_app.services.ops import registers as ops
from inspector_app.services.queries.registers import org_detail, reviewer_detail, reviewer_rows
from inspector_app.services.unit import reading
from inspector_app.storage.engine import Workspace
from inspector_app.storage.models import AuditEvent

pytestmark = pytest.mark.both_engines


def _orgs(ws: Workspace) -> tuple[int, int]:
    review = ops.add_org(ws, "王明", name="江苏示范评审有限公司", kind="review", legal_rep="王明",
                         shareholders=["王明", "示范控股有限公司"]).value
    consult = ops.add_org(ws, "王明", name="常州示范咨询有限公司", kind="咨询服务单位", legal_rep="王明",
                          shareholders="示范控股有限公司、赵敏").value
    return review, consult


def test_an_edit_from_a_stale_version_is_refused(workspace: Workspace) -> None:
    review, _consult = _orgs(workspace)
    seen = org_detail(workspace, review)["version"]
    first = ops.update_org(workspace, review, seen, "王明", legal_rep="李强", qualification="二级评审单位")
    assert first.value == seen + 1 and first.changes.has(ChangeKind.REGISTERS)
    with pytest.raises(StaleEditError, match=r"已被他人修改.*第 1 版.*第 2 版"):
        ops.update_org(workspace, review, seen, "赵敏", legal_rep="孙示例")  # the second form read version 1
    detail = org_detail(workspace, review)
    assert (detail["legal_rep"], detail["qualification"], detail["version"]) == ("李强", "二级评审单位", 2)
    unchanged = ops.update_org(workspace, review, 2, "王明", legal_rep="李强")
    assert unchanged.value == 2 and not unchanged.changes
    with pytest.raises(ValidationError, match="已有名为"):
        ops.update_org(workspace, review, 2, "王明", name="常州示范咨询有限公司")
    with pytest.raises(ValidationError, match="可修改的字段"):
        ops.update_org(workspace, review, 2, "王明", status="暂停评审活动")  # statuses follow sanctions
    with reading(workspace) as session:
        rows = session.scalars(select(AuditEvent).where(AuditEvent.entity == "organisation",
                                                        AuditEvent.field == "legal_rep")).all()
        assert [(r.old_value, r.new_value, r.actor) for r in rows] == [("王明", "李强", "王明")]


def test_a_reviewer_edit_is_locked_the_same_way(workspace: Workspace) -> None:
    review, consult = _orgs(workspace)
    reviewer = ops.add_reviewer(workspace, "王明", name="王评审", cert_number="苏评审2017-0101",
                                org="江苏示范评审有限公司", specialities=["机械", "轻工"]).value
    with pytest.raises(ValidationError, match="已属于评审人员"):
        ops.add_reviewer(workspace, "王明", name="李评审", cert_number="苏评审2017-0101")
    assert ops.update_reviewer(workspace, reviewer, 1, "王明", specialities="机械、冶金").value == 2
    with pytest.raises(StaleEditError):
        ops.update_reviewer(workspace, reviewer, 1, "赵敏", name="王评审员")
    row = next(r for r in reviewer_rows(workspace) if r["id"] == reviewer)
    assert (row["name"], row["specialities"], row["org_id"], row["version"]) == ("王评审", ["机械", "冶金"], review, 2)
    ops.update_reviewer(workspace, reviewer, 2, "王明", org_id=consult)
    assert reviewer_detail(workspace, reviewer)["org"] == "常州示范咨询有限公司"


def test_links_declared_and_removed_beside_the_relations_found(workspace: Workspace) -> None:
    review, consult = _orgs(workspace)
    link = ops.add_link(workspace, review, consult, "declared", "王明", note="同属示范集团").value
    assert ops.add_link(workspace, consult, review, "declared", "王明").value == link  # either way, once
    with pytest.raises(ValidationError, match="自身"):
        ops.add_link(workspace, review, review, "declared", "王明")
    with pytest.raises(ValidationError, match="关联关系“friends”无效"):
        ops.add_link(workspace, review, consult, "friends", "王明")
    detail = org_detail(workspace, "常州示范咨询有限公司")
    assert [(x["id"], x["other"], x["note"]) for x in detail["links"]] == [(link, "江苏示范评审有限公司", "同属示范集团")]
    assert sorted((x["relation"], x["detail"]) for x in detail["relations"]) == [
        ("same_legal_rep", "法定代表人均为王明"), ("shareholder", "共同股东：示范控股有限公司")]
    assert ops.remove_link(workspace, link, "王明").has(ChangeKind.REGISTERS)
    assert org_detail(workspace, review)["links"] == []
    with reading(workspace) as session:
        trail = [(e.old_value, e.new_value) for e in session.scalars(
            select(AuditEvent).where(AuditEvent.field == "link").order_by(AuditEvent.id))]
    assert trail == [("", "声明的关联关系：常州示范咨询有限公司（同属示范集团）"), ("声明的关联关系：常州示范咨询有限公司", "")]
