"""The dashboard's charts (QtCharts): grouped bars per category, horizontal or vertical, and a pie; each
fills or refills one ``QChartView`` from plain numbers, and says "暂无数据" when there is nothing to draw."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter

BarSet = tuple[str, Sequence[float], str]  # label, one value per category, colour


def chart_view() -> QChartView:
    view = QChartView()
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumSize(260, 180)
    chart = view.chart()
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(4)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return view


def _reset(view: QChartView, title: str) -> QChart:
    chart = view.chart()
    chart.removeAllSeries()
    for axis in chart.axes():
        chart.removeAxis(axis)
    font = QFont(view.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.05)
    chart.setTitleFont(font)
    chart.setTitle(title)
    return chart


def _nice_max(value: float) -> float:
    """An axis end at or above ``value`` on 1, 2 or 5 × 10ⁿ, at least 1."""
    if value <= 1:
        return 1.0
    step = 1.0
    while step * 10 < value:
        step *= 10
    return next(m * step for m in (1, 2, 5, 10) if m * step >= value)


def fill_bars(view: QChartView, title: str, categories: Sequence[str], sets: Sequence[BarSet],
              horizontal: bool = False, empty_text: str = "", label_format: str = "@value",
              maximum: float | None = None) -> bool:
    """Grouped bars, one group per category; returns False (and shows ``empty_text``) when all are 0.
    ``label_format`` is the bars' label (``@value``, e.g. ``@value%``); ``maximum`` fixes the value
    axis's end (100 for a percentage or a score) instead of a round number above the highest bar."""
    chart = _reset(view, title)
    total = sum(v for _label, values, _colour in sets for v in values)
    if not categories or not total:
        chart.setTitle(f"{title}\n\n{empty_text}" if empty_text else title)
        chart.legend().hide()
        return False
    series = QHorizontalBarSeries() if horizontal else QBarSeries()
    order = list(range(len(categories)))
    if horizontal:  # a horizontal axis counts upwards: the first category is drawn on top this way
        order.reverse()
    for label, values, colour in sets:
        bar_set = QBarSet(label)
        bar_set.append([float(values[n]) for n in order])
        bar_set.setColor(QColor(colour))
        bar_set.setBorderColor(QColor(colour))
        bar_set.setLabelColor(QColor("#333333"))  # outside the bar, on the chart's white
        series.append(bar_set)
    series.setLabelsVisible(True)
    series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
    series.setLabelsFormat(label_format)
    series.setBarWidth(0.8)
    chart.addSeries(series)
    names = QBarCategoryAxis()
    names.append([categories[n] for n in order])
    values = QValueAxis()
    values.setLabelFormat("%d")
    highest = max(v for _label, vals, _colour in sets for v in vals)
    end = maximum if maximum is not None else _nice_max(highest * 1.15)
    values.setRange(0, end)
    values.setTickCount(6 if end >= 5 else 2)
    if horizontal:
        chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
    else:
        chart.addAxis(names, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(names)
    series.attachAxis(values)
    chart.legend().show()
    return True


def fill_pie(view: QChartView, title: str, slices: Sequence[tuple[str, float, str]], empty_text: str = "") -> bool:
    """A pie of (label, value, colour); slices of 0 are left out. False (and ``empty_text``) when empty."""
    chart = _reset(view, title)
    shown = [(label, value, colour) for label, value, colour in slices if value]
    if not shown:
        chart.setTitle(f"{title}\n\n{empty_text}" if empty_text else title)
        chart.legend().hide()
        return False
    total = sum(value for _label, value, _colour in shown)
    series = QPieSeries()
    for label, value, colour in shown:
        piece = series.append(f"{label} {int(value)}（{value * 100 / total:.0f}%）", float(value))
        piece.setColor(QColor(colour))
        piece.setLabelVisible(True)
    series.setPieSize(0.62)
    chart.addSeries(series)
    chart.legend().show()
    return True
