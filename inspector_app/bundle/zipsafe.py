"""A zip reader that refuses hostile archives before extracting a single byte.

``SafeZip.open(path)`` parses the end record, the central directory and every local header itself
(struct level) and rejects, each with a message naming the entry: unsafe names (``names.py``: every
traversal spelling, absolute/drive/UNC paths), links and special files, duplicate and case- or
NFC-colliding names, overlapping entries (CVE-2024-0450, which Python 3.11.7's ``zipfile`` accepts),
unaccounted bytes, junk before or after the archive (``zipfile`` tolerates a prepended stub), sizes,
ratios and member counts above ``ZipLimits``, encryption, methods other than stored/deflate, non-UTF-8
names, empty and truncated files.  Only then does ``zipfile`` stream member data; a bad CRC or a corrupt
deflate stream becomes an ``UnsafeArchiveError`` too.  Full list: ``docs/bundle-format.md``.
"""

from __future__ import annotations

import os
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from inspector_app.bundle.errors import UnsafeArchiveError
from inspector_app.bundle.names import check_entry_type, decode_name, name_problem

LOCAL_SIG = b"PK\x03\x04"
CENTRAL_SIG = b"PK\x01\x02"
EOCD_SIG = b"PK\x05\x06"
ZIP64_EOCD_SIG = b"PK\x06\x06"
ZIP64_LOC_SIG = b"PK\x06\x07"
DD_SIG = b"PK\x07\x08"

_EOCD = struct.Struct("<4sHHHHIIH")
_ZIP64_LOC = struct.Struct("<4sIQI")
_ZIP64_EOCD = struct.Struct("<4sQHHIIQQQQ")
_CENTRAL = struct.Struct("<4sHHHHHHIIIHHHHHII")
_LOCAL = struct.Struct("<4sHHHHHIIIHH")
_U32 = 0xFFFFFFFF
_U16 = 0xFFFF



@dataclass(frozen=True)
class ZipLimits:
    """Limits applied before extraction.  Defaults suit inspection bundles with a few thousand photos."""

    max_members: int = 50_000
    max_entry_size: int = 2 * 1024**3
    max_total_size: int = 32 * 1024**3
    max_ratio: float = 100.0
    ratio_min_size: int = 1 << 20  # entries smaller than this are not ratio-checked
    max_name_bytes: int = 400
    allow_directories: bool = False


@dataclass(frozen=True)
class ZipEntry:
    name: str
    offset: int
    data_offset: int
    end_offset: int  # first byte after the data (and data descriptor)
    compressed_size: int
    size: int
    crc: int
    method: int
    is_dir: bool


def _fail(message: str) -> UnsafeArchiveError:
    return UnsafeArchiveError(message)


class SafeZip:
    """A verified zip archive.  Use ``SafeZip.open(path)`` as a context manager."""

    def __init__(self, path: Path, handle: BinaryIO, entries: list[ZipEntry], zf: zipfile.ZipFile) -> None:
        self.path = path
        self._handle = handle
        self.entries = entries
        self._by_name = {e.name: e for e in entries}
        self._zf = zf
        self._infos = {info.filename: info for info in zf.infolist()}

    # -- construction -------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str, limits: ZipLimits | None = None) -> SafeZip:
        path = Path(path)
        limits = limits or ZipLimits()
        try:
            handle: BinaryIO = open(path, "rb")  # noqa: SIM115 - kept open by the SafeZip
        except OSError as exc:
            raise _fail(f"cannot open {path.name}: {exc.strerror}") from exc
        try:
            entries = _scan(handle, limits)
            handle.seek(0)
            try:
                zf = zipfile.ZipFile(handle)
            except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as exc:
                raise _fail(f"zip structure rejected by the zip library: {exc}") from exc
            infos = zf.infolist()
            if [(i.filename, i.header_offset) for i in infos] != [(e.name, e.offset) for e in entries]:
                zf.close()
                raise _fail("zip library and safety scan disagree on the entries; archive is ambiguous")
            return cls(path, handle, entries, zf)
        except BaseException:
            handle.close()
            raise

    def close(self) -> None:
        self._zf.close()
        self._handle.close()

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading ------------------------------------------------------------------------------------
    @property
    def names(self) -> list[str]:
        return [e.name for e in self.entries]

    def entry(self, name: str) -> ZipEntry:
        try:
            return self._by_name[name]
        except KeyError:
            raise _fail(f"no entry named {name!r}") from None

    def iter_chunks(self, name: str, chunk_size: int = 1 << 20) -> Iterator[bytes]:
        """Yield the member's bytes; the CRC is checked when the end is reached."""
        entry = self.entry(name)
        produced = 0
        try:
            with self._zf.open(self._infos[name]) as member:
                while True:
                    chunk = member.read(chunk_size)
                    if not chunk:
                        break
                    produced += len(chunk)
                    yield chunk
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, ValueError) as exc:
            text = str(exc)
            if "CRC" in text:
                raise _fail(f"entry {name!r} is corrupt: bad CRC-32 (its bytes were altered)") from exc
            raise _fail(f"entry {name!r} is corrupt: {text}") from exc
        if produced != entry.size:
            raise _fail(f"entry {name!r} gave {produced} bytes, its header says {entry.size}")

    def read(self, name: str) -> bytes:
        return b"".join(self.iter_chunks(name))


