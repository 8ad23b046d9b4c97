"""The desk's 验收 / 退回修改 pass the version of the row the supervisor saw (issue 15): a change made
meanwhile elsewhere (another supervisor's machine, which broadcasts nothing here) refuses the decision
with the message naming the state now, and the list is reread so that the row shows that state."""

from __future__ import annotations

from typing import Any

import pytest
from desk_support import demo_template, settings, window, workspace
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from inspector_app.domain.errors import StaleEditError
from inspector_app.services import inspections
from inspector_app.storage.engine import Workspace
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.sync import actions

__all__ = ["demo_template", "settings", "window", "workspace"]


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple[BaseException, str]]:
    boxes: list[tuple[BaseException, str]] = []
    monkeypatch.setattr(actions, "show_error", lambda _parent, error, title="": boxes.append((error, title)))
    return boxes


def _received(win: MainWindow, ws: Workspace) -> dict[str, Any]:
    target = next(r for r in win.model.rows() if r["id"] is not None and r["score"] is not None)
    with ws.engine.begin() as con:
        con.exec_driver_sql("UPDATE inspections SET status = 'received' WHERE id = ?", (target["id"],))
    win.reload()
    row = next(r for r in win.model.rows() if r["id"] == target["id"])
    assert win.select_row(row["id"]) and row["version"] >= 1
    return row


def _changed_elsewhere(ws: Workspace, inspection_id: int) -> None:
    """Another supervisor's change that leaves the inspection received (its version moves on)."""
    with ws.engine.begin() as con:
        con.exec_driver_sql("UPDATE inspections SET version = version + 1 WHERE id = ?", (inspection_id,))


def _state(ws: Workspace, inspection_id: int) -> tuple[str, int]:
    with ws.sessions() as session:
        found = inspections.get(session, inspection_id)
        return str(found.status), int(found.version)


def test_accept_on_a_row_changed_elsewhere_is_refused_and_the_row_reread(
        window: MainWindow, workspace: Workspace, qtbot: QtBot, shown: list[tuple[BaseException, str]]) -> None:
    row = _received(window, workspace)
    _changed_elsewhere(workspace, row["id"])
    assert window.sync is not None
    window.sync.accept.trigger()
    qtbot.keyClick(window.sync.dialog, Qt.Key.Key_Return)  # confirmed
    assert len(shown) == 1 and isinstance(shown[0][0], StaleEditError) and shown[0][1] == "未能验收"
    assert "已被他人处理" in str(shown[0][0]) and "已接收" in str(shown[0][0])
    assert _state(workspace, row["id"]) == ("received", row["version"] + 1)  # nothing written
    fresh = next(r for r in window.model.rows() if r["id"] == row["id"])
    assert fresh["version"] == row["version"] + 1  # the list shows the state now
    assert window.select_row(row["id"])
    window.sync.accept.trigger()  # decided again on what is shown now: it goes through
    qtbot.keyClick(window.sync.dialog, Qt.Key.Key_Return)
    assert len(shown) == 1 and _state(workspace, row["id"])[0] == "accepted"


def test_return_on_a_row_changed_elsewhere_is_refused(window: MainWindow, workspace: Workspace,
                                                      shown: list[tuple[BaseException, str]]) -> None:
    row = _received(window, workspace)
    _changed_elsewhere(workspace, row["id"])
    assert window.sync is not None
    window.sync.do_return("请补充现场照片")
    assert len(shown) == 1 and isinstance(shown[0][0], StaleEditError) and shown[0][1] == "未能退回"
    assert _state(workspace, row["id"]) == ("received", row["version"] + 1)
    assert window.select_row(row["id"])
    window.sync.do_return("请补充现场照片")
    assert len(shown) == 1 and _state(workspace, row["id"])[0] == "returned"
