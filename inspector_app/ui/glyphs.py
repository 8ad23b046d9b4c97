"""Symbols the shipped font lacks, drawn instead.

The program's Chinese font is WenQuanYi Micro Hei (fonts-wqy-microhei, a dependency of the package);
a symbol outside it shows as an empty box wherever no other font happens to have it. Micro Hei has the
usual marks (– — … · × → ✓ ✔ ✕ ✖ • ※ ★ ▲), not ⚠ (U+26A0) or ⏱ (U+23F1); those two are painted here
with QPainter, in the texts that use them:

* ``rich(text)`` – label text with each drawn symbol as an inline image (``set_label`` sets it);
* ``set_button(button, text)`` – a leading drawn symbol becomes the button's icon;
* ``paint(painter, rect, symbol, colour)`` – in a delegate's own painting (the gallery's badges).

``DRAWN`` lists them; tests/ui/test_glyphs.py checks every other symbol the interface uses against
the font's character map.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from html import escape

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QAbstractButton, QLabel

WARNING, STOPWATCH = "\u26a0", "\u23f1"  # ⚠ ⏱
AMBER, INK = QColor("#f9a825"), QColor("#3e2723")


def _warning(painter: QPainter, rect: QRectF, colour: QColor | None) -> None:
    """A warning triangle with an exclamation mark (amber and dark, or all in ``colour``)."""
    side = min(rect.width(), rect.height())
    box = QRectF(rect.center().x() - side / 2, rect.center().y() - side / 2, side, side)
    triangle = QPainterPath()
    triangle.moveTo(box.center().x(), box.top() + side * 0.06)
    triangle.lineTo(box.right() - side * 0.02, box.bottom() - side * 0.06)
    triangle.lineTo(box.left() + side * 0.02, box.bottom() - side * 0.06)
    triangle.closeSubpath()
    fill = colour or AMBER
    painter.setPen(QPen(fill.darker(130), max(1.0, side / 16)))
    painter.setBrush(fill)
    painter.drawPath(triangle)
    mark = QColor("white") if colour is not None and colour.lightness() < 140 else INK
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(mark)
    x = box.center().x()
    stem = side * 0.12
    painter.drawRoundedRect(QRectF(x - stem / 2, box.top() + side * 0.34, stem, side * 0.30), stem / 3, stem / 3)
    painter.drawEllipse(QPointF(x, box.top() + side * 0.76), stem * 0.6, stem * 0.6)


def _stopwatch(painter: QPainter, rect: QRectF, colour: QColor | None) -> None:
    """A stopwatch: a dial with a crown on top and one hand (the time comes from a clock)."""
    ink = colour or INK
    side = min(rect.width(), rect.height())
    radius = side * 0.36
    centre = QPointF(rect.center().x(), rect.center().y() + side * 0.08)
    pen = QPen(ink, max(1.2, side / 10))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawEllipse(centre, radius, radius)
    top = centre.y() - radius
    painter.drawLine(QPointF(centre.x(), top), QPointF(centre.x(), top - side * 0.08))  # stem
    painter.drawLine(QPointF(centre.x() - side * 0.10, top - side * 0.10),
                     QPointF(centre.x() + side * 0.10, top - side * 0.10))  # crown
    painter.drawLine(QPointF(centre.x() + radius * 0.78, top + radius * 0.22),
                     QPointF(centre.x() + radius * 0.98, top + radius * 0.02))  # the button at the side
    painter.drawLine(centre, QPointF(centre.x(), centre.y() - radius * 0.62))  # the hand
    painter.drawLine(centre, QPointF(centre.x() + radius * 0.45, centre.y()))


DRAWN: dict[str, Callable[[QPainter, QRectF, QColor | None], None]] = {WARNING: _warning, STOPWATCH: _stopwatch}


def paint(painter: QPainter, rect: QRectF, symbol: str, colour: QColor | None = None) -> bool:
    """Draw ``symbol`` into ``rect`` if it is one of ``DRAWN`` (else False: draw it as text)."""
    draw = DRAWN.get(symbol)
    if draw is None:
        return False
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    draw(painter, QRectF(rect), colour)
    painter.restore()
    return True


def pixmap(symbol: str, size: int, colour: QColor | None = None, ratio: float = 2.0) -> QPixmap:
    """The symbol drawn on a transparent square ``size`` pixels wide (at ``ratio`` for sharp screens)."""
    image = QPixmap(round(size * ratio), round(size * ratio))
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    paint(painter, QRectF(0, 0, image.width(), image.height()), symbol, colour)
    painter.end()
    image.setDevicePixelRatio(ratio)
    return image


_IMG_CACHE: dict[tuple[str, int], str] = {}


def _img(symbol: str, size: int) -> str:
    key = (symbol, size)
    if key not in _IMG_CACHE:
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        pixmap(symbol, size).toImage().save(buffer, "PNG")
        encoded = base64.b64encode(bytes(data.data())).decode()
        _IMG_CACHE[key] = (f'<img src="data:image/png;base64,{encoded}" width="{size}" height="{size}"'
                           ' style="vertical-align: middle">')
    return _IMG_CACHE[key]


def needs_drawing(text: str) -> bool:
    return any(symbol in text for symbol in DRAWN)


def rich(text: str, size: int = 14) -> str:
    """``text`` as label rich text: escaped, line breaks kept, each drawn symbol an inline image."""
    html = escape(text).replace("\n", "<br>")
    for symbol in DRAWN:
        html = html.replace(symbol, _img(symbol, size))
    return html


def set_label(label: QLabel, text: str) -> None:
    """Set a label's text; with a drawn symbol in it the label shows rich text (sized to its font)."""
    if needs_drawing(text):
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setText(rich(text, label.fontMetrics().ascent()))
    else:
        label.setTextFormat(Qt.TextFormat.AutoText)
        label.setText(text)


def set_button(button: QAbstractButton, text: str) -> None:
    """Set a button's text; a drawn symbol at its start becomes the button's icon."""
    stripped = text.lstrip()
    symbol = stripped[:1]
    if symbol in DRAWN:
        button.setIcon(QIcon(pixmap(symbol, button.fontMetrics().ascent())))
        button.setText(stripped[1:].lstrip())
        if hasattr(button, "setToolButtonStyle"):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    else:
        button.setIcon(QIcon())
        button.setText(text)
