"""The re-check visit in the sheet dialog (整改复查意见书): its time and its own two enforcement officers,
read through ``services.queries.sheets`` and saved with the operation ``services.ops.sheets.set_recheck``.
The 整改复查意见书 is printed only once the visit is entered and every item of the order has a result."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDateTime, QEvent, Signal
from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QHBoxLayout, QLabel, QPushButton, QWidget

from inspector_app.ui.documents.sheet_work import recheck_state, save_recheck
from inspector_app.ui.errors import show_error

if TYPE_CHECKING:
    from inspector_app.services.queries.sheets import Person, RecheckState
    from inspector_app.storage.engine import Workspace
    from inspector_app.ui.tasks import TaskRunner


class RecheckPanel(QWidget):
    saved = Signal()  # the visit was saved: render again

    def __init__(self, workspace: Workspace, runner: TaskRunner, actor: str, inspection_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recheckPanel")
        self.workspace, self.runner, self.actor, self.inspection_id = workspace, runner, actor, inspection_id
        self.state: RecheckState | None = None
        self.people: list[Person] = []
        self.when_label, self.officers_label = QLabel(), QLabel()
        self.when = QDateTimeEdit()
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when.setCalendarPopup(True)
        self.when.setDateTime(QDateTime.currentDateTime())
        self.first, self.second = QComboBox(), QComboBox()
        for combo in (self.first, self.second):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.save = QPushButton()
        self.save.clicked.connect(self.save_visit)
        self.status = QLabel()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.when_label, self.when, self.officers_label, self.first, self.second, self.save):
            row.addWidget(widget)
        row.addWidget(self.status, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.when_label.setText(self.tr("复查时间："))
        self.officers_label.setText(self.tr("复查人员（行政执法人员）："))
        self.save.setText(self.tr("保存复查情况"))
        self.save.setToolTip(self.tr("复查是另一次现场检查：填写复查时间和两名行政执法人员"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def load(self) -> None:
        """Read the visit as entered and the officers who may make it (in a worker)."""
        workspace, inspection_id = self.workspace, self.inspection_id
        self.runner.run(lambda _p, _c: recheck_state(workspace, inspection_id), self._show, lambda _e: None)

    def _show(self, result: tuple[RecheckState, list[Person]]) -> None:
        self.state, self.people = result
        for combo in (self.first, self.second):
            combo.clear()
            for person in self.people:
                combo.addItem(f"{person.name}（{person.cert_number}）", (person.name, person.cert_number))
        keys = [(p.name, p.cert_number) for p in self.people]
        chosen = [keys.index((p.name, p.cert_number)) for p in self.state.officers
                  if (p.name, p.cert_number) in keys]
        for combo, index in ((self.first, 0), (self.second, 1)):
            if index < len(chosen):
                combo.setCurrentIndex(chosen[index])
            elif combo.count() > index:
                combo.setCurrentIndex(index)
        if self.state.rechecked_at is not None:
            self.when.setDateTime(QDateTime.fromString(self.state.rechecked_at.strftime("%Y-%m-%d %H:%M"),
                                                       "yyyy-MM-dd HH:mm"))
        if self.state.pending:
            text = self.tr("第 %1 项尚无复查结果（在检查的隐患中登记复查结果）").replace(
                "%1", "、".join(str(n) for n in self.state.pending))
        elif not self.state.order_number:
            text = self.tr("尚未签发责令限期整改指令书")
        else:
            text = self.tr("复查指令书 %1").replace("%1", self.state.order_number)
        self.status.setText(text)

    def visit(self) -> tuple[datetime, list[tuple[str, str]]]:
        when = datetime.strptime(self.when.dateTime().toString("yyyy-MM-dd HH:mm"), "%Y-%m-%d %H:%M")
        officers = [combo.currentData() for combo in (self.first, self.second) if combo.currentData()]
        return when, officers

    def save_visit(self) -> None:
        when, officers = self.visit()
        workspace, actor, inspection_id = self.workspace, self.actor, self.inspection_id

        def done(_changes: Any) -> None:
            self.saved.emit()
            self.load()

        self.runner.write(lambda _p, _c: save_recheck(workspace, inspection_id, when, officers, actor), done,
                          lambda error: show_error(self, error, self.tr("不能保存复查情况")), initiator=self)
