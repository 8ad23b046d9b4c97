"""The office's window: the switch (only for an office's workspace, the title naming the jurisdiction)
and the review queue – received inspections with their figures, filters, 验收 after a confirmation and
退回修改 with a required comment, both through ``services.ops.review`` and the audit trail; opening one
shows the editor read-only; the reads run in workers."""

from __future__ import annotations

import threading

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
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from inspector_app.services.ops import review as review_ops
from inspector_app.services.ops import sync as sync_ops
from inspector_app.services.queries import office as office_queries
from inspector_app.services.queries import planning as planning_queries
from inspector_app.services.queries import progress as progress_queries
from inspector_app.storage.engine import Workspace
from inspector_app.storage.models import AuditEvent, Inspection
from inspector_app.ui.confirm_dialog import ConfirmDialog
from inspector_app.ui.i18n import install_translators
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.office.workbench import DASHBOARD, PLANNING, REPORTS, Workbench
from inspector_app.ui.settings import AppSettings
from inspector_app.ui.tasks import TaskRunner

__all__ = ["bench", "error_boxes", "office_settings", "office_template", "office_window", "office_ws"]
pytestmark = pytest.mark.both_engines  # the pages read and write the office database: SQLite and PostgreSQL


def _status(ws: Workspace, inspection_id: int) -> tuple[str, str]:
    with ws.sessions() as session:
        inspection = session.get(Inspection, inspection_id)
        assert inspection is not None
        return inspection.status, inspection.reviewer_comment


def _status_audit(ws: Workspace, inspection_id: int) -> list[tuple[str, str, str, str]]:
    with ws.sessions() as session:
        rows = session.scalars(select(AuditEvent).where(AuditEvent.inspection_id == inspection_id,
                                                        AuditEvent.field == "status").order_by(AuditEvent.id))
        return [(e.old_value, e.new_value, e.actor, e.reason) for e in rows]


def test_an_office_workspace_opens_on_the_workbench_with_its_jurisdiction(office_window: MainWindow,
                                                                          bench: Workbench) -> None:
    office = office_window.office
    assert office is not None and office.in_office()
    assert office.desk_action.isVisible() and office.office_action.isChecked()
    assert "常州市武进区应急管理局" in office_window.windowTitle()
    assert "江苏省常州市武进区" in office_window.windowTitle()
    office.desk_action.trigger()
    assert office.stack.currentIndex() == 0 and "检查员桌面" in office_window.windowTitle()
    office.office_action.trigger()
    assert office.in_office() and "机关工作台" in office_window.windowTitle()


def test_an_inspector_workspace_has_no_switch(office_window: MainWindow, office_ws: Workspace) -> None:
    sync_ops.set_role(office_ws, "inspector", ACTOR)
    office = office_window.office
    assert office is not None
    office.reread()
    assert not office.desk_action.isVisible() and not office.in_office()
    assert office.stack.currentIndex() == 0


def test_the_queue_lists_the_received_inspections(bench: Workbench, office_ws: Workspace) -> None:
    page = bench.review
    expected = office_queries.review_rows(office_ws)
    assert expected, "the demo has received inspections"
    assert page.model.rowCount() == len(expected)
    assert {r["id"] for r in page.model.rows()} == {r["id"] for r in expected}
    row = expected[0]
    assert row["inspectors"] and row["received_on"] and row["score"] is not None and row["outcome"]
    headings = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(page.model.columnCount())]
    assert headings == ["企业名称", "辖区", "检查表", "检查人员", "接收日期", "得分", "结论"]
    assert f"待验收 {len(expected)} 项" in page.count.text()


def test_filters_narrow_the_queue(bench: Workbench) -> None:
    page = bench.review
    rows = page.model.rows()
    district = rows[0]["district"]
    page.district.setCurrentIndex(page.district.findData(district))
    assert {r["district"] for r in page.model.rows()} == {district}
    assert page.model.rowCount() == sum(r["district"] == district for r in rows)
    page.district.setCurrentIndex(0)
    outcome = rows[0]["outcome"]
    page.outcome.setCurrentIndex(page.outcome.findData(outcome))
    assert page.model.rowCount() == sum(r["outcome"] == outcome for r in rows)
    page.outcome.setCurrentIndex(0)
    page.by_date.setChecked(True)
    page.date_from.setDate(page.date_from.date().addYears(-40))
    page.date_to.setDate(page.date_from.date().addDays(1))  # long before anything was received
    assert page.model.rowCount() == 0
    page.by_date.setChecked(False)
    assert page.model.rowCount() == len(rows)


def test_accept_asks_with_score_and_conclusion_then_goes_through_the_operation(bench: Workbench,
                                                                              office_ws: Workspace) -> None:
    page = bench.review
    page.table.selectRow(0)
    row = page.current_row()
    assert row is not None
    box = page.do_accept()
    assert isinstance(box, ConfirmDialog)
    assert f"{row['score']:.1f}" in box.texts() and row["outcome"] in box.texts()
    box.reject()  # 取消: nothing happens
    assert _status(office_ws, row["id"])[0] == "received"
    box = page.do_accept()
    assert box is not None and page.accept_button_in_dialog is not None
    page.accept_button_in_dialog.click()
    assert _status(office_ws, row["id"])[0] == "accepted"
    assert _status_audit(office_ws, row["id"])[-1][:3] == ("received", "accepted", ACTOR)
    assert page.model.find("id", row["id"]) < 0, "the queue rereads on the runner's broadcast"


