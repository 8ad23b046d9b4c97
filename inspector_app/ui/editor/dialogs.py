"""The editor's dialogs: a hazard finding (with the on-site measures of a 重大 one), what is missing
before completion, and the reason for reopening a locked inspection. The people on the inspection have
their own dialog (``people_dialog``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from inspector_app.domain.lifecycle import Severity
from inspector_app.services.ops.inspections import Missing
from inspector_app.services.queries.editor import MEASURES, FindingRow
from inspector_app.ui.editor import labels

DEFAULT_DEADLINE_DAYS = {Severity.GENERAL: 15, Severity.MAJOR: 30}


class FindingDialog(QDialog):
    """Add or edit one hazard. ``row()`` gives the edited copy of the row passed in."""

    def __init__(self, row: FindingRow, item_codes: Sequence[str], parent: QWidget | None = None,
                 title: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title or self.tr("隐患"))
        self._row = row
        self.severity = QComboBox()
        for value in (Severity.GENERAL, Severity.MAJOR):
            self.severity.addItem(self.tr("{0}事故隐患").format(labels.severity_label(value)), value.value)
        self.severity.setCurrentIndex(1 if row.severity == Severity.MAJOR else 0)
        self.item = QComboBox()
        self.item.addItem(self.tr("（不关联检查项）"), "")
        for code in item_codes:
            self.item.addItem(code, code)
        self.item.setCurrentIndex(max(0, self.item.findData(row.item_code)))
        self.description = QPlainTextEdit(row.description)
        self.description.setTabChangesFocus(True)
        self.description.setPlaceholderText(self.tr("现场发现的问题（必填）"))
        self.requirement = QPlainTextEdit(row.requirement)
        self.requirement.setTabChangesFocus(True)
        self.requirement.setPlaceholderText(self.tr("整改措施和要求"))
        for edit in (self.description, self.requirement):
            edit.setMaximumHeight(72)
        self.deadline = QDateEdit()
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy-MM-dd")
        start = row.deadline or date.today() + timedelta(days=DEFAULT_DEADLINE_DAYS[Severity.GENERAL])
        self.deadline.setDate(QDate(start.year, start.month, start.day))
        self.responsible = QLineEdit(row.responsible_person)
        self.responsible.setPlaceholderText(self.tr("企业整改责任人"))
        self.error = QLabel()
        self.error.setStyleSheet("color: #b71c1c;")
        self.measures = self._measures_box(row.measures)

        self._form = form = QFormLayout()
        form.addRow(self.tr("隐患级别"), self.severity)
        form.addRow(self.tr("现场处理措施"), self.measures)
        form.addRow(self.tr("检查项"), self.item)
        form.addRow(self.tr("隐患描述"), self.description)
        form.addRow(self.tr("整改要求"), self.requirement)
        form.addRow(self.tr("整改期限"), self.deadline)
        form.addRow(self.tr("整改责任人"), self.responsible)
        self.severity.currentIndexChanged.connect(self._severity_changed)
        self._severity_changed()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(520, 0)
        self.description.setFocus()

    def _measures_box(self, chosen: Sequence[str]) -> QWidget:
        """The on-site measures a 重大 hazard may need (安全生产法第六十五条第一款第（三）项); any ticked
        one calls for a 现场处理措施决定书."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        self.measure_boxes: dict[str, QCheckBox] = {}
        for code in MEASURES:
            check = QCheckBox(labels.measure_label(code))
            check.setChecked(code in chosen)
            self.measure_boxes[code] = check
            column.addWidget(check)
        hint = QLabel(self.tr("勾选任一项，须制作现场处理措施决定书"))
        hint.setStyleSheet("color: #546e7a;")
        column.addWidget(hint)
        return box

    def _severity_changed(self) -> None:
        """The measures are for 重大事故隐患 only: shown for them, hidden (and not saved) otherwise."""
        self._form.setRowVisible(self.measures, self.severity.currentData() == Severity.MAJOR)
        layout = self.layout()
        if layout is not None:  # not while the dialog is being built
            layout.activate()  # the new minimum height, so that the dialog shrinks back without them
            self.resize(self.width(), 0)

    def chosen_measures(self) -> tuple[str, ...]:
        if self.severity.currentData() != Severity.MAJOR:
            return ()
        return tuple(code for code, check in self.measure_boxes.items() if check.isChecked())

    def accept(self) -> None:
        if not self.description.toPlainText().strip():
            self.error.setText(self.tr("请填写隐患描述"))
            self.description.setFocus()
            return
        super().accept()

    def row(self) -> FindingRow:
        qdate = self.deadline.date()
        return self._row.with_values(
            severity=self.severity.currentData(), item_code=self.item.currentData(),
            description=self.description.toPlainText().strip(),
            requirement=self.requirement.toPlainText().strip(),
            deadline=date(qdate.year(), qdate.month(), qdate.day()),
            responsible_person=self.responsible.text().strip(), measures=self.chosen_measures())


class MissingDialog(QDialog):
    """What stops completion; double-clicking an entry jumps to its item (the dialog stays open)."""

    jumpRequested = Signal(str)  # item code, or "" for the header
    entryActivated = Signal(str, str)  # kind ("signature", "photo", …), item code

    def __init__(self, missing: Sequence[Missing], parent: QWidget | None = None,
                 item_texts: dict[str, str] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("还不能完成并锁定"))
        item_texts = item_texts or {}
        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        kinds = {"unanswered": self.tr("未检查"), "note": self.tr("缺说明"), "photo": self.tr("缺照片"),
                 "signature": self.tr("缺签名"), "header": self.tr("检查信息")}
        for entry in missing:
            text = item_texts.get(entry.item_code, "")
            short = text if len(text) <= 30 else text[:29] + "…"
            item = QListWidgetItem(f"[{kinds.get(entry.kind, entry.kind)}] {entry.message}"
                                   + (f"　{short}" if short else ""))
            item.setToolTip(text)
            item.setData(Qt.ItemDataRole.UserRole, entry.item_code)
            item.setData(Qt.ItemDataRole.UserRole + 1, entry.kind)
            self.list.addItem(item)
        self.list.itemActivated.connect(self._jump)
        self.list.setCurrentRow(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("以下 {0} 项须先处理（双击或回车跳转到该项）：").format(len(missing))))
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(640, 400)

    def _jump(self, item: QListWidgetItem) -> None:
        self.jumpRequested.emit(item.data(Qt.ItemDataRole.UserRole) or "")
        self.entryActivated.emit(item.data(Qt.ItemDataRole.UserRole + 1) or "", item.data(Qt.ItemDataRole.UserRole) or "")


class ReopenDialog(QDialog):
    """Reopening a locked inspection needs a reason; it goes into the audit trail."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("重新打开检查"))
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText(self.tr("例如：企业补充提供了资料，需更正 B.3 的结果"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("重新打开"))
        self.ok.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(lambda: self.ok.setEnabled(bool(self.reason.toPlainText().strip())))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("已完成锁定的检查重新打开后可以修改。请说明理由（必填，记入审计记录）：")))
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.resize(460, 220)

    def text(self) -> str:
        return self.reason.toPlainText().strip()
