"""The checklist tree with keyboard driving: 1–4 set the current item's result, Down/Up or J/K move
to the next/previous item (skipping element rows), N to the next unanswered one, Enter to the note."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QWidget

from inspector_app.ui.editor.checklist_model import (
    COL_CODE,
    COL_EARNED,
    COL_MARKS,
    COL_POINTS,
    COL_RESULT,
    COL_TEXT,
    RESULT_ROLE,
    ChecklistModel,
)

RESULT_KEYS = {Qt.Key.Key_1: 1, Qt.Key.Key_2: 2, Qt.Key.Key_3: 3, Qt.Key.Key_4: 4}


class ChecklistView(QTreeView):
    resultKeyPressed = Signal(int)  # 1..4
    currentItemChanged = Signal(str)  # item code, "" for an element row
    editNoteRequested = Signal()

    def __init__(self, model: ChecklistModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self.setModel(model)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setIconSize(QSize(16 * 3 + 6, 16))
        self.setAllColumnsShowFocus(True)
        self.setIndentation(14)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        metrics = self.fontMetrics()
        result_width = max(metrics.horizontalAdvance(t) for t in model.widest_texts()) + 14
        code_width = max([metrics.horizontalAdvance(c) for c in model.item_codes()] or [30]) + 2 * 14 + 14
        for column, width in ((COL_CODE, code_width), (COL_MARKS, 58), (COL_POINTS, 40),
                              (COL_RESULT, result_width), (COL_EARNED, 44)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, width)
        self.expandAll()
        self.selectionModel().currentChanged.connect(self._current_changed)
        model.modelReset.connect(self.expandAll)

    # ------------------------------------------------------------------ navigation
    def current_code(self) -> str:
        item = self._model.item_at(self.currentIndex())
        return item.code if item else ""

    def select_code(self, code: str) -> bool:
        index = self._model.index_of(code)
        if not index.isValid():
            return False
        self.expand(index.parent())
        self.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.scrollTo(index)
        return True

    def move_item(self, step: int) -> bool:
        codes = self._model.item_codes()
        if not codes:
            return False
        current = self.current_code()
        if current:
            position = codes.index(current) + step
        else:  # on an element row: Down goes to its first item, Up to the item before it
            element = self._model.element_at(self.currentIndex())
            first = codes.index(element.items[0].code) if element and element.items else 0
            position = first if step > 0 else first - 1
        if 0 <= position < len(codes):
            return self.select_code(codes[position])
        return False

    def next_unanswered(self) -> bool:
        codes = self._model.item_codes()
        current = self.current_code()
        start = codes.index(current) + 1 if current else 0
        for code in codes[start:] + codes[:start]:
            if not self._model.index_of(code).data(RESULT_ROLE):
                return self.select_code(code)
        return False

    # ------------------------------------------------------------------ keys
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers == Qt.KeyboardModifier.NoModifier:
            if key in RESULT_KEYS:
                self.resultKeyPressed.emit(RESULT_KEYS[key])
                return
            if key in (Qt.Key.Key_Down, Qt.Key.Key_J):
                self.move_item(1)
                return
            if key in (Qt.Key.Key_Up, Qt.Key.Key_K):
                self.move_item(-1)
                return
            if key == Qt.Key.Key_N:
                self.next_unanswered()
                return
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.current_code():
                self.editNoteRequested.emit()
                return
        super().keyPressEvent(event)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item = self._model.item_at(current)
        self.currentItemChanged.emit(item.code if item else "")