def test_return_needs_a_comment_and_goes_through_the_operation(bench: Workbench, office_ws: Workspace) -> None:
    page = bench.review
    page.table.selectRow(0)
    row = page.current_row()
    assert row is not None
    dialog = page.do_return()
    assert dialog is not None and not dialog.ok.isEnabled()
    dialog.comment.setPlainText("第 B2 项证据不足，请补充现场照片")
    assert dialog.ok.isEnabled()
    dialog.ok.click()
    status, comment = _status(office_ws, row["id"])
    assert (status, comment) == ("returned", "第 B2 项证据不足，请补充现场照片")
    old, new, actor, reason = _status_audit(office_ws, row["id"])[-1]
    assert (old, new, actor, reason) == ("received", "returned", ACTOR, "第 B2 项证据不足，请补充现场照片")
    assert page.model.find("id", row["id"]) < 0


def test_a_refused_accept_is_shown(bench: Workbench, office_ws: Workspace, error_boxes: ErrorBoxes) -> None:
    page = bench.review
    page.table.selectRow(0)
    row = page.current_row()
    assert row is not None
    review_ops.accept(office_ws, row["id"], "别处")  # accepted elsewhere meanwhile; the queue is stale
    page._accept(row)
    assert error_boxes.shown and error_boxes.shown[0][1] == "未能验收"


def test_opening_shows_the_editor_read_only(bench: Workbench) -> None:
    page = bench.review
    page.table.selectRow(0)
    row = page.current_row()
    assert row is not None
    page.do_open()
    assert bench.tabs.count() == 2 and bench.tabs.currentIndex() == 1
    editor = bench.tabs.widget(1)
    assert editor.controller.locked  # type: ignore[attr-defined]
    assert "已锁定" in bench.tabs.tabText(1)


def test_reads_run_in_workers(qtbot: QtBot, office_ws: Workspace, office_settings: AppSettings,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Every page reads in the runner's pool, never on the GUI thread."""
    threads: dict[str, list[str]] = {}

    def spy(module: object, name: str) -> None:
        real = getattr(module, name)

        def wrapper(*args: object, **kwargs: object) -> object:
            threads.setdefault(name, []).append(threading.current_thread().name)
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, wrapper)

    for module, name in ((office_queries, "review_rows"), (office_queries, "office_info"),
                         (planning_queries, "planning"), (progress_queries, "progress_report"),
                         (progress_queries, "duty_rows"), (progress_queries, "filed_rows")):
        spy(module, name)
    runner = TaskRunner()
    window = MainWindow(runner, office_settings)
    qtbot.addWidget(window)
    window.set_workspace(office_ws)
    window.show()
    qtbot.waitUntil(lambda: window.office is not None and window.office.workbench is not None
                    and window.office.workbench.review.loads > 0, timeout=20000)
    bench = window.office.workbench  # type: ignore[union-attr]
    assert bench is not None and bench.review.model.rowCount() > 0
    for position in (PLANNING, DASHBOARD, REPORTS):
        page = bench.show_page(position)
        qtbot.waitUntil(lambda p=page: p.loads > 0, timeout=20000)
    runner.wait_idle()
    assert set(threads) == {"review_rows", "office_info", "planning", "progress_report", "duty_rows", "filed_rows"}
    main = threading.main_thread().name
    assert all(t != main for names in threads.values() for t in names), threads
    runner.shutdown()


def test_the_workbench_speaks_english(qtbot: QtBot, office_window: MainWindow, bench: Workbench) -> None:
    try:
        install_translators("en")
        qtbot.waitUntil(lambda: bench.nav.item(0).text() == "Review queue")  # LanguageChange is posted
        assert [bench.nav.item(i).text() for i in range(4)] == ["Review queue", "Assignment planning",
                                                                "Progress dashboard", "Reports"]
        assert bench.review.title.text().startswith("Review queue")
        assert bench.review.model.headerData(0, Qt.Orientation.Horizontal) == "Enterprise"
        dashboard = bench.show_page(DASHBOARD)
        assert dashboard.kind.currentText() == "Look-back"
        qtbot.waitUntil(lambda: "Office workbench" in office_window.windowTitle())
    finally:
        install_translators("zh_CN")
        qtbot.waitUntil(lambda: bench.nav.item(0).text() == "审核队列")


def test_closing_the_window_closes_the_workbench_editors(office_window: MainWindow, bench: Workbench) -> None:
    page = bench.review
    page.table.selectRow(0)
    page.do_open()
    assert bench.tabs.count() == 2
    assert office_window.close()
    assert bench.tabs.count() == 1