# -- the scan ---------------------------------------------------------------------------------------
def _read_at(handle: BinaryIO, offset: int, size: int, what: str) -> bytes:
    handle.seek(offset)
    data = handle.read(size)
    if len(data) != size:
        raise _fail(f"truncated archive: {what} runs past the end of the file")
    return data


def _scan(handle: BinaryIO, limits: ZipLimits) -> list[ZipEntry]:
    file_size = handle.seek(0, os.SEEK_END)
    if file_size == 0:
        raise _fail("empty file (0 bytes): not a bundle")
    if file_size < _EOCD.size:
        raise _fail(f"truncated archive: only {file_size} bytes, too short to be a zip")
    cd_offset, cd_size, count, cd_end_expected = _find_end(handle, file_size)
    if count == 0:
        raise _fail("the archive holds no files")
    if count > limits.max_members:
        raise _fail(f"too many members: {count} (limit {limits.max_members})")
    cd_end = cd_offset + cd_size
    if cd_end < cd_end_expected:
        raise _fail(
            f"{cd_end_expected - cd_end} bytes of junk before the archive "
            "(prepended data such as a self-extractor stub is not accepted)"
        )
    if cd_end > cd_end_expected:
        raise _fail("truncated or corrupt archive: the central directory overruns the end record")
    if count * _CENTRAL.size > cd_size:
        raise _fail("truncated central directory: fewer bytes than the entry count needs")
    central = _read_at(handle, cd_offset, cd_size, "central directory")
    entries = _parse_central(central, count, limits)
    return _check_locals(handle, entries, cd_offset)


def _find_end(handle: BinaryIO, file_size: int) -> tuple[int, int, int, int]:
    """Return (cd_offset, cd_size, count, where the central directory must end)."""
    tail_size = min(file_size, _EOCD.size + _U16)
    tail = _read_at(handle, file_size - tail_size, tail_size, "end record")
    pos = tail.rfind(EOCD_SIG)
    found_any = pos >= 0
    if pos >= 0 and pos + _EOCD.size > len(tail):
        raise _fail("truncated archive: the end-of-central-directory record is cut off")
    while pos >= 0:
        if pos + _EOCD.size <= len(tail):
            fields = _EOCD.unpack_from(tail, pos)
            if pos + _EOCD.size + fields[7] == len(tail):
                break
        pos = tail.rfind(EOCD_SIG, 0, pos)
    if pos < 0:
        if found_any:
            raise _fail("trailing data after the end of the archive")
        raise _fail("truncated or not a zip file: no end-of-central-directory record")
    _sig, disk, cd_disk, n_disk, n_total, cd_size, cd_offset, _clen = _EOCD.unpack_from(tail, pos)
    eocd_at = file_size - tail_size + pos
    if disk != 0 or cd_disk != 0 or n_disk != n_total:
        raise _fail("multi-volume (split) archives are not accepted")
    loc_at = eocd_at - _ZIP64_LOC.size
    if loc_at >= 0 and _read_at(handle, loc_at, 4, "zip64 locator") == ZIP64_LOC_SIG:
        _s, z_disk, z_eocd_at, z_disks = _ZIP64_LOC.unpack(
            _read_at(handle, loc_at, _ZIP64_LOC.size, "zip64 locator")
        )
        if z_disk != 0 or z_disks != 1:
            raise _fail("multi-volume (split) archives are not accepted")
        expected_at = loc_at - _ZIP64_EOCD.size
        if z_eocd_at > expected_at:
            raise _fail("corrupt zip64 end record location")
        raw = _read_at(handle, expected_at, _ZIP64_EOCD.size, "zip64 end record")
        fields64 = _ZIP64_EOCD.unpack(raw)
        if fields64[0] != ZIP64_EOCD_SIG or fields64[1] != _ZIP64_EOCD.size - 12:
            raise _fail("corrupt or extended zip64 end record")
        if fields64[4] != 0 or fields64[5] != 0 or fields64[6] != fields64[7]:
            raise _fail("multi-volume (split) archives are not accepted")
        # If bytes were prepended, the locator points before expected_at and the central directory
        # ends before it too; the caller reports that as junk before the archive.
        return fields64[9], fields64[8], fields64[7], expected_at
    return cd_offset, cd_size, n_total, eocd_at


