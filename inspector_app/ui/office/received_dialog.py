"""登记收到的报告: a report this office received on paper or by mail at a duty it receives (who sent it,
the day it came, a note); recorded by ``services.ops.reports.record_received``."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class ReceivedDialog(QDialog):
    def __init__(self, duty_title: str, senders: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ReceivedDialog")
        self.duty_title = duty_title
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.sender = QComboBox()
        self.sender.setEditable(True)
        self.sender.addItems(senders)
        self.sender.setCurrentText("")
        self.sender.editTextChanged.connect(lambda _t: self._update())
        self.received_on = QDateEdit()
        self.received_on.setCalendarPopup(True)
        self.received_on.setDisplayFormat("yyyy-MM-dd")
        today = date.today()
        self.received_on.setDate(QDate(today.year, today.month, today.day))
        self.received_on.setMaximumDate(QDate(today.year, today.month, today.day))
        self.note = QLineEdit()
        self.form = QFormLayout()
        for widget in (self.sender, self.received_on, self.note):
            self.form.addRow(QLabel(), widget)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self.resize(520, 220)
        self.retranslate()
        self._update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("登记收到的报告"))
        self.intro.setText(self.tr("登记以纸质或邮件方式收到的“%1”。").replace("%1", self.duty_title))
        for row, text in enumerate((self.tr("报送单位"), self.tr("收到日期"), self.tr("备注"))):
            item = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if item is not None and isinstance(item.widget(), QLabel):
                item.widget().setText(text)  # type: ignore[union-attr]
        self.sender.lineEdit().setPlaceholderText(self.tr("例如：江苏示范安全评审有限公司"))
        self.ok.setText(self.tr("登记"))

    def _update(self) -> None:
        self.ok.setEnabled(bool(self.sender_text()))

    def sender_text(self) -> str:
        return self.sender.currentText().strip()

    def values(self) -> tuple[str, date, str]:
        return self.sender_text(), self.received_on.date().toPython(), self.note.text().strip()  # type: ignore[return-value]
