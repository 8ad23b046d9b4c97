"""A small table model for the office's lists: plain row dicts from a read model, columns named by key,
sorting in Python (a few hundred rows at most), a formatter per column and an optional colour."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from PySide6.QtCore import QAbstractItemModel, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QTableView

ROW_ROLE = int(Qt.ItemDataRole.UserRole) + 1
_Index = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class Column(NamedTuple):
    key: str
    heading: str  # already translated
    fmt: Callable[[Any], str] | None = None  # value → text (default: str, "" for None)
    right: bool = False  # numbers
    colour: Callable[[dict[str, Any]], QColor | None] | None = None


def selected_row(view: QAbstractItemView) -> Any:
    """The row (``ROW_ROLE``) of the view's current index while it is selected, else None – what every
    office page acts on."""
    index = view.currentIndex()
    if not index.isValid() or not view.selectionModel().isSelected(index):
        return None
    return index.data(ROW_ROLE)


def select_position(view: QTableView, model: QAbstractItemModel, position: int) -> bool:
    """Select and make current the row at ``position`` (a model's ``find`` result; -1: not listed)."""
    if position < 0:
        return False
    view.selectRow(position)
    view.setCurrentIndex(model.index(position, 0))
    return True


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def _sort_key(value: Any) -> tuple[int, Any]:
    if value is None or value == "":
        return (1, "")
    if isinstance(value, int | float):
        return (0, value)
    return (0, str(value))


class RowsModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self._columns: list[Column] = list(columns)
        self._rows: list[dict[str, Any]] = []

    def set_columns(self, columns: Sequence[Column]) -> None:
        """New headings (a language change) or other columns; the rows stay."""
        self.beginResetModel()
        self._columns = list(columns)
        self.endResetModel()

    def set_rows(self, rows: Sequence[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[dict[str, Any]]:
        return list(self._rows)

    def row(self, position: int) -> dict[str, Any] | None:
        return self._rows[position] if 0 <= position < len(self._rows) else None

    def find(self, key: str, value: Any) -> int:
        return next((n for n, r in enumerate(self._rows) if r.get(key) == value), -1)

    def column_of(self, key: str) -> int:
        return next((n for n, c in enumerate(self._columns) if c.key == key), -1)

    def key_of(self, column: int) -> str:
        return self._columns[column].key if 0 <= column < len(self._columns) else ""

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
        value = row.get(column.key)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.fmt(value) if column.fmt is not None else _text(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.right:
            return _RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and column.colour is not None:
            return column.colour(row)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns):
            return
        key = self._columns[column].key
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()  # the selection follows its rows
        held = [id(self._rows[i.row()]) for i in old]
        self._rows.sort(key=lambda r: _sort_key(r.get(key)), reverse=order == Qt.SortOrder.DescendingOrder)
        position = {id(r): n for n, r in enumerate(self._rows)}
        self.changePersistentIndexList(old, [self.index(position[h], i.column()) for h, i in zip(held, old, strict=True)])
        self.layoutChanged.emit()
