from __future__ import annotations

from datetime import date, timedelta

import pytest

from inspector_app.domain import uscc
from inspector_app.domain.scoring import Answer
from inspector_app.services import findings, inspections
from inspector_app.services.changes import NO_CHANGES
from inspector_app.services.enterprises import EnterpriseData, upsert
from inspector_app.services.ops.workspace import refresh_outcomes
from inspector_app.services.outcome_refresh import refresh_if_due, refresh_overdue
from inspector_app.services.queries.inspections import inspection_rows
from inspector_app.services.templates import latest_templates, sync_shipped_templates
from inspector_app.storage.engine import Workspace

pytestmark = pytest.mark.both_engines


def _overdue_in_five_days(workspace: Workspace) -> int:
    """An inspection whose 重大 hazard is due in three days: in five, its outcome turns."""
    today = date.today()
    with workspace.sessions.begin() as s:
        sync_shipped_templates(s)
        template = next(t for t in latest_templates(s) if t.template_id == "lookback-2020")
        enterprise, _ = upsert(s, EnterpriseData(name="常州测试化工有限公司", cert_grade="三级",
                                                 uscc=uscc.make_code("9", "1", "320412", "MA1W2X3Y5")))
        insp = inspections.assign(s, enterprise, template, [("甲", "证1"), ("乙", "证2")], "科长")
        for item in inspections.template_for(insp).items:
            inspections.set_answer(s, insp, item.code, Answer("符合"), "甲")
        findings.add(s, insp, "甲", description="危化品仓库未设置可燃气体报警器", severity="重大",
                     deadline=today + timedelta(days=3))
        assert insp.outcome == "限期整改"
        return insp.id


def test_a_deadline_passing_turns_the_cached_outcome_once_a_day(workspace: Workspace) -> None:
    iid = _overdue_in_five_days(workspace)
    later = date.today() + timedelta(days=5)  # nobody edits; the deadline passes
    with workspace.sessions.begin() as s:
        assert refresh_if_due(s, later) == 1
    with workspace.sessions() as s:
        row = next(r for r in inspection_rows(s) if r["id"] == iid)
        assert row["outcome"] == "建议摘牌"
    with workspace.sessions.begin() as s:
        assert refresh_if_due(s, later) == 0  # already done today
        assert refresh_overdue(s, later) == 0  # and nothing left to change


def test_the_refresh_operation_reports_the_change_once_a_day(workspace: Workspace) -> None:
    iid = _overdue_in_five_days(workspace)
    later = date.today() + timedelta(days=5)
    result = refresh_outcomes(workspace, later)
    assert result.value == 1 and result.changes.touches_inspection(iid)
    with workspace.sessions() as s:
        assert next(r for r in inspection_rows(s) if r["id"] == iid)["outcome"] == "建议摘牌"
    again = refresh_outcomes(workspace, later)
    assert again.value == 0 and again.changes == NO_CHANGES
