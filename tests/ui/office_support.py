"""Shared set-up of the office window's tests: the demo workspace made the 武进区 office's (sync role
office, level district, jurisdiction 常州市武进区) with the inspections the inspectors sent (已导出) marked
received – what importing their bundles does – and a main window showing the workbench, work inline."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pg_support
import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from inspector_app.demo import workspace as demo
from inspector_app.domain.lifecycle import InspectionStatus
from inspector_app.services import inspections
from inspector_app.services.ops import sync as sync_ops
from inspector_app.services.ops import workspace as workspace_ops
from inspector_app.services.unit import unit_of_work
from inspector_app.storage.engine import Workspace, open_workspace
from inspector_app.storage.models import Inspection
from inspector_app.ui import errors
from inspector_app.ui.i18n import install_translators
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.office.workbench import Workbench
from inspector_app.ui.settings import AppSettings
from inspector_app.ui.tasks import InlineTaskRunner

ACTOR = "审核员（测试）"


def receive_sent(ws: Workspace) -> list[int]:
    """已完成/已导出 → 已接收, as importing the inspectors' bundles would."""
    with unit_of_work(ws) as session:
        done = session.scalars(select(Inspection).where(Inspection.status.in_(
            (InspectionStatus.COMPLETED.value, InspectionStatus.EXPORTED.value))).order_by(Inspection.id)).all()
        for inspection in done:
            if inspection.status == InspectionStatus.COMPLETED.value:
                inspections.set_status(session, inspection, InspectionStatus.EXPORTED, "检查员")
            inspections.set_status(session, inspection, InspectionStatus.RECEIVED, "数据包导入")
        return [i.id for i in done]


class Templates:
    """A module's template workspace, built once per engine on first use (a module marked
    ``both_engines`` runs on SQLite and on PostgreSQL) and copied for each test (``pg_support``)."""

    def __init__(self, factory: pytest.TempPathFactory, name: str, build: Callable[[Workspace], None]) -> None:
        self.factory, self.name, self.build = factory, name, build
        self.paths: dict[str, Path] = {}

    def path(self, engine: str) -> Path:
        if engine not in self.paths:
            root = pg_support.prepare(self.factory.mktemp(f"{self.name}-{engine}") / "ws", keep=True)
            ws = open_workspace(root)
            try:
                self.build(ws)
            finally:
                ws.close()
            self.paths[engine] = root
        return self.paths[engine]

    def copy(self, engine: str, target: Path) -> Workspace:
        ws = open_workspace(pg_support.copy_workspace(self.path(engine), target))
        assert ws.dialect == ("postgresql" if engine == "pg" else "sqlite"), "the engine the test runs on"
        return ws


def _district_office(ws: Workspace) -> None:
    demo.build(ws, enterprises=60)  # with the photo store: signatures and photos, so that some are completed
    workspace_ops.set_setting(ws, "level", "district", ACTOR)
    workspace_ops.set_setting(ws, "jurisdiction", "常州市武进区", ACTOR)
    sync_ops.set_role(ws, "office", ACTOR)
    receive_sent(ws)


@pytest.fixture(scope="module")
def office_template(tmp_path_factory: pytest.TempPathFactory) -> Templates:
    return Templates(tmp_path_factory, "office", _district_office)


@pytest.fixture
def office_ws(tmp_path: Path, office_template: Templates, engine: str) -> Iterator[Workspace]:
    ws = office_template.copy(engine, tmp_path / "ws")
    yield ws
    ws.close()


@pytest.fixture
def office_settings(tmp_path: Path) -> AppSettings:
    settings = AppSettings(QSettings(str(tmp_path / "inspector.ini"), QSettings.Format.IniFormat))
    settings.inspector_name = ACTOR
    return settings


@pytest.fixture
def office_window(qtbot: QtBot, office_ws: Workspace, office_settings: AppSettings) -> Iterator[MainWindow]:
    install_translators("zh_CN")
    window = MainWindow(InlineTaskRunner(), office_settings)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.set_workspace(office_ws)
    window.show()
    qtbot.waitExposed(window)
    yield window
    if window.office is not None and window.office.workbench is not None:
        window.office.workbench.close_editors()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def bench(office_window: MainWindow) -> Workbench:
    assert office_window.office is not None
    workbench = office_window.office.workbench
    assert workbench is not None, "an office's workspace opens on its workbench"
    return workbench


class ErrorBoxes:
    """Stands in for ``ui.errors.show_error`` (a modal box): what would have been shown."""

    def __init__(self) -> None:
        self.shown: list[tuple[BaseException, str]] = []

    def __call__(self, _parent: Any, error: BaseException, title: str = "") -> None:
        self.shown.append((error, title))


@pytest.fixture
def error_boxes(monkeypatch: pytest.MonkeyPatch) -> ErrorBoxes:
    boxes = ErrorBoxes()
    monkeypatch.setattr(errors, "show_error", boxes)
    return boxes
