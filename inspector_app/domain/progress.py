"""Progress reporting and cancellation for long operations, free of Qt.

Services take a ``Progress`` callable and a ``CancelToken``; the UI bridge (``ui/tasks.py``)
turns them into signals and a progress dialog, the CLI prints or ignores them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from inspector_app.domain.errors import Cancelled

# progress(done, total, message); total == 0 means "unknown".
Progress = Callable[[int, int, str], None]


def no_progress(done: int, total: int, message: str) -> None:
    """A progress callback that ignores everything."""


class CancelToken:
    """Set from any thread; checked by the worker between units of work."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled("cancelled")
