"""Who signs and the on-site measures in the editor (issue 11): each person's role chosen in the people
dialog, with the certificate's label following it and a warning while fewer than two 行政执法人员 are
listed; the measures of a 重大 hazard ticked in the finding dialog. Both saved through the operations
(audited under the editor's actor) and undoable."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from test_editor_support import ACTOR, stored_findings, workspace_and_id

from inspector_app.services.ops import sheets as sheet_ops
from inspector_app.storage.engine import Workspace
from inspector_app.storage.models import AuditEvent, Inspector
from inspector_app.ui.editor import InspectionEditor
from inspector_app.ui.editor.people_dialog import InspectorsDialog
from inspector_app.ui.tasks import InlineTaskRunner

__all__ = ["workspace_and_id"]  # the fixture, imported for pytest
OFFICER_CERT, EXPERT_CERT = "苏应急执法32040001", "苏评审2019-0456"  # 陈示范, 吴敏 (test_editor_support)


@pytest.fixture
def editor(qtbot: QtBot, workspace_and_id: tuple[Workspace, int]) -> InspectionEditor:
    workspace, inspection_id = workspace_and_id
    widget = InspectionEditor(workspace, inspection_id, InlineTaskRunner(), ACTOR)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def stored_roles(workspace: Workspace) -> dict[str, str]:
    with workspace.sessions() as session:
        return {p.cert_number: p.role for p in session.scalars(select(Inspector))}


def role_audit(workspace: Workspace, inspection_id: int) -> list[tuple[str, str, str, str]]:
    with workspace.sessions() as session:
        rows = session.scalars(select(AuditEvent).where(AuditEvent.inspection_id == inspection_id,
                                                        AuditEvent.field == "role").order_by(AuditEvent.id))
        return [(r.entity_key, r.old_value, r.new_value, r.actor) for r in rows]


def open_people(editor: InspectionEditor) -> InspectorsDialog:
    editor.header.edit_inspectors.click()
    dialog = editor.inspectors_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_role_choice_changes_the_certificate_label_warns_and_saves(
        editor: InspectionEditor, workspace_and_id: tuple[Workspace, int]) -> None:
    workspace, inspection_id = workspace_and_id
    dialog = open_people(editor)
    assert [(r.name.text(), r.current_role(), r.cert_label.text()) for r in dialog.rows] == [
        ("陈示范", "officer", "执法证号"), ("吴敏", "officer", "执法证号")]
    assert dialog.warning.isHidden()
    assert editor.header.team_warning.isHidden()
    second = dialog.rows[1]
    second.role.setCurrentIndex(second.role.findData("expert"))
    assert second.cert_label.text() == "评审员证号" and second.cert.placeholderText() == "评审员证号"
    assert not dialog.warning.isHidden()
    assert "执法文书须由至少两名行政执法人员签名" in dialog.warning.text() and "1 名" in dialog.warning.text()
    dialog.accept()
    assert stored_roles(workspace)[EXPERT_CERT] == "expert"
    assert role_audit(workspace, inspection_id) == [(EXPERT_CERT, "行政执法人员", "评审专家", ACTOR)]
    assert editor.controller.snapshot.roles[EXPERT_CERT] == "expert"
    assert not editor.header.team_warning.isHidden()
    assert f"评审员证 {EXPERT_CERT}" in editor.header.inspectors.text()

    # a third person, an officer: two officers again, the warning goes
    dialog = open_people(editor)
    assert dialog.rows[1].current_role() == "expert" and dialog.rows[1].cert_label.text() == "评审员证号"
    third = dialog.add_row("王明", "苏应急执法32040077")
    assert dialog.warning.isHidden() and third.cert_label.text() == "执法证号"
    dialog.accept()
    assert editor.header.team_warning.isHidden()
    assert stored_roles(workspace)["苏应急执法32040077"] == "officer"

    editor.undo()  # the third person leaves
    assert not editor.header.team_warning.isHidden()
    editor.undo()  # the role comes back, audited too
    assert stored_roles(workspace)[EXPERT_CERT] == "officer"
    assert role_audit(workspace, inspection_id)[-1] == (EXPERT_CERT, "评审专家", "行政执法人员", ACTOR)
    assert editor.header.team_warning.isHidden()


def test_removing_a_person_and_blank_rows(qtbot: QtBot, editor: InspectionEditor) -> None:
    dialog = open_people(editor)
    dialog.rows[1].remove.click()
    qtbot.waitUntil(lambda: len(dialog.rows) == 1)
    assert not dialog.warning.isHidden()
    dialog.add_row("李强", "")  # a name without a certificate is refused
    dialog.accept()
    assert dialog.isVisible() and dialog.error.text() == "每位检查人员都须有姓名和证件号"
    dialog.rows[-1].name.clear()  # an empty row is left out
    dialog.accept()
    assert editor.controller.snapshot.inspectors == [("陈示范", OFFICER_CERT)]
    assert not editor.header.team_warning.isHidden()


def test_a_person_added_back_keeps_the_role_stored_for_the_certificate(
        editor: InspectionEditor, workspace_and_id: tuple[Workspace, int]) -> None:
    workspace, _inspection_id = workspace_and_id
    editor.set_inspectors([("陈示范", OFFICER_CERT)])
    sheet_ops.set_role(workspace, EXPERT_CERT, "expert", "科长丙")  # elsewhere, e.g. on the command line
    dialog = open_people(editor)
    dialog.add_row("吴敏", EXPERT_CERT)  # the dialog does not know the role: it offers the default
    dialog.accept()
    assert stored_roles(workspace)[EXPERT_CERT] == "expert"  # not silently made an officer
    assert editor.controller.snapshot.roles[EXPERT_CERT] == "expert"  # and the editor shows what is stored
    assert not editor.header.team_warning.isHidden()


def test_measures_only_for_a_major_finding_saved_through_the_operations(
        qtbot: QtBot, editor: InspectionEditor, workspace_and_id: tuple[Workspace, int]) -> None:
    workspace, inspection_id = workspace_and_id
    editor.add_finding_from_item()
    dialog = editor.finding_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.measures.isHidden()  # 一般: no measures
    assert [b.text() for b in dialog.measure_boxes.values()] == [
        "从危险区域内撤出作业人员", "暂时停产停业", "停止使用相关设施、设备"]
    dialog.severity.setCurrentIndex(1)  # 重大
    assert not dialog.measures.isHidden()
    dialog.measure_boxes["evacuate"].setChecked(True)
    dialog.measure_boxes["stop_use"].setChecked(True)
    dialog.description.setPlainText("喷漆房未设置可燃气体报警装置")
    dialog.accept()
    assert [(f.severity, f.measures) for f in stored_findings(workspace, inspection_id)] == [
        ("重大", "evacuate,stop_use")]

    key = editor.controller.snapshot.findings[0].key
    editor.edit_finding(key)
    dialog = editor.finding_dialog
    assert dialog.measure_boxes["evacuate"].isChecked() and not dialog.measure_boxes["suspend"].isChecked()
    dialog.severity.setCurrentIndex(0)  # 一般 after all: the measures go (the core refuses them for 一般)
    assert dialog.measures.isHidden()
    dialog.accept()
    assert [(f.severity, f.measures) for f in stored_findings(workspace, inspection_id)] == [("一般", "")]
    editor.undo()
    assert [(f.severity, f.measures) for f in stored_findings(workspace, inspection_id)] == [
        ("重大", "evacuate,stop_use")]
    assert editor.controller.snapshot.findings[0].measures == ("evacuate", "stop_use")
