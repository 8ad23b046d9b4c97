"""The live score: element subtotals, total, the grade the enterprise holds, the conclusion with its
reasons, answered n/m. Fed with a ``ScoreResult`` from the pure engine after every in-memory change.

No grade is shown as awarded unless the template awards one (a look-back, an audit or a self-inspection
never does: DOMAIN.md §4); the conclusion is coloured by the bucket it counts in."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from inspector_app.domain.numbers import score_text
from inspector_app.domain.scoring import DELIST, MAINTAIN, ScoreResult
from inspector_app.ui.editor import labels

OUTCOME_COLORS = {MAINTAIN: "#2e7d32", DELIST: "#b71c1c"}  # by bucket (counts_as); 限期整改 amber
NOT_STARTED_COLOR = "#78909c"  # nothing answered yet: no score, no conclusion (domain.states)


def _num(value: Decimal) -> str:
    return f"{value.normalize():f}"


class AnsweredMeter(QWidget):
    """Answered n/m as a thin bar with its text. (QProgressBar repaints synchronously on every
    setValue, which cost ~20 ms per keystroke offscreen; this one just schedules an update.)"""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._done, self._total, self._text = 0, 0, ""
        self.setMinimumHeight(self.fontMetrics().height() + 6)

    def sizeHint(self) -> QSize:
        return QSize(160, self.fontMetrics().height() + 6)

    def text(self) -> str:
        return self._text

    def set_progress(self, done: int, total: int, text: str) -> None:
        if (done, total, text) != (self._done, self._total, self._text):
            self._done, self._total, self._text = done, total, text
            self.setAccessibleName(text)
            self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(QColor("#b0bec5"))
        painter.setBrush(QColor("#eceff1"))
        painter.drawRoundedRect(rect, 3, 3)
        if self._total:
            filled = QRectF(rect)
            filled.setWidth(rect.width() * self._done / self._total)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#90caf9" if self._done < self._total else "#a5d6a7"))
            painter.drawRoundedRect(filled, 3, 3)
        painter.setPen(QColor("#263238"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self._text)
        painter.end()


class ScorePanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.score = QLabel()
        self.score.setStyleSheet("font-size: 20pt; font-weight: bold;")
        self.score.setAccessibleName(self.tr("得分"))
        self.grade = QLabel()
        self.outcome = QLabel()
        self.outcome.setStyleSheet("font-weight: bold;")
        self.answered = AnsweredMeter()
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        self.reasons.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reasons.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        self.elements = QTableWidget(0, 3)
        self.elements.setHorizontalHeaderLabels([self.tr("类目"), self.tr("得分/应得"), self.tr("得分率")])
        self.elements.verticalHeader().hide()
        self.elements.verticalHeader().setDefaultSectionSize(22)
        self.elements.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.elements.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.elements.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.elements.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)

        top = QGridLayout()
        top.addWidget(self.score, 0, 0, 2, 1)
        top.addWidget(self.grade, 0, 1)
        top.addWidget(self.outcome, 1, 1)
        top.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.answered)
        # The reasons scroll within what is left: the table keeps every row of its (few) elements in view
        # on a 1366×700 screen, where long reasons had squeezed it to two rows.
        self.reasons_area = QScrollArea()
        self.reasons_area.setWidget(self.reasons)
        self.reasons_area.setWidgetResizable(True)
        self.reasons_area.setFrameShape(QFrame.Shape.NoFrame)
        self.reasons_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.reasons_area.setMinimumHeight(2 * self.fontMetrics().lineSpacing() + 4)
        layout.addWidget(self.reasons_area, 1)
        layout.addWidget(self.elements)

    def set_score(self, result: ScoreResult) -> None:
        provisional = not result.complete
        text = score_text(result.score, "—")
        if provisional and result.score is not None:
            provisional_text = self.tr("（暂定）")
            text += f'<span style="font-size: 10pt; font-weight: normal;">{provisional_text}</span>'
        self.score.setText(text)
        grades = []
        if result.grade_held:
            grades.append(self.tr("证书等级：{0}").format(labels.grade_label(result.grade_held)))
        if result.grade_awarded:
            grades.append(self.tr("评定等级：{0}").format(labels.grade_label(result.grade_awarded)))
        self.grade.setText("　".join(grades))
        self.grade.setVisible(bool(grades))
        if result.conclusion is None:  # not yet answered: neither 维持 nor 不达标
            self.outcome.setText(self.tr("结论：{0}").format(self.tr("尚未作答")))
            colour = NOT_STARTED_COLOR
        else:
            self.outcome.setText(self.tr("结论：{0}").format(labels.outcome_label(result.conclusion_label)))
            colour = OUTCOME_COLORS.get(result.conclusion.counts_as, "#c77700")
        self.outcome.setToolTip("\n".join(str(r) for r in result.conclusion_reasons))
        self.outcome.setStyleSheet(f"font-weight: bold; color: {colour};")
        self.answered.set_progress(result.answered, result.total_items,
                                   self.tr("已检查 {0}/{1}").format(result.answered, result.total_items))
        self.reasons.setText("\n".join(f"• {r}" for r in result.reasons))
        table = self.elements
        if table.rowCount() != len(result.elements):
            table.setRowCount(len(result.elements))
            self.elements.setFixedHeight(self.elements_height())
        for row, element in enumerate(result.elements):
            share = element.share
            cells = [f"{element.code} {element.title}",
                     f"{_num(element.earned)}/{_num(element.achievable)}" if element.achievable else "—",
                     "—" if share is None else f"{float(share) * 100:.0f}%"]
            for column, value in enumerate(cells):
                cell = table.item(row, column)
                if cell is None:
                    cell = QTableWidgetItem()
                    table.setItem(row, column, cell)
                cell.setText(value)
                if column:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if element.vetoed_by:
                    cell.setForeground(Qt.GlobalColor.red)
                    cell.setToolTip(self.tr("否决项 {0}：本类目计 0 分").format(element.vetoed_by))

    def set_compact(self, compact: bool) -> None:
        """Compact (while the photos need the column's height): the score, conclusion, progress and the
        first reasons only; the element table comes back with the findings."""
        self.elements.setVisible(not compact)

    def elements_height(self) -> int:
        """The table's height with every element row in view (a template has a handful of elements)."""
        table = self.elements
        rows = sum(table.rowHeight(row) for row in range(table.rowCount()))
        return table.horizontalHeader().sizeHint().height() + rows + 2 * table.frameWidth()
