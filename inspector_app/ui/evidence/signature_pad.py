"""A signature pad: mouse, pen (with pressure, through ``QTabletEvent``) and touch.

Strokes are recorded as ``photos.signature`` expects: a list of strokes, each a list of points
``(x, y, t, pressure)`` – pad pixels, milliseconds since the first point of the signature, and 0–1
pressure (a mouse or a touch screen without pressure reports 0.5). A pen or touch event is accepted
so that Qt does not also deliver the mouse events it would synthesise from it.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QElapsedTimer, QEvent, QLineF, QPointF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QTabletEvent, QTouchEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

Point = tuple[float, float, float, float]
MOUSE_PRESSURE = 0.5
PEN_WIDTH = 3.2


class SignaturePad(QWidget):
    changed = Signal()  # a stroke was added or the pad was cleared

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(360, 160)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self._strokes: list[list[Point]] = []
        self._current: list[Point] | None = None
        self._clock = QElapsedTimer()
        self.hint = self.tr("请在此处签名")
        self.setToolTip(self.tr("用鼠标、触控笔或手指在框内签名"))

    def sizeHint(self) -> QSize:
        return QSize(560, 220)

    # -- the record ------------------------------------------------------------------------
    def strokes(self) -> list[list[Point]]:
        return [list(stroke) for stroke in self._strokes if stroke]

    def is_blank(self) -> bool:
        return not any(self._strokes)

    def clear(self) -> None:
        self._strokes.clear()
        self._current = None
        self._clock.invalidate()
        self.update()
        self.changed.emit()

    def set_strokes(self, strokes: list[list[Point]]) -> None:
        self._strokes = [list(s) for s in strokes]
        self.update()
        self.changed.emit()

    def _now(self) -> float:
        if not self._clock.isValid():
            self._clock.start()
            return 0.0
        return float(self._clock.elapsed())

    def _begin(self, pos: QPointF, pressure: float) -> None:
        self._current = [(pos.x(), pos.y(), self._now(), pressure)]
        self._strokes.append(self._current)
        self.update()

    def _extend(self, pos: QPointF, pressure: float) -> None:
        if self._current is None:
            return
        last = self._current[-1]
        if abs(pos.x() - last[0]) < 0.5 and abs(pos.y() - last[1]) < 0.5:
            return
        self._current.append((pos.x(), pos.y(), self._now(), pressure))
        self.update()

    def _end(self, pos: QPointF | None, pressure: float) -> None:
        if self._current is None:
            return
        if pos is not None:
            self._extend(pos, pressure)
        self._current = None
        self.changed.emit()

    # -- input -----------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position(), MOUSE_PRESSURE)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._extend(event.position(), MOUSE_PRESSURE)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._end(event.position(), MOUSE_PRESSURE)

    def tabletEvent(self, event: QTabletEvent) -> None:
        pressure = max(0.05, min(1.0, float(event.pressure())))
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self._begin(event.position(), pressure)
        elif kind == QEvent.Type.TabletMove and event.buttons():
            self._extend(event.position(), pressure)
        elif kind == QEvent.Type.TabletRelease:
            self._end(event.position(), pressure)
        event.accept()

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QTouchEvent) and event.type() in (
                QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel):
            points = event.points()
            if points:
                point = points[0]
                position = self.mapFromGlobal(point.globalPosition())  # position() is unset on a synthesised event
                raw = float(point.pressure())
                pressure = raw if 0.0 < raw < 1.0 else MOUSE_PRESSURE  # 0 or 1: the screen reports none
                if event.type() == QEvent.Type.TouchBegin:
                    self._begin(position, pressure)
                elif event.type() == QEvent.Type.TouchUpdate:
                    self._extend(position, pressure)
                else:
                    self._end(position, pressure)
            event.accept()
            return True
        return super().event(event)

    # -- drawing ---------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        painter.setPen(QPen(QColor("#b0bec5"), 1))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        baseline = int(self.height() * 0.75)
        painter.setPen(QPen(QColor("#cfd8dc"), 1, Qt.PenStyle.DashLine))
        painter.drawLine(24, baseline, self.width() - 24, baseline)
        if self.is_blank():
            painter.setPen(QColor("#b0bec5"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.hint)
        for stroke in self._strokes:
            if len(stroke) == 1:
                x, y, _t, p = stroke[0]
                radius = PEN_WIDTH * (0.35 + 0.65 * p) / 2
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor("black"))
                painter.drawEllipse(QPointF(x, y), radius, radius)
                continue
            for a, b in itertools.pairwise(stroke):
                width = PEN_WIDTH * (0.35 + 0.65 * (a[3] + b[3]) / 2)
                painter.setPen(QPen(QColor("black"), width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
                painter.drawLine(QLineF(a[0], a[1], b[0], b[1]))
        painter.end()
