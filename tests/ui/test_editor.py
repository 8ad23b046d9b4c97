"""The inspection editor driven like an inspector would: keyboard answers, live score, undo, a
finding, completion refused with the list of what is missing, completion, reopening with a reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from test_editor_support import (
    ACTOR,
    AUTOMATIC,
    audit_reasons,
    ime_type,
    make_workspace,
    sign_everything,
    stored_answers,
    stored_findings,
    stored_inspection,
    workspace_and_id,
)

from inspector_app.domain.lifecycle import InspectionStatus
from inspector_app.services import inspections
from inspector_app.storage.engine import Workspace
from inspector_app.ui.editor import InspectionEditor
from inspector_app.ui.editor.checklist_model import COL_RESULT, ChecklistModel
from inspector_app.ui.tasks import InlineTaskRunner, TaskRunner

__all__ = ["workspace_and_id"]  # the fixture, imported for pytest


@pytest.fixture
def editor(qtbot: QtBot, workspace_and_id: tuple[Workspace, int]) -> InspectionEditor:
    workspace, inspection_id = workspace_and_id
    widget = InspectionEditor(workspace, inspection_id, InlineTaskRunner(), ACTOR)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    widget.tree.setFocus()
    return widget


def key(qtbot: QtBot, editor: InspectionEditor, *keys: Qt.Key) -> None:
    for k in keys:
        qtbot.keyClick(editor.tree, k)


def test_opens_on_first_unanswered_item(editor: InspectionEditor) -> None:
    assert editor.tree.current_code() == "A.1"
    assert editor.item_pane.item is not None and editor.item_pane.item.code == "A.1"
    assert "常州恒达机械制造有限公司" in editor.title()
    assert editor.score_panel.score.text() == "—"
    assert editor.header.inspectors.text().count("（") == 2


def test_keyboard_answers_change_score_and_save(qtbot: QtBot, editor: InspectionEditor,
                                                workspace_and_id: tuple[Workspace, int]) -> None:
    workspace, inspection_id = workspace_and_id
    saved: list[int] = []
    editor.changed.connect(saved.append)
    key(qtbot, editor, Qt.Key.Key_1)  # A.1 符合
    assert editor.score_panel.score.text().startswith("100")
    key(qtbot, editor, Qt.Key.Key_J, Qt.Key.Key_3)  # A.2 不符合
    assert editor.tree.current_code() == "A.2"
    after_fail = editor.score_panel.score.text()
    assert not after_fail.startswith("100")
    key(qtbot, editor, Qt.Key.Key_Down, Qt.Key.Key_4)  # A.3 不涉及: refused, a 必查项 (na_allowed false)
    assert editor.controller.answer("A.3") is None and not editor.item_pane.result_buttons["不涉及"].isEnabled()
    key(qtbot, editor, Qt.Key.Key_K)
    assert editor.tree.current_code() == "A.2"
    answers = stored_answers(workspace, inspection_id)
    assert {c: a.result for c, a in answers.items()} == {"A.1": "符合", "A.2": "不符合"} | dict.fromkeys(
        AUTOMATIC, "不涉及")
    assert saved and set(saved) == {inspection_id}
    assert editor.controller.score.answered == 2 + len(AUTOMATIC)
    assert f"{2 + len(AUTOMATIC)}/" in editor.score_panel.answered.text()
    # the tree shows the result, the model row of A.2 says 不符合
    index = editor.model.index_of("A.2", COL_RESULT)
    assert index.data() == "不符合"
    assert stored_inspection(workspace, inspection_id).status == InspectionStatus.IN_PROGRESS


def test_next_unanswered_and_alt_shortcuts(qtbot: QtBot, editor: InspectionEditor) -> None:
    key(qtbot, editor, Qt.Key.Key_1, Qt.Key.Key_J, Qt.Key.Key_J, Qt.Key.Key_1)  # A.1, A.3
    key(qtbot, editor, Qt.Key.Key_K, Qt.Key.Key_K)  # back on A.1
    key(qtbot, editor, Qt.Key.Key_N)
    assert editor.tree.current_code() == "A.2"
    editor.item_pane.note.setFocus()  # Alt+2 works from the note field, digits type into it
    qtbot.keyClick(editor.item_pane.note, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert editor.controller.answer("A.2").result == "部分符合"
    editor.next_unanswered()
    assert editor.tree.current_code() == "A.4"


def test_undo_and_redo(qtbot: QtBot, editor: InspectionEditor, workspace_and_id: tuple[Workspace, int]) -> None:
    workspace, inspection_id = workspace_and_id
    key(qtbot, editor, Qt.Key.Key_1, Qt.Key.Key_J, Qt.Key.Key_3)
    score_two = editor.score_panel.score.text()
    qtbot.keyClick(editor.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.controller.answer("A.2") is None
    assert "A.2" not in stored_answers(workspace, inspection_id)
    assert editor.score_panel.score.text().startswith("100")
    qtbot.keyClick(editor.tree, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert stored_answers(workspace, inspection_id)["A.2"].result == "不符合"
    assert editor.score_panel.score.text() == score_two
    editor.undo()
    editor.undo()
    assert set(stored_answers(workspace, inspection_id)) == AUTOMATIC
    qtbot.keyClick(editor.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert set(stored_answers(workspace, inspection_id)) == {"A.1"} | AUTOMATIC


def test_deductions_and_note_debounced(qtbot: QtBot, editor: InspectionEditor,
                                       workspace_and_id: tuple[Workspace, int]) -> None:
    workspace, inspection_id = workspace_and_id
    pane = editor.item_pane
    code, box, spin = pane._rule_rows[-1]
    box.setChecked(True)  # a deduction on an unanswered item makes it 部分符合
    answer = editor.controller.answer("A.1")
    assert answer is not None and answer.result == "部分符合" and answer.deductions == ((code, 1),)
    if spin.maximum() > 1:
        spin.setValue(2)
        assert editor.controller.answer("A.1").deductions == ((code, 2),)
    assert stored_answers(workspace, inspection_id)["A.1"].result == "部分符合"
    pane.note.setFocus()
    ime_type(pane.note, "会议记录缺两次")
    assert stored_answers(workspace, inspection_id)["A.1"].note == ""  # not yet: debounced
    qtbot.waitUntil(lambda: stored_answers(workspace, inspection_id)["A.1"].note == "会议记录缺两次",
                    timeout=2000)
    ime_type(pane.note, "，已告知")
    editor.tree.setFocus()  # focus-out saves at once
    assert stored_answers(workspace, inspection_id)["A.1"].note == "会议记录缺两次，已告知"
    editor.undo()  # typing runs merge into one command
    assert editor.controller.answer("A.1").note == ""
    assert pane.note.toPlainText() == ""


def test_add_finding_from_item(qtbot: QtBot, editor: InspectionEditor,
                               workspace_and_id: tuple[Workspace, int]) -> None:
    workspace, inspection_id = workspace_and_id
    key(qtbot, editor, Qt.Key.Key_J, Qt.Key.Key_3)  # A.2 不符合
    before = editor.controller.score.reasons
    qtbot.keyClick(editor.tree, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    dialog = editor.finding_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.item.currentData() == "A.2"
    assert dialog.responsible.text() == "王建华"
    dialog.accept()  # refused: no description
    assert dialog.isVisible() and dialog.error.text()
    dialog.description.setPlainText("安全生产目标未分解到班组")
    dialog.requirement.setPlainText("制定目标分解表并考核")
    dialog.severity.setCurrentIndex(1)  # 重大
    dialog.accept()
    rows = stored_findings(workspace, inspection_id)
    assert [(f.item_code, f.severity, f.description) for f in rows] == [("A.2", "重大", "安全生产目标未分解到班组")]
    assert rows[0].deadline is not None
    assert editor.findings.model.rowCount() == 1
    assert editor.controller.score.reasons != before  # a major hazard changes the outcome's reasons
    assert "finding" in editor.model.badges(editor.controller.snapshot.template.item("A.2"))
    # edit, then undo the edit and the addition
    editor.findings.view.selectRow(0)
    editor.edit_finding(editor.findings.current_key() or "")
    editor.finding_dialog.responsible.setText("李强")
    editor.finding_dialog.accept()
    assert stored_findings(workspace, inspection_id)[0].responsible_person == "李强"
    editor.undo()
    assert stored_findings(workspace, inspection_id)[0].responsible_person == "王建华"
    editor.undo()
    assert stored_findings(workspace, inspection_id) == []
    editor.redo()
    assert len(stored_findings(workspace, inspection_id)) == 1


def test_complete_lists_missing_then_locks_and_reopens(qtbot: QtBot, editor: InspectionEditor,
                                                       workspace_and_id: tuple[Workspace, int]) -> None:
    workspace, inspection_id = workspace_and_id
    key(qtbot, editor, Qt.Key.Key_J, Qt.Key.Key_3)  # A.2 不符合 without a note
    qtbot.keyClick(editor.tree, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    confirm = editor.confirm_dialog  # asks first: the open points block locking, 逐项处理… lists them
    assert confirm is not None and confirm.isVisible() and not confirm.confirm_button.isEnabled()
    assert confirm.fix_button is not None and confirm.fix_button.isDefault()
    confirm.fix_button.click()
    dialog = editor.missing_dialog
    assert dialog is not None and dialog.isVisible()
    texts = [dialog.list.item(n).text() for n in range(dialog.list.count())]
    assert any("A.1" in t and "尚未检查" in t for t in texts)
    assert any("A.2" in t and "说明" in t for t in texts)
    kinds = [dialog.list.item(n).data(Qt.ItemDataRole.UserRole + 1) for n in range(dialog.list.count())]
    assert kinds.count("unanswered") == 34 and kinds.count("note") == 1
    row = next(n for n, t in enumerate(texts) if "B.3" in t)
    dialog.list.itemActivated.emit(dialog.list.item(row))  # what a double-click does
    assert editor.tree.current_code() == "B.3"
    dialog.close()
    assert stored_inspection(workspace, inspection_id).status == InspectionStatus.IN_PROGRESS

    editor.tree.select_code("A.2")
    editor.item_pane.note.setPlainText("未分解到班组")
    editor.flush()
    editor.tree.select_code("A.1")
    editor.tree.setFocus()
    for _ in range(40):  # the rest with the keyboard: N then 1
        key(qtbot, editor, Qt.Key.Key_N, Qt.Key.Key_1)
    assert editor.controller.score.complete
    sign_everything(workspace, inspection_id)
    qtbot.keyClick(editor.tree, Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier)
    assert stored_inspection(workspace, inspection_id).status == InspectionStatus.IN_PROGRESS  # asked first
    assert editor.confirm_dialog is not None and editor.confirm_dialog.confirm_button.isEnabled()
    qtbot.keyClick(editor.confirm_dialog, Qt.Key.Key_Return)  # Enter confirms
    assert stored_inspection(workspace, inspection_id).status == InspectionStatus.COMPLETED
    assert editor.controller.locked
    assert "锁定" in editor.title()
    assert not editor.item_pane.result_buttons["符合"].isEnabled()
    assert editor.reopen_button.isVisible() and not editor.complete_button.isVisible()
    key(qtbot, editor, Qt.Key.Key_2)  # read-only: nothing happens
    assert editor.controller.answer(editor.tree.current_code()).result == "符合"
    assert not editor.undo_action.isEnabled()

    editor.reopen("企业补充提供了目标分解表")
    inspection = stored_inspection(workspace, inspection_id)
    assert inspection.status == InspectionStatus.IN_PROGRESS
    assert ("completed", "in_progress", "企业补充提供了目标分解表") in audit_reasons(workspace, inspection_id)
    assert editor.item_pane.result_buttons["符合"].isEnabled()


def test_reopen_dialog_requires_a_reason(qtbot: QtBot, editor: InspectionEditor) -> None:
    from inspector_app.ui.editor.dialogs import ReopenDialog

    dialog = ReopenDialog(editor)
    qtbot.addWidget(dialog)
    assert not dialog.ok.isEnabled()
    dialog.reason.setPlainText("   ")
    assert not dialog.ok.isEnabled()
    dialog.reason.setPlainText("更正")
    assert dialog.ok.isEnabled() and dialog.text() == "更正"


def test_failed_write_shows_message_and_reloads(qtbot: QtBot, editor: InspectionEditor,
                                                workspace_and_id: tuple[Workspace, int]) -> None:
    workspace, inspection_id = workspace_and_id
    key(qtbot, editor, Qt.Key.Key_1)
    with workspace.sessions() as session:  # someone else locks it behind the editor's back
        inspection = inspections.get(session, inspection_id)
        inspection.status = InspectionStatus.COMPLETED.value
        session.commit()
    key(qtbot, editor, Qt.Key.Key_J, Qt.Key.Key_1)
    assert not editor.banner.isHidden() and "锁定" in editor.banner.text()
    assert editor.controller.locked  # reloaded from the database
    assert editor.controller.answer("A.2") is None
    for widget in QApplication.topLevelWidgets():
        if widget.isVisible() and widget is not editor:
            widget.close()


def test_header_fields_save(qtbot: QtBot, editor: InspectionEditor,
                            workspace_and_id: tuple[Workspace, int]) -> None:
    workspace, inspection_id = workspace_and_id
    edit = editor.header.texts["rep_title"]
    edit.setFocus()
    ime_type(edit, "总经理")
    qtbot.waitUntil(lambda: stored_inspection(workspace, inspection_id).rep_title == "总经理", timeout=2000)
    editor.set_inspectors([("陈示范", "苏应急执法32040001")])
    assert len(stored_inspection_inspectors(workspace, inspection_id)) == 1
    editor.undo()
    assert len(stored_inspection_inspectors(workspace, inspection_id)) == 2
    editor.undo()
    assert stored_inspection(workspace, inspection_id).rep_title == ""
    assert edit.text() == ""


def stored_inspection_inspectors(workspace: Workspace, inspection_id: int) -> list[str]:
    with workspace.sessions() as session:
        return [p.name for p in inspections.get(session, inspection_id).inspectors]


def test_real_runner_saves_in_order(qtbot: QtBot, tmp_path: Path) -> None:
    workspace, inspection_id = make_workspace(tmp_path / "ws")
    runner = TaskRunner()
    try:
        editor = InspectionEditor(workspace, inspection_id, runner, ACTOR)
        qtbot.addWidget(editor)
        editor.show()
        editor.tree.setFocus()
        for _ in range(10):
            qtbot.keyClick(editor.tree, Qt.Key.Key_2)
            qtbot.keyClick(editor.tree, Qt.Key.Key_1)
            qtbot.keyClick(editor.tree, Qt.Key.Key_J)
        editor.undo()  # the last item back to 部分符合
        assert runner.wait_idle()
        answers = stored_answers(workspace, inspection_id)
        assert len(answers) == 10 + len(AUTOMATIC)
        assert [a.result for a in answers.values()].count("符合") == 9
        assert editor.save_state.text().startswith("已保存")
    finally:
        runner.shutdown()
        workspace.close()


def test_checklist_model_without_a_window(workspace_and_id: tuple[Workspace, int]) -> None:
    workspace, inspection_id = workspace_and_id
    from inspector_app.domain.scoring import Answer
    from inspector_app.services.templates import template_of

    with workspace.sessions() as session:
        template = template_of(inspections.get(session, inspection_id).template)
    answers = {"A.1": Answer("不符合", note="x")}
    model = ChecklistModel(template, answers)
    assert model.rowCount() == len(template.elements)
    first = model.index(0, 0)
    assert model.rowCount(first) == len(template.elements[0].items)
    item = model.index(0, 0, first)
    assert model.parent(item) == first and not model.parent(first).isValid()
    assert model.index_of("A.1") == item
    assert model.index_of("A.1", COL_RESULT).data() == "不符合"
    assert model.index(1, COL_RESULT, first).data() == "未检查"
    assert model.index(0, COL_RESULT).data() == f"1/{len(template.elements[0].items)} 已查"


def test_end_time_now_button_and_undo(editor: InspectionEditor, workspace_and_id: tuple[Workspace, int]) -> None:
    workspace, inspection_id = workspace_and_id
    assert stored_inspection(workspace, inspection_id).ended_at is None
    editor.header.now_buttons["ended_at"].click()
    ended = stored_inspection(workspace, inspection_id).ended_at
    assert ended is not None and ended.year >= 2024
    editor.undo()
    assert stored_inspection(workspace, inspection_id).ended_at is None
    assert editor.header.times["ended_at"].text() == "未填写"


def test_received_inspection_is_read_only_and_cannot_be_reopened_here(
        qtbot: QtBot, workspace_and_id: tuple[Workspace, int]) -> None:
    workspace, inspection_id = workspace_and_id
    with workspace.sessions() as session:
        inspections.get(session, inspection_id).status = InspectionStatus.RECEIVED.value
        session.commit()
    editor = InspectionEditor(workspace, inspection_id, InlineTaskRunner(), ACTOR)
    qtbot.addWidget(editor)
    editor.show()
    assert editor.controller.locked
    assert not editor.reopen_button.isEnabled()
    assert not editor.header.texts["location"].isEnabled()
    assert not editor.findings.add_button.isEnabled()
    editor.set_result("符合")
    assert editor.controller.answer("A.1") is None


def test_enter_goes_to_the_note_and_escape_comes_back_saving_it(
        qtbot: QtBot, editor: InspectionEditor, workspace_and_id: tuple[Workspace, int]) -> None:
    workspace, inspection_id = workspace_and_id
    key(qtbot, editor, Qt.Key.Key_2, Qt.Key.Key_Return)
    assert editor.item_pane.note.hasFocus()
    ime_type(editor.item_pane.note, "缺少一次季度会议记录")
    qtbot.keyClick(editor.item_pane.note, Qt.Key.Key_Escape)
    assert editor.tree.hasFocus()
    assert stored_answers(workspace, inspection_id)["A.1"].note == "缺少一次季度会议记录"
    key(qtbot, editor, Qt.Key.Key_J, Qt.Key.Key_1)
    assert editor.tree.current_code() == "A.2" and editor.controller.answer("A.2").result == "符合"


def test_remove_finding_undo_and_status_on_a_locked_inspection(
        qtbot: QtBot, editor: InspectionEditor, workspace_and_id: tuple[Workspace, int]) -> None:
    from inspector_app.domain.lifecycle import FindingStatus

    workspace, inspection_id = workspace_and_id
    key(qtbot, editor, Qt.Key.Key_3)
    editor.add_finding_from_item()
    editor.finding_dialog.description.setPlainText("消防通道堆放杂物")
    editor.finding_dialog.accept()
    key_ = editor.controller.snapshot.findings[0].key
    editor.remove_finding(key_)
    assert stored_findings(workspace, inspection_id) == []
    editor.undo()
    assert [f.description for f in stored_findings(workspace, inspection_id)] == ["消防通道堆放杂物"]
    with workspace.sessions() as session:  # lock it (what completing does)
        inspections.get(session, inspection_id).status = InspectionStatus.COMPLETED.value
        session.commit()
    locked = InspectionEditor(workspace, inspection_id, InlineTaskRunner(), ACTOR)
    qtbot.addWidget(locked)
    row_key = locked.controller.snapshot.findings[0].key
    locked.findings.view.selectRow(0)
    assert locked.findings.status_button.isEnabled() and not locked.findings.remove_button.isEnabled()
    locked.set_finding_status(row_key, FindingStatus.RECTIFIED)  # follow-up is allowed after locking
    assert stored_findings(workspace, inspection_id)[0].status == "已整改待复查"
    assert locked.findings.model.index(0, 4).data() == "已整改待复查"


def test_failed_write_on_the_writer_thread_reloads(qtbot: QtBot, tmp_path: Path) -> None:
    workspace, inspection_id = make_workspace(tmp_path / "ws")
    runner = TaskRunner()
    try:
        editor = InspectionEditor(workspace, inspection_id, runner, ACTOR)
        qtbot.addWidget(editor)
        editor.show()
        editor.tree.setFocus()
        with workspace.sessions() as session:  # locked elsewhere (another window, a sync)
            inspections.get(session, inspection_id).status = InspectionStatus.COMPLETED.value
            session.commit()
        qtbot.keyClick(editor.tree, Qt.Key.Key_1)
        assert editor.controller.answer("A.1") is not None  # on screen at once
        assert runner.wait_idle()
        qtbot.waitUntil(lambda: editor.controller.locked, timeout=3000)
        assert editor.controller.answer("A.1") is None  # what the database holds
        assert not editor.banner.isHidden()
        assert set(stored_answers(workspace, inspection_id)) == AUTOMATIC
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible() and widget is not editor:
                widget.close()
    finally:
        runner.shutdown()
        workspace.close()
