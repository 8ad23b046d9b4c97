"""Text fields save on a short pause and on focus-out: a tiny helper shared by the editor's panes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

DEBOUNCE_MS = 400


class Debouncer(QObject):
    """Calls ``commit`` ``DEBOUNCE_MS`` after the last ``poke()``, when a watched widget loses focus,
    or when ``flush()`` is called (before undo, before switching items, before completing)."""

    def __init__(self, commit: Callable[[], None], parent: QObject | None = None,
                 interval_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self._commit = commit
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.flush)

    def watch(self, *widgets: QWidget) -> None:
        for widget in widgets:
            widget.installEventFilter(self)

    def poke(self) -> None:
        self._timer.start()

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    def flush(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
        self._commit()

    def cancel(self) -> None:
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and self._timer.isActive():
            self.flush()
        return False
