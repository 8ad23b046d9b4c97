from __future__ import annotations

from datetime import date

from inspector_app.demo.workspace import build
from inspector_app.domain.reporting import load_periods, next_deadlines
from inspector_app.services.queries.reports import DEADLINE_COLUMNS, deadline_rows, district_rows
from inspector_app.storage.engine import Workspace


def test_periods_come_from_data_and_feb_29_falls_back() -> None:
    periods = {p.id: p for p in load_periods()}
    assert periods["lookback-city-1"].deadline(2020) == date(2020, 3, 31)
    assert periods["self-inspection-province"].deadline(2021) == date(2021, 2, 28)
    upcoming = next_deadlines(date(2020, 3, 28))
    assert upcoming[0][0] == date(2020, 3, 31)
    rows = deadline_rows(date(2020, 3, 28))
    assert rows[0]["deadline"] == "2020-03-31" and all(tuple(r) == DEADLINE_COLUMNS for r in rows)


def test_district_progress_adds_up(workspace: Workspace) -> None:
    build(workspace, enterprises=40)
    rows = district_rows(workspace)
    total = rows[-1]
    assert total["district"] == "合计" and total["enterprises"] == 40
    assert total["inspections"] == sum(r["inspections"] for r in rows[:-1]) > 0
    assert total["finished"] >= total["maintain"] + total["rectify"] + total["delist"] - total["finished"]


def test_outcomes_a_template_names_otherwise_are_counted(workspace: Workspace) -> None:
    """The review-organisation self-inspection calls 维持 “合格” (template outcome labels): a finished
    one still counts under maintain, so maintain + rectify + delist = finished."""
    from inspector_app.domain import uscc
    from inspector_app.domain.lifecycle import InspectionStatus
    from inspector_app.domain.scoring import Answer
    from inspector_app.services import inspections
    from inspector_app.services.enterprises import EnterpriseData, upsert
    from inspector_app.services.templates import latest_templates, sync_shipped_templates

    with workspace.sessions.begin() as s:
        sync_shipped_templates(s)
        template = next(t for t in latest_templates(s) if t.template_id == "review-quality-2020")
        org, _ = upsert(s, EnterpriseData(name="江苏某安全评审中心", uscc=uscc.make_code("9", "1", "320411", "MA1A2B3C4"),
                                          district="新北区"))
        insp = inspections.assign(s, org, template, [("陈示范", "苏应急执法32040001"), ("吴敏", "苏评审2019-0456")],
                                  "科长")
        for item in inspections.template_for(insp).items:
            inspections.set_answer(s, insp, item.code, Answer("符合"), "陈示范")
        inspections.set_status(s, insp, InspectionStatus.COMPLETED, "陈示范")
        assert insp.outcome == "合格"
    row = next(r for r in district_rows(workspace) if r["district"] == "新北区")
    assert row["finished"] == 1
    assert (row["maintain"], row["rectify"], row["delist"]) == (1, 0, 0)
