"""Locking, as the editor asks and tells it: the confirmation before 完成并锁定 (Ctrl+Enter or the button)
and the hint a locked inspection shows.

``ask_to_lock``: the controller reads what would be locked in (``services.queries.confirm``) on the
writer, after the edits still queued; the confirmation dialog shows the score, the conclusion, the open
points and who signs; only its 锁定 completes (``controller.complete``). Open points that block completion
go to the 缺项 dialog ("逐项处理…").

``locked_hint``: what a person can do with a locked inspection, by its status and the workspace's role,
never naming an action that is disabled there (the lifecycle: ``domain.lifecycle.INSPECTION_TRANSITIONS``,
``ACCEPTABLE``, ``RETURNABLE``). 重新打开 only where the lifecycle allows going back to 检查中 (completed,
exported); 验收 / 退回修改 only at an office, where the desk's 检查 menu and the review queue offer them;
an inspector is told to ask the office.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog

from inspector_app.domain.lifecycle import ACCEPTABLE, INSPECTION_TRANSITIONS, RETURNABLE, InspectionStatus
from inspector_app.services.ops import inspections as ops
from inspector_app.services.queries.confirm import Confirmation
from inspector_app.ui.confirm_dialog import ConfirmDialog


class _Editor(Protocol):
    """What ``ask_to_lock`` uses of ``editor.InspectionEditor`` (not imported: the package has no cycles)."""

    controller: Any
    tree: Any
    confirm_dialog: QDialog | None

    def show_missing(self, missing: list[Any]) -> None: ...

OFFICE = "office"


def can_reopen(status: InspectionStatus) -> bool:
    return status.locked and InspectionStatus.IN_PROGRESS in INSPECTION_TRANSITIONS[status]


def locked_hint(status: InspectionStatus, role: str) -> str:
    """The line a locked inspection shows in place of the keyboard hint ("" when it is not locked)."""
    if not status.locked:
        return ""
    if can_reopen(status):
        return QCoreApplication.translate("LockHints", "已完成锁定，只读；如需修改请点“重新打开…”并说明理由")
    office = role == OFFICE
    if status in ACCEPTABLE:
        if office:
            return QCoreApplication.translate("LockHints", "已接收待验收，只读；可在审核队列或“检查”菜单中“验收…”或“退回修改…”")
        return QCoreApplication.translate("LockHints", "已由审核方接收，只读；如需修改，须由审核方退回修改")
    if status in RETURNABLE:  # accepted
        if office:
            return QCoreApplication.translate("LockHints", "已验收，只读；如需更正，在检查员桌面用“检查 → 退回修改…”退回检查人员")
        return QCoreApplication.translate("LockHints", "已验收，只读；如需更正，请联系审核方退回修改")
    return QCoreApplication.translate("LockHints", "已锁定，只读")


def ask_to_lock(editor: _Editor) -> None:
    """Read what would be locked in, then ask (the dialog is ``editor.confirm_dialog``)."""
    controller = editor.controller

    def show(confirmation: Confirmation) -> None:
        if controller.locked:  # locked meanwhile (another window, an import)
            return
        old = editor.confirm_dialog
        if old is not None:
            old.close()
        dialog = ConfirmDialog(confirmation, editor)
        dialog.accepted.connect(lambda: controller.complete())
        dialog.fixRequested.connect(lambda: editor.show_missing(
            [ops.Missing(p.kind, p.text, p.item_code) for p in confirmation.blocking]))
        dialog.finished.connect(lambda _result: editor.tree.setFocus())
        editor.confirm_dialog = dialog
        dialog.open()

    controller.read_confirmation(show)
