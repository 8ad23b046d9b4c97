"""Shared set-up of the small-screen and language tests: the inspector's demo workspace with photos on an
inspection in progress (one with no capture time, so that its badge says the time came from the device's
clock), a desk window at a given size showing it, and the editor open on its photos."""

from __future__ import annotations

import random
import shutil
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEvent, QSettings
from pytestqt.qtbot import QtBot

from inspector_app.demo import workspace as demo
from inspector_app.services.ops import evidence as evidence_ops
from inspector_app.services.queries import editor as editor_queries
from inspector_app.storage.engine import Workspace, open_workspace
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.settings import AppSettings
from inspector_app.ui.tasks import InlineTaskRunner

ACTOR = "陈示范"


def pump(ms: int = 60) -> None:
    timer = QElapsedTimer()
    timer.start()
    while timer.elapsed() < ms:
        QCoreApplication.processEvents()


def in_progress(ws: Workspace) -> int:
    """The inspection in progress with the most answers."""
    with ws.engine.connect() as con:
        found = con.exec_driver_sql(
            "SELECT i.id FROM inspections i LEFT JOIN answers a ON a.inspection_id = i.id "
            "WHERE i.status = 'in_progress' GROUP BY i.id ORDER BY COUNT(a.inspection_id) DESC, i.id LIMIT 1").scalar()
    assert found is not None
    return int(found)


@pytest.fixture(scope="module")
def screens_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("screens")
    ws = open_workspace(root / "ws")
    demo.build(ws, enterprises=40)
    inspection_id = in_progress(ws)
    snapshot = editor_queries.load_snapshot(ws, inspection_id)
    first = next((i.code for i in snapshot.template.items if i.code in snapshot.answers), snapshot.template.items[0].code)
    rng = random.Random(5)
    files = []
    for n in range(5):
        path = root / f"IMG_{n:04d}.jpg"
        path.write_bytes(demo.demo_photo(rng, "", datetime.now() - timedelta(minutes=40 - n)))
        files.append(path)
    plain = root / "无时间.jpg"  # no EXIF: the time comes from the file, the badge says so
    Image.new("RGB", (800, 600), (90, 120, 150)).save(plain, quality=80)
    files.append(plain)
    evidence_ops.add_photos(ws, inspection_id, files[:4], ACTOR, item_code=first, workers=1)
    evidence_ops.add_photos(ws, inspection_id, files[4:], ACTOR, workers=1)
    ws.close()
    return root / "ws"


@pytest.fixture
def screens_ws(tmp_path: Path, screens_template: Path) -> Iterator[Workspace]:
    target = tmp_path / "ws"
    shutil.copytree(screens_template, target)
    ws = open_workspace(target)
    yield ws
    ws.close()


def settings_at(folder: Path, name: str = "inspector.ini") -> AppSettings:
    settings = AppSettings(QSettings(str(folder / name), QSettings.Format.IniFormat))
    settings.inspector_name, settings.inspector_cert = ACTOR, "苏应急执法32040001"
    return settings


def desk(qtbot: QtBot, ws: Workspace, settings: AppSettings, size: tuple[int, int]) -> MainWindow:
    window = MainWindow(InlineTaskRunner(), settings)
    qtbot.addWidget(window)
    window.set_workspace(ws)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    window.reload()
    pump()
    return window


def open_editor(window: MainWindow, inspection_id: int, photos: bool = False) -> Any:
    editor = window.editor_tabs.open(inspection_id, "")
    pump()
    if photos:
        editor.evidence_tabs.setCurrentWidget(editor.evidence)
        editor.evidence.set_scope(("all", None))
        pump(120)
    return editor


def close(window: MainWindow) -> None:
    window.editor_tabs.close_all()
    window.close()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
