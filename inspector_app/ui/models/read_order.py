"""Reads of the desk's rows finish in any order (the runner's pool has several workers); only the newest
read of a row may be shown.

Two operations on one inspection in quick succession (the first answer, then 完成并锁定; an accept right
after an import) broadcast two changes, and the desk rereads the row twice. If the first read finished
last, its older row – 检查中 instead of 已完成锁定 – would go back into the list, and a status filter would
keep showing an inspection whose status had just changed. ``ReadOrder`` numbers every read when it starts
and lets a row in only when its read started after the one that put the row's current data there; a
whole-list read started before a row's newer read is shown, then that row is read again.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


class ReadOrder:
    def __init__(self) -> None:
        self._started = 0
        self._list = 0  # the read behind the rows of the whole list now shown
        self._rows: dict[int, int] = {}  # inspection id → the read behind its row now shown (newer than _list)

    def start(self) -> int:
        """Number a read as it starts."""
        self._started += 1
        return self._started

    def list_read(self, seq: int) -> tuple[bool, frozenset[int]]:
        """A whole-list read finished: whether to show it (not when a newer whole-list read is shown), and
        the inspections whose rows were read after it started (to be read again once it is shown)."""
        if seq < self._list:
            return False, frozenset()
        newer = frozenset(i for i, s in self._rows.items() if s > seq)
        self._list = seq
        self._rows = {}
        return True, newer

    def fresh(self, seq: int, rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        """The rows of a read of some inspections that are newer than the ones shown (and notes them)."""
        shown = []
        for row in rows:
            key = row["id"]
            if key is None or seq < max(self._list, self._rows.get(key, 0)):
                continue
            self._rows[key] = seq
            shown.append(row)
        return shown
