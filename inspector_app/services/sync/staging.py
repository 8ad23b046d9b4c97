"""Staging folders of bundle imports: one per import, locked while it runs, removed after it.

A bundle is verified and unpacked into ``<workspace>/.import-<random>/`` before anything is written to
the database. An import killed midway (power cut, SIGKILL) leaves its folder behind, so every import
first removes stale ones – but two imports may run at once (two windows, a window and the command
line, two command lines), and one must never delete the folder the other is still reading. Each
folder therefore holds a lock file that its import keeps locked (``flock`` on POSIX, ``msvcrt.locking``
on Windows) until it is done: a folder whose lock can be taken belongs to no running process and is
stale; a folder without a lock file is stale only when it is older than ``ORPHAN_AGE`` (it may be one
being created right now).

The folder is created under a name the stale sweep does not match and renamed once its lock is held,
so that no other import can see it unlocked.
"""

from __future__ import annotations

import contextlib
import shutil
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from inspector_app.translation import _

if sys.platform == "win32":
    import msvcrt
else:
    import fcntl

PREFIX = ".import-"
LOCK_NAME = ".lock"
ORPHAN_AGE = 3600.0  # seconds: a folder without a lock file younger than this may be being created


def _try_lock(handle: IO[bytes]) -> bool:
    """Take an exclusive lock on an open file without waiting; False when another process holds it."""
    try:
        if sys.platform == "win32":
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def remove_stale(root: Path) -> list[Path]:
    """Remove the staging folders under ``root`` that no running import holds; returns them."""
    removed = []
    for folder in root.glob(f"{PREFIX}*"):
        if not folder.is_dir():
            continue
        lock = folder / LOCK_NAME
        try:
            handle = open(lock, "rb+")  # noqa: SIM115 - held across the removal below
        except FileNotFoundError:
            if time.time() - folder.stat().st_mtime > ORPHAN_AGE:
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
            continue
        except OSError:
            continue
        with handle:
            if _try_lock(handle):  # nobody holds it: the import that made it is gone
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
    return removed


@contextlib.contextmanager
def staging_folder(root: Path) -> Iterator[Path]:
    """A fresh staging folder under ``root``, locked for as long as the block runs, then removed.
    Stale folders of earlier, killed imports are removed first."""
    remove_stale(root)
    name = uuid.uuid4().hex
    making = root / f".making-{name}"
    making.mkdir()
    stage = root / f"{PREFIX}{name}"
    handle = open(making / LOCK_NAME, "wb+")  # noqa: SIM115 - the lock lives as long as the import
    try:
        if not _try_lock(handle):  # a fresh file nobody else knows: cannot happen, but never go unlocked
            raise OSError(_("无法锁定导入暂存文件夹 {making}").format(making=making))
        making.rename(stage)
        yield stage
    finally:
        handle.close()  # first: Windows cannot remove a folder holding an open file
        shutil.rmtree(stage, ignore_errors=True)
        shutil.rmtree(making, ignore_errors=True)
