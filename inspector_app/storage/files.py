"""Crash-safe file writing: temporary name, fsync, rename, fsync the directory; and a full disk as one
typed error.

A write that fails – a full disk included – removes its temporary file and leaves the target as it was.
``disk_full_as_error`` turns the operating system's "no space left on device" (ENOSPC, or EDQUOT for a
user's quota; SQLite's SQLITE_FULL) into ``DiskFullError``, whose message names the place and says that
nothing was half written, so the UI and the command line show one sentence instead of a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from inspector_app.domain.errors import InspectorError
from inspector_app.translation import _

DISK_FULL_ERRNOS = frozenset(code for code in (errno.ENOSPC, getattr(errno, "EDQUOT", None)) if code is not None)
_SQLITE_FULL = 13


class DiskFullError(InspectorError):
    """A write failed because the disk (or the user's quota) is full; nothing half-written was left.
    ``path``: what could not be written (the workspace database when SQLite found the disk full)."""

    def __init__(self, message: str, path: Path | str | None = None) -> None:
        super().__init__(message)
        self.path = Path(path) if path is not None else None


def is_disk_full(exc: BaseException | None) -> bool:
    """Whether ``exc`` (or an error it was raised from) is the disk being full."""
    seen = 0
    while exc is not None and seen < 8:
        if isinstance(exc, DiskFullError) or (isinstance(exc, OSError) and exc.errno in DISK_FULL_ERRNOS):
            return True
        if isinstance(exc, sqlite3.OperationalError) and (
                getattr(exc, "sqlite_errorcode", 0) & 0xFF == _SQLITE_FULL or "disk is full" in str(exc)):
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


@contextlib.contextmanager
def disk_full_as_error(where: Path | str, what: str = "") -> Iterator[None]:
    """Raise ``DiskFullError`` naming ``where`` when the block fails for want of space (the block
    itself removes what it half wrote); other errors pass unchanged."""
    try:
        yield
    except DiskFullError:
        raise
    except Exception as exc:
        if not is_disk_full(exc):
            raise
        raise DiskFullError(_("磁盘空间不足：无法写入 {where}{what}。未留下写了一半的文件；请腾出磁盘空间后重试。").format(
            where=where, what=what), where) from exc


def fsync_dir(directory: Path) -> None:
    """Make a rename in ``directory`` durable (no-op where directories cannot be opened, e.g. Windows)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_writer(target: Path) -> Iterator[BinaryIO]:
    """Yield a binary file; on success it replaces ``target`` atomically, on error it vanishes."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
        fsync_dir(target.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def atomic_write_bytes(target: Path, data: bytes) -> None:
    with atomic_writer(target) as handle:
        handle.write(data)


def atomic_write_text(target: Path, text: str, encoding: str = "utf-8") -> None:
    atomic_write_bytes(target, text.encode(encoding))


def storable_name(name: str) -> str:
    """A file name as text the database can hold: bytes that were not UTF-8 (a GBK name on a camera
    card, kept by Python as surrogate escapes) are written out as ``\\xd5``."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        try:
            return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:  # a lone surrogate that is no escaped byte (a Windows name)
            return name.encode("utf-8", "backslashreplace").decode("ascii")
    return name
