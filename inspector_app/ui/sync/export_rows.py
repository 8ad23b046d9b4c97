"""The export dialog's rows as one model: number (with a check box), enterprise, status, inspectors, due.

A QTableWidget needed five items per row, made on the GUI thread: 14,250 rows (the office side of the
10,000/50,000 workspace) took ~520 ms to fill, and "check all" re-counted every row once per row. Here
the rows are plain tuples, and checking many rows at once is one change and one count.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

Index = QModelIndex | QPersistentModelIndex
Row = tuple[int, str, str, str, str]  # id, enterprise, status (shown), inspectors, due
COLUMNS = 5


class ExportRows(QAbstractTableModel):
    checksChanged = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []
        self._checked: list[bool] = []
        self._headers = [""] * COLUMNS

    def set_rows(self, rows: Sequence[Row], checked: Sequence[bool]) -> None:
        self.beginResetModel()
        self._rows, self._checked = list(rows), list(checked)
        self.endResetModel()
        self.checksChanged.emit()

    def set_headers(self, labels: Sequence[str]) -> None:
        self._headers = list(labels)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMNS - 1)

    def inspectors(self, row: int) -> str:
        return self._rows[row][3]

    def checked_ids(self) -> list[int]:
        return [row[0] for row, on in zip(self._rows, self._checked, strict=True) if on]

    def set_checked(self, states: Sequence[bool]) -> None:
        """Every row's check box at once (one change, one ``checksChanged``)."""
        self._checked = list(states)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0),
                                  [Qt.ItemDataRole.CheckStateRole])
        self.checksChanged.emit()

    def is_checked(self, row: int) -> bool:
        return self._checked[row]

    # -- Qt model --------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            value = self._rows[row][column]
            return str(value) if column == 0 else value
        if column == 0 and role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if self._checked[row] else Qt.CheckState.Unchecked
        if column == 0 and role == Qt.ItemDataRole.UserRole:
            return self._rows[row][0]
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != 0 or role != Qt.ItemDataRole.CheckStateRole:
            return False
        self._checked[index.row()] = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.checksChanged.emit()
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsUserCheckable if index.column() == 0 else flags

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < COLUMNS:
            return self._headers[section]
        return None
