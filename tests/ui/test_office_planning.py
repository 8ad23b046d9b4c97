"""分配计划: the enterprises of the scope in the office's area without an inspection of the kind (counts
checked against the records and against the progress report), assigning several at once through
``ops.inspections.assign`` (audit rows, the list rereads, warnings and the offer to send), the refusal of a
team with one officer, and a cancelled run keeping what was assigned before it."""

from __future__ import annotations

from datetime import date

import pytest
from office_support import (
    ACTOR,
    ErrorBoxes,
    bench,
    error_boxes,
    office_settings,
    office_template,
    office_window,
    office_ws,
)
from PySide6.QtCore import QItemSelectionModel
from sqlalchemy import select

from inspector_app.domain.errors import ValidationError
from inspector_app.domain.progress import CancelToken
from inspector_app.secrets import InMemoryKeyring
from inspector_app.services.ops import workspace as workspace_ops
from inspector_app.services.queries import planning as planning_queries
from inspector_app.services.queries import progress as progress_queries
from inspector_app.storage.engine import Workspace
from inspector_app.storage.models import AuditEvent, Enterprise, Inspection, TemplateRecord
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.office.assign_work import assign_work, team
from inspector_app.ui.office.workbench import PLANNING, Workbench
from inspector_app.ui.sync.export_dialog import ExportDialog

__all__ = ["bench", "error_boxes", "office_settings", "office_template", "office_window", "office_ws"]
pytestmark = pytest.mark.both_engines  # the pages read and write the office database: SQLite and PostgreSQL
VALID_ON = date(2020, 1, 19)  # the scope's date (jiangsu-changzhou-2020)


def _expected(ws: Workspace, district: str, template_id: str) -> tuple[int, int]:
    """(in scope, of which with an inspection of the template in the campaign), counted from the records."""
    with ws.sessions() as session:
        scope = [e for e in session.scalars(select(Enterprise)) if e.district == district and e.cert_grade == "三级"
                 and not e.origin and (e.cert_expires is None or e.cert_expires >= VALID_ON)]
        planned = set(session.scalars(
            select(Inspection.enterprise_id).join(TemplateRecord, TemplateRecord.pk == Inspection.template_pk)
            .where(TemplateRecord.template_id == template_id, Inspection.campaign_id == "jiangsu-changzhou-2020")))
        return len(scope), sum(e.id in planned for e in scope)


