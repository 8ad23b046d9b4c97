"""Photos still being processed: a batch being added marks its inspection, and printing waits for it.

Adding photos makes their print copies as it goes (``photos.decode``), so a sheet printed once the
batch is done only embeds bytes. A sheet asked for *while* a batch is being added to its inspection
would miss the photos not yet attached; it waits for the batch instead, saying so (``wait``).

A batch is a small JSON file in the workspace's ``cache/processing/`` folder (``FOLDER``) – named by
the inspection, the process and a random part, holding the process id and start time, the number of
files and how many are done – so that a command in another process (``inspector-app sheet`` while the
window adds photos) sees it too. It is removed when the batch ends; one left by a process that died (its
pid gone or reused) or that has not moved for ``STALL`` seconds is ignored and removed.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from inspector_app.domain.progress import CancelToken, Progress
from inspector_app.translation import _

FOLDER = Path("cache") / "processing"  # in the workspace's root
STALL = 300.0  # seconds without progress after which a batch counts as dead (a hung or frozen process)
POLL = 0.1  # seconds between looks while waiting

_mine: set[str] = set()  # the batch files of this process that are open
_mine_lock = threading.Lock()


def _start_time(pid: int) -> str | None:
    """Field 22 of ``/proc/PID/stat`` (tells a reused pid); None without /proc."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


def _alive(pid: int, started: str | None) -> bool:
    if sys.platform == "win32":  # os.kill would end the process there: the heartbeat alone decides
        return True
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, PermissionError):
        return False
    except OSError:
        return True
    return started is None or _start_time(pid) in (started, None)


@dataclass
class Batch:
    """A batch of ``total`` files being added to an inspection; :meth:`advance` as each one is attached
    or refused, :meth:`close` at the end (also a context manager)."""

    path: Path
    total: int
    done: int = 0

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._closed = False

    def _write(self) -> None:
        record = {"pid": os.getpid(), "started": _start_time(os.getpid()), "total": self.total, "done": self.done}
        tmp = self.path.with_name(self.path.name + ".tmp")
        with contextlib.suppress(OSError):  # a mark that cannot be written only means nobody waits
            tmp.write_text(json.dumps(record), "utf-8")
            os.replace(tmp, self.path)

    def advance(self, count: int = 1) -> None:
        with self._lock:
            if self._closed:
                return
            self.done = min(self.total, self.done + count)
            self._write()

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            with contextlib.suppress(OSError):
                self.path.unlink()
        with _mine_lock:
            _mine.discard(str(self.path))

    def __enter__(self) -> Batch:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def begin(folder: Path, inspection_id: int, total: int) -> Batch:
    """Mark ``total`` files as being added to the inspection (``folder``: the workspace's ``FOLDER``)."""
    with contextlib.suppress(OSError):  # a mark that cannot be written only means nobody waits
        folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{inspection_id}.{os.getpid()}.{secrets.token_hex(4)}.json"
    batch = Batch(path, total)
    with _mine_lock:
        _mine.add(str(path))
    batch._write()
    return batch


def outstanding(folder: Path, inspection_id: int) -> tuple[int, int]:
    """(done, total) over the live batches of the inspection; (0, 0) when none is being added."""
    done = total = 0
    try:
        entries = list(folder.glob(f"{inspection_id}.*.json"))
    except OSError:
        return 0, 0
    now = time.time()
    for entry in entries:
        try:
            record = json.loads(entry.read_text("utf-8"))
            moved = entry.stat().st_mtime
        except (OSError, ValueError):
            continue
        with _mine_lock:
            mine = str(entry) in _mine
        live = mine or (_alive(int(record.get("pid", 0)), record.get("started")) and now - moved < STALL)
        if not live:
            with contextlib.suppress(OSError):
                entry.unlink()  # left by a process that died
            continue
        total += int(record.get("total", 0))
        done += int(record.get("done", 0))
    return done, total


def wait(folder: Path, inspection_id: int, *, progress: Progress | None = None, cancel: CancelToken | None = None,
         notice: Callable[[str], None] | None = None) -> int:
    """Wait until no batch is being added to the inspection, reporting ``等待照片处理…`` with the count
    through ``progress`` (and once through ``notice``, e.g. a line on the command line's stderr).
    Returns how many photos were still being processed when it began (0: it did not wait)."""
    done, total = outstanding(folder, inspection_id)
    waited = total - done
    told = False
    while total:
        if notice is not None and not told:
            notice(_("等待照片处理：此检查还有 {count} 张照片正在添加，完成后再打印").format(count=total - done))
            told = True
        if progress is not None:
            progress(done, total, _("等待照片处理…（还有 {count} 张）").format(count=total - done))
        if cancel is not None:
            cancel.raise_if_cancelled()
        time.sleep(POLL)
        done, total = outstanding(folder, inspection_id)
    return waited
