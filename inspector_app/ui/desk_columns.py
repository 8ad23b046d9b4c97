"""The desk list's column widths: from their content, the enterprise's name first.

Each column wants the width of its content – sample texts in the current language (codes, statuses,
dates), and for the name the longest names among the rows – and has a floor (a few characters, or its
title). When the list is narrower than what every column wants, columns give up width in a fixed
order, each down to its floor: the template's title first (its tooltip has it whole), then the grade
awarded (mostly empty), the credit code, the district …, the name last. Width left over goes to the
template's title. So in a 1280-pixel window "常州正大化工有限公司" is whole and the credit code gives
way, not the other way round. Widths are fitted again whenever the list changes size."""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QTableView

from inspector_app.ui.models.inspection_table import (
    COL_CERT_GRADE,
    COL_DISTRICT,
    COL_DUE,
    COL_ENTERPRISE,
    COL_GRADE,
    COL_ID,
    COL_OUTCOME,
    COL_PROGRESS,
    COL_SCORE,
    COL_STATUS,
    COL_TEMPLATE,
    COL_USCC,
)

# Who gives up width first when the list is too narrow; the name gives last.
SHRINK_ORDER = (COL_TEMPLATE, COL_GRADE, COL_USCC, COL_DISTRICT, COL_OUTCOME, COL_DUE, COL_STATUS, COL_PROGRESS,
                COL_SCORE, COL_CERT_GRADE, COL_ID, COL_ENTERPRISE)
GROWS = COL_TEMPLATE  # takes what is left over
NAME_SAMPLE = "常州新世纪生物医药有限公司"  # the name column's width before any rows are read
NAME_MAX_CHARS = 20  # a longer name is elided (its tooltip has it whole)
PADDING = 14  # cell margins and the sort indicator's room


def fit(wants: Mapping[int, int], floors: Mapping[int, int], available: int,
        order: Iterable[int] = SHRINK_ORDER, grows: int = GROWS) -> dict[int, int]:
    """Column widths for ``available`` pixels: each column its want, shortfalls taken in ``order``
    (each column down to its floor, never below), surplus to ``grows``."""
    widths = dict(wants)
    excess = sum(widths.values()) - available
    for column in order:
        if excess <= 0:
            break
        if column not in widths:
            continue
        give = min(excess, widths[column] - min(floors.get(column, widths[column]), widths[column]))
        if give > 0:
            widths[column] -= give
            excess -= give
    if excess < 0 and grows in widths:
        widths[grows] -= excess
    return widths


def longest(names: Iterable[str], count: int = 8) -> list[str]:
    """The few longest names by characters (measuring 50,000 names in pixels would be slow)."""
    return heapq.nlargest(count, names, key=len)


class DeskColumns(QObject):
    """Fits the columns of ``table`` whenever its viewport changes size, after ``set_wants``."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table
        self.wants: dict[int, int] = {}
        self.floors: dict[int, int] = {}
        self._names: list[str] = []
        table.viewport().installEventFilter(self)

    def set_wants(self, wants: Mapping[int, int], floors: Mapping[int, int]) -> None:
        """Content widths and floors (without padding) of every column but the name's."""
        self.wants = {column: width + PADDING for column, width in wants.items()}
        self.floors = {column: width + PADDING for column, width in floors.items()}
        self._name_widths()
        self.apply()

    def set_names(self, names: Iterable[str]) -> None:
        """The rows' enterprise names: the name column wants the longest of them."""
        self._names = longest(names)
        if self.wants:
            self._name_widths()
            self.apply()

    def _name_widths(self) -> None:
        metrics = self.table.fontMetrics()
        texts = [name[:NAME_MAX_CHARS] for name in self._names] or [NAME_SAMPLE]
        self.wants[COL_ENTERPRISE] = max(metrics.horizontalAdvance(t) for t in texts) + PADDING
        floor = metrics.horizontalAdvance(NAME_SAMPLE[:8]) + PADDING
        self.floors[COL_ENTERPRISE] = min(floor, self.wants[COL_ENTERPRISE])

    def total_want(self) -> int:
        """The width the list wants: every column's content, its frame and scroll bar (before the
        widths are known, that of a list in Chinese with the usual names)."""
        table = self.table
        chrome = 2 * table.frameWidth() + table.verticalScrollBar().sizeHint().width() + 12
        return (sum(self.wants.values()) if self.wants else 900) + chrome

    def apply(self) -> None:
        if not self.wants:
            return
        widths = fit(self.wants, self.floors, self.table.viewport().width())
        header = self.table.horizontalHeader()
        for column, width in widths.items():
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.table.viewport():
            self.apply()
        return False
