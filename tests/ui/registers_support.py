"""Shared set-up of the tests of the office's register pages (登记册, 统计, 摘牌案件, 处理决定): the demo
workspace made the city office's (sync role office, level city, jurisdiction 常州市 – the body that decides
a 三级 case) with what the inspectors sent marked received; the window and the workbench come from
``office_support`` (its ``office_ws`` is replaced by this one)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from office_support import ACTOR, Templates, receive_sent
from sqlalchemy import select

from inspector_app.demo import workspace as demo
from inspector_app.services.ops import sync as sync_ops
from inspector_app.services.ops import workspace as workspace_ops
from inspector_app.services.queries import office as office_queries
from inspector_app.services.unit import reading
from inspector_app.storage.engine import Workspace
from inspector_app.storage.models import AuditEvent
from inspector_app.ui.main_window import MainWindow


def _city_office(ws: Workspace) -> None:
    demo.build(ws, enterprises=60)
    workspace_ops.set_setting(ws, "level", "city", ACTOR)
    workspace_ops.set_setting(ws, "jurisdiction", "常州市", ACTOR)
    sync_ops.set_role(ws, "office", ACTOR)
    receive_sent(ws)


@pytest.fixture(scope="module")
def city_template(tmp_path_factory: pytest.TempPathFactory) -> Templates:
    return Templates(tmp_path_factory, "city", _city_office)


@pytest.fixture
def office_ws(tmp_path: Path, city_template: Templates, engine: str) -> Iterator[Workspace]:
    ws = city_template.copy(engine, tmp_path / "ws")
    yield ws
    ws.close()


def audit_rows(ws: Workspace, entity: str, field: str = "") -> list[tuple[str, str, str, str]]:
    """(key, field, new value, actor) of the audit rows of an entity (and field), oldest first."""
    with reading(ws) as session:
        stmt = select(AuditEvent).where(AuditEvent.entity == entity).order_by(AuditEvent.id)
        if field:
            stmt = stmt.where(AuditEvent.field == field)
        return [(e.entity_key, e.field, e.new_value, e.actor) for e in session.scalars(stmt)]


def set_level(window: MainWindow, ws: Workspace, level: str, jurisdiction: str) -> None:
    """Move the office (another level) and let the workbench learn it, as a settings change would."""
    workspace_ops.set_setting(ws, "jurisdiction", "", ACTOR)
    workspace_ops.set_setting(ws, "level", level, ACTOR)
    workspace_ops.set_setting(ws, "jurisdiction", jurisdiction, ACTOR)
    assert window.office is not None
    window.office.apply(office_queries.office_info(ws))


def answer(dialog: Any, accept: bool = True) -> None:
    """Finish a dialog opened with ``open()`` as the user would."""
    if accept:
        dialog.accept()
    else:
        dialog.reject()
