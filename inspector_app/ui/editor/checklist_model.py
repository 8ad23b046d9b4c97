"""A thin tree model over a checklist template and the in-memory answers: elements → items.

``COL_*`` constants, custom roles, and ``item_changed()`` to refresh one row and its element;
tested without a window. Internal ids: 0 for an element row, element row + 1 for its items.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication

from inspector_app.domain.scoring import Answer, ScoreResult, item_earned
from inspector_app.domain.template import (
    NONCONFORM,
    NOT_APPLICABLE,
    PARTIAL,
    RESULTS,
    Element,
    Item,
    Template,
)
from inspector_app.ui.editor import labels

COL_CODE, COL_TEXT, COL_MARKS, COL_POINTS, COL_RESULT, COL_EARNED = range(6)
CODE_ROLE = Qt.ItemDataRole.UserRole + 1  # the element or item code
IS_ITEM_ROLE = Qt.ItemDataRole.UserRole + 2
RESULT_ROLE = Qt.ItemDataRole.UserRole + 3  # the raw result ("" when unanswered)
BADGES_ROLE = Qt.ItemDataRole.UserRole + 4  # tuple of badge keys
Index = QModelIndex | QPersistentModelIndex
_D = Qt.ItemDataRole
# data() is called for every role of every visible cell on each repaint; answer the others at once.
_ROLES = frozenset(int(r) for r in (_D.DisplayRole, _D.DecorationRole, _D.ToolTipRole, _D.ForegroundRole,
                                    _D.BackgroundRole, _D.FontRole, _D.TextAlignmentRole, CODE_ROLE,
                                    IS_ITEM_ROLE, RESULT_ROLE, BADGES_ROLE))


def _num(value: float | Decimal) -> str:
    return f"{value:g}" if isinstance(value, float) else f"{value.normalize():f}"


class ChecklistModel(QAbstractItemModel):
    def __init__(self, template: Template, answers: dict[str, Answer], parent: Any = None) -> None:
        super().__init__(parent)
        self._template = template
        self._answers = answers
        self._with_findings: set[str] = set()
        self._with_photos: set[str] = set()  # items with at least one photo (evidence, issue 4)
        self._score: ScoreResult | None = None
        self._positions: dict[str, tuple[int, int]] = {}  # item code → (element row, item row)
        self._earned_text: dict[str, str] = {}
        app = QGuiApplication.instance()
        self._pixel_ratio = app.devicePixelRatio() if isinstance(app, QGuiApplication) else 1.0  # sharp on HiDPI
        self._headers = [self.tr("编号"), self.tr("检查内容"), self.tr("标记"), self.tr("分值"),
                         self.tr("结果"), self.tr("得分")]
        self._index_template()

    # ------------------------------------------------------------------ feeding
    def _index_template(self) -> None:
        self._positions = {item.code: (e, i) for e, element in enumerate(self._template.elements)
                           for i, item in enumerate(element.items)}

    def set_rows(self, template: Template, answers: dict[str, Answer], with_findings: set[str],
                 score: ScoreResult | None) -> None:
        if template is self._template and answers is self._answers:  # same data: no reset needed
            self.set_findings(with_findings)
            if score is not None:
                self.set_score(score)
            return
        self.beginResetModel()
        self._template, self._answers, self._with_findings, self._score = template, answers, with_findings, score
        self._index_template()
        self._earned_text.clear()
        self.endResetModel()

    def set_score(self, score: ScoreResult) -> None:
        """Refresh the subtotals that changed. Views repaint a single changed cell cheaply but repaint
        the whole viewport for a multi-cell range, so each changed cell is announced on its own."""
        old = self._score
        self._score = score
        for row, element in enumerate(score.elements):
            before = old.elements[row] if old is not None and row < len(old.elements) else None
            if before != element:
                self._cell_changed(self.element_index(row, COL_EARNED))

    def set_findings(self, with_findings: set[str]) -> None:
        changed = with_findings ^ self._with_findings
        self._with_findings = set(with_findings)
        for code in changed:
            self._cell_changed(self.index_of(code, COL_MARKS))

    def set_photos(self, with_photos: set[str]) -> None:
        """Items that have a photo (from the evidence panel): their marker shows it."""
        changed = with_photos ^ self._with_photos
        self._with_photos = set(with_photos)
        for code in changed:
            self._cell_changed(self.index_of(code, COL_MARKS))

    def item_changed(self, code: str) -> None:
        self._earned_text.pop(code, None)
        index = self.index_of(code)
        if index.isValid():
            for column in (COL_MARKS, COL_RESULT, COL_EARNED):
                self._cell_changed(index.siblingAtColumn(column))
            self._cell_changed(index.parent().siblingAtColumn(COL_RESULT))

    def _cell_changed(self, index: QModelIndex) -> None:
        if index.isValid():
            self.dataChanged.emit(index, index)

    # ------------------------------------------------------------------ lookups
    def index_of(self, code: str, column: int = 0) -> QModelIndex:
        pos = self._positions.get(code)
        if pos is None:
            return QModelIndex()
        return self.createIndex(pos[1], column, pos[0] + 1)

    def element_index(self, row: int, column: int = 0) -> QModelIndex:
        return self.createIndex(row, column, 0)

    def item_at(self, index: Index) -> Item | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        return self._template.elements[index.internalId() - 1].items[index.row()]

    def element_at(self, index: Index) -> Element | None:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._template.elements[index.row()]
        return self._template.elements[index.internalId() - 1]

    def widest_texts(self) -> list[str]:
        """Texts the result column may show, for sizing it (element progress at its longest)."""
        longest = max((len(e.items) for e in self._template.elements), default=0)
        return [self.tr("{0}/{1} 已查").format(longest, longest), labels.unanswered_label(),
                *(labels.result_label(r) for r in RESULTS)]

    def item_codes(self) -> list[str]:
        return [item.code for item in self._template.items]

    # ------------------------------------------------------------------ Qt model API
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column < 0 or column > COL_EARNED or row < 0:
            return QModelIndex()
        if not parent.isValid():
            if row >= len(self._template.elements):
                return QModelIndex()
            return self.createIndex(row, column, 0)
        if parent.internalId() != 0 or row >= len(self._template.elements[parent.row()].items):
            return QModelIndex()
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._template.elements)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._template.elements[parent.row()].items)
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return COL_EARNED + 1

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole \
                and section == COL_MARKS:  # the legend of the badges
            return labels.badge_tooltip(tuple(labels.badge_glyphs()))
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if int(role) not in _ROLES or not index.isValid():
            return None
        item = self.item_at(index)
        if item is None:
            return self._element_data(self._template.elements[index.row()], index.row(), index.column(), role)
        return self._item_data(item, index.column(), role)

    # ------------------------------------------------------------------ cells
    def badges(self, item: Item) -> tuple[str, ...]:
        keys = []
        if item.veto:
            keys.append("veto")
        if item.code in self._with_photos:
            keys.append("has_photo")
        elif item.require_photo_on_fail:
            keys.append("photo")
        answer = self._answers.get(item.code)
        if answer is not None and answer.note.strip():
            keys.append("has_note")
        elif item.require_note_on_fail:
            keys.append("note")
        if item.code in self._with_findings:
            keys.append("finding")
        return tuple(keys)

    def _item_data(self, item: Item, column: int, role: int) -> Any:
        answer = self._answers.get(item.code)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_CODE:
                return item.code
            if column == COL_TEXT:
                return item.text
            if column == COL_POINTS:
                return _num(item.points)
            if column == COL_RESULT:
                return labels.result_label(answer.result) if answer else labels.unanswered_label()
            if column == COL_EARNED:
                if answer is None:
                    return "—"
                if answer.result == NOT_APPLICABLE:
                    return self.tr("不计")
                cached = self._earned_text.get(item.code)
                if cached is None:
                    cached = self._earned_text[item.code] = _num(item_earned(item, answer)[0])
                return cached
            return None
        if role == Qt.ItemDataRole.DecorationRole and column == COL_MARKS:
            return labels.badge_icon(self.badges(item), ratio=self._pixel_ratio)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_MARKS:
                return labels.badge_tooltip(self.badges(item)) or None
            if column == COL_TEXT:
                return item.text + (f"\n{item.evidence}" if item.evidence else "")
            return None
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_RESULT:
            return QBrush(QColor(labels.RESULT_COLORS[answer.result] if answer else "#9e9e9e"))
        if role == Qt.ItemDataRole.BackgroundRole and column == COL_RESULT and answer is not None:
            return QBrush(QColor(labels.RESULT_BACKGROUNDS[answer.result]))
        if role == Qt.ItemDataRole.FontRole and column == COL_RESULT and answer is None:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COL_POINTS, COL_EARNED):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == CODE_ROLE:
            return item.code
        if role == IS_ITEM_ROLE:
            return True
        if role == RESULT_ROLE:
            return answer.result if answer else ""
        if role == BADGES_ROLE:
            return self.badges(item)
        return None

    def _element_data(self, element: Element, row: int, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_CODE:
                return element.code
            if column == COL_TEXT:
                return element.title
            if column == COL_POINTS:
                return _num(element.points)
            if column == COL_RESULT:
                done = sum(1 for i in element.items if i.code in self._answers)
                return self.tr("{0}/{1} 已查").format(done, len(element.items))
            if column == COL_EARNED and self._score is not None and row < len(self._score.elements):
                sub = self._score.elements[row]
                return _num(sub.earned) if sub.achievable else "—"
            return None
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_EARNED and self._score is not None:
            vetoed = row < len(self._score.elements) and self._score.elements[row].vetoed_by
            if vetoed:
                return QBrush(QColor(labels.RESULT_COLORS[NONCONFORM]))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (COL_POINTS, COL_EARNED):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == CODE_ROLE:
            return element.code
        if role == IS_ITEM_ROLE:
            return False
        return None


def failed(answer: Answer | None) -> bool:
    return answer is not None and answer.result in (PARTIAL, NONCONFORM)
