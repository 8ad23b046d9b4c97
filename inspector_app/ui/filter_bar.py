"""The filter bar above the list: a text box (debounced) and combos for district, grade, status, due."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QSizePolicy, QWidget

from inspector_app.ui import labels
from inspector_app.ui.models.inspection_table import DUE_ALL, DUE_OVERDUE, DUE_WEEK, RowFilter

DEBOUNCE_MS = 120
GRADES = ("一级", "二级", "三级", "小微")
_ALL = "\x00all"  # item data of the "all" entries (a status may legitimately be "")


class FilterBar(QWidget):
    """Emits ``changed(RowFilter)`` after typing pauses or at once when a combo changes."""

    changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLineEdit()
        self.text.setObjectName("filterText")
        self.text.setMinimumWidth(180)
        self.district = QComboBox()
        self.grade = QComboBox()
        self.status = QComboBox()
        self.due = QComboBox()
        for combo in (self.district, self.grade, self.status, self.due):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(self._emit)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._emit)
        self.text.textChanged.connect(lambda _t: self._timer.start())
        self.text.returnPressed.connect(self._emit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 1)
        for combo in (self.district, self.grade, self.status, self.due):
            combo.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            layout.addWidget(combo)
        self._districts: list[str] = []
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.text.setPlaceholderText(self.tr("筛选：企业名称、信用代码或辖市区（Ctrl+F）"))
        self.text.setToolTip(self.text.placeholderText())
        self._fill(self.district, self.tr("全部辖市区"), [(d, d) for d in self._districts])
        self._fill(self.grade, self.tr("全部证书等级"), [(labels.value_label(g), g) for g in GRADES])
        self._fill(self.status, self.tr("全部状态"), [(labels.status_label(c), c) for c in labels.status_codes()])
        self._fill(self.due, self.tr("全部期限"), [(self.tr("已逾期"), DUE_OVERDUE), (self.tr("7 天内到期"), DUE_WEEK)])

    def set_districts(self, districts: list[str]) -> None:
        if districts != self._districts:
            self._districts = list(districts)
            self._fill(self.district, self.tr("全部辖市区"), [(d, d) for d in districts])

    def _fill(self, combo: QComboBox, all_text: str, entries: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(all_text, _ALL)
        for text, data in entries:
            combo.addItem(text, data)
        found = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(found, 0))
        combo.blockSignals(False)

    def current(self) -> RowFilter:
        def value(combo: QComboBox) -> str | None:
            data = combo.currentData()
            return None if data in (None, _ALL) else str(data)

        return RowFilter(text=self.text.text(), district=value(self.district) or "",
                         cert_grade=value(self.grade) or "", status=value(self.status),
                         due=value(self.due) or DUE_ALL)

    def clear(self) -> None:
        for combo in (self.district, self.grade, self.status, self.due):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.text.clear()
        self._emit()

    def flush(self) -> None:
        """Apply pending typing now (tests, Enter)."""
        if self._timer.isActive():
            self._timer.stop()
            self._emit()

    def _emit(self) -> None:
        self._timer.stop()
        self.changed.emit(self.current())
