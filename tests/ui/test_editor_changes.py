"""An open editor follows operations run by someone else through the task runner – without anybody
calling its ``reload()``: it rereads its snapshot when the announced changes touch its inspection,
its photo gallery and the signatures dialog reread theirs, and its own edits are not read back."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from test_editor_support import ACTOR, AUTOMATIC, make_workspace, workspace_and_id
from test_evidence_support import make_photos

from inspector_app.domain.lifecycle import FindingStatus, InspectionStatus
from inspector_app.domain.scoring import Answer
from inspector_app.services import inspections
from inspector_app.services.changes import ChangeKind, Changes
from inspector_app.services.ops import evidence as evidence_ops
from inspector_app.services.ops import inspections as ops
from inspector_app.storage.engine import Workspace
from inspector_app.ui.editor import InspectionEditor
from inspector_app.ui.editor.checklist_model import COL_RESULT
from inspector_app.ui.evidence import editor_hook
from inspector_app.ui.tasks import InlineTaskRunner, TaskRunner

__all__ = ["workspace_and_id"]
SOMEONE = "审核科长"


@pytest.fixture
def runner() -> InlineTaskRunner:
    return InlineTaskRunner()


@pytest.fixture
def editor(qtbot: QtBot, workspace_and_id: tuple[Workspace, int], runner: InlineTaskRunner) -> InspectionEditor:
    workspace, inspection_id = workspace_and_id
    widget = InspectionEditor(workspace, inspection_id, runner, ACTOR)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    widget.evidence.adder.workers = 1
    return widget


def count_loads(editor: InspectionEditor) -> list[int]:
    loads: list[int] = []
    editor.controller.loaded.connect(lambda: loads.append(1))
    return loads


def test_an_answer_set_by_someone_else_shows_up(editor: InspectionEditor, runner: InlineTaskRunner,
                                                workspace_and_id: tuple[Workspace, int]) -> None:
    workspace, inspection_id = workspace_and_id
    loads = count_loads(editor)
    runner.write(lambda _p, _c: ops.set_answer(workspace, inspection_id, "A.2", Answer("不符合", note="缺记录"),
                                               SOMEONE))  # no initiator: not this editor
    assert loads == [1]
    assert editor.controller.answer("A.2") == Answer("不符合", note="缺记录")
    assert editor.model.index_of("A.2", COL_RESULT).data() == "不符合"
    assert editor.controller.snapshot.status == InspectionStatus.IN_PROGRESS
    assert editor.controller.score.answered == 1 + len(AUTOMATIC)


def test_its_own_edits_are_not_read_back(qtbot: QtBot, editor: InspectionEditor) -> None:
    loads = count_loads(editor)
    editor.tree.setFocus()
    qtbot.keyClick(editor.tree, "1")
    assert editor.controller.answer("A.1") is not None
    editor.add_finding_from_item()
    assert editor.finding_dialog is not None
    editor.finding_dialog.description.setPlainText("灭火器过期")
    editor.finding_dialog.accept()
    assert loads == []  # the operations carried the controller as their initiator
    assert len(editor.controller.snapshot.findings) == 1


def test_a_finding_followed_up_elsewhere_and_a_lock(editor: InspectionEditor, runner: InlineTaskRunner,
                                                    workspace_and_id: tuple[Workspace, int]) -> None:
    workspace, inspection_id = workspace_and_id
    added = ops.add_finding(workspace, inspection_id, SOMEONE, description="消防通道堆放杂物")
    runner.announce(added)  # an operation's result announced as the runner does after a task
    assert [f.description for f in editor.controller.snapshot.findings] == ["消防通道堆放杂物"]
    assert editor.findings.model.rowCount() == 1
    runner.write(lambda _p, _c: ops.set_finding_status(workspace, added.value, FindingStatus.RECTIFIED, SOMEONE))
    assert editor.controller.snapshot.findings[0].status == FindingStatus.RECTIFIED.value
    with workspace.sessions.begin() as session:  # locked behind the editor's back, then announced
        inspections.get(session, inspection_id).status = InspectionStatus.COMPLETED.value
    runner.changed.emit(Changes.of(ChangeKind.STATUS, inspections=[inspection_id]), None)
    assert editor.controller.locked and editor.reopen_button.isVisibleTo(editor)
    assert editor.evidence.locked  # the gallery follows the editor's status


def test_other_inspections_and_printing_leave_the_editor_alone(editor: InspectionEditor,
                                                               runner: InlineTaskRunner) -> None:
    loads = count_loads(editor)
    inspection_id = editor.inspection_id
    runner.changed.emit(Changes.of(ChangeKind.ANSWERS, inspections=[inspection_id + 1]), None)
    runner.changed.emit(Changes.of(ChangeKind.SHEETS, inspections=[inspection_id]), None)
    assert loads == []
    runner.changed.emit(Changes.bulk(ChangeKind.SYNC), None)  # an import of many: read again
    assert loads == [1]


def test_photos_and_signatures_added_elsewhere_are_shown(qtbot: QtBot, editor: InspectionEditor,
                                                         runner: InlineTaskRunner, tmp_path: Path,
                                                         workspace_and_id: tuple[Workspace, int]) -> None:
    workspace, inspection_id = workspace_and_id
    editor.evidence.set_scope(("all", None))
    loads = count_loads(editor)
    runner.write(lambda _p, _c: evidence_ops.add_photos(workspace, inspection_id, make_photos(tmp_path / "in", 2),
                                                        SOMEONE, item_code="A.1", workers=1))
    assert editor.evidence.model.rowCount() == 2
    assert "has_photo" in editor.model.badges(editor.controller.snapshot.template.item("A.1"))
    assert loads == []  # photos are the gallery's to reread, not the editor's
    dialog = editor_hook.open_signatures(editor)
    first = dialog.state.rows[0]
    runner.write(lambda _p, _c: evidence_ops.save_signature(workspace, inspection_id, "inspector", first.name,
                                                            [[[0.0, 0.0], [9.0, 9.0]]], SOMEONE,
                                                            inspector_id=first.inspector_id))
    assert dialog.state.rows[0].done and "已签名" in dialog.table.item(0, 3).text()
    dialog.close()


def test_the_real_runner_rereads_after_the_editors_own_queued_writes(qtbot: QtBot, tmp_path: Path) -> None:
    workspace, inspection_id = make_workspace(tmp_path / "ws")
    runner = TaskRunner()
    try:
        editor = InspectionEditor(workspace, inspection_id, runner, ACTOR)
        qtbot.addWidget(editor)
        editor.show()
        editor.tree.setFocus()
        qtbot.keyClick(editor.tree, "1")  # queued on the writer before the other write
        runner.write(lambda _p, _c: ops.set_answer(workspace, inspection_id, "B.7", Answer("不涉及"), SOMEONE))
        assert runner.wait_idle()
        qtbot.waitUntil(lambda: editor.controller.answer("B.7") is not None, timeout=5000)
        assert runner.wait_idle()
        assert editor.controller.answer("A.1") == Answer("符合")  # its own edit is kept
        assert editor.controller.score.answered == 2 + len(AUTOMATIC)
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible() and widget is not editor:
                widget.close()
    finally:
        runner.shutdown()
        workspace.close()
