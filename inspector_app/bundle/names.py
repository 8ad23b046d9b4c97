"""Safety rules for member names: what a relative path inside an archive may look like.

Used by ``zipsafe`` for every entry and usable on its own (e.g. to check a name before writing it).
"""

from __future__ import annotations

import re
import unicodedata

from inspector_app.bundle.errors import UnsafeArchiveError
from inspector_app.translation import _

_DRIVE = re.compile(r"^[A-Za-z]:")
_WIN_DEVICES = frozenset(
    ["con", "prn", "aux", "nul"] + [f"com{i}" for i in range(10)] + [f"lpt{i}" for i in range(10)]
)


def name_problem(name: str) -> str | None:
    """Why ``name`` is not a safe relative member path, or ``None`` when it is."""
    problem = _plain_name_problem(name)
    if problem is not None:
        return problem
    folded = unicodedata.normalize("NFKC", name)
    if folded != name:
        problem = _plain_name_problem(folded)
        if problem is not None:
            return _("经 Unicode NFKC 规范化（形近字符）后：{problem}").format(problem=problem)
    return None


def _plain_name_problem(name: str) -> str | None:
    if not name:
        return _("名称为空")
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in name):
        return _("名称中含控制字符")
    if name.startswith(("\\\\", "//")):
        return _("UNC 网络路径")
    if "\\" in name:
        return _("名称中含反斜杠（backslash，Windows 路径分隔符，例如 '..\\' 路径穿越）")
    if name.startswith("/"):
        return _("绝对路径")
    if _DRIVE.match(name):
        return _("带盘符的路径（drive letter）")
    if ":" in name:
        return _("名称中含冒号（盘符或 NTFS 备用数据流）")
    lowered = name.lower()
    if any(code in lowered for code in ("%2e", "%2f", "%5c", "%25", "%00")):
        return _("百分号编码的路径字符（编码后的路径穿越）")
    for segment in name.rstrip("/").split("/"):
        if segment == "..":
            return _("路径穿越（'..' 段）")
        if segment in ("", "."):
            return _("空的或为 '.' 的路径段")
        if segment.endswith((".", " ")):
            return _("路径段以点或空格结尾（Windows 会去掉它们，'.. ' 会变成 '..'）")
        if segment.split(".")[0].lower() in _WIN_DEVICES:
            return _("Windows 设备名（如 CON、NUL）")
    return None


def decode_name(raw: bytes, flags: int) -> str:
    if flags & 0x800:
        try:
            return raw.decode("utf-8", errors="strict")
        except UnicodeDecodeError:
            raise UnsafeArchiveError(_("条目名称 {raw!r} 不是有效的 UTF-8（超长或畸形的字节序列）").format(raw=raw)) from None
    try:
        return raw.decode("ascii")
    except UnicodeDecodeError:
        raise UnsafeArchiveError(_("条目名称 {raw!r} 不是 UTF-8（旧式代码页编码的名称，如 GBK）").format(raw=raw)) from None


def check_entry_type(name: str, system: int, ext_attr: int, is_dir: bool, allow_directories: bool) -> None:
    """Refuse links, special files and (unless allowed) directory entries."""
    if system == 3:  # Unix: mode bits in the high 16 bits
        kind = (ext_attr >> 16) & 0o170000
        if kind == 0o120000:
            raise UnsafeArchiveError(_("条目 {name!r} 是符号链接（symbolic link）；不接受链接").format(name=name))
        if kind not in (0, 0o100000, 0o040000):
            raise UnsafeArchiveError(_("条目 {name!r} 是特殊文件（设备、管道或套接字）").format(name=name))
        if kind == 0o040000:
            is_dir = True
    if ext_attr & 0x400:  # FILE_ATTRIBUTE_REPARSE_POINT: NTFS symlink or junction
        raise UnsafeArchiveError(_("条目 {name!r} 是重解析点（Windows 链接）；不接受链接").format(name=name))
    if is_dir and not allow_directories:
        raise UnsafeArchiveError(_("条目 {name!r} 是目录条目；只接受文件").format(name=name))
