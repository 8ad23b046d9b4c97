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
from inspector_app.translation import _

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


def _fail(message: str, code: str = "unsafe_zip") -> UnsafeArchiveError:
    """A hostile archive (``unsafe_zip``), or with ``code="corrupt_zip"`` a damaged one."""
    return UnsafeArchiveError(message, code=code)


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
            raise _fail(_("无法打开 {path_name}：{strerror}").format(path_name=path.name, strerror=exc.strerror), "unreadable") from exc
        try:
            entries = _scan(handle, limits)
            handle.seek(0)
            try:
                zf = zipfile.ZipFile(handle)
            except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as exc:
                raise _fail(_("zip 库拒绝了此压缩文件的结构：{exc}").format(exc=exc), code="corrupt_zip") from exc
            infos = zf.infolist()
            if [(i.filename, i.header_offset) for i in infos] != [(e.name, e.offset) for e in entries]:
                zf.close()
                raise _fail(_("zip 库与安全检查读出的条目不一致：压缩文件有歧义"))
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
            raise _fail(_("没有名为 {name!r} 的条目").format(name=name), code="corrupt_zip") from None

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
                raise _fail(_("条目 {name!r} 已损坏：CRC-32 校验不符（内容被改动过）").format(name=name), code="corrupt_zip") from exc
            raise _fail(_("条目 {name!r} 已损坏：{text}").format(name=name, text=text), code="corrupt_zip") from exc
        if produced != entry.size:
            raise _fail(_("条目 {name!r} 解压得到 {produced} 字节，而其文件头记载为 {size} 字节").format(name=name, produced=produced, size=entry.size), code="corrupt_zip")

    def read(self, name: str) -> bytes:
        return b"".join(self.iter_chunks(name))


# -- the scan ---------------------------------------------------------------------------------------
def _read_at(handle: BinaryIO, offset: int, size: int, what: str) -> bytes:
    handle.seek(offset)
    data = handle.read(size)
    if len(data) != size:
        raise _fail(_("压缩文件不完整（truncated）：{what} 超出了文件末尾").format(what=what), code="corrupt_zip")
    return data


def _scan(handle: BinaryIO, limits: ZipLimits) -> list[ZipEntry]:
    file_size = handle.seek(0, os.SEEK_END)
    if file_size == 0:
        raise _fail(_("空文件（0 字节），不是数据包"), code="corrupt_zip")
    if file_size < _EOCD.size:
        raise _fail(_("压缩文件不完整（truncated）：只有 {file_size} 字节，不可能是 zip 文件").format(file_size=file_size), code="corrupt_zip")
    cd_offset, cd_size, count, cd_end_expected = _find_end(handle, file_size)
    if count == 0:
        raise _fail(_("压缩文件中没有任何文件"), code="corrupt_zip")
    if count > limits.max_members:
        raise _fail(_("条目过多：{count} 个（上限 {max_members}）").format(count=count, max_members=limits.max_members))
    cd_end = cd_offset + cd_size
    if cd_end < cd_end_expected:
        raise _fail(
            _("压缩文件前有 {value} 字节的多余数据（不接受前置数据，例如自解压程序头）").format(value=cd_end_expected - cd_end)
        )
    if cd_end > cd_end_expected:
        raise _fail(_("压缩文件不完整或已损坏：中央目录越过了结束记录"), code="corrupt_zip")
    if count * _CENTRAL.size > cd_size:
        raise _fail(_("中央目录不完整（truncated）：字节数少于条目数所需"), code="corrupt_zip")
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
        raise _fail(_("压缩文件不完整（truncated）：中央目录结束记录被截断"), code="corrupt_zip")
    while pos >= 0:
        if pos + _EOCD.size <= len(tail):
            fields = _EOCD.unpack_from(tail, pos)
            if pos + _EOCD.size + fields[7] == len(tail):
                break
        pos = tail.rfind(EOCD_SIG, 0, pos)
    if pos < 0:
        if found_any:
            raise _fail(_("压缩文件结束之后还有多余数据"))
        raise _fail(_("文件不完整（truncated）或不是 zip 文件：没有中央目录结束记录"), code="corrupt_zip")
    _sig, disk, cd_disk, n_disk, n_total, cd_size, cd_offset, _clen = _EOCD.unpack_from(tail, pos)
    eocd_at = file_size - tail_size + pos
    if disk != 0 or cd_disk != 0 or n_disk != n_total:
        raise _fail(_("不接受分卷（split）压缩文件"))
    loc_at = eocd_at - _ZIP64_LOC.size
    if loc_at >= 0 and _read_at(handle, loc_at, 4, "zip64 locator") == ZIP64_LOC_SIG:
        _s, z_disk, z_eocd_at, z_disks = _ZIP64_LOC.unpack(
            _read_at(handle, loc_at, _ZIP64_LOC.size, "zip64 locator")
        )
        if z_disk != 0 or z_disks != 1:
            raise _fail(_("不接受分卷（split）压缩文件"))
        expected_at = loc_at - _ZIP64_EOCD.size
        if z_eocd_at > expected_at:
            raise _fail(_("zip64 结束记录的位置有误"), code="corrupt_zip")
        raw = _read_at(handle, expected_at, _ZIP64_EOCD.size, "zip64 end record")
        fields64 = _ZIP64_EOCD.unpack(raw)
        if fields64[0] != ZIP64_EOCD_SIG or fields64[1] != _ZIP64_EOCD.size - 12:
            raise _fail(_("zip64 结束记录已损坏或带有扩展"), code="corrupt_zip")
        if fields64[4] != 0 or fields64[5] != 0 or fields64[6] != fields64[7]:
            raise _fail(_("不接受分卷（split）压缩文件"))
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
            raise _fail(_("条目 {name!r}：扩展字段被截断").format(name=name), code="corrupt_zip")
        if tag == 0x7075:
            raise _fail(_("条目 {name!r} 带有第二个名称（'Unicode path' 扩展字段），不接受").format(name=name))
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
                raise _fail(_("条目 {name!r}：zip64 扩展字段过短").format(name=name), code="corrupt_zip") from None
        pos += 4 + size
    if _U32 in (usize, csize, offset):
        raise _fail(_("条目 {name!r}：声明了 zip64 大小但缺少该字段").format(name=name), code="corrupt_zip")
    return usize, csize, offset


