"""Shared set-up of the desk tests: a fresh demo workspace, settings in an ini file, a main window
whose work runs inline (no threads), and synthetic rows for the model."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings
from pytestqt.qtbot import QtBot

from inspector_app.demo.workspace import build_demo
from inspector_app.storage.engine import Workspace, open_workspace
from inspector_app.ui.i18n import install_translators
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.settings import AppSettings
from inspector_app.ui.tasks import InlineTaskRunner


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo workspace per module, copied for each test (building it takes a second)."""
    root = tmp_path_factory.mktemp("demo")
    workspace = open_workspace(root / "ws")
    with workspace.sessions.begin() as session:
        build_demo(session, enterprises=40)
    workspace.close()
    return root / "ws"


@pytest.fixture
def workspace(tmp_path: Path, demo_template: Path) -> Iterator[Workspace]:
    import shutil

    target = tmp_path / "ws"
    shutil.copytree(demo_template, target)
    ws = open_workspace(target)
    yield ws
    ws.close()


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    return AppSettings(QSettings(str(tmp_path / "inspector.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def window(qtbot: QtBot, workspace: Workspace, settings: AppSettings) -> Iterator[MainWindow]:
    install_translators("zh_CN")
    win = MainWindow(InlineTaskRunner(), settings)
    qtbot.addWidget(win)
    win.set_workspace(workspace)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    win.reload()
    yield win
    win.editor_tabs.close_all()
    # closed editors are deleted later; do it now so that no half-deleted editor sees the next test's events
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def row(i: int, **values: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": i, "enterprise_id": i, "enterprise": f"常州恒达机械{i}有限公司", "uscc": f"91320412ABC{i or 0:07d}",
        "district": "武进区", "cert_grade": "三级", "template": "回头看检查表", "status": "in_progress",
        "score": 80.0, "grade": "二级", "outcome": "维持", "due_date": "2026-12-01", "answered": 10,
        "item_count": 35,
    }
    base.update(values)
    return base
