"""When something goes wrong, and help: an unexpected error in an operation or on the GUI thread shows the
report dialog (what was being done, versions, the traceback, the log) after everything edited before it is
in the database; 帮助 → 使用说明 opens the user guide; 帮助 → 关于 lists the versions."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from desk_support import demo_template, settings, workspace
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from pytestqt.qtbot import QtBot
from test_editor_support import ime_type, stored_answers

from inspector_app import __version__
from inspector_app.buildinfo import build_commit
from inspector_app.storage.engine import Workspace
from inspector_app.ui import errors, log_file
from inspector_app.ui import main as ui_main
from inspector_app.ui.help import crash_dialog
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.settings import AppSettings
from inspector_app.ui.tasks import TaskRunner

__all__ = ["demo_template", "settings", "workspace"]


@pytest.fixture
def logged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The rotating log under ``<tmp>/logs``, the error hook and the save-before-report hooks, all undone."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(errors, "_before_report", [])
    path = log_file.setup_logging(tmp_path / "data")
    assert path is not None
    errors.install_exception_hook()
    yield path
    for handler in [h for h in logging.getLogger().handlers if getattr(h, "baseFilename", "") == str(path)]:
        logging.getLogger().removeHandler(handler)
        handler.close()
    errors.remember_log_path(None)


@pytest.fixture
def desk(qtbot: QtBot, workspace: Workspace, settings: AppSettings, logged: Path) -> Iterator[MainWindow]:
    """The desk with the real runner (operations on the writer thread), set up as start-up does it."""
    runner = TaskRunner()
    win = MainWindow(runner, settings)
    qtbot.addWidget(win)
    win.set_workspace(workspace)
    win.resize(1366, 768)
    win.show()
    with qtbot.waitSignal(win.rows_loaded, timeout=10000):
        win.reload()
    errors.before_report(lambda: ui_main.save_pending(win))
    yield win
    win.editor_tabs.close_all()
    runner.shutdown()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _open_editor(win: MainWindow) -> tuple[Any, int]:
    target = next(r for r in win.model.rows() if r["status"] in ("assigned", "in_progress")
                  and (r["answered"] or 0) < (r["item_count"] or 0))
    win.open_inspection(target["id"], target["enterprise"])
    return win.tabs.currentWidget(), int(target["id"])


def _report(qtbot: QtBot) -> crash_dialog.CrashDialog:
    qtbot.waitUntil(lambda: crash_dialog.last_dialog is not None and crash_dialog.last_dialog.isVisible(),
                    timeout=10000)
    dialog = crash_dialog.last_dialog
    assert dialog is not None
    return dialog


def test_an_error_in_an_operation_shows_the_report_after_the_edit_was_saved(qtbot: QtBot, desk: MainWindow,
                                                                           logged: Path) -> None:
    editor, inspection_id = _open_editor(desk)
    editor.tree.setFocus()
    qtbot.keyClick(editor.tree, Qt.Key.Key_N)  # the next unanswered item
    code = editor.tree.current_code()
    qtbot.keyClick(editor.tree, Qt.Key.Key_3)  # 不符合: queued on the writer

    def broken(_progress: Any, _cancel: Any) -> None:
        raise RuntimeError("the rule engine broke")

    desk.runner.write(broken, title="正在重新计算得分…")  # no error callback: the runner's error path
    dialog = _report(qtbot)
    assert "正在重新计算得分" in dialog.message.text() and "没有完成" in dialog.message.text()
    assert "Traceback" not in dialog.message.text()
    for expected in (f"Inspector 版本: {__version__}", build_commit(), "Qt: ", "PySide6: ", "Python: ",
                     "RuntimeError: the rule engine broke", "doing: 正在重新计算得分"):
        assert expected in dialog.report
    assert str(logged) in dialog.log_label.text() and logged.parent.name == "logs"
    assert "task failed" in logged.read_text("utf-8") and "the rule engine broke" in logged.read_text("utf-8")
    assert stored_answers(desk.workspace, inspection_id)[code].result == "不符合"  # type: ignore[arg-type]
    dialog.copy_report()
    assert QCoreApplication.instance().clipboard().text() == dialog.report  # type: ignore[attr-defined]
    dialog.close()


def test_an_error_on_the_gui_thread_saves_the_typing_before_the_report(qtbot: QtBot, desk: MainWindow,
                                                                       logged: Path) -> None:
    """The note is still in its typing pause when the error comes: the hook saves it and waits for the
    writer, so the database holds it at the moment the dialog is on screen."""
    editor, inspection_id = _open_editor(desk)
    editor.tree.setFocus()
    qtbot.keyClick(editor.tree, Qt.Key.Key_N)
    code = editor.tree.current_code()
    qtbot.keyClick(editor.tree, Qt.Key.Key_2)  # 部分符合
    ime_type(editor.item_pane.note, "配电房未见检查记录")  # saved after a pause – not yet
    try:
        raise KeyError("a slot went wrong")
    except KeyError:
        sys.excepthook(*sys.exc_info())
    dialog = crash_dialog.last_dialog
    assert dialog is not None and dialog.isVisible()
    answer = stored_answers(desk.workspace, inspection_id)[code]  # type: ignore[arg-type]
    assert answer.note == "配电房未见检查记录" and answer.result == "部分符合"
    assert "KeyError" in dialog.report and "unhandled exception" in logged.read_text("utf-8")
    dialog.close()


def test_errors_written_for_people_stay_plain_messages(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from inspector_app.domain.errors import ValidationError

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    before = crash_dialog.last_dialog
    errors.show_error(None, ValidationError("辖区“某地”不在活动的辖区表中"), "设置未保存")
    assert shown == ["辖区“某地”不在活动的辖区表中"] and crash_dialog.last_dialog is before


def test_help_opens_the_user_guide(qtbot: QtBot, desk: MainWindow) -> None:
    guide = desk.actions_.do_guide()
    assert guide.isVisible() and guide.path.name == "user-guide.md"
    text = guide.browser.toPlainText()
    assert "使用说明" in text and "第一次打开" in text and "##" not in text  # rendered, not the Markdown source
    guide.find.setText("数据包")
    assert guide.find_next()
    assert desk.actions_.do_guide() is guide  # one window, raised again
    guide.close()


def test_about_lists_the_versions(qtbot: QtBot, desk: MainWindow) -> None:
    desk.actions_.do_about()
    qtbot.waitUntil(lambda: desk.actions_.dialog is not None, timeout=5000)
    about = desk.actions_.dialog
    values = {label: widget.text() for label, widget in about.values.items()}
    assert values["Inspector 版本"] == __version__ and values["构建提交（commit）"] == build_commit()
    assert values["Qt"] and values["PySide6"] and values["Python"] and values["操作系统"]
    assert values["数据库结构版本"].isdigit()  # the workspace's Alembic revision, read in a worker
    about.close()