def _parse_central(data: bytes, count: int, limits: ZipLimits) -> list[_Central]:
    entries: list[_Central] = []
    pos = 0
    total = 0
    seen: dict[str, str] = {}  # folded name -> name
    names: set[str] = set()
    for _entry in range(count):
        if pos + _CENTRAL.size > len(data):
            raise _fail(_("中央目录不完整（truncated）"), code="corrupt_zip")
        (sig, made_by, _need, flags, method, _t, _d, crc, csize, usize, nlen, xlen, clen, disk, _ia, ext_attr,
         offset) = _CENTRAL.unpack_from(data, pos)
        if sig != CENTRAL_SIG:
            raise _fail(_("中央目录已损坏（签名字节不符）"), code="corrupt_zip")
        pos += _CENTRAL.size
        raw = data[pos : pos + nlen]
        extra = data[pos + nlen : pos + nlen + xlen]
        pos += nlen + xlen + clen
        if pos > len(data):
            raise _fail(_("中央目录不完整（truncated）"), code="corrupt_zip")
        if nlen > limits.max_name_bytes:
            raise _fail(_("条目名称过长：{nlen} 字节（上限 {max_name_bytes}）").format(nlen=nlen, max_name_bytes=limits.max_name_bytes))
        name = decode_name(raw, flags)
        if flags & 0x1 or flags & 0x40 or method == 99:
            raise _fail(_("条目 {name!r} 已加密（encrypted）；不接受加密的条目").format(name=name))
        problem = name_problem(name)
        if problem is not None:
            raise _fail(_("不安全的条目名称 {name!r}：{problem}").format(name=name, problem=problem))
        zip64 = _U32 in (usize, csize)
        usize, csize, offset = _zip64_extra(extra, usize, csize, offset, name)
        if disk not in (0, _U16):
            raise _fail(_("条目 {name!r} 位于另一个分卷上").format(name=name))
        is_dir = name.endswith("/")
        check_entry_type(name, made_by >> 8, ext_attr, is_dir, limits.allow_directories)
        if method not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _fail(_("条目 {name!r} 使用了不支持的压缩方法 {method}").format(name=name, method=method))
        if method == zipfile.ZIP_STORED and csize != usize:
            raise _fail(_("未压缩（stored）的条目 {name!r} 的压缩大小与实际大小不同").format(name=name))
        if usize > limits.max_entry_size:
            raise _fail(_("条目 {name!r} 有 {usize} 字节（上限 {max_entry_size}）").format(name=name, usize=usize, max_entry_size=limits.max_entry_size))
        total += usize
        if total > limits.max_total_size:
            raise _fail(_("解压后的总大小超过上限 {max_total_size} 字节").format(max_total_size=limits.max_total_size))
        if usize > limits.ratio_min_size and usize > csize * limits.max_ratio:
            ratio = usize / max(csize, 1)
            raise _fail(_("条目 {name!r} 的压缩比为 {ratio:.0f}:1（上限 {max_ratio:.0f}:1）：压缩炸弹（zip bomb）").format(name=name, ratio=ratio, max_ratio=limits.max_ratio))
        key = unicodedata.normalize("NFC", name).casefold()
        if name in names:
            raise _fail(_("条目名称重复：{name!r}").format(name=name))
        if key in seen:
            raise _fail(_("条目名称 {seen!r} 与 {name!r} 在不区分大小写的文件系统上相互冲突").format(seen=seen[key], name=name))
        seen[key] = name
        names.add(name)
        entries.append(_Central(raw, name, flags, method, crc, csize, usize, offset, is_dir, zip64))
    if pos != len(data):
        raise _fail(_("中央目录中的数据多于其条目数所声明的"))
    files = {k for k, v in seen.items() if not v.endswith("/")}
    for key, name in seen.items():
        parts = key.rstrip("/").split("/")
        for i in range(1, len(parts)):
            if "/".join(parts[:i]) in files:
                raise _fail(_("条目 {name!r} 会被创建在同一压缩文件中的另一个文件之内").format(name=name))
    return entries


