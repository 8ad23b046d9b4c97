"""``inspector-app gui FILE…`` – what a double-click on a bundle runs (the .deb's MIME type, the Windows file
association): the window opens the workspace, then imports the files as 文件 → 导入数据包… does."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from desk_support import settings
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from inspector_app.cli import build_parser, gui_arguments
from inspector_app.ui import main as ui_main
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.settings import AppSettings
from inspector_app.ui.sync.actions import SyncActions
from inspector_app.ui.tasks import InlineTaskRunner

__all__ = ["settings"]  # the shared fixture, imported for pytest


def test_gui_takes_files_through_the_full_parser() -> None:
    assert gui_arguments(["gui", "a.inspbundle"]) is None  # not the fast path
    args = build_parser().parse_args(["--data-dir", "ws", "gui", "--lang", "en", "a.inspbundle", "b.inspbundle.enc"])
    assert args.command == "gui" and args.lang == "en"
    assert args.files == [Path("a.inspbundle"), Path("b.inspbundle.enc")]
    assert build_parser().parse_args(["gui"]) == gui_arguments(["gui"])  # the fast path's namespace is the same


def test_files_are_imported_once_the_rows_are_in(qtbot: QtBot, tmp_path: Path, settings: AppSettings,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    imported: list[list[Path]] = []
    monkeypatch.setattr(SyncActions, "run_import", lambda self, paths: imported.append(paths))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)  # demo offer
    monkeypatch.setattr("inspector_app.ui.errors.install_exception_hook", lambda: None)
    monkeypatch.setattr("inspector_app.ui.log_file.setup_logging", lambda data_dir: None)
    monkeypatch.chdir(tmp_path)
    win = MainWindow(InlineTaskRunner(), settings, defer_setup=True)
    qtbot.addWidget(win)
    args = argparse.Namespace(data_dir=str(tmp_path / "ws"), command="gui", lang=None,
                              files=[Path("from-inspector.inspbundle")])
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    ui_main.after_show(win, args, settings, app)
    assert win.workspace is not None
    assert imported == [[tmp_path / "from-inspector.inspbundle"]]  # made absolute, imported after loading
    win.workspace.close()
