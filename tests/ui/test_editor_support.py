"""Shared set-up for the inspection editor's tests (a module, not a conftest, so that it stays within
the editor's files): a fresh workspace with one assigned inspection, and small query helpers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QWidget
from sqlalchemy import select

from inspector_app.domain import uscc
from inspector_app.services import inspections, signatures
from inspector_app.services.enterprises import EnterpriseData, upsert
from inspector_app.services.templates import latest_templates, sync_shipped_templates
from inspector_app.storage.engine import Workspace, open_workspace
from inspector_app.storage.models import AnswerRecord, AuditEvent, Finding, Inspection

ACTOR = "测试检查员"
# Answered 不涉及 at assignment: the 重大事故隐患 items of other industries (危化, 烟花爆竹) for a 机械 enterprise
AUTOMATIC = {"C.9", "C.10"}


def make_workspace(root: Path, template_id: str = "lookback-2020") -> tuple[Workspace, int]:
    """A workspace with one enterprise and one freshly assigned inspection; returns its id."""
    workspace = open_workspace(root)
    with workspace.sessions() as session:
        sync_shipped_templates(session)
        record = next(r for r in latest_templates(session) if r.template_id == template_id)
        enterprise, _created = upsert(session, EnterpriseData(
            name="常州恒达机械制造有限公司", uscc=uscc.make_code("9", "1", "320412", "MA1N2X3Y4"),
            address="常州市武进区湖塘镇长虹路8号", district="武进区", industry="机械", cert_grade="三级",
            legal_rep="王建华", contact_phone="13912345678"))
        inspection = inspections.assign(session, enterprise, record,
                                        [("陈示范", "苏应急执法32040001"), ("吴敏", "苏评审2019-0456")], ACTOR)
        session.commit()
        return workspace, inspection.id


@pytest.fixture
def workspace_and_id(tmp_path: Path) -> Iterator[tuple[Workspace, int]]:
    workspace, inspection_id = make_workspace(tmp_path / "ws")
    yield workspace, inspection_id
    workspace.close()


def stored_answers(workspace: Workspace, inspection_id: int) -> dict[str, AnswerRecord]:
    with workspace.sessions() as session:
        rows = session.scalars(select(AnswerRecord).where(AnswerRecord.inspection_id == inspection_id))
        return {r.item_code: r for r in rows}


def stored_findings(workspace: Workspace, inspection_id: int) -> list[Finding]:
    with workspace.sessions() as session:
        return list(session.scalars(select(Finding).where(Finding.inspection_id == inspection_id)))


def stored_inspection(workspace: Workspace, inspection_id: int) -> Inspection:
    with workspace.sessions() as session:
        inspection = session.get(Inspection, inspection_id)
        assert inspection is not None
        return inspection


def audit_reasons(workspace: Workspace, inspection_id: int) -> list[tuple[str, str, str]]:
    with workspace.sessions() as session:
        rows = session.scalars(select(AuditEvent).where(AuditEvent.inspection_id == inspection_id,
                                                        AuditEvent.field == "status"))
        return [(r.old_value, r.new_value, r.reason) for r in rows]


def ime_type(widget: QWidget, text: str) -> None:
    """Type Chinese the way an input method does, one committed character at a time
    (QTest.keyClicks only knows ASCII)."""
    widget.setFocus()
    for char in text:
        event = QInputMethodEvent("", [])
        event.setCommitString(char)
        QCoreApplication.sendEvent(widget, event)


def sign_everything(workspace: Workspace, inspection_id: int) -> None:
    """Record the inspectors' signatures and the enterprise's refusal (completion needs them)."""
    stroke = [[[0.0, 0.0], [10.0, 12.0], [20.0, 4.0]]]
    with workspace.sessions() as session:
        for person in inspections.get(session, inspection_id).inspectors:
            signatures.save_signature(session, None, inspection_id, "inspector", person.name, stroke, ACTOR)
        signatures.record_refusal(session, None, inspection_id, "王建华", "现场负责人拒绝签名", ACTOR)
        session.commit()