@dataclass
class _Central:
    raw_name: bytes
    name: str
    flags: int
    method: int
    crc: int
    csize: int
    usize: int
    offset: int
    is_dir: bool
    zip64_sizes: bool


def _zip64_extra(extra: bytes, usize: int, csize: int, offset: int, name: str) -> tuple[int, int, int]:
    pos = 0
    while pos + 4 <= len(extra):
        tag, size = struct.unpack_from("<HH", extra, pos)
        body = extra[pos + 4 : pos + 4 + size]
        if len(body) != size:
            raise _fail(f"entry {name!r}: truncated extra field")
        if tag == 0x7075:
            raise _fail(f"entry {name!r} carries a second 'Unicode path' name; not accepted")
        if tag == 0x0001:
            values = list(struct.unpack_from(f"<{size // 8}Q", body))
            try:
                if usize == _U32:
                    usize = values.pop(0)
                if csize == _U32:
                    csize = values.pop(0)
                if offset == _U32:
                    offset = values.pop(0)
            except IndexError:
                raise _fail(f"entry {name!r}: zip64 extra field too short") from None
        pos += 4 + size
    if _U32 in (usize, csize, offset):
        raise _fail(f"entry {name!r}: zip64 sizes announced but missing")
    return usize, csize, offset


def _parse_central(data: bytes, count: int, limits: ZipLimits) -> list[_Central]:
    entries: list[_Central] = []
    pos = 0
    total = 0
    seen: dict[str, str] = {}  # folded name -> name
    names: set[str] = set()
    for _ in range(count):
        if pos + _CENTRAL.size > len(data):
            raise _fail("truncated central directory")
        (sig, made_by, _need, flags, method, _t, _d, crc, csize, usize, nlen, xlen, clen, disk, _ia, ext_attr,
         offset) = _CENTRAL.unpack_from(data, pos)
        if sig != CENTRAL_SIG:
            raise _fail("corrupt central directory (bad signature)")
        pos += _CENTRAL.size
        raw = data[pos : pos + nlen]
        extra = data[pos + nlen : pos + nlen + xlen]
        pos += nlen + xlen + clen
        if pos > len(data):
            raise _fail("truncated central directory")
        if nlen > limits.max_name_bytes:
            raise _fail(f"entry name of {nlen} bytes is too long (limit {limits.max_name_bytes})")
        name = decode_name(raw, flags)
        if flags & 0x1 or flags & 0x40 or method == 99:
            raise _fail(f"entry {name!r} is encrypted; encrypted entries are not accepted")
        problem = name_problem(name)
        if problem is not None:
            raise _fail(f"unsafe entry name {name!r}: {problem}")
        zip64 = _U32 in (usize, csize)
        usize, csize, offset = _zip64_extra(extra, usize, csize, offset, name)
        if disk not in (0, _U16):
            raise _fail(f"entry {name!r} lies on another volume")
        is_dir = name.endswith("/")
        check_entry_type(name, made_by >> 8, ext_attr, is_dir, limits.allow_directories)
        if method not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _fail(f"entry {name!r} uses unsupported compression method {method}")
        if method == zipfile.ZIP_STORED and csize != usize:
            raise _fail(f"stored entry {name!r} has different compressed and real sizes")
        if usize > limits.max_entry_size:
            raise _fail(f"entry {name!r} is {usize} bytes (limit {limits.max_entry_size})")
        total += usize
        if total > limits.max_total_size:
            raise _fail(f"total uncompressed size exceeds the limit of {limits.max_total_size} bytes")
        if usize > limits.ratio_min_size and usize > csize * limits.max_ratio:
            ratio = usize / max(csize, 1)
            raise _fail(f"entry {name!r} has compression ratio {ratio:.0f}:1 (limit {limits.max_ratio:.0f}:1)"
                        " - a zip bomb")
        key = unicodedata.normalize("NFC", name).casefold()
        if name in names:
            raise _fail(f"duplicate entry name {name!r}")
        if key in seen:
            raise _fail(f"entry names {seen[key]!r} and {name!r} collide on case-insensitive file systems")
        seen[key] = name
        names.add(name)
        entries.append(_Central(raw, name, flags, method, crc, csize, usize, offset, is_dir, zip64))
    if pos != len(data):
        raise _fail("central directory holds more data than its entry count says")
    files = {k for k, v in seen.items() if not v.endswith("/")}
    for key, name in seen.items():
        parts = key.rstrip("/").split("/")
        for i in range(1, len(parts)):
            if "/".join(parts[:i]) in files:
                raise _fail(f"entry {name!r} would be created inside a file of the same archive")
    return entries


