"""A guard against a reference-counting defect seen with PySide6 6.12.0 on CPython 3.11.

There, every call of a Qt method that returns nothing (``QPainter.save()``, ``QWidget.update()``,
``QLabel.setText()`` …) and every ``None`` a Python model hands back through ``QModelIndex.data()``
gives back a reference to ``None`` that it never took. ``None`` starts with a few thousand references,
so a gallery painting hundreds of cells per frame drives the count to zero within seconds of scrolling
and the interpreter aborts with "Fatal Python error: none_dealloc: deallocating None".

``ensure()`` measures the defect once (ten calls of a void method) and, only when it is present on an
interpreter where ``None`` is not immortal (before 3.12), adds 2**40 references to ``None`` – which
makes it as good as immortal, as it is by design from Python 3.12 on. It changes nothing else.
The application as a whole needs this (every widget leaks); it belongs at start-up in ``ui/main.py``.
"""

from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger(__name__)
_BALLAST = 1 << 40
_applied: list[bool] = []


def leak_per_call() -> int:
    """How many references to None one void Qt call loses (0 when the defect is absent)."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(10):
        probe.setObjectName("probe")
    return max(0, (before - sys.getrefcount(None)) // 10)


def ensure() -> bool:
    """Apply the guard when needed (once per process); True when it was applied."""
    if _applied:
        return _applied[0]
    applied = False
    if sys.version_info < (3, 12) and sys.implementation.name == "cpython" and leak_per_call() > 0:
        ctypes.c_ssize_t.from_address(id(None)).value += _BALLAST
        log.warning("PySide6 loses references to None on this interpreter; None's count raised by 2**40")
        applied = True
    _applied.append(applied)
    return applied
