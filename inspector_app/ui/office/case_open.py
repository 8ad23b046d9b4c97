"""立摘牌案卷 from an inspection whose conclusion is 建议摘牌 – asked from the review queue and from the
desk's context menu: a confirmation naming the enterprise with the date of 立案, then
``services.ops.cases.open_case`` on the writer (its refusals – an open inspection, another conclusion, a
grade this office does not revoke, a case already open – shown as they are)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from inspector_app.ui import errors
from inspector_app.ui.lazy import LazyModule

if TYPE_CHECKING:
    from inspector_app.services.ops import cases as case_ops
    from inspector_app.storage.engine import Workspace
    from inspector_app.ui.tasks import TaskRunner
else:
    case_ops = LazyModule("inspector_app.services.ops.cases")

DELIST = "建议摘牌"
# The inspection statuses a case may be opened from (finished: 已完成锁定 or later).
FINISHED = frozenset({"completed", "exported", "received", "accepted"})


def can_open(row: dict[str, Any] | None) -> bool:
    """Whether a list row (desk or review queue) is an inspection a case may be opened from."""
    return row is not None and row.get("outcome") == DELIST and row.get("status", "received") in FINISHED \
        and bool(row.get("id"))


class OpenCaseDialog(QDialog):
    def __init__(self, enterprise: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("openCaseDialog")
        self.setWindowTitle(self.tr("立摘牌案卷"))
        text = QLabel(self.tr("为“%1”立摘牌案卷吗？").replace("%1", enterprise))
        text.setStyleSheet("font-weight: bold;")
        detail = QLabel(self.tr("立案时冻结检查的结论依据（否决项、隐患、照片）；此后依次告知、听取陈述申辩、决定、公告、撤销证书。"))
        detail.setWordWrap(True)
        self.on = QDateEdit()
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("yyyy-MM-dd")
        today = date.today()
        self.on.setDate(QDate(today.year, today.month, today.day))
        self.on.setMaximumDate(QDate(today.year, today.month, today.day))
        form = QFormLayout()
        form.addRow(self.tr("立案日期"), self.on)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("立案"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(detail)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(440, self.sizeHint().height())


def open_case(parent: QWidget, runner: TaskRunner, workspace: Workspace, actor: str, inspection_id: int,
              enterprise: str, opened: Callable[[int], None] | None = None) -> OpenCaseDialog:
    """Ask, then open the case on the writer; ``opened(case_id)`` afterwards. The dialog (tests accept it)."""
    dialog = OpenCaseDialog(enterprise, parent)

    def run() -> None:
        on = dialog.on.date().toPython()
        runner.write(lambda _p, _c: case_ops.open_case(workspace, inspection_id, actor, on=on),
                     lambda result: opened(int(result.value)) if opened is not None else None,
                     lambda error: errors.show_error(parent, error, QCoreApplication.translate("OpenCaseDialog", "未能立案")), initiator=parent)

    dialog.accepted.connect(run)
    dialog.open()
    return dialog
