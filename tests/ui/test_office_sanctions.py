"""处理决定 in the office's workbench, and where the registers show elsewhere: a sanction recorded through the
dialog and lifted (``ops.sanctions``, audited; the organisation's status follows), a refusal shown as it
is; the suspended review applications recorded and shown on the planning page; the planning page lists
review organisations for a review-quality check and assigns one with ``review_org_id``; the editor shows
the conflict flags of the inspection, read in a worker."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from office_support import ACTOR, ErrorBoxes, bench, error_boxes, office_settings, office_window
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from registers_support import answer, audit_rows, city_template, office_ws
from sqlalchemy import select

from inspector_app.domain.errors import ValidationError
from inspector_app.services.ops import sanctions as sanction_ops
from inspector_app.services.queries import conflicts as conflict_queries
from inspector_app.services.queries import registers as register_queries
from inspector_app.services.queries import sanctions as sanction_queries
from inspector_app.services.unit import reading
from inspector_app.storage.engine import Workspace
from inspector_app.storage.models import Inspection
from inspector_app.ui.editor.editor import InspectionEditor
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.office.planning_page import PlanningPage
from inspector_app.ui.office.sanctions_page import SanctionsPage
from inspector_app.ui.office.workbench import PLANNING, SANCTIONS, Workbench
from inspector_app.ui.settings import AppSettings
from inspector_app.ui.tasks import TaskRunner

__all__ = ["bench", "city_template", "error_boxes", "office_settings", "office_window", "office_ws"]
pytestmark = pytest.mark.both_engines  # the pages read and write the office database: SQLite and PostgreSQL


def _page(bench: Workbench) -> SanctionsPage:
    page = bench.show_page(SANCTIONS)
    assert isinstance(page, SanctionsPage)
    return page


def _normal_review_org(ws: Workspace) -> dict[str, object]:
    return next(r for r in register_queries.org_rows(ws, kind="review") if r["status"] == "正常")


def test_a_sanction_is_recorded_and_lifted(bench: Workbench, office_ws: Workspace, error_boxes: ErrorBoxes) -> None:
    page = _page(bench)
    org = _normal_review_org(office_ws)
    before = {r["id"] for r in sanction_queries.sanction_rows(office_ws)}  # the demo's decisions
    assert {r["id"] for r in page.model.rows()} == before
    dialog = page.do_add()
    dialog.kind.setCurrentIndex(dialog.kind.findData("suspension"))
    assert dialog.has_period.isChecked() and not dialog.has_period.isEnabled(), "a suspension has a period"
    dialog.target.setCurrentIndex(dialog.target.findData(org["name"]))
    dialog.grounds.setPlainText("评审质量自查发现评审组成员参加了同一企业的咨询辅导")
    today = date.today()
    dialog.period_from.setDate(dialog.period_from.date().addDays(-1))
    dialog.period_until.setDate(dialog.period_until.date().addDays(60))
    dialog.number.setText("常应急〔2020〕21号")
    answer(dialog)
    assert not error_boxes.shown, error_boxes.shown
    rows = [r for r in sanction_queries.sanction_rows(office_ws) if r["id"] not in before]
    assert [(r["kind_code"], r["target"], r["status_now"], r["number"]) for r in rows] == [
        ("suspension", org["name"], "执行中", "常应急〔2020〕21号")]
    assert {r["id"] for r in page.model.rows()} == before | {rows[0]["id"]}
    assert page.count.text().startswith(f"共 {len(before) + 1} 项，执行中 ")
    status = register_queries.org_detail(office_ws, int(org["id"]))  # type: ignore[arg-type]
    assert status["status"] == "暂停评审活动" and status["status_until"] == (today + timedelta(days=60)).isoformat()
    assert [(f, a) for _k, f, _v, a in audit_rows(office_ws, "sanction") if a == ACTOR] == [("decided", ACTOR)]

    assert page.select_sanction(rows[0]["id"]) and page.lift_button.isEnabled()
    lift = page.do_lift()
    assert lift is not None
    lift.note.setText("整改验收合格")
    answer(lift)
    row = next(r for r in sanction_queries.sanction_rows(office_ws) if r["id"] == rows[0]["id"])
    assert row["status_now"] == "已解除" and row["lifted_on"] == today.isoformat()
    assert register_queries.org_detail(office_ws, int(org["id"]))["status"] == "正常"  # type: ignore[arg-type]
    assert not page.lift_button.isEnabled(), "a lifted sanction is not lifted twice"


def test_a_refused_sanction_is_shown(bench: Workbench, office_ws: Workspace, error_boxes: ErrorBoxes) -> None:
    page = _page(bench)
    before = sanction_queries.sanction_rows(office_ws)
    dialog = page.do_add()
    dialog.kind.setCurrentIndex(dialog.kind.findData("criticism"))
    answer(dialog)  # no grounds
    assert len(error_boxes.shown) == 1
    error, title = error_boxes.shown[0]
    assert isinstance(error, ValidationError) and "理由" in str(error) and title == "未能登记处理决定"
    assert sanction_queries.sanction_rows(office_ws) == before, "nothing written"


def test_suspended_applications_show_on_the_planning_page(bench: Workbench, office_ws: Workspace) -> None:
    page = _page(bench)
    page.notice_button.click()
    rows = sanction_queries.suspension_rows(office_ws)
    assert rows and page.suspension_model.rowCount() == len(rows)
    assert {(r["grade"], r["area"]) for r in rows} >= {("二级", "江苏省"), ("三级", "江苏省常州市")}
    planning = bench.show_page(PLANNING)
    assert isinstance(planning, PlanningPage)
    assert not planning.suspended.isHidden()
    text = planning.suspended.text()
    assert "暂停受理评审申请" in text and "二级（江苏省，自 2020-01-19 起）" in text and "三级（江苏省常州市" in text
    assert "苏应急电〔2020〕3号" in planning.suspended.toolTip()

    page = _page(bench)
    three = next(r for r in page.suspension_model.rows() if r["grade"] == "三级")
    assert page.select_suspension(three["id"]) and page.resume_button.isEnabled()
    resume = page.do_resume()
    assert resume is not None
    answer(resume)
    assert next(r for r in sanction_queries.suspension_rows(office_ws) if r["id"] == three["id"])["in_force"] == "已恢复"
    planning = bench.show_page(PLANNING)
    assert "三级（" not in planning.suspended.text() and "二级（" in planning.suspended.text()


def test_planning_lists_review_organisations_for_a_review_quality_check(bench: Workbench, office_ws: Workspace,
                                                                       error_boxes: ErrorBoxes) -> None:
    page = bench.show_page(PLANNING)
    assert isinstance(page, PlanningPage)
    position = page.kind.findData("review_quality")
    if position < 0:
        pytest.skip("the campaign has no review-quality check")
    page.kind.setCurrentIndex(position)
    assert page.of_orgs() and page.model.headerData(0, Qt.Orientation.Horizontal) == "评审单位"
    reviewed = next(n for n, r in enumerate(page.model.rows()) if r["certified"] and r["status"] == "正常")
    org = page.model.row(reviewed)
    assert org is not None
    page.table.selectRow(reviewed)
    assert page.assign_button.isEnabled() and "1" in page.assign_button.text()
    page.do_assign()
    assert not error_boxes.shown, error_boxes.shown
    run = page.last_run
    assert run is not None and len(run.assigned) == 1
    with reading(office_ws) as session:
        inspection = session.scalars(select(Inspection).where(Inspection.id == run.assigned[0][1])).one()
        assert inspection.review_org_id == org["id"]
    assert page.model.find("id", org["id"]) < 0, "an organisation with a check leaves the list"
    if page.dialog is not None:
        page.dialog.reject()


def test_the_editor_shows_the_conflict_flags(qtbot: QtBot, office_ws: Workspace, office_settings: AppSettings,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    flagged = [r["enterprise_id"] for r in conflict_queries.conflict_rows(office_ws)]
    with reading(office_ws) as session:
        inspection_id = session.scalar(select(Inspection.id).where(Inspection.enterprise_id.in_(flagged)))
        clean_id = session.scalar(select(Inspection.id).where(Inspection.enterprise_id.not_in(flagged)))
    assert inspection_id is not None and clean_id is not None, "the demo plants conflicts on inspected enterprises"
    threads: list[str] = []
    real = conflict_queries.conflicts_for_inspection

    def spy(*args: object) -> object:
        threads.append(threading.current_thread().name)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(conflict_queries, "conflicts_for_inspection", spy)
    runner = TaskRunner()
    editor = InspectionEditor(office_ws, inspection_id, runner, ACTOR)
    qtbot.addWidget(editor)
    qtbot.waitUntil(lambda: editor.conflicts.reads > 0, timeout=20000)
    expected = real(office_ws, inspection_id)
    assert editor.conflicts.flags == expected and not editor.conflicts.isHidden()
    assert f"利益冲突提示 {len(expected)} 条" in editor.conflicts.text()
    assert expected[0]["rule_title"] in editor.conflicts.toolTip()
    box = editor.conflicts.show_list()
    assert box is not None and expected[0]["evidence"] in box.detailedText()
    box.close()
    clean = InspectionEditor(office_ws, clean_id, runner, ACTOR)
    qtbot.addWidget(clean)
    qtbot.waitUntil(lambda: clean.conflicts.reads > 0, timeout=20000)
    assert clean.conflicts.isHidden() and clean.conflicts.flags == []
    runner.wait_idle()
    assert threads and all(t != threading.main_thread().name for t in threads)
    runner.shutdown()


def test_the_sanctions_page_reads_in_a_worker(qtbot: QtBot, office_ws: Workspace, office_settings: AppSettings,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    org = _normal_review_org(office_ws)
    sanction_ops.add_sanction(office_ws, "criticism", ACTOR, grounds="评审报告质量差", deciding_body="常州市应急管理局",
                              org=str(org["name"]))
    threads: list[str] = []
    real = sanction_queries.sanction_rows

    def spy(*args: object, **kwargs: object) -> object:
        threads.append(threading.current_thread().name)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sanction_queries, "sanction_rows", spy)
    runner = TaskRunner()
    window = MainWindow(runner, office_settings)
    qtbot.addWidget(window)
    window.set_workspace(office_ws)
    window.show()
    qtbot.waitUntil(lambda: window.office is not None and window.office.workbench is not None, timeout=20000)
    bench_ = window.office.workbench  # type: ignore[union-attr]
    assert bench_ is not None
    page = _page(bench_)
    qtbot.waitUntil(lambda: page.model.find("grounds", "评审报告质量差") >= 0, timeout=20000)
    runner.wait_idle()
    assert threads and all(t != threading.main_thread().name for t in threads), threads
    bench_.close_editors()
    runner.shutdown()
