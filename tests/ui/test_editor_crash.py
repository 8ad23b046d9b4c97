"""Nothing that has been on screen for a second is lost when the process is killed (SIGKILL).

A child process opens the editor offscreen with the real TaskRunner (writes on the writer thread),
sets a result with the keyboard, types a note (saved after its debounce pause), waits one second
and prints "ready". The test kills it without warning and reads the database."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from test_editor_support import make_workspace, stored_answers, stored_inspection

CHILD = textwrap.dedent("""
    import sys
    from pathlib import Path
    from PySide6.QtCore import QCoreApplication, Qt, QTimer
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from inspector_app.storage.engine import open_workspace
    from inspector_app.ui.editor import InspectionEditor
    from inspector_app.ui.tasks import TaskRunner

    app = QApplication([])
    workspace = open_workspace(Path(sys.argv[1]))
    runner = TaskRunner()
    editor = InspectionEditor(workspace, int(sys.argv[2]), runner, "崩溃测试")
    editor.resize(1366, 768)
    editor.show()
    editor.tree.setFocus()
    QTest.keyClick(editor.tree, Qt.Key.Key_3)            # A.1 不符合
    QTest.keyClick(editor.tree, Qt.Key.Key_J)
    QTest.keyClick(editor.tree, Qt.Key.Key_2)            # A.2 部分符合
    editor.item_pane.note.setFocus()
    for char in "现场未见记录":                            # typed, not yet saved: debounce
        event = QInputMethodEvent("", [])
        event.setCommitString(char)
        QCoreApplication.sendEvent(editor.item_pane.note, event)
    editor.header.texts["location"].setFocus()
    editor.header.texts["location"].selectAll()           # replace the prefilled address
    for char in "二号车间":                               # typed into a header field
        event = QInputMethodEvent("", [])
        event.setCommitString(char)
        QCoreApplication.sendEvent(editor.header.texts["location"], event)
    # The real event loop (it releases the GIL, so the writer thread runs; QTest.qWait would starve it):
    # one second after the last keystroke say "ready", then keep running until killed.
    QTimer.singleShot(1000, lambda: print("ready", flush=True))
    app.exec()
""")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_after_an_edit_loses_nothing(tmp_path: Path) -> None:
    workspace, inspection_id = make_workspace(tmp_path / "ws")
    workspace.close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(tmp_path / "ws"), str(inspection_id)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.strip() == "ready", child.stderr.read() if child.stderr else ""
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    from inspector_app.storage.engine import open_workspace

    reopened = open_workspace(tmp_path / "ws")
    try:
        answers = stored_answers(reopened, inspection_id)
        assert answers["A.1"].result == "不符合"
        assert answers["A.2"].result == "部分符合"
        assert answers["A.2"].note == "现场未见记录"
        assert stored_inspection(reopened, inspection_id).location == "二号车间"
    finally:
        reopened.close()
