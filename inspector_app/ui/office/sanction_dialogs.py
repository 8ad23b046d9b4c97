"""The small forms of the 处理决定 page: a new sanction (whom, what, on what grounds, by whom, when, its
number and period, the case it rests on), lifting one, a suspension of review applications and its
resumption. Each only collects values; the page runs the operation (``services.ops.sanctions``) and
shows a refusal as it is."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from inspector_app.ui.office import texts

ORG_KINDS = ("criticism", "suspension", "disqualification")
SANCTION_KINDS = (*ORG_KINDS, "blacklist")
GRADES = ("二级", "三级", "小微")


def date_edit(day: date | None = None) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    day = day or date.today()
    edit.setDate(QDate(day.year, day.month, day.day))
    return edit


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class SanctionDialog(QDialog):
    """新增处理决定: ``orgs`` (name, status) of the review organisations, ``reviewers`` (name, certificate
    number, status), ``cases`` (id, text) to link, ``body`` the office's name (the deciding body)."""

    def __init__(self, orgs: list[tuple[str, str]], reviewers: list[tuple[str, str, str]],
                 cases: list[tuple[int, str]], body: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sanctionDialog")
        self.setWindowTitle(self.tr("新增处理决定"))
        self.orgs, self.reviewers = orgs, reviewers
        self.kind = QComboBox()
        labels = {"criticism": self.tr("通报批评"), "suspension": self.tr("暂停评审活动"),
                  "disqualification": self.tr("取消评审资格"), "blacklist": self.tr("列入黑名单（评审人员）")}
        for kind in SANCTION_KINDS:
            self.kind.addItem(labels[kind], kind)
        self.target = QComboBox()
        self.target.setMinimumWidth(320)
        self.grounds = QPlainTextEdit()
        self.grounds.setPlaceholderText(self.tr("事实和理由，例如：评审质量自查发现评审组成员参加了同一企业的咨询辅导"))
        self.grounds.setFixedHeight(80)
        self.body = QLineEdit(body)
        self.decided_on = date_edit()
        self.number = QLineEdit()
        self.number.setPlaceholderText(self.tr("如 常应急〔2020〕12号"))
        self.has_period = QCheckBox(self.tr("有期限"))
        self.period_from, self.period_until = date_edit(), date_edit()
        period = QHBoxLayout()
        for widget in (self.has_period, self.period_from, QLabel(self.tr("至")), self.period_until):
            period.addWidget(widget)
        period.addStretch(1)
        self.case = QComboBox()
        self.case.addItem(self.tr("（无）"), None)
        for case_id, text in cases:
            self.case.addItem(text, case_id)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555;")
        form = QFormLayout()
        form.addRow(self.tr("处理"), self.kind)
        form.addRow(self.tr("对象"), self.target)
        form.addRow(self.tr("理由"), self.grounds)
        form.addRow(self.tr("决定机关"), self.body)
        form.addRow(self.tr("决定日期"), self.decided_on)
        form.addRow(self.tr("文号"), self.number)
        form.addRow(self.tr("期限"), period)
        form.addRow(self.tr("关联案卷"), self.case)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(_buttons(self, self.tr("登记")))
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.has_period.toggled.connect(lambda _on: self._period_toggled())
        self._kind_changed()

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.target.clear()
        if kind == "blacklist":
            for name, cert, status in self.reviewers:
                self.target.addItem(f"{name}（{cert}）" + (f" – {texts.text(status)}" if status and status != "正常" else ""), cert)
        else:
            for name, status in self.orgs:
                self.target.addItem(name + (f" – {texts.text(status)}" if status and status != "正常" else ""), name)
        suspension = kind == "suspension"
        if suspension:
            self.has_period.setChecked(True)
        self.has_period.setEnabled(not suspension)
        self._period_toggled()
        hints = {"criticism": self.tr("通报批评不限制评审活动，解除前一直有效（如写明期限，则到期为止）。"),
                 "suspension": self.tr("暂停评审活动须写明期限；期间内该单位评审的企业将被提示利益冲突。"),
                 "disqualification": self.tr("取消评审资格自决定日期起生效，直至解除。"),
                 "blacklist": self.tr("列入黑名单的评审人员自决定日期起不得参加评审，直至解除。")}
        self.hint.setText(hints.get(kind, "") + "\n" + self.tr("依据：苏应急电〔2020〕3号 第四条；常应急函〔2020〕8号 第四条。"))

    def _period_toggled(self) -> None:
        on = self.has_period.isChecked()
        self.period_from.setEnabled(on)
        self.period_until.setEnabled(on)

    def values(self) -> dict[str, Any]:
        """The keyword arguments of ``ops.sanctions.add_sanction`` after ``kind`` and ``actor``."""
        kind = self.kind.currentData()
        values: dict[str, Any] = {
            "grounds": self.grounds.toPlainText().strip(), "deciding_body": self.body.text().strip(),
            "decided_on": self.decided_on.date().toPython(), "number": self.number.text().strip(),
            "case_ids": [self.case.currentData()] if self.case.currentData() is not None else []}
        values["reviewer" if kind == "blacklist" else "org"] = self.target.currentData() or ""
        if self.has_period.isChecked():
            values["period_from"] = self.period_from.date().toPython()
            values["period_until"] = self.period_until.date().toPython()
        return values


class LiftDialog(QDialog):
    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("liftDialog")
        self.setWindowTitle(self.tr("解除处理决定"))
        self.on = date_edit()
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("如 整改验收合格，恢复评审活动"))
        self.note.setMinimumWidth(320)
        form = QFormLayout()
        heading = QLabel(what)
        heading.setWordWrap(True)
        form.addRow(heading)
        form.addRow(self.tr("解除日期"), self.on)
        form.addRow(self.tr("说明"), self.note)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, self.tr("解除")))


class SuspensionDialog(QDialog):
    """登记暂停受理: grade, area (``areas``: the office's area and those below it), since, by whom, basis."""

    def __init__(self, areas: list[str], body: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("suspensionDialog")
        self.setWindowTitle(self.tr("登记暂停受理评审申请"))
        self.grade = QComboBox()
        for grade in GRADES:
            self.grade.addItem(grade, grade)
        self.area = QComboBox()
        self.area.setEditable(True)
        self.area.addItems(areas)
        self.area.setMinimumWidth(260)
        self.since = date_edit()
        self.body = QLineEdit(body)
        self.basis = QLineEdit()
        self.basis.setPlaceholderText(self.tr("通知文号，如 常应急函〔2020〕8号"))
        form = QFormLayout()
        form.addRow(self.tr("等级"), self.grade)
        form.addRow(self.tr("辖区"), self.area)
        form.addRow(self.tr("暂停自"), self.since)
        form.addRow(self.tr("决定机关"), self.body)
        form.addRow(self.tr("依据"), self.basis)
        note = QLabel(self.tr("为一个辖区登记的暂停也适用于其下级辖区。"))
        note.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(_buttons(self, self.tr("登记")))

    def values(self) -> tuple[str, str, date, str, str]:
        return (self.grade.currentData(), self.area.currentText().strip(), self.since.date().toPython(),
                self.body.text().strip(), self.basis.text().strip())


class ResumeDialog(QDialog):
    def __init__(self, what: str, body: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resumeDialog")
        self.setWindowTitle(self.tr("登记恢复受理"))
        self.on = date_edit()
        self.body = QLineEdit(body)
        form = QFormLayout()
        heading = QLabel(what)
        heading.setWordWrap(True)
        form.addRow(heading)
        form.addRow(self.tr("恢复日期"), self.on)
        form.addRow(self.tr("决定机关"), self.body)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, self.tr("登记")))