def _select(bench: Workbench, count: int) -> list[dict[str, object]]:
    page = bench.planning
    selection = page.table.selectionModel()
    selection.clearSelection()
    for row in range(count):
        selection.select(page.model.index(row, 0),
                         QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    return page.selected_rows()


def _assigned_by(ws: Workspace, enterprise_ids: list[int]) -> list[tuple[int, str, list[str]]]:
    with ws.sessions() as session:
        found = []
        for inspection in session.scalars(select(Inspection).where(Inspection.enterprise_id.in_(enterprise_ids))):
            audit = session.scalars(select(AuditEvent).where(AuditEvent.inspection_id == inspection.id,
                                                             AuditEvent.field == "status")).first()
            assert audit is not None and audit.new_value == "assigned"
            found.append((inspection.enterprise_id, audit.actor, [p.name for p in inspection.inspectors]))
        return found


@pytest.mark.parametrize("kind", ["lookback", "audit"])
def test_the_counts_add_up_and_agree_with_the_progress_report(office_ws: Workspace, kind: str) -> None:
    plan = planning_queries.planning(office_ws, kind)
    in_scope, planned = _expected(office_ws, "武进区", plan.template_id)
    assert (plan.in_scope, plan.planned, len(plan.rows)) == (in_scope, planned, in_scope - planned)
    assert plan.in_scope > 0 and plan.rows
    assert {r["district"] for r in plan.rows} == {"武进区"}
    assert plan.in_scope == progress_queries.progress_report(office_ws).total(kind)["in_scope"]


def test_a_city_plans_every_district(office_ws: Workspace) -> None:
    workspace_ops.set_setting(office_ws, "jurisdiction", "", ACTOR)
    workspace_ops.set_setting(office_ws, "level", "city", ACTOR)
    workspace_ops.set_setting(office_ws, "jurisdiction", "常州市", ACTOR)
    plan = planning_queries.planning(office_ws, "lookback")
    districts = {r["district"] for r in plan.rows}
    assert len(districts) > 3
    counted = [_expected(office_ws, d, plan.template_id) for d in
               ("溧阳市", "金坛区", "武进区", "新北区", "天宁区", "钟楼区", "常州经开区")]
    assert plan.in_scope == sum(c[0] for c in counted) and plan.planned == sum(c[1] for c in counted)
    assert plan.in_scope == progress_queries.progress_report(office_ws).total("lookback")["in_scope"]


def test_the_page_shows_the_plan(bench: Workbench, office_ws: Workspace) -> None:
    page = bench.show_page(PLANNING)
    plan = planning_queries.planning(office_ws, "lookback")
    assert page.kind.currentData() == "lookback"
    assert page.model.rowCount() == len(plan.rows)
    assert f"活动范围内的企业 {plan.in_scope} 家" in page.summary.text()
    assert f"待分配 {len(plan.rows)} 家" in page.summary.text()
    assert page.officer1.count() >= 2 and page.officer1.currentData() != page.officer2.currentData()
    assert page.expert.itemText(0) == "（不选）" and page.expert.count() > 1
    assert not page.assign_button.isEnabled()


def test_assigning_several_goes_through_the_operation_and_offers_to_send(
        bench: Workbench, office_ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    page = bench.show_page(PLANNING)
    before = page.model.rowCount()
    chosen = _select(bench, 2)
    assert page.assign_button.isEnabled() and "2" in page.assign_button.text()
    page.expert.setCurrentIndex(1)
    officers = [page.officer1.currentData()[0], page.officer2.currentData()[0]]
    expert = page.expert.currentData()[0]
    sent: list[int] = []
    monkeypatch.setattr(bench, "offer_export", lambda selected_id=0: sent.append(selected_id))
    page.do_assign()
    run = page.last_run
    assert run is not None and len(run.assigned) == 2 and not run.refused and not run.cancelled
    ids = [int(r["id"]) for r in chosen]  # type: ignore[call-overload]
    made = _assigned_by(office_ws, ids)
    assert sorted(e for e, _a, _p in made) == sorted(ids)
    assert all(actor == ACTOR and people == [*officers, expert] for _e, actor, people in made)
    assert page.model.rowCount() == before - 2, "the plan rereads on the runner's broadcast"
    assert page.dialog is not None and page.send_button is not None
    page.send_button.click()
    assert sent == [0], "two new inspections: every pending one is offered"


def test_one_officer_is_refused_and_nothing_is_assigned(bench: Workbench, office_ws: Workspace,
                                                        error_boxes: ErrorBoxes) -> None:
    page = bench.show_page(PLANNING)
    page.officer2.setCurrentIndex(page.officer1.currentIndex())  # the same person twice: one officer
    page.expert.setCurrentIndex(1)
    chosen = _select(bench, 2)
    page.do_assign()
    assert page.last_run is not None and not page.last_run.assigned and len(page.last_run.refused) == 2
    error, title = error_boxes.shown[-1]
    assert isinstance(error, ValidationError) and "至少两名行政执法人员" in str(error) and title == "未能分配检查"
    assert _assigned_by(office_ws, [int(r["id"]) for r in chosen]) == []  # type: ignore[call-overload]


def test_a_cancelled_run_keeps_what_it_assigned(office_ws: Workspace) -> None:
    plan = planning_queries.planning(office_ws, "lookback")
    enterprises = [(int(r["id"]), str(r["name"])) for r in plan.rows[:3]]
    people = [("陈示范", "苏应急执法32040001", "officer"), ("林演示", "苏应急执法32040017", "officer")]
    cancel = CancelToken()
    seen: list[str] = []

    def progress(done: int, _total: int, name: str) -> None:
        seen.append(name)
        if done == 0:
            cancel.cancel()  # pressed while the first enterprise is being assigned

    run = assign_work(office_ws, enterprises, plan.template_id, people, ACTOR, None, progress, cancel)
    assert run.cancelled and [name for name, _id in run.assigned] == [enterprises[0][1]]
    assert len(_assigned_by(office_ws, [e for e, _n in enterprises])) == 1


def test_the_team_is_each_person_once_officers_first() -> None:
    people = [("郑专家", "苏评审2019-0918", "expert"), ("陈示范", "E1", "officer"), ("陈示范", "E1", "officer")]
    assert team(people) == [("陈示范", "E1", "officer"), ("郑专家", "苏评审2019-0918", "expert")]


def test_the_send_offer_opens_the_export_dialog_with_the_new_assignment(office_window: MainWindow, bench: Workbench,
                                                                       office_ws: Workspace) -> None:
    assert office_window.sync is not None
    office_window.sync.keyring = InMemoryKeyring()
    page = bench.show_page(PLANNING)
    _select(bench, 1)
    page.do_assign()
    assert page.last_run is not None and len(page.last_run.assigned) == 1
    new_id = page.last_run.assigned[0][1]
    assert page.send_button is not None
    page.send_button.click()
    dialog = office_window.sync.dialog
    assert isinstance(dialog, ExportDialog) and dialog.choices is not None
    assert new_id in [row.id for row in dialog.choices.rows]
    dialog.reject()
