"""A content-addressed store for photo originals and the images derived from them.

Layout under the root folder::

    originals/ab/abcdef….jpg   the file exactly as received, named by the SHA-256 of its bytes
    derived/cd/cdef01….jpg     display copies, thumbnails, watermarked and marked-up copies,
                               signature images – each named by the SHA-256 of its own bytes
    keys/ef/ef0123…            a key index: the hash of the derived image made for a key (e.g. a
                               print copy's ``watermark.print_key``), so that it is found again

The first two hex digits form a fan-out folder so no directory grows too large. Every write goes
through :func:`inspector_app.storage.files.atomic_write_bytes` (temporary name, fsync, rename), so
a crash never leaves a half-written file under a final name; a full disk removes the temporary file and
raises :class:`PhotoStoreFull` (a ``PhotoStoreError`` and a ``storage.files.DiskFullError``). Writing the same bytes twice is a
no-op: the second call finds the file and returns the same hash. Nothing is ever overwritten or
deleted by normal use; :meth:`PhotoStore.verify` re-hashes a file to prove it was not altered.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from inspector_app.domain.errors import InspectorError
from inspector_app.storage.files import DiskFullError, atomic_write_bytes, fsync_dir, is_disk_full
from inspector_app.translation import _

Area = Literal["originals", "derived"]
AREAS: tuple[Area, ...] = ("originals", "derived")

_SHA_RE = re.compile(r"^[0-9a-f]{64}$")
_EXT_RE = re.compile(r"^[a-z0-9]{1,8}$")
_CHUNK = 1 << 20


class PhotoStoreError(InspectorError):
    """The photo store cannot be read or written, or a file in it is missing or damaged."""


class PhotoStoreFull(PhotoStoreError, DiskFullError):
    """The disk holding the store is full: the file was not stored, and no part of it was left behind."""


def _write_error(target: Path, exc: BaseException) -> PhotoStoreError:
    if is_disk_full(exc):
        return PhotoStoreFull(_("磁盘空间不足：照片无法保存到 {parent}，未留下写了一半的文件").format(parent=target.parent), target.parent)
    return PhotoStoreError(f"cannot write {target}: {exc}")


class StoredFileMissing(PhotoStoreError):
    """No file with the given hash is in the store."""

    def __init__(self, sha256: str, area: str) -> None:
        super().__init__(f"photo file {sha256[:12]}… is missing from the store ({area})")
        self.sha256 = sha256
        self.area = area


def refresh(path: Path) -> bool:
    """Set a stored file's modification time to now (a writer reusing it instead of writing it); False
    when it is gone meanwhile (then the caller writes it again)."""
    try:
        os.utime(path)
    except FileNotFoundError:
        return False
    except OSError:  # a read-only store (a copy on a DVD): the file is there, nothing collects it
        return True
    return True


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _check_sha(sha256: str) -> str:
    if not _SHA_RE.match(sha256):
        raise PhotoStoreError(f"not a SHA-256 hex digest: {sha256!r}")
    return sha256


def _check_ext(ext: str) -> str:
    ext = ext.lower().lstrip(".")
    if not _EXT_RE.match(ext):
        raise PhotoStoreError(f"bad file extension for the photo store: {ext!r}")
    return ext


@dataclass(frozen=True)
class PutResult:
    """What :meth:`PhotoStore.put_bytes` did: the hash, where the file lives, and whether it is new."""

    sha256: str
    path: Path
    created: bool


class StagedOriginal:
    """An original written and fsynced to a temporary name on a background thread, while the caller
    decodes and validates the same bytes; :meth:`commit` then renames it to its final name, or
    :meth:`discard` removes it. This hides the cost of making a large file durable (often as long as
    decoding it) without ever giving a file that may yet be rejected its final name.

    When the store already holds these bytes nothing is written and ``commit`` just finds them.
    """

    def __init__(self, store: PhotoStore, data: bytes, sha256: str) -> None:
        self.store = store
        self.sha256 = _check_sha(sha256)
        self._existing = store.find(sha256, "originals")
        self._tmp: Path | None = None
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None
        if self._existing is None:
            self._thread = threading.Thread(target=self._write, args=(data,), daemon=True)
            self._thread.start()

    def _write(self, data: bytes) -> None:
        folder = self.store.root / "originals" / self.sha256[:2]
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=f".{self.sha256}.", suffix=".tmp", dir=folder)
            self._tmp = Path(name)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        except BaseException as exc:  # reported by commit()
            self._error = exc

    def _join(self) -> None:
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def commit(self, ext: str) -> PutResult:
        """Give the staged file its final name ``<sha>.<ext>`` (atomic rename + directory fsync)."""
        self._join()
        if self._existing is not None:
            return PutResult(self.sha256, self._existing, created=False)
        if self._error is not None or self._tmp is None:
            self.discard()
            folder = self.store.root / "originals" / self.sha256[:2]
            raise _write_error(folder / f"{self.sha256}.tmp", self._error or OSError("?")) from self._error
        existing = self.store.find(self.sha256, "originals")  # written meanwhile by another process
        if existing is not None:
            self.discard()
            return PutResult(self.sha256, existing, created=False)
        target = self.store.path_for(self.sha256, ext, "originals")
        try:
            os.replace(self._tmp, target)
        except OSError as exc:
            self.discard()
            raise _write_error(target, exc) from exc
        self._tmp = None
        fsync_dir(target.parent)
        return PutResult(self.sha256, target, created=True)

    def discard(self) -> None:
        """Remove the temporary file (after a rejection); safe to call more than once."""
        self._join()
        if self._tmp is not None:
            with contextlib.suppress(OSError):
                self._tmp.unlink()
            self._tmp = None


class PhotoStore:
    """Content-addressed files under ``root`` (see the module docs for the layout).

    Safe to use from several processes at once: two writers of the same bytes race to rename
    identical files onto the same name, which is harmless.
    """

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    # -- paths -------------------------------------------------------------------------------

    def path_for(self, sha256: str, ext: str, area: Area = "originals") -> Path:
        """Where a file with this hash and extension lives (whether or not it exists)."""
        sha = _check_sha(sha256)
        return self.root / area / sha[:2] / f"{sha}.{_check_ext(ext)}"

    def find(self, sha256: str, area: Area = "originals") -> Path | None:
        """The stored file with this hash in ``area``, whatever its extension, or None."""
        sha = _check_sha(sha256)
        folder = self.root / area / sha[:2]
        try:
            for entry in folder.iterdir():
                if entry.name.startswith(sha + ".") and not entry.name.endswith(".tmp"):
                    return entry
        except FileNotFoundError:
            return None
        return None

    def path(self, sha256: str, area: Area = "originals") -> Path:
        """The stored file with this hash; raises :class:`StoredFileMissing` when absent."""
        found = self.find(sha256, area)
        if found is None:
            raise StoredFileMissing(sha256, area)
        return found

    def exists(self, sha256: str, area: Area = "originals") -> bool:
        return self.find(sha256, area) is not None

    # -- reading and writing -----------------------------------------------------------------

    def read(self, sha256: str, area: Area = "originals") -> bytes:
        return self.path(sha256, area).read_bytes()

    def put_bytes(self, data: bytes, ext: str, area: Area = "originals", sha256: str | None = None) -> PutResult:
        """Store ``data`` under its SHA-256 (computed unless the caller already has it).

        Returns without writing when a file with that hash already exists in ``area`` – after refreshing
        its modification time (:func:`refresh`), so that the collector of unused derived images
        (``services.ops.store_gc``), which spares young files, leaves it to the caller about to refer to it.
        """
        sha = sha256 if sha256 is not None else sha256_bytes(data)
        existing = self.find(sha, area)
        if existing is not None and refresh(existing):
            return PutResult(sha, existing, created=False)
        target = self.path_for(sha, ext, area)
        try:
            atomic_write_bytes(target, data)
        except OSError as exc:
            raise _write_error(target, exc) from exc
        return PutResult(sha, target, created=True)

    def put_derived(self, data: bytes, ext: str) -> PutResult:
        """Store a derived image (display copy, thumbnail, watermark, markup, signature)."""
        return self.put_bytes(data, ext, area="derived")

    def stage_original(self, data: bytes, sha256: str) -> StagedOriginal:
        """Begin writing an original in the background; see :class:`StagedOriginal`."""
        return StagedOriginal(self, data, sha256)

    def put_file(self, source: Path, area: Area = "originals") -> PutResult:
        """Store a file's bytes unchanged, keeping its (lower-cased) extension."""
        data = Path(source).read_bytes()
        ext = Path(source).suffix or ".bin"
        return self.put_bytes(data, ext, area)

    # -- the key index ------------------------------------------------------------------------

    def _key_path(self, key: str) -> Path:
        key = _check_sha(key)
        return self.root / "keys" / key[:2] / key

    def remember(self, key: str, sha256: str) -> None:
        """Note that the derived image ``sha256`` is the one made for ``key`` (a 64-hex digest of what
        decides its bytes). Written to a temporary name and renamed, without fsync: an entry lost in a
        crash only means the image is made again."""
        target = self._key_path(key)
        data = _check_sha(sha256).encode("ascii")
        name = ""
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=f".{key}.", suffix=".tmp", dir=target.parent)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(name, target)
        except OSError as exc:
            if name:
                with contextlib.suppress(OSError):
                    os.unlink(name)
            raise _write_error(target, exc) from exc

    def recall(self, key: str) -> str | None:
        """The derived image noted for ``key`` while it is still in the store, else None."""
        try:
            sha = self._key_path(key).read_text("ascii").strip()
        except (OSError, UnicodeDecodeError):
            return None
        if not _SHA_RE.match(sha) or not self.exists(sha, "derived"):
            return None
        return sha

    def remembered(self) -> dict[str, str]:
        """Every entry of the key index (key → derived hash), e.g. for a collector of unused images."""
        found: dict[str, str] = {}
        base = self.root / "keys"
        if not base.is_dir():
            return found
        for folder in sorted(base.iterdir()):
            for entry in sorted(folder.iterdir()) if folder.is_dir() else ():
                if _SHA_RE.match(entry.name):
                    with contextlib.suppress(OSError, UnicodeDecodeError):
                        sha = entry.read_text("ascii").strip()
                        if _SHA_RE.match(sha):
                            found[entry.name] = sha
        return found

    # -- integrity ---------------------------------------------------------------------------

    def verify(self, sha256: str, area: Area = "originals") -> bool:
        """Re-hash the stored file; True when its content still matches its name."""
        return sha256_file(self.path(sha256, area)) == sha256

    def iter_hashes(self, area: Area = "originals") -> list[str]:
        """Every hash stored in ``area`` (for audits and garbage collection)."""
        base = self.root / area
        if not base.is_dir():
            return []
        found: list[str] = []
        for folder in sorted(base.iterdir()):
            if not folder.is_dir():
                continue
            for entry in sorted(folder.iterdir()):
                stem = entry.name.split(".", 1)[0]
                if _SHA_RE.match(stem) and not entry.name.endswith(".tmp"):
                    found.append(stem)
        return found