def _check_locals(handle: BinaryIO, central: list[_Central], cd_offset: int) -> list[ZipEntry]:
    result: list[ZipEntry] = []
    ordered = sorted(central, key=lambda c: c.offset)
    expected = 0
    previous = "(start of file)"
    for c in ordered:
        if c.offset < expected:
            raise _fail(f"overlapping entries: {c.name!r} starts inside {previous!r} - a zip bomb")
        if c.offset > expected:
            if expected == 0:
                raise _fail(f"{c.offset} bytes of junk before the first entry")
            raise _fail(f"{c.offset - expected} unaccounted bytes between {previous!r} and {c.name!r}")
        head = _read_at(handle, c.offset, _LOCAL.size, f"local header of {c.name!r}")
        (sig, _v, flags, method, _t, _d, crc, csize, usize, nlen, xlen) = _LOCAL.unpack(head)
        if sig != LOCAL_SIG:
            raise _fail(f"no local header where the directory places {c.name!r} (corrupt or overlapping)")
        raw = _read_at(handle, c.offset + _LOCAL.size, nlen + xlen, f"local header of {c.name!r}")
        if raw[:nlen] != c.raw_name:
            raise _fail(f"entry {c.name!r}: local header names {raw[:nlen]!r} instead (two names for one entry)")
        if flags & 0x1 or flags & 0x40:
            raise _fail(f"entry {c.name!r} is encrypted; encrypted entries are not accepted")
        if method != c.method or (flags & 0x800) != (c.flags & 0x800):
            raise _fail(f"entry {c.name!r}: local header and central directory disagree")
        data_offset = c.offset + _LOCAL.size + nlen + xlen
        end = data_offset + c.csize
        if flags & 0x08:
            end = _check_descriptor(handle, c, end, cd_offset)
        else:
            if _U32 in (csize, usize):
                usize, csize, _ = _zip64_extra(raw[nlen:], usize, csize, 0, c.name)
            if (crc, csize, usize) != (c.crc, c.csize, c.usize):
                raise _fail(f"entry {c.name!r}: local header and central directory disagree on size or CRC")
        if end > cd_offset:
            raise _fail(f"entry {c.name!r} overlaps the central directory (truncated or a zip bomb)")
        result.append(ZipEntry(c.name, c.offset, data_offset, end, c.csize, c.usize, c.crc, c.method, c.is_dir))
        expected = end
        previous = c.name
    if expected != cd_offset:
        raise _fail(f"{cd_offset - expected} unaccounted bytes before the central directory")
    by_offset = {e.offset: e for e in result}
    return [by_offset[c.offset] for c in central]


def _check_descriptor(handle: BinaryIO, c: _Central, end: int, cd_offset: int) -> int:
    size = 24 if c.zip64_sizes else 16
    probe = _read_at(handle, end, min(size, max(cd_offset - end, 0)), f"data descriptor of {c.name!r}")
    fmt = "<IQQ" if c.zip64_sizes else "<III"
    body = probe[4:] if probe[:4] == DD_SIG else probe
    length = struct.calcsize(fmt)
    if len(body) < length:
        raise _fail(f"entry {c.name!r}: truncated data descriptor")
    if struct.unpack_from(fmt, body) != (c.crc, c.csize, c.usize):
        raise _fail(f"entry {c.name!r}: data descriptor disagrees with the central directory")
    return end + length + (4 if probe[:4] == DD_SIG else 0)
