"""The editor in English: the compiled translation loads, covers every string, and switching the
language while an inspection is open rebuilds the widgets without losing the undo history."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from test_editor_support import ACTOR, workspace_and_id

from inspector_app.domain.template import resources_root
from inspector_app.storage.engine import Workspace
from inspector_app.ui.editor import InspectionEditor
from inspector_app.ui.tasks import InlineTaskRunner

__all__ = ["workspace_and_id"]
TS = resources_root() / "translations" / "inspector_editor_en.ts"


def test_every_string_is_translated() -> None:
    messages = list(ET.parse(TS).iter("message"))
    assert len(messages) > 150
    unfinished = [m.findtext("source") for m in messages
                  if m.find("translation").get("type") == "unfinished" or not m.findtext("translation")]
    assert unfinished == []
    assert TS.with_suffix(".qm").stat().st_size > 1000


def test_switching_language_retranslates_the_open_editor(qtbot: QtBot,
                                                          workspace_and_id: tuple[Workspace, int]) -> None:
    workspace, inspection_id = workspace_and_id
    editor = InspectionEditor(workspace, inspection_id, InlineTaskRunner(), ACTOR)
    qtbot.addWidget(editor)
    editor.show()
    editor.tree.setFocus()
    editor.set_result("不符合")
    editor.tree.move_item(1)
    assert editor.complete_button.text().startswith("完成并锁定")
    translator = QTranslator()
    assert translator.load(str(TS.with_suffix(".qm")))
    app = QApplication.instance()
    assert isinstance(app, QCoreApplication)
    app.installTranslator(translator)
    try:
        qtbot.waitUntil(lambda: editor.complete_button.text().startswith("Complete and lock"), timeout=2000)
        assert editor.tree.current_code() == "A.2"
        assert editor.model.index_of("A.1", 4).data() == "Fails"
        assert editor.item_pane.result_buttons["符合"].text() == "1 Conforms"
        editor.undo()  # the history survived the rebuild
        assert editor.controller.answer("A.1") is None
    finally:
        app.removeTranslator(translator)
    qtbot.waitUntil(lambda: editor.complete_button.text().startswith("完成并锁定"), timeout=2000)
