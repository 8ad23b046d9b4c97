"""Undoable edits (after orange-canvas-core): each command calls the editor's controller, which
updates the in-memory inspection and queues the service call; no command touches a widget.

Typing in a text field makes one command per pause (the views debounce), and consecutive commands
on the same field of the same item merge, so one Ctrl+Z takes back one run of typing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtGui import QUndoCommand

from inspector_app.domain.scoring import Answer
from inspector_app.services.queries.editor import FindingRow
from inspector_app.ui.editor.controller import EditorController

ANSWER_TEXT_ID = 1001
HEADER_TEXT_ID = 1002


class SetAnswerCommand(QUndoCommand):
    def __init__(self, controller: EditorController, code: str, old: Answer | None, new: Answer | None,
                 text: str, merge_field: str = "") -> None:
        super().__init__(text)
        self._controller = controller
        self.code = code
        self.old = old
        self.new = new
        self.merge_field = merge_field

    def redo(self) -> None:
        self._controller.set_answer(self.code, self.new)

    def undo(self) -> None:
        self._controller.set_answer(self.code, self.old)

    def id(self) -> int:
        return ANSWER_TEXT_ID if self.merge_field else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (isinstance(other, SetAnswerCommand) and other.code == self.code
                and other.merge_field == self.merge_field):
            return False
        self.new = other.new
        return True


class SetHeaderCommand(QUndoCommand):
    def __init__(self, controller: EditorController, name: str, old: Any, new: Any, text: str,
                 mergeable: bool = False) -> None:
        super().__init__(text)
        self._controller = controller
        self.name = name
        self.old = old
        self.new = new
        self.mergeable = mergeable

    def redo(self) -> None:
        self._controller.set_header(self.name, self.new)

    def undo(self) -> None:
        self._controller.set_header(self.name, self.old)

    def id(self) -> int:
        return HEADER_TEXT_ID if self.mergeable else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (isinstance(other, SetHeaderCommand) and other.name == self.name and other.mergeable):
            return False
        self.new = other.new
        return True


class SetInspectorsCommand(QUndoCommand):
    """The people on the inspection and, when given, their roles (certificate number → role)."""

    def __init__(self, controller: EditorController, old: Sequence[tuple[str, str]],
                 new: Sequence[tuple[str, str]], text: str, old_roles: Mapping[str, str] | None = None,
                 new_roles: Mapping[str, str] | None = None) -> None:
        super().__init__(text)
        self._controller = controller
        self.old = list(old)
        self.new = list(new)
        self.old_roles = dict(old_roles or {})
        self.new_roles = dict(new_roles or {})

    def redo(self) -> None:
        self._controller.set_inspectors(self.new, self.new_roles)

    def undo(self) -> None:
        self._controller.set_inspectors(self.old, self.old_roles)


class AddFindingCommand(QUndoCommand):
    def __init__(self, controller: EditorController, row: FindingRow, text: str) -> None:
        super().__init__(text)
        self._controller = controller
        self.row = row

    def redo(self) -> None:
        self._controller.add_finding(self.row)

    def undo(self) -> None:
        self._controller.remove_finding(self.row.key)


class EditFindingCommand(QUndoCommand):
    def __init__(self, controller: EditorController, old: FindingRow, new: FindingRow, text: str) -> None:
        super().__init__(text)
        self._controller = controller
        self.old = old
        self.new = new

    def redo(self) -> None:
        self._controller.update_finding(self.new)

    def undo(self) -> None:
        self._controller.update_finding(self.old)


class RemoveFindingCommand(QUndoCommand):
    """Only open findings can be removed, so undo can add the same finding back."""

    def __init__(self, controller: EditorController, row: FindingRow, position: int, text: str) -> None:
        super().__init__(text)
        self._controller = controller
        self.row = row
        self.position = position

    def redo(self) -> None:
        self._controller.remove_finding(self.row.key)

    def undo(self) -> None:
        self._controller.add_finding(self.row, self.position)
