"""The inspection editor (issue 3): ``InspectionEditor(workspace, inspection_id, runner, actor)``."""

from __future__ import annotations

from inspector_app.ui.editor.editor import InspectionEditor

__all__ = ["InspectionEditor"]
