"""The desk driven like an inspector: filter by typing, select to see details and history, open with
Enter, settings that persist, the English translation, start-up and import through the real window."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from desk_support import demo_template, settings, window, workspace
from PySide6.QtCore import QCoreApplication, QEvent, QSettings, Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from inspector_app.domain.errors import ImportFileError, WorkspaceError
from inspector_app.storage.engine import Workspace
from inspector_app.ui import main as ui_main
from inspector_app.ui.errors import user_message
from inspector_app.ui.i18n import install_translators
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.models.inspection_table import COL_ENTERPRISE, COL_STATUS
from inspector_app.ui.settings import AppSettings
from inspector_app.ui.settings_dialog import SettingsDialog
from inspector_app.ui.tasks import InlineTaskRunner

__all__ = ["demo_template", "settings", "window", "workspace"]  # the shared fixtures, imported for pytest


def visible_names(win: MainWindow) -> list[str]:
    model = win.model
    return [model.data(model.index(r, COL_ENTERPRISE)) for r in range(model.rowCount())]


def test_typing_in_the_filter_box_filters_the_list(qtbot: QtBot, window: MainWindow) -> None:
    total = window.model.rowCount()
    target = window.model.rows()[0]
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.filter_bar.text.hasFocus()
    qtbot.keyClicks(window.filter_bar.text, target["uscc"][-6:].lower())
    qtbot.waitUntil(lambda: window.model.rowCount() < total, timeout=2000)
    assert target["enterprise"] in visible_names(window)
    assert all(target["uscc"][-6:] in r["uscc"] for r in window.model.rows())
    assert f"/ {total}" in window.count_label.text()
    window.filter_bar.clear()
    assert window.model.rowCount() == total
    qtbot.keyClick(window.filter_bar.text, Qt.Key.Key_Down)  # from the filter box straight into the list
    assert window.table.hasFocus() and window.current_row() is not None


def test_district_and_status_combos(window: MainWindow) -> None:
    bar = window.filter_bar
    district = window.model.rows()[0]["district"]
    bar.district.setCurrentIndex(bar.district.findData(district))
    assert window.model.rowCount() > 0 and {r["district"] for r in window.model.rows()} == {district}
    bar.status.setCurrentIndex(bar.status.findData("assigned"))
    assert {r["status"] for r in window.model.rows()} <= {"assigned"}
    assert all(window.model.data(window.model.index(i, COL_STATUS)) == "已分配"
               for i in range(window.model.rowCount()))


def test_selecting_a_row_shows_the_enterprise_and_its_history(window: MainWindow, workspace: Workspace) -> None:
    with workspace.engine.connect() as con:
        inspection_id, enterprise_id, count = con.exec_driver_sql(
            "SELECT f.inspection_id, i.enterprise_id, COUNT(*) FROM findings f JOIN inspections i "
            "ON i.id = f.inspection_id GROUP BY f.inspection_id ORDER BY COUNT(*) DESC LIMIT 1").one()
        name, uscc = con.exec_driver_sql("SELECT name, uscc FROM enterprises WHERE id = ?",
                                         (enterprise_id,)).one()
    assert window.select_row(inspection_id)
    pane = window.detail
    assert pane.title.text() == name
    assert pane.values["uscc"].text() == uscc
    assert pane.values["legal_rep"].text() not in ("", "—")
    tops = [pane.history.topLevelItem(i) for i in range(pane.history.topLevelItemCount())]
    entry = next(t for t in tops if t.data(0, Qt.ItemDataRole.UserRole + 1) == inspection_id)
    findings = [entry.child(i) for i in range(entry.childCount()) if entry.child(i).text(0).startswith("[")]
    assert len(findings) == count
    assert all(f.text(1) in ("待整改", "已整改待复查", "复查合格", "复查不合格") for f in findings)
    pane.history.setCurrentItem(findings[0])
    assert pane.finding_text.isVisible() and "整改要求" in pane.finding_text.text()


def test_enter_opens_the_inspection_in_a_tab(qtbot: QtBot, window: MainWindow) -> None:
    target = next(r for r in window.model.rows() if r["id"] is not None)
    window.select_row(target["id"])
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert window.tabs.count() == 2
    assert window.tabs.currentWidget().property("inspection_id") == target["id"]
    qtbot.keyClick(window.table, Qt.Key.Key_Return)  # the same inspection again: no second tab
    assert window.tabs.count() == 2
    assert window.editor_tabs.close_tab(1) and window.tabs.count() == 1
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not window.editor_tabs.close_tab(0)  # the list stays


def test_settings_persist_and_name_the_actor(qtbot: QtBot, tmp_path: Path, settings: AppSettings) -> None:
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.name.setText("陈示范")
    dialog.cert.setText("苏应急执法32040001")
    dialog.accept()
    again = AppSettings(QSettings(str(tmp_path / "inspector.ini"), QSettings.Format.IniFormat))
    assert again.inspector_name == "陈示范" and again.actor == "陈示范（苏应急执法32040001）"
    assert again.language == "zh_CN"


def test_window_geometry_is_saved_and_restored(qtbot: QtBot, settings: AppSettings) -> None:
    first = MainWindow(InlineTaskRunner(), settings)
    qtbot.addWidget(first)
    first.resize(700, 500)  # the offscreen screen is 800×600; restoreGeometry keeps windows on it
    first.save_geometry()
    second = MainWindow(InlineTaskRunner(), settings)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (700, 500)


def test_switching_to_english_retranslates_the_open_window(qtbot: QtBot, window: MainWindow,
                                                          settings: AppSettings) -> None:
    dialog = SettingsDialog(settings, window)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    try:
        dialog.accept()
        assert settings.language == "en"
        qtbot.waitUntil(lambda: window.actions_.file_menu.title() == "&File", timeout=2000)  # posted event
        assert window.model.headerData(COL_ENTERPRISE, Qt.Orientation.Horizontal) == "Enterprise"
        assert window.filter_bar.status.itemText(0) == "All statuses"
        statuses = {window.model.data(window.model.index(i, COL_STATUS)) for i in range(window.model.rowCount())}
        assert statuses & {"Assigned", "In progress", "Completed", "Exported", "Accepted", "Returned"}
        assert "Workspace:" in window.path_label.text()
    finally:
        install_translators("zh_CN")
    qtbot.waitUntil(lambda: window.actions_.file_menu.title() == "文件(&F)", timeout=2000)


def test_start_up_loads_rows_and_offers_demo_data_once(qtbot: QtBot, tmp_path: Path, settings: AppSettings,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[1]) or QMessageBox.StandardButton.No)
    win = MainWindow(InlineTaskRunner(), settings)
    qtbot.addWidget(win)
    ui_main.open_and_load(win, tmp_path / "empty", settings)
    assert win.workspace is not None and win.model.total_count() == 0
    assert asked == ["工作区为空"] and settings.demo_offered(win.workspace.root)
    ui_main.open_and_load(win, tmp_path / "empty", settings)
    assert len(asked) == 1  # offered only on the first start of this workspace
    ui_main.open_and_load(win, tmp_path / "another", settings)
    assert len(asked) == 2  # another workspace folder is another first start
    win.workspace.close()


def test_a_workspace_that_cannot_open_gives_a_message(qtbot: QtBot, tmp_path: Path, settings: AppSettings,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    win = MainWindow(InlineTaskRunner(), settings)
    qtbot.addWidget(win)
    ui_main.open_and_load(win, blocker / "ws", settings)
    assert shown and str(blocker / "ws") in shown[0] and "Traceback" not in shown[0]


def test_import_previews_then_imports_and_lists_problems(qtbot: QtBot, window: MainWindow, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from inspector_app.ui import import_dialog

    seen: list[Any] = []

    def fake_exec(dialog: QDialog) -> int:
        seen.append((dialog.windowTitle(), dialog.can_import))
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(import_dialog.ImportResultDialog, "exec", fake_exec)
    good = tmp_path / "list.csv"
    good.write_text("企业名称,统一社会信用代码,辖市区,证书等级\n常州市示例精密机械有限公司,91110000600037341L,武进区,三级\n",
                    encoding="utf-8")
    before = window.model.total_count()
    window.actions_.run_import(good, dry_run=True)
    assert [s[1] for s in seen] == [True, False]  # preview with an import button, then the summary
    assert window.model.total_count() == before + 1
    window.filter_bar.text.setText("示例精密")
    window.filter_bar.flush()
    assert visible_names(window) == ["常州市示例精密机械有限公司"]

    bad = tmp_path / "bad.csv"
    bad.write_text("企业名称,统一社会信用代码\n坏代码有限公司,91110000600037341X\n", encoding="utf-8")
    seen.clear()
    window.actions_.run_import(bad, dry_run=True)
    assert seen == [("导入企业 – bad.csv", False)]


def test_error_messages_are_for_people() -> None:
    message, details = user_message(ImportFileError("文件有 1 个问题", ["第 2 行，列“统一社会信用代码”：校验位错误"]))
    assert message == "文件有 1 个问题" and "第 2 行" in details
    assert user_message(WorkspaceError("工作区无法打开"))[0] == "工作区无法打开"
    text, _ = user_message(ZeroDivisionError("division by zero"))
    assert "division" not in text and "意外" in text


def test_start_up_with_real_worker_threads(qtbot: QtBot, workspace: Workspace, settings: AppSettings) -> None:
    """The same path as the application: the workspace opened and rows read on the pool, the detail
    read on the pool, results delivered on the GUI thread."""
    from inspector_app.ui.tasks import TaskRunner

    root = workspace.root
    workspace.close()
    runner = TaskRunner()
    win = MainWindow(runner, settings, defer_setup=True)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.rows_loaded, timeout=10000):
        ui_main.open_and_load(win, root, settings)
    win.finish_setup()
    assert win.workspace is not None and win.model.rowCount() > 0
    first = win.model.rows()[0]
    with qtbot.waitSignal(win.detail_loaded, timeout=10000):
        win.select_row(first["id"], first["enterprise_id"])
    assert win.detail.title.text() == first["enterprise"]
    runner.shutdown()
    win.workspace.close()


def test_an_answer_in_the_editor_updates_the_list_row(qtbot: QtBot, window: MainWindow) -> None:
    target = next(r for r in window.model.rows() if r["status"] in ("assigned", "in_progress")
                  and (r["answered"] or 0) < (r["item_count"] or 0))
    window.open_inspection(target["id"], target["enterprise"])
    editor = window.tabs.currentWidget()
    editor.tree.setFocus()  # type: ignore[attr-defined]
    qtbot.keyClick(editor.tree, Qt.Key.Key_N)  # type: ignore[attr-defined]  # next unanswered item
    qtbot.keyClick(editor.tree, Qt.Key.Key_1)  # type: ignore[attr-defined]  # 符合
    row = window.model.rows()[window.model.find(target["id"])]
    qtbot.waitUntil(lambda: (window.model.rows()[window.model.find(target["id"])]["answered"] or 0)
                    == (target["answered"] or 0) + 1, timeout=3000)
    assert row["id"] == target["id"]
    window.editor_tabs.close_all()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_an_unhandled_error_is_logged_and_reported(qtbot: QtBot, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The message says what happened in words; the traceback is in the log and in the report to copy."""
    import logging
    import sys

    from inspector_app.ui import errors, log_file
    from inspector_app.ui.help import crash_dialog

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    path = log_file.setup_logging(tmp_path)
    try:
        errors.install_exception_hook()
        try:
            raise ZeroDivisionError("division by zero")
        except ZeroDivisionError:
            sys.excepthook(*sys.exc_info())
    finally:
        for handler in [h for h in logging.getLogger().handlers
                        if getattr(h, "baseFilename", "") == str(path)]:
            logging.getLogger().removeHandler(handler)
            handler.close()
    assert path is not None and "ZeroDivisionError" in path.read_text("utf-8")
    dialog = crash_dialog.last_dialog
    assert dialog is not None and dialog.isVisible()
    assert "Traceback" not in dialog.message.text() and str(path) in dialog.log_label.text()
    assert "ZeroDivisionError: division by zero" in dialog.report
    dialog.close()
