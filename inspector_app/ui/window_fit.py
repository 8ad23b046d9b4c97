"""Windows and splitters that fit the screen they are on.

A laptop's 1366×768 screen leaves about 1366×700 to a maximised window above the taskbar; a window
opened there without a saved size opens maximised (``small_screen``). A splitter position saved on a
wider screen is clamped (``SideFit``): its side pane keeps at least its minimum and at most its share of
the width it has now, the main pane gets the rest."""

from __future__ import annotations

import struct
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QSplitter, QWidget

SMALL_SCREEN = QSize(1440, 820)  # available size below which windows open maximised (1366×768, 1280×720 …)


def small_screen(available: QSize | None) -> bool:
    """A screen whose free area (without taskbars) is under 1440×820: 1366×768 and 1280×800 laptops, a
    1280×720 projector (``available``: ``available_size``, None for no real screen)."""
    if available is None or available.width() <= 0 or available.height() <= 0:
        return False
    return available.width() < SMALL_SCREEN.width() or available.height() < SMALL_SCREEN.height()


def available_size(widget: QWidget) -> QSize | None:
    """The free area of the widget's screen, or None on the offscreen and minimal platforms (their
    800×600 "screen" is none: tests and screenshots size their windows themselves)."""
    if QGuiApplication.platformName() in ("offscreen", "minimal"):
        return None
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry().size() if screen is not None else None


def side_width(total: int, minimum: int, share: float, preferred: int) -> int:
    """The side pane's width for a splitter ``total`` pixels wide: ``preferred`` kept within
    [``minimum``, ``share`` × total] (the minimum wins on a very narrow window)."""
    return max(minimum, min(preferred, int(total * share)))


def saved_sizes(state: bytes) -> list[int]:
    """The pane sizes in a ``QSplitter.saveState()`` (magic 0xff, version, then the sizes as a
    big-endian list of qint32), read as saved: ``restoreState`` scales them to the splitter's width at
    the time, which before the window is laid out means nothing."""
    data = bytes(state)
    if len(data) < 12:
        return []
    magic, _version, count = struct.unpack(">iiI", data[:12])
    if magic != 0xFF or len(data) < 12 + 4 * count:
        return []
    return list(struct.unpack(f">{count}i", data[12:12 + 4 * count]))


class SideFit(QObject):
    """Keeps the side pane (the last of two) of a horizontal splitter within [``minimum``, ``share`` ×
    the splitter's width] whenever the splitter changes size; the main pane takes the rest and every
    change of the window's width (the side pane keeps its width). The first time the splitter has its
    real width, the side pane gets ``preferred(width)`` or the width restored from the settings
    (``restored``: the side pane's width and the splitter's then; saved on a wider screen, the side
    pane gets no more than ``preferred``, so that the main pane keeps what it wants first)."""

    def __init__(self, splitter: QSplitter, minimum: int, share: float, preferred: Callable[[int], int],
                 restored: tuple[int, int] | None = None) -> None:
        super().__init__(splitter)
        self.splitter, self.minimum, self.share, self.preferred = splitter, minimum, share, preferred
        self._restored = restored
        self._placed = False
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.splitter:
            self.fit()
        return False

    def fit(self) -> None:
        splitter = self.splitter  # (called before the splitter lays itself out: its sizes are still the old ones)
        total = splitter.width() - splitter.handleWidth()
        if splitter.count() != 2 or not splitter.isVisible() or total < 2 * self.minimum:
            return
        if not self._placed:
            self._placed = True
            restored, saved_total = self._restored or (0, 0)
            if not restored:
                wanted = self.preferred(total)
            elif saved_total > total + splitter.handleWidth():  # saved on a wider screen: the main pane first
                wanted = min(restored, self.preferred(total))
            else:
                wanted = restored
        else:
            wanted = splitter.sizes()[1]
        side = side_width(total, self.minimum, self.share, wanted)
        if splitter.sizes()[1] != side:
            splitter.setSizes([total - side, side])
