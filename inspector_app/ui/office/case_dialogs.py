"""The small form of a case's next step (告知, 陈述申辩, 摘牌决定, 不予摘牌, 公告, 撤销证书): the date, the
document's number, a note and an attached file (PDF, JPEG or PNG); for 告知 the last day of the
defence period when the 告知书 names one, for 陈述申辩 "逾期未陈述申辩". Only collects values; the case page
runs ``services.ops.cases.advance`` and shows a refusal as it is."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inspector_app.ui import file_dialogs


def _date_edit(day: date) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setDate(QDate(day.year, day.month, day.day))
    return edit


class StepDialog(QDialog):
    """``step``: the step's name (``domain.delisting.STEPS``); ``label`` its words; ``earliest`` the last
    step's date (the new one may not be before it)."""

    def __init__(self, step: str, label: str, enterprise: str, earliest: date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseStepDialog")
        self.step = step
        self.file: Path | None = None
        self.setWindowTitle(self.tr("记录：%1").replace("%1", label))
        today = date.today()
        self.on = _date_edit(today)
        self.on.setMaximumDate(QDate(today.year, today.month, today.day))
        if earliest is not None:
            self.on.setMinimumDate(QDate(earliest.year, earliest.month, earliest.day))
        self.number = QLineEdit()
        self.number.setMinimumWidth(300)
        self.note = QPlainTextEdit()
        self.note.setFixedHeight(70)
        self.file_label = QLabel(self.tr("（未附文件）"))
        self.file_label.setStyleSheet("color: #555;")
        self.choose = QPushButton(self.tr("选择文件…"))
        self.choose.clicked.connect(lambda: self.pick_file())
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_label, 1)
        file_row.addWidget(self.choose)
        self.has_until = QCheckBox(self.tr("告知书写明的申辩期限至"))
        self.until = _date_edit(today)
        self.until.setEnabled(False)
        self.has_until.toggled.connect(self.until.setEnabled)
        until_row = QHBoxLayout()
        until_row.addWidget(self.has_until)
        until_row.addWidget(self.until)
        until_row.addStretch(1)
        self.no_defence = QCheckBox(self.tr("期限届满，企业未陈述申辩（逾期未陈述申辩）"))
        form = QFormLayout()
        heading = QLabel(enterprise)
        heading.setStyleSheet("font-weight: bold;")
        form.addRow(heading)
        form.addRow(self.tr("日期"), self.on)
        if step == "notify":
            form.addRow(self.tr("申辩期限"), until_row)
        if step == "defence":
            form.addRow("", self.no_defence)
        form.addRow(self._number_label(step), self.number)
        form.addRow(self.tr("说明"), self.note)
        form.addRow(self.tr("附件"), file_row)
        self.hint = QLabel(self._hint(step))
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("记录"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)

    def _number_label(self, step: str) -> str:
        required = step in ("notify", "decide")
        words = {"notify": self.tr("告知书编号"), "decide": self.tr("决定书文号"), "announce": self.tr("公告编号"),
                 "defence": self.tr("收文编号")}
        text = words.get(step, self.tr("文书编号"))
        return text + (self.tr("（必填）") if required else "")

    def _hint(self, step: str) -> str:
        hints = {
            "notify": self.tr("未写明期限时，按本机关设置的天数（默认 3 日，逢周末顺延）计算申辩期限。"),
            "defence": self.tr("附上企业的书面陈述申辩材料，或在说明中写明其内容；期限届满未收到的，勾选“逾期未陈述申辩”（只能在期限届满后记录）。"),
            "decide": self.tr("只能由授予等级的机关决定（三级：设区市；二级：省）；企业未陈述申辩的，须在申辩期限届满后决定。"),
            "drop": self.tr("授予等级的机关听取陈述申辩后决定不予摘牌，案卷就此结束。"),
            "announce": self.tr("摘牌决定予以公告。"),
            "withdraw": self.tr("撤销证书；企业一年内不得重新申请。"),
        }
        return hints.get(step, "")

    def pick_file(self, path: Path | None = None) -> None:
        if path is None:
            chosen = file_dialogs.open_file(self, "attachments", self.tr("选择附件"),
                                            self.tr("文书 (*.pdf *.jpg *.jpeg *.png)"))
            if not chosen:
                return
            path = Path(chosen)
        self.file = path
        self.file_label.setText(path.name)

    def values(self) -> dict[str, Any]:
        """The keyword arguments of ``ops.cases.advance`` after ``step`` and ``actor``."""
        values: dict[str, Any] = {"on": self.on.date().toPython(), "number": self.number.text().strip(),
                                  "note": self.note.toPlainText().strip(), "file": self.file}
        if self.step == "notify" and self.has_until.isChecked():
            values["defence_until"] = self.until.date().toPython()
        if self.step == "defence" and self.no_defence.isChecked():
            values["no_defence"] = True
        return values
