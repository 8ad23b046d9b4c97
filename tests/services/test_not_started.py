"""Nothing cached as graded or concluded before the first answer (``domain.states``): assignment stores no
score, grade or outcome; the first answer does; a workspace that cached 维持 on an untouched inspection
before has it cleared by the daily outcome refresh."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from inspector_app.domain import uscc
from inspector_app.domain.scoring import Answer
from inspector_app.services import inspections
from inspector_app.services.enterprises import EnterpriseData, upsert
from inspector_app.services.outcome_refresh import refresh_overdue
from inspector_app.services.queries.inspection_detail import inspection_detail
from inspector_app.services.templates import latest_templates, sync_shipped_templates
from inspector_app.storage.engine import Workspace
from inspector_app.storage.models import Inspection

pytestmark = pytest.mark.both_engines


def _assigned(workspace: Workspace) -> int:
    with workspace.sessions.begin() as s:
        sync_shipped_templates(s)
        template = next(t for t in latest_templates(s) if t.template_id == "lookback-2020")
        enterprise, _ = upsert(s, EnterpriseData(name="常州测试机械有限公司", cert_grade="三级", industry="机械",
                                                 uscc=uscc.make_code("9", "1", "320412", "MA1W2X3Y6")))
        insp = inspections.assign(s, enterprise, template, [("甲", "证1"), ("乙", "证2")], "科长")
        s.flush()
        return insp.id


def _cached(workspace: Workspace, iid: int) -> tuple[float | None, str, str, int]:
    with workspace.sessions() as s:
        insp = s.get(Inspection, iid)
        assert insp is not None
        return insp.score, insp.grade, insp.outcome, insp.answered


def test_assignment_caches_nothing_and_the_first_answer_does(workspace: Workspace) -> None:
    iid = _assigned(workspace)
    score, grade, outcome, answered = _cached(workspace, iid)
    assert (score, grade, outcome) == (None, "", "") and answered > 0  # the other industries' items: 不涉及
    document = inspection_detail(workspace, iid)
    assert document["conclusion"] == "" and document["conclusion_label"] == ""
    assert [r["rule"] for r in document["conclusion_reasons"]] == ["not_started"]
    with workspace.sessions.begin() as s:
        insp = inspections.get(s, iid)
        first = next(i for i in inspections.template_for(insp).items if i.applies_to("机械") is not False)
        inspections.set_answer(s, insp, first.code, Answer("符合"), "甲")
    score, _grade, outcome, _answered = _cached(workspace, iid)
    assert score == 100.0 and outcome == "维持"
    with workspace.sessions.begin() as s:  # the answer cleared again: not yet again
        insp = inspections.get(s, iid)
        inspections.set_answer(s, insp, first.code, None, "甲")
    assert _cached(workspace, iid)[:3] == (None, "", "")


def test_the_daily_refresh_clears_an_outcome_cached_on_an_untouched_inspection(workspace: Workspace) -> None:
    iid = _assigned(workspace)
    with workspace.sessions.begin() as s:  # as an older version cached it
        insp = s.get(Inspection, iid)
        assert insp is not None
        insp.outcome, insp.grade = "维持", "不达标"
    with workspace.sessions.begin() as s:
        assert refresh_overdue(s, date.today() + timedelta(days=1)) == 1
    assert _cached(workspace, iid)[:3] == (None, "", "")
    with workspace.sessions.begin() as s:
        assert refresh_overdue(s, date.today() + timedelta(days=2)) == 0


def test_the_workbook_prints_scores_with_one_decimal_and_no_conclusion_before_an_answer(
        workspace: Workspace, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from inspector_app.services.queries.workbook import export_workbook

    untouched = _assigned(workspace)
    with workspace.sessions.begin() as s:
        enterprise, _ = upsert(s, EnterpriseData(name="常州测试纺织有限公司", cert_grade="三级", industry="纺织",
                                                 uscc=uscc.make_code("9", "1", "320412", "MA1W2X3Y7")))
        template = next(t for t in latest_templates(s) if t.template_id == "lookback-2020")
        insp = inspections.assign(s, enterprise, template, [("甲", "证1"), ("乙", "证2")], "科长")
        first = next(i for i in inspections.template_for(insp).items if i.applies_to("纺织") is not False)
        inspections.set_answer(s, insp, first.code, Answer("符合"), "甲")
        s.flush()
        answered = insp.id
    out = tmp_path / "book.xlsx"
    export_workbook(workspace, out)
    sheet = load_workbook(out)["检查"]
    headings = [c.value for c in sheet[1]]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    score, outcome = headings.index("得分"), headings.index("处理建议")
    assert rows[untouched][score].value is None and rows[untouched][outcome].value == "尚未作答"
    assert rows[answered][score].value == 100.0 and rows[answered][score].number_format == "0.0"
    assert rows[answered][outcome].value == "维持"
