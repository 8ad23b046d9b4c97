"""The desk's table model: plain row dicts in, filtering and sorting done in Python inside the model.

Why not ``QSortFilterProxyModel``: its ``filterAcceptsRow`` is a Python call per row per keystroke
through the binding (≈ 60 ms for 10,000 rows here). Instead every row gets a precomputed lowercase
search key (name, USCC, district) when the rows are set; a keystroke is one list comprehension over
those keys, and when the new text only extends the old one only the rows still visible are checked.

Rows are the dicts of ``services.queries.desk.desk_rows``; ``ROW_ID_ROLE`` gives the inspection id (None for an
enterprise with no inspection yet) and ``ENTERPRISE_ID_ROLE`` the enterprise id.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, NamedTuple

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont

from inspector_app.domain.numbers import score_text
from inspector_app.ui import labels

COL_ID, COL_ENTERPRISE, COL_USCC, COL_DISTRICT, COL_CERT_GRADE, COL_STATUS, COL_PROGRESS, COL_SCORE, \
    COL_GRADE, COL_OUTCOME, COL_DUE, COL_TEMPLATE = range(12)
COLUMN_COUNT = 12

ROW_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
ENTERPRISE_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 2
ROW_ROLE = int(Qt.ItemDataRole.UserRole) + 3
SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 4

DUE_ALL, DUE_OVERDUE, DUE_WEEK = "", "overdue", "week"

_HEADERS = ("编号", "企业名称", "统一社会信用代码", "辖市区", "证书", "状态", "进度", "得分", "评定",
            "建议", "期限", "检查表")
_KEYS = ("id", "enterprise", "uscc", "district", "cert_grade", "status", "answered", "score", "grade",
         "outcome", "due_date", "template")
_Index = QModelIndex | QPersistentModelIndex
_DISPLAY, _FONT, _ALIGNMENT, _FOREGROUND = (int(r) for r in (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.FontRole, Qt.ItemDataRole.TextAlignmentRole,
    Qt.ItemDataRole.ForegroundRole))
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FIRST_CUSTOM = int(Qt.ItemDataRole.UserRole)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_RIGHT_COLUMNS = frozenset({0, 6, 7})  # COL_ID, COL_PROGRESS, COL_SCORE
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_NO_FLAGS = Qt.ItemFlag.NoItemFlags


class RowFilter(NamedTuple):
    """What the filter bar asks for; empty strings mean "all". (A NamedTuple: dataclasses would add
    ~7 ms to start-up.)"""

    text: str = ""
    district: str = ""
    cert_grade: str = ""
    status: str | None = None  # None = all; "" = enterprises not yet scheduled
    due: str = DUE_ALL


def _header(column: int) -> str:
    return QCoreApplication.translate("InspectionTableModel", _HEADERS[column])


def _header_tip(column: int) -> str:
    tips = {COL_CERT_GRADE: QCoreApplication.translate("InspectionTableModel", "标准化证书等级"),
            COL_GRADE: QCoreApplication.translate("InspectionTableModel", "本次检查评定的等级"),
            COL_OUTCOME: QCoreApplication.translate("InspectionTableModel", "处理建议：维持 / 限期整改 / 建议摘牌"),
            COL_PROGRESS: QCoreApplication.translate("InspectionTableModel", "已作答项 / 检查项总数"),
            COL_DUE: QCoreApplication.translate("InspectionTableModel", "检查期限（红色：已逾期）"),
            COL_USCC: QCoreApplication.translate("InspectionTableModel", "统一社会信用代码（18 位）")}
    return tips.get(column, _header(column))


# Marked for lupdate (the headers are translated through _header at display time).
def _mark_headers() -> None:  # pragma: no cover - never called
    for text in (QCoreApplication.translate("InspectionTableModel", "编号"), QCoreApplication.translate("InspectionTableModel", "企业名称"),
                 QCoreApplication.translate("InspectionTableModel", "统一社会信用代码"),
                 QCoreApplication.translate("InspectionTableModel", "辖市区"), QCoreApplication.translate("InspectionTableModel", "证书"),
                 QCoreApplication.translate("InspectionTableModel", "状态"), QCoreApplication.translate("InspectionTableModel", "进度"),
                 QCoreApplication.translate("InspectionTableModel", "得分"), QCoreApplication.translate("InspectionTableModel", "评定"),
                 QCoreApplication.translate("InspectionTableModel", "建议"), QCoreApplication.translate("InspectionTableModel", "期限"),
                 QCoreApplication.translate("InspectionTableModel", "检查表")):
        del text


class InspectionTableModel(QAbstractTableModel):
    """Table of inspections (one row each) and of enterprises still without one."""

    def __init__(self, parent: Any = None, today: date | None = None) -> None:
        super().__init__(parent)
        self._all: list[dict[str, Any]] = []
        self._keys: list[str] = []  # lowercase "name\x1fuscc\x1fdistrict" per row of _all
        self._texts: list[tuple[str, ...] | None] = []  # display texts per row of _all, built when shown
        self._has_id: list[bool] = []  # row is an inspection (not an enterprise without one)
        self._visible: list[int] = []  # indexes into _all, in display order
        self._filter = RowFilter()
        self._sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)
        self._today = today or date.today()
        self._bold = QFont()
        self._bold.setBold(True)
        self._brushes: dict[str, QBrush] = {}

    # -- data in -------------------------------------------------------------------------------
    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._all = list(rows)
        if self._sort[0] >= 0:
            self._sort_all()
        self._keys = [self._search_key(r) for r in self._all]
        self._texts = [None] * len(self._all)
        self._has_id = [r["id"] is not None for r in self._all]
        self._visible = self._matching(range(len(self._all)), self._filter)
        self.endResetModel()

    def update_row(self, row: dict[str, Any]) -> None:
        """Replace the row of one inspection (or add it) after an operation changed it, keeping the
        view's place. A row that no longer matches the filter leaves the view (a status filter shows
        only what still has that status); a new inspection replaces its enterprise's "not scheduled" row."""
        for position, existing in enumerate(self._all):
            if existing["id"] == row["id"] and row["id"] is not None:
                self._all[position] = row
                self._keys[position] = self._search_key(row)
                self._texts[position] = None
                matches = bool(self._matching([position], self._filter))
                if position in self._visible:
                    shown = self._visible.index(position)
                    if matches:
                        self.dataChanged.emit(self.index(shown, 0), self.index(shown, COLUMN_COUNT - 1))
                    else:
                        self.beginRemoveRows(QModelIndex(), shown, shown)
                        del self._visible[shown]
                        self.endRemoveRows()
                elif matches:
                    self._refilter()
                return
        unscheduled = [r for r in self._all if r["id"] is None and r["enterprise_id"] == row["enterprise_id"]]
        self.set_rows([row, *(r for r in self._all if not any(r is u for u in unscheduled))])

    def _refilter(self) -> None:
        self.layoutAboutToBeChanged.emit()
        self._visible = self._matching(range(len(self._all)), self._filter)
        self.layoutChanged.emit()

    def rows(self) -> list[dict[str, Any]]:
        return [self._all[i] for i in self._visible]

    def total_count(self) -> int:
        return len(self._all)

    def find(self, inspection_id: int | None, enterprise_id: int | None = None) -> int:
        """The displayed row of an inspection (or of an enterprise without one), or -1."""
        rows = self._all
        for shown, position in enumerate(self._visible):
            row = rows[position]
            if inspection_id is not None:
                if row["id"] == inspection_id:
                    return shown
            elif row["id"] is None and row["enterprise_id"] == enterprise_id:
                return shown
        return -1

    def inspection_count(self) -> int:
        """Visible rows that are inspections (not enterprises still without one)."""
        return sum(map(self._has_id.__getitem__, self._visible))

    def _search_key(self, row: dict[str, Any]) -> str:
        return f"{row['enterprise']}\x1f{row['uscc']}\x1f{row['district']}".lower()

    # -- filtering -----------------------------------------------------------------------------
    @property
    def row_filter(self) -> RowFilter:
        return self._filter

    def set_filter(self, new: RowFilter) -> None:
        old = self._filter
        if new == old:
            return
        needle = new.text.strip().lower()
        narrowing = (needle.startswith(old.text.strip().lower())
                     and (new.district, new.cert_grade, new.status, new.due)
                     == (old.district, old.cert_grade, old.status, old.due))
        candidates = self._visible if narrowing else range(len(self._all))
        self.beginResetModel()
        self._filter = new
        self._visible = self._matching(candidates, new)
        self.endResetModel()

    def set_text_filter(self, text: str) -> None:
        f = self._filter
        self.set_filter(RowFilter(text, f.district, f.cert_grade, f.status, f.due))

    def _matching(self, candidates: Any, f: RowFilter) -> list[int]:
        needle = f.text.strip().lower()
        keys, rows = self._keys, self._all
        chosen = [i for i in candidates if needle in keys[i]] if needle else list(candidates)
        if f.district:
            chosen = [i for i in chosen if rows[i]["district"] == f.district]
        if f.cert_grade:
            chosen = [i for i in chosen if rows[i]["cert_grade"] == f.cert_grade]
        if f.status is not None:
            chosen = [i for i in chosen if rows[i]["status"] == f.status]
        if f.due:
            today = self._today.isoformat()
            if f.due == DUE_OVERDUE:
                chosen = [i for i in chosen if self._open(rows[i]) and rows[i]["due_date"] < today]
            else:
                week = (self._today + timedelta(days=7)).isoformat()
                chosen = [i for i in chosen if self._open(rows[i]) and today <= rows[i]["due_date"] <= week]
        return chosen

    @staticmethod
    def _open(row: dict[str, Any]) -> bool:
        return bool(row["due_date"]) and row["id"] is not None and row["status"] not in labels.DONE_STATUSES

    def is_overdue(self, row: dict[str, Any]) -> bool:
        return self._open(row) and row["due_date"] < self._today.isoformat()

    # -- sorting -------------------------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < COLUMN_COUNT:
            return
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._sort_all()
        self._keys = [self._search_key(r) for r in self._all]
        self._texts = [None] * len(self._all)
        self._has_id = [r["id"] is not None for r in self._all]
        self._visible = self._matching(range(len(self._all)), self._filter)
        self.layoutChanged.emit()

    def _sort_all(self) -> None:
        column, order = self._sort
        key = _KEYS[column]
        present = [r for r in self._all if r[key] not in (None, "")]
        missing = [r for r in self._all if r[key] in (None, "")]
        if key == "answered":
            present.sort(key=lambda r: (r["answered"] or 0) / (r["item_count"] or 1),
                         reverse=order == Qt.SortOrder.DescendingOrder)
        else:
            present.sort(key=lambda r: r[key], reverse=order == Qt.SortOrder.DescendingOrder)
        self._all = present + missing  # blanks always last

    # -- Qt model interface --------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _header(section)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _header_tip(section)
        return None

    def row_at(self, row: int) -> dict[str, Any]:
        return self._all[self._visible[row]]

    def data(self, index: _Index, role: int = 0) -> Any:
        # Hot path: the view asks ~7 roles per visible cell on every repaint. Roles arrive as ints, so
        # they are compared with int constants, and each row's display texts are built once and cached.
        if role == _DISPLAY:
            position = self._visible[index.row()]
            texts = self._texts[position]
            if texts is None:
                texts = self._texts[position] = self._display_texts(self._all[position])
            return texts[index.column()]
        if role == _FOREGROUND:
            return self._foreground(self._all[self._visible[index.row()]], index.column())
        if role == _ALIGNMENT:
            return _RIGHT if index.column() in _RIGHT_COLUMNS else None
        if role == _FONT:
            if index.column() == COL_STATUS and self._all[self._visible[index.row()]]["status"] == "returned":
                return self._bold
            return None
        if role < _FIRST_CUSTOM or not index.isValid():
            if role == _TOOLTIP and index.isValid() and index.column() in (COL_ENTERPRISE, COL_TEMPLATE):
                return self._all[self._visible[index.row()]][_KEYS[index.column()]]
            if role == _TOOLTIP and index.isValid() and index.column() == COL_OUTCOME:
                row = self._all[self._visible[index.row()]]
                return labels.not_started_tip() if row["id"] is not None and not row["outcome"] else None
            return None
        row = self._all[self._visible[index.row()]]
        if role == ROW_ID_ROLE:
            return row["id"]
        if role == ENTERPRISE_ID_ROLE:
            return row["enterprise_id"]
        if role == ROW_ROLE:
            return row
        if role == SORT_ROLE:
            return row[_KEYS[index.column()]]
        return None

    def _display_texts(self, row: dict[str, Any]) -> tuple[str, ...]:
        return tuple(self._display(row, column) for column in range(COLUMN_COUNT))

    def _display(self, row: dict[str, Any], column: int) -> str:
        if column == COL_STATUS:
            return labels.status_label(row["status"])
        if column == COL_SCORE:
            return score_text(row["score"])
        if column == COL_PROGRESS:
            if row["id"] is None or not row["item_count"]:
                return ""
            return f"{row['answered'] or 0}/{row['item_count']}"
        if column == COL_OUTCOME:
            return labels.outcome_text(row["outcome"], row["id"] is not None)
        if column in (COL_GRADE, COL_CERT_GRADE):
            return labels.value_label(row[_KEYS[column]])
        value = row[_KEYS[column]]
        return "" if value is None else str(value)

    def _brush(self, table: dict[str, str], key: str | None) -> QBrush | None:
        name = table.get(key or "")
        if not name:
            return None
        brush = self._brushes.get(name)
        if brush is None:
            brush = self._brushes[name] = QBrush(labels.colour(table, key) or name)
        return brush

    def _foreground(self, row: dict[str, Any], column: int) -> Any:
        if column == COL_STATUS:
            return self._brush(labels.STATUS_COLOURS, row["status"])
        if column == COL_OUTCOME:
            if not row["outcome"]:
                return self._brush({"": labels.NOT_STARTED_COLOUR}, "")
            return self._brush(labels.OUTCOME_COLOURS, row["outcome"])
        if column == COL_DUE and self.is_overdue(row):
            return self._brush({"overdue": "#c62828"}, "overdue")
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else _NO_FLAGS

    def refresh_headers(self) -> None:
        """After a language change."""
        self._texts = [None] * len(self._all)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)
        if self._visible:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._visible) - 1, COLUMN_COUNT - 1))

    def distinct(self, key: str) -> list[str]:
        return sorted({str(r[key]) for r in self._all if r[key]})
