"""The findings (hidden hazards) of the inspection: a small table model over the in-memory rows and
a panel with add / edit / remove / status buttons. The panel only asks; the editor decides."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from inspector_app.domain.lifecycle import FINDING_TRANSITIONS, FindingStatus, Severity
from inspector_app.services.queries.editor import FindingRow
from inspector_app.ui.editor import labels

COL_SEVERITY, COL_DESCRIPTION, COL_ITEM, COL_DEADLINE, COL_STATUS = range(5)
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class FindingsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[FindingRow] = []
        self._headers = [self.tr("级别"), self.tr("隐患描述"), self.tr("检查项"), self.tr("整改期限"),
                         self.tr("状态")]

    def set_rows(self, rows: list[FindingRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> FindingRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return COL_STATUS + 1

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return [labels.severity_label(row.severity), row.description, row.item_code,
                    row.deadline.isoformat() if row.deadline else "", labels.finding_status_label(row.status)
                    ][column]
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [row.description]
            if row.requirement:
                parts.append(self.tr("整改要求：{0}").format(row.requirement))
            if row.responsible_person:
                parts.append(self.tr("责任人：{0}").format(row.responsible_person))
            return "\n".join(parts)
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_SEVERITY and row.severity == Severity.MAJOR:
            return QBrush(QColor("#b71c1c"))
        if role == KEY_ROLE:
            return row.key
        return None


class FindingsPanel(QWidget):
    addRequested = Signal()
    editRequested = Signal(str)  # finding key
    removeRequested = Signal(str)
    statusRequested = Signal(str, object)  # finding key, FindingStatus

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = FindingsModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(22)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        for column in range(COL_STATUS + 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(lambda _i: self._emit_edit())
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())

        self.add_button = QPushButton(self.tr("登记隐患…"))
        self.add_button.clicked.connect(self.addRequested)
        self.edit_button = QPushButton(self.tr("编辑…"))
        self.edit_button.clicked.connect(self._emit_edit)
        self.remove_button = QPushButton(self.tr("删除"))
        self.remove_button.clicked.connect(self._emit_remove)
        self.status_button = QPushButton(self.tr("整改状态"))
        self.status_menu = QMenu(self)
        self.status_button.setMenu(self.status_menu)
        self.status_menu.aboutToShow.connect(self._fill_status_menu)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button, self.status_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self._locked = False
        self._update_buttons()

    def set_rows(self, rows: list[FindingRow], locked: bool) -> None:
        key = self.current_key()
        self._locked = locked
        self.model.set_rows(rows)
        for n, row in enumerate(rows):
            if row.key == key:
                self.view.selectRow(n)
        self._update_buttons()

    def current_key(self) -> str | None:
        row = self.current_row()
        return row.key if row else None

    def current_row(self) -> FindingRow | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        row = self.current_row()
        self.add_button.setEnabled(not self._locked)
        self.edit_button.setEnabled(row is not None and not self._locked)
        self.remove_button.setEnabled(row is not None and not self._locked and row.status == FindingStatus.OPEN)
        self.status_button.setEnabled(row is not None and bool(FINDING_TRANSITIONS[FindingStatus(row.status)]))

    def _fill_status_menu(self) -> None:
        self.status_menu.clear()
        row = self.current_row()
        if row is None:
            return
        for status in sorted(FINDING_TRANSITIONS[FindingStatus(row.status)], key=list(FindingStatus).index):
            action = self.status_menu.addAction(self.tr("改为“{0}”").format(labels.finding_status_label(status)))
            action.triggered.connect(lambda _c=False, s=status, k=row.key: self.statusRequested.emit(k, s))

    def _emit_edit(self) -> None:
        key = self.current_key()
        if key is not None and not self._locked:
            self.editRequested.emit(key)

    def _emit_remove(self) -> None:
        key = self.current_key()
        if key is not None:
            self.removeRequested.emit(key)
