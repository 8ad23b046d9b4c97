"""The table model of the hazard ledger (隐患台账): the read model's rows (``services.queries.hazards.
HazardRow``, named tuples) as they came – up to some 300,000 – formatted only for the cells shown, a
column sorted in Python on a click, an overdue 重大 row tinted, severity and status coloured."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, NamedTuple

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from inspector_app.ui import labels

ROW_ROLE = int(Qt.ItemDataRole.UserRole) + 1
MAJOR = "重大"
_Index = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LATE_MAJOR = QBrush(QColor("#fdecea"))
_RED = QColor("#c62828")
_TRANSLATED = frozenset({"severity", "status"})


class LedgerColumn(NamedTuple):
    key: str  # a HazardRow field
    heading: str  # already translated
    right: bool = False  # numbers


def cell_text(key: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if key in _TRANSLATED:
        return labels.value_label(str(value))
    return str(value)


def _sort_key(value: Any) -> tuple[int, Any]:
    if value is None or value == "":
        return (1, "")
    if isinstance(value, datetime):
        return (0, value.isoformat())
    return (0, value.isoformat() if isinstance(value, date) else value)


class LedgerModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._columns: list[LedgerColumn] = []
        self._rows: list[Any] = []

    def set_columns(self, columns: Sequence[LedgerColumn]) -> None:
        self.beginResetModel()
        self._columns = list(columns)
        self.endResetModel()

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row(self, position: int) -> Any:
        return self._rows[position] if 0 <= position < len(self._rows) else None

    def find(self, finding_id: int) -> int:
        return next((n for n, r in enumerate(self._rows) if r.finding_id == finding_id), -1)

    def key_of(self, column: int) -> str:
        return self._columns[column].key if 0 <= column < len(self._columns) else ""

    def column_of(self, key: str) -> int:
        return next((n for n, c in enumerate(self._columns) if c.key == key), -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self._columns):
            return self._columns[section].heading
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], self._columns[index.column()]
        if role == ROW_ROLE:
            return row
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return cell_text(column.key, getattr(row, column.key))
        if role == Qt.ItemDataRole.TextAlignmentRole and column.right:
            return _RIGHT
        if role == Qt.ItemDataRole.BackgroundRole and row.days_overdue and row.severity == MAJOR:
            return _LATE_MAJOR
        if role == Qt.ItemDataRole.ForegroundRole:
            if column.key == "status":
                return labels.colour(labels.FINDING_COLOURS, row.status)
            if (column.key == "severity" and row.severity == MAJOR) or (column.key == "days_overdue"
                                                                         and row.days_overdue):
                return _RED
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns):
            return
        key = self._columns[column].key
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()  # the selection follows its rows
        held = [id(self._rows[i.row()]) for i in old]
        self._rows.sort(key=lambda r: _sort_key(getattr(r, key)), reverse=order == Qt.SortOrder.DescendingOrder)
        if old:
            position = {id(r): n for n, r in enumerate(self._rows)}
            self.changePersistentIndexList(old, [self.index(position[h], i.column())
                                                 for h, i in zip(held, old, strict=True)])
        self.layoutChanged.emit()
