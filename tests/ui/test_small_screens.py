"""Small screens (issue 17): at 1366×700 (a maximised window on a 1366×768 laptop) and at 1280×720 the
editor's panes fit without scrolling – every row of the element table, a full row of photo thumbnails,
the item's score and 从本项登记隐患… –, the desk's columns follow their content with the enterprise's
name first, and a splitter saved on a wider screen is clamped to this one."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from screens_support import (
    close,
    desk,
    in_progress,
    open_editor,
    pump,
    screens_template,
    screens_ws,
    settings_at,
)

from inspector_app.storage.engine import Workspace
from inspector_app.ui import desk_columns, window_fit
from inspector_app.ui.evidence.gallery import CELL
from inspector_app.ui.i18n import install_translators
from inspector_app.ui.models.inspection_table import COL_ENTERPRISE, COL_TEMPLATE, COL_USCC

__all__ = ["screens_template", "screens_ws"]  # fixtures
SIZES = [(1366, 700), (1280, 720)]


def on_screen(widget: QWidget, window: QWidget) -> QRect:
    """The widget's rectangle in the window's coordinates, after checking it is shown."""
    assert widget.isVisible(), widget
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def inside(widget: QWidget, container: QWidget, window: QWidget) -> bool:
    return on_screen(container, window).contains(on_screen(widget, window))


@pytest.fixture(params=["zh_CN", "en"])
def language(request: pytest.FixtureRequest) -> str:
    install_translators(request.param)
    yield request.param
    install_translators("zh_CN")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_editor_panes_fit_without_scrolling(qtbot: QtBot, tmp_path: Path, screens_ws: Workspace,
                                                size: tuple[int, int], language: str) -> None:
    window = desk(qtbot, screens_ws, settings_at(tmp_path), size)
    try:
        editor = open_editor(window, in_progress(screens_ws))
        score, table = editor.score_panel, editor.score_panel.elements
        assert table.rowCount() == 5  # the look-back's elements A–E
        rows = sum(table.rowHeight(r) for r in range(table.rowCount()))
        assert table.viewport().height() >= rows and not table.verticalScrollBar().isVisible()
        assert inside(table, score, window) and inside(score, editor.splitter, window)
        assert on_screen(editor.splitter, window).bottom() <= window.height()

        pane = editor.item_pane  # the bottom of the middle pane, whatever the item's length
        for widget in (pane.earned, pane.add_finding):
            assert inside(widget, pane, window) and on_screen(widget, window).bottom() < window.height()
        assert pane.earned.text() and pane.note.height() >= 3 * pane.note.fontMetrics().lineSpacing()
        longest = max(editor.controller.snapshot.template.items, key=lambda i: len(i.text) + len(i.deductions) * 30)
        editor.tree.select_code(longest.code)
        pump()
        for widget in (pane.earned, pane.add_finding):
            assert inside(widget, pane, window)
        assert editor.findings.height() > 100  # the findings keep a usable list under the score

        editor.evidence_tabs.setCurrentWidget(editor.evidence)
        editor.evidence.set_scope(("all", None))
        pump()
        view = editor.evidence.view
        assert view.viewport().height() >= CELL.height()  # a full row of thumbnails
        assert inside(view, editor.evidence_tabs, window)
        assert score.outcome.isVisible() and score.answered.isVisible()  # the score stays in view, compact
        editor.evidence_tabs.setCurrentIndex(0)
        pump()
        assert table.isVisible() and table.viewport().height() >= rows
    finally:
        close(window)


def test_desk_columns_name_first_at_1280(qtbot: QtBot, tmp_path: Path, screens_ws: Workspace) -> None:
    window = desk(qtbot, screens_ws, settings_at(tmp_path), (1280, 720))
    try:
        table = window.table
        metrics = table.fontMetrics()
        longest = max((r["enterprise"] for r in window.model.rows()), key=lambda n: metrics.horizontalAdvance(n))
        assert table.columnWidth(COL_ENTERPRISE) >= metrics.horizontalAdvance(longest) + 8  # "常州正大化…" no more
        assert table.columnWidth(COL_ENTERPRISE) >= table.columnWidth(COL_USCC)
        assert not table.horizontalScrollBar().isVisible()
        total = sum(table.columnWidth(c) for c in range(window.model.columnCount()))
        assert abs(total - table.viewport().width()) <= 2  # the columns fill the list exactly
        detail = window.splitter.sizes()[1]
        assert window_fit.side_width(1276, 300, 0.42, 10_000) >= detail >= 300
        window.resize(1100, 720)  # narrower: the template column gives first, the name last
        pump()
        assert table.columnWidth(COL_TEMPLATE) <= table.columnWidth(COL_ENTERPRISE)
        assert table.columnWidth(COL_ENTERPRISE) >= metrics.horizontalAdvance("常州正大化工有限公司")
    finally:
        close(window)


def test_a_splitter_saved_on_a_wider_screen_is_clamped(qtbot: QtBot, tmp_path: Path, screens_ws: Workspace) -> None:
    settings = settings_at(tmp_path)
    wide = desk(qtbot, screens_ws, settings, (1920, 1080))
    wide.splitter.setSizes([1000, 912])  # a detail pane of 900 pixels on a 1920 screen
    pump()
    wide.save_geometry()
    close(wide)
    narrow = desk(qtbot, screens_ws, settings, (1280, 720))
    try:
        list_width, detail = narrow.splitter.sizes()
        assert 300 <= detail <= int(1280 * 0.42)
        assert list_width >= narrow.columns.total_want() - 40  # the list keeps what its columns want first
        assert narrow.table.columnWidth(COL_ENTERPRISE) == narrow.columns.wants[COL_ENTERPRISE]
    finally:
        close(narrow)


def test_fit_takes_the_shortfall_in_order_and_gives_the_surplus_to_the_template() -> None:
    wants = {COL_ENTERPRISE: 170, COL_USCC: 140, COL_TEMPLATE: 60}
    floors = {COL_ENTERPRISE: 110, COL_USCC: 100, COL_TEMPLATE: 40}
    assert desk_columns.fit(wants, floors, 370) == wants
    assert desk_columns.fit(wants, floors, 400)[COL_TEMPLATE] == 90
    assert desk_columns.fit(wants, floors, 340) == {COL_ENTERPRISE: 170, COL_USCC: 130, COL_TEMPLATE: 40}
    assert desk_columns.fit(wants, floors, 260) == {COL_ENTERPRISE: 120, COL_USCC: 100, COL_TEMPLATE: 40}
    assert desk_columns.fit(wants, floors, 100) == floors  # never below a floor (the list scrolls instead)


def test_small_screens_and_saved_sizes() -> None:
    assert window_fit.small_screen(QSize(1366, 728)) and window_fit.small_screen(QSize(1280, 680))
    assert not window_fit.small_screen(QSize(1920, 1040)) and not window_fit.small_screen(None)
    assert window_fit.side_width(1276, 300, 0.42, 900) == 535 and window_fit.side_width(600, 300, 0.42, 400) == 300
    assert window_fit.saved_sizes(b"") == []
