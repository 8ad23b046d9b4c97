"""Every inspection of the demo workspace opens in the editor, in whatever state it is, and shows the
same score, grade and outcome the services cached for the lists."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlalchemy import select
from test_editor_support import ACTOR

from inspector_app.demo.workspace import build_demo
from inspector_app.domain.lifecycle import InspectionStatus
from inspector_app.storage.engine import open_workspace
from inspector_app.storage.models import Inspection
from inspector_app.ui.editor import InspectionEditor
from inspector_app.ui.tasks import InlineTaskRunner


def test_every_demo_inspection_opens(qtbot: QtBot, tmp_path: Path) -> None:
    workspace = open_workspace(tmp_path / "demo")
    try:
        with workspace.sessions() as session:
            build_demo(session, enterprises=30)
            session.commit()
            rows = [(i.id, i.status, i.score, i.grade, i.outcome, i.answered)
                    for i in session.scalars(select(Inspection))]
        assert len(rows) >= 10
        statuses = set()
        for inspection_id, status, score, grade, outcome, answered in rows:
            editor = InspectionEditor(workspace, inspection_id, InlineTaskRunner(), ACTOR)
            qtbot.addWidget(editor)
            result = editor.controller.score
            assert (result.score_float, result.answered) == (score, answered)
            if answered:  # an inspection never answered has no cached grade and outcome yet
                assert (result.grade, result.outcome) == (grade, outcome)
            assert editor.controller.locked == InspectionStatus(status).locked
            assert editor.complete_button.isHidden() == editor.controller.locked
            assert editor.findings.model.rowCount() == len(editor.controller.snapshot.findings)
            statuses.add(status)
            editor.close()
        assert {"assigned", "in_progress"} <= statuses
    finally:
        workspace.close()
