"""The workspace's operations and read models: settings (audited), demo data as an operation, the
enterprise register."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from inspector_app.demo.workspace import build
from inspector_app.domain.errors import ValidationError
from inspector_app.services.changes import ChangeKind
from inspector_app.services.ops.workspace import set_setting
from inspector_app.services.queries.enterprises import ENTERPRISE_COLUMNS, enterprise_rows
from inspector_app.services.queries.workspace import settings
from inspector_app.services.workspace_meta import KNOWN_KEYS
from inspector_app.storage.engine import Workspace
from inspector_app.storage.models import AuditEvent

pytestmark = pytest.mark.both_engines


def _workspace_audit(ws: Workspace) -> list[tuple[str, str, str, str, str]]:
    with ws.sessions() as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.entity == "workspace").order_by(AuditEvent.id))
        return [(e.entity_key, e.field, e.old_value, e.new_value, e.actor) for e in events]


def test_a_setting_is_stored_trimmed_and_audited(workspace: Workspace) -> None:
    changes = set_setting(workspace, "authority_name", " 常州市应急管理局 ", "科长")
    assert changes.has(ChangeKind.SETTINGS) and not changes.everything
    set_setting(workspace, "authority_name", "常州市武进区应急管理局", "处长")
    values = {s.key: s.value for s in settings(workspace)}
    assert values == {**dict.fromkeys(KNOWN_KEYS, ""), "authority_name": "常州市武进区应急管理局"}
    assert {"authority_short", "court_name", "number_serial_start", "number_serial_end"} <= set(values)
    assert _workspace_audit(workspace) == [
        ("settings", "authority_name", "", "常州市应急管理局", "科长"),
        ("settings", "authority_name", "常州市应急管理局", "常州市武进区应急管理局", "处长")]


def test_an_unknown_setting_is_refused_and_nothing_is_written(workspace: Workspace) -> None:
    with pytest.raises(ValidationError, match="authority_name"):
        set_setting(workspace, "authority", "x", "科长")
    with pytest.raises(ValidationError, match="须为 1 至"):
        set_setting(workspace, "number_serial_start", "-5", "科长")
    assert _workspace_audit(workspace) == []
    assert all(s.value == "" and s.description and s.example for s in settings(workspace))


def test_demo_data_as_an_operation(workspace: Workspace) -> None:
    result = build(workspace, enterprises=20, seed=7)
    assert result.enterprises == 20 and result.inspections > 0 and result.findings >= 0
    assert result.changes.everything and result.changes.has(ChangeKind.ENTERPRISES, ChangeKind.ASSIGNMENTS)
    rows = enterprise_rows(workspace)
    assert len(rows) == 20 and set(ENTERPRISE_COLUMNS) <= set(rows[0])
    again = build(workspace, enterprises=20, seed=7)  # the same USCCs: nothing added twice
    assert (again.enterprises, again.inspections) == (0, 0) and len(enterprise_rows(workspace)) == 20
