"""隐患台账 in the office's workbench: the page shows the read model (``queries.hazards``) – the rows in its
order, the summary with the overdue 重大 by area on top – filters reread it, a double-click opens the
inspection, 导出 Excel… writes the workbook; with the real runner every read and the export run in the
pool, never on the GUI thread."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest
from office_support import (
    bench,
    error_boxes,
    office_settings,
    office_template,
    office_window,
    office_ws,
)
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from inspector_app.services.queries import hazards as hazard_queries
from inspector_app.storage.engine import Workspace
from inspector_app.ui.i18n import install_translators
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.office.hazards_page import HazardsPage
from inspector_app.ui.office.workbench import HAZARDS, Workbench
from inspector_app.ui.settings import AppSettings
from inspector_app.ui.tasks import TaskRunner

__all__ = ["bench", "error_boxes", "office_settings", "office_template", "office_window", "office_ws"]
pytestmark = pytest.mark.both_engines  # the pages read and write the office database: SQLite and PostgreSQL


def _page(bench: Workbench) -> HazardsPage:
    page = bench.show_page(HAZARDS)
    assert isinstance(page, HazardsPage)
    return page


def test_the_page_shows_the_read_model(bench: Workbench, office_ws: Workspace) -> None:
    page = _page(bench)
    expected = hazard_queries.ledger(office_ws)
    assert page.ledger is not None and len(expected.rows) > 0, "the demo has hazards in 武进区"
    assert [r.finding_id for r in page.model.rows()] == [r.finding_id for r in expected.rows]
    assert [r["area"] for r in page.summary_model.rows()] == ["武进区", "合计"]
    total = page.summary_model.rows()[-1]
    assert total == expected.total()
    if total["overdue_major"]:
        assert f"武进区 <b>{total['overdue_major']}</b>" in page.headline.text()
    assert "江苏省常州市武进区" in page.where.text()
    first = page.model.row(0)
    assert first.days_overdue and first.severity == "重大", "overdue 重大 first"
    assert page.model.data(page.model.index(0, page.model.column_of("severity"))) == "重大"
    assert f"显示 {len(expected.rows)} 条" in page.count.text()


def test_filters_reread(bench: Workbench, office_ws: Workspace) -> None:
    page = _page(bench)
    loads = page.loads
    page.severity.setCurrentIndex(page.severity.findData("一般"))
    assert page.loads == loads + 1
    assert page.model.rowCount() and all(r.severity == "一般" for r in page.model.rows())
    page.severity.setCurrentIndex(0)
    page.overdue.setChecked(True)
    expected = hazard_queries.ledger(office_ws, hazard_queries.HazardFilter(overdue=True))
    assert [r.finding_id for r in page.model.rows()] == [r.finding_id for r in expected.rows]
    assert page.summary_model.rows()[-1] == hazard_queries.ledger(office_ws).total(), "the summary ignores filters"
    page.as_of.setDate(page.as_of.date().fromString("2020-01-01", "yyyy-MM-dd"))
    assert page.model.rowCount() == 0 and page.summary_model.rows()[-1]["found"] == 0, "found in 2020 from February"
    assert page.ledger is not None and page.ledger.as_of == date(2020, 1, 1)
    assert [page.district.itemData(i) for i in range(page.district.count())] == ["", "武进区"]


def test_double_click_opens_the_inspection(qtbot: QtBot, bench: Workbench) -> None:
    page = _page(bench)
    row = page.model.row(0)
    rect = page.table.visualRect(page.model.index(0, 1))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton,
                      pos=rect.center())
    assert bench.tabs.count() == 2 and bench.tabs.currentIndex() == 1
    assert row.enterprise in bench.tabs.tabText(1)
    assert bench.tabs.widget(1).controller.inspection_id == row.inspection_id  # type: ignore[attr-defined]


def test_export(bench: Workbench, tmp_path: Path) -> None:
    page = _page(bench)
    page.overdue.setChecked(True)
    target = tmp_path / "台账.xlsx"
    page.do_export(target)
    book = load_workbook(target)
    assert book.sheetnames == ["汇总", "隐患台账"]
    assert book["隐患台账"].max_row == page.model.rowCount() + 1
    assert book["汇总"]["A3"].value == "合计"


def test_reads_and_export_run_in_workers(qtbot: QtBot, office_ws: Workspace, office_settings: AppSettings,
                                         monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    threads: list[str] = []
    for name in ("ledger", "export_xlsx"):
        real = getattr(hazard_queries, name)

        def spy(*args: object, _real: object = real, **kwargs: object) -> object:
            threads.append(threading.current_thread().name)
            return _real(*args, **kwargs)  # type: ignore[operator]

        monkeypatch.setattr(hazard_queries, name, spy)
    runner = TaskRunner()
    window = MainWindow(runner, office_settings)
    qtbot.addWidget(window)
    window.set_workspace(office_ws)
    window.show()
    qtbot.waitUntil(lambda: window.office is not None and window.office.workbench is not None, timeout=20000)
    bench = window.office.workbench  # type: ignore[union-attr]
    assert bench is not None
    page = _page(bench)
    qtbot.waitUntil(lambda: page.loads > 0, timeout=20000)
    assert page.model.rowCount() > 0
    target = tmp_path / "导出.xlsx"
    page.do_export(target)
    qtbot.waitUntil(target.exists, timeout=20000)
    runner.wait_idle()
    assert len(threads) >= 3, threads  # the read, and the export's own read inside export_xlsx
    main = threading.main_thread().name
    assert all(t != main for t in threads), threads
    bench.close_editors()
    runner.shutdown()


def test_the_page_speaks_english(qtbot: QtBot, bench: Workbench) -> None:
    page = _page(bench)
    try:
        install_translators("en")
        qtbot.waitUntil(lambda: page.title.text() == "Hazard ledger")  # LanguageChange is posted
        assert bench.nav.item(HAZARDS).text() == "Hazard ledger"
        assert page.model.headerData(page.model.column_of("days_overdue"), Qt.Orientation.Horizontal) == "Days overdue"
        assert page.summary_model.rows()[-1]["area"] == "合计"
        total = page.summary_model.index(page.summary_model.rowCount() - 1, 0)
        assert page.summary_model.data(total) == "Total"
        assert page.export_button.text() == "Export to Excel…"
    finally:
        install_translators("zh_CN")
        qtbot.waitUntil(lambda: page.title.text() == "隐患台账")
