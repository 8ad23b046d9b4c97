"""进度看板 and 报告: the charts and the table show the numbers of the progress read model as of the date
chosen, the duties ahead; a duty's report is previewed, saved as PDF and workbook, filed through
``ops.reports.file_report`` (audited, listed, the duty then 已报送/逾期报送), a paper receipt recorded
through ``record_received`` (a city office), a filed report's file saved elsewhere."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from office_support import (
    ACTOR,
    bench,
    error_boxes,
    office_settings,
    office_template,
    office_window,
    office_ws,
)
from PySide6.QtCore import QDate
from sqlalchemy import select

from inspector_app.services.ops import workspace as workspace_ops
from inspector_app.services.queries import progress as progress_queries
from inspector_app.storage.engine import Workspace
from inspector_app.storage.models import AuditEvent
from inspector_app.ui.office.dashboard_page import DashboardPage
from inspector_app.ui.office.duties import ahead
from inspector_app.ui.office.workbench import DASHBOARD, REPORTS, Workbench

__all__ = ["bench", "error_boxes", "office_settings", "office_template", "office_window", "office_ws"]
pytestmark = pytest.mark.both_engines  # the pages read and write the office database: SQLite and PostgreSQL


def _bars(view: Any) -> dict[str, list[float]]:
    series = view.chart().series()
    if not series:
        return {}
    return {s.label(): [s.at(i) for i in range(s.count())] for s in series[0].barSets()}


def _slices(view: Any) -> dict[str, float]:
    series = view.chart().series()
    return {s.label().split(" ")[0]: s.value() for s in series[0].slices()} if series else {}


def _check_against(page: DashboardPage, report: Any, kind: str) -> None:
    rows = [r for r in report.rows if r["kind"] == kind]
    areas, total = [r for r in rows if r["area"] != "合计"], report.total(kind)
    bars = _bars(page.progress_chart)
    expected = {"纳入范围企业": "in_scope", "已到场检查": "visited", "已完成": "completed", "已验收": "accepted"}
    for label, key in expected.items():
        # horizontal bars are fed bottom-up: the first area is the last value
        assert bars[label] == [float(r[key]) for r in reversed(areas)], label
    assert _slices(page.conclusion_chart) == {label: float(total[key]) for label, key in
                                             (("维持", "maintain"), ("限期整改", "rectify"), ("建议摘牌", "delist"))
                                             if total[key]}
    hazards = _bars(page.hazard_chart)
    if any(total[k] for k in ("hazards_general", "hazards_major")):
        assert hazards["发现"] == [float(total["hazards_general"]), float(total["hazards_major"])]
        assert hazards["逾期未整改"] == [float(total["overdue_general"]), float(total["overdue_major"])]
    table = page.model.rows()
    assert [r["area"] for r in table] == [r["area"] for r in rows]
    assert [r["in_scope"] for r in table] == [r["in_scope"] for r in rows]


def test_the_dashboard_shows_the_read_model(bench: Workbench, office_ws: Workspace) -> None:
    page = bench.show_page(DASHBOARD)
    assert isinstance(page, DashboardPage) and page.report is not None
    report = progress_queries.progress_report(office_ws)
    assert page.kind.currentData() == "lookback"
    assert report.total("lookback")["completed"] > 0, "the demo has completed inspections in 武进区"
    _check_against(page, report, "lookback")
    assert "江苏省常州市武进区" in page.where.text()
    page.kind.setCurrentIndex(page.kind.findData("audit"))
    _check_against(page, report, "audit")
    duties = progress_queries.duty_rows(office_ws)
    assert page.duty_table.model_.rowCount() == len(ahead(duties)) > 0


def test_the_date_chosen_rereads_the_figures(bench: Workbench, office_ws: Workspace) -> None:
    page = bench.show_page(DASHBOARD)
    loads = page.loads
    page.as_of.setDate(QDate(2020, 3, 1))
    assert page.loads == loads + 1 and page.report is not None and page.report.as_of == date(2020, 3, 1)
    _check_against(page, progress_queries.progress_report(office_ws, as_of=date(2020, 3, 1)), "lookback")
    page.details.setChecked(True)
    assert page.views.currentWidget() is page.table


def test_a_duty_is_previewed_saved_and_filed(bench: Workbench, office_ws: Workspace, tmp_path: Path) -> None:
    page = bench.show_page(REPORTS)
    assert page.select_duty("district-progress-2")
    assert page.files_duty() and page.file_button.isEnabled()
    assert page.as_of.date().toPython() == date(2020, 6, 26)  # the duty's date (earlier than today)
    assert page.preview is not None and page.preview.pages >= 1 and not page.image.pixmap().isNull()
    page.do_save("pdf", tmp_path / "report.pdf")
    page.do_save("xlsx", tmp_path / "report.xlsx")
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    assert "xl/workbook.xml" in zipfile.ZipFile(tmp_path / "report.xlsx").namelist()
    page.text.setPlainText("本区对三级达标企业开展“回头看”，进展顺利。")
    box = page.do_file()
    assert box is not None and "2020-06-26" in box.informativeText()
    assert page.file_button_in_dialog is not None
    page.file_button_in_dialog.click()
    filed = progress_queries.filed_rows(office_ws)
    assert [(r["duty"], r["filed_by"], r["as_of"]) for r in filed] == [("district-progress-2", ACTOR, "2020-06-26")]
    assert page.filed_model.rowCount() == 1, "the page rereads on the runner's broadcast"
    duty = next(r for r in page.duties.model_.rows() if r["duty"] == "district-progress-2")
    assert duty["status"] in ("已报送", "逾期报送") and duty["number"] == filed[0]["number"]
    with office_ws.sessions() as session:
        audit = session.scalars(select(AuditEvent).where(AuditEvent.entity == "report")).all()
        assert [(a.field, a.actor) for a in audit] == [("filed", ACTOR)]
    page.filed.selectRow(0)
    assert page.open_file.isEnabled()
    page.do_copy_file(tmp_path / "copy.pdf")
    assert (tmp_path / "copy.pdf").read_bytes() == Path(filed[0]["pdf"]).read_bytes()


def test_a_duty_this_office_does_not_file_has_no_preview(bench: Workbench) -> None:
    page = bench.show_page(REPORTS)
    assert page.select_duty("city-progress-1")
    assert not page.files_duty() and not page.file_button.isEnabled() and page.preview is None
    assert "本机关不报送此事项" in page.image.text()


def test_a_city_records_a_report_received_on_paper(bench: Workbench, office_ws: Workspace) -> None:
    workspace_ops.set_setting(office_ws, "jurisdiction", "", ACTOR)  # made elsewhere: the window is told below
    workspace_ops.set_setting(office_ws, "level", "city", ACTOR)
    workspace_ops.set_setting(office_ws, "jurisdiction", "常州市", ACTOR)
    window_office = bench.window_.office  # type: ignore[attr-defined]
    window_office.reread()
    page = bench.show_page(REPORTS)
    assert page.select_duty("district-progress-1", "金坛区")
    assert page.receive_button.isEnabled()
    dialog = page.do_receive()
    assert dialog is not None and dialog.sender_text() == "金坛区"
    dialog.received_on.setDate(QDate(2020, 3, 26))
    dialog.note.setText("纸质报告")
    dialog.ok.click()
    row = next(r for r in progress_queries.duty_rows(office_ws) if r["duty"] == "district-progress-1"
               and r["party"] == "金坛区")
    assert (row["status"], row["on"]) == ("已收到", "2020-03-26")
    shown = next(r for r in page.duties.model_.rows() if r["duty"] == "district-progress-1" and r["party"] == "金坛区")
    assert shown["status"] == "已收到"