def _check_locals(handle: BinaryIO, central: list[_Central], cd_offset: int) -> list[ZipEntry]:
    result: list[ZipEntry] = []
    ordered = sorted(central, key=lambda c: c.offset)
    expected = 0
    previous = "(start of file)"
    for c in ordered:
        if c.offset < expected:
            raise _fail(_("条目相互重叠：{c_name!r} 始于 {previous!r} 之内——压缩炸弹（zip bomb）").format(c_name=c.name, previous=previous))
        if c.offset > expected:
            if expected == 0:
                raise _fail(_("第一个条目之前有 {offset} 字节的多余数据").format(offset=c.offset))
            raise _fail(_("{previous!r} 与 {c_name!r} 之间有 {value} 字节来历不明的数据").format(previous=previous, c_name=c.name, value=c.offset - expected))
        head = _read_at(handle, c.offset, _LOCAL.size, f"local header of {c.name!r}")
        (sig, _v, flags, method, _t, _d, crc, csize, usize, nlen, xlen) = _LOCAL.unpack(head)
        if sig != LOCAL_SIG:
            raise _fail(_("中央目录记载的 {c_name!r} 位置上没有本地文件头（已损坏或相互重叠）").format(c_name=c.name))
        raw = _read_at(handle, c.offset + _LOCAL.size, nlen + xlen, f"local header of {c.name!r}")
        if raw[:nlen] != c.raw_name:
            raise _fail(_("条目 {c_name!r}：本地文件头中的名称却是 {raw!r}（一个条目两个名称）").format(c_name=c.name, raw=raw[:nlen]))
        if flags & 0x1 or flags & 0x40:
            raise _fail(_("条目 {c_name!r} 已加密（encrypted）；不接受加密的条目").format(c_name=c.name))
        if method != c.method or (flags & 0x800) != (c.flags & 0x800):
            raise _fail(_("条目 {c_name!r}：本地文件头与中央目录不一致").format(c_name=c.name))
        data_offset = c.offset + _LOCAL.size + nlen + xlen
        end = data_offset + c.csize
        if flags & 0x08:
            end = _check_descriptor(handle, c, end, cd_offset)
        else:
            if _U32 in (csize, usize):
                usize, csize, _offset = _zip64_extra(raw[nlen:], usize, csize, 0, c.name)
            if (crc, csize, usize) != (c.crc, c.csize, c.usize):
                raise _fail(_("条目 {c_name!r}：本地文件头与中央目录的大小或 CRC 不一致").format(c_name=c.name))
        if end > cd_offset:
            raise _fail(_("条目 {c_name!r} 与中央目录重叠（文件不完整或为压缩炸弹）").format(c_name=c.name))
        result.append(ZipEntry(c.name, c.offset, data_offset, end, c.csize, c.usize, c.crc, c.method, c.is_dir))
        expected = end
        previous = c.name
    if expected != cd_offset:
        raise _fail(_("中央目录之前有 {value} 字节来历不明的数据").format(value=cd_offset - expected))
    by_offset = {e.offset: e for e in result}
    return [by_offset[c.offset] for c in central]


def _check_descriptor(handle: BinaryIO, c: _Central, end: int, cd_offset: int) -> int:
    size = 24 if c.zip64_sizes else 16
    probe = _read_at(handle, end, min(size, max(cd_offset - end, 0)), f"data descriptor of {c.name!r}")
    fmt = "<IQQ" if c.zip64_sizes else "<III"
    body = probe[4:] if probe[:4] == DD_SIG else probe
    length = struct.calcsize(fmt)
    if len(body) < length:
        raise _fail(_("条目 {c_name!r}：数据描述符被截断").format(c_name=c.name), code="corrupt_zip")
    if struct.unpack_from(fmt, body) != (c.crc, c.csize, c.usize):
        raise _fail(_("条目 {c_name!r}：数据描述符与中央目录不一致").format(c_name=c.name))
    return end + length + (4 if probe[:4] == DD_SIG else 0)
