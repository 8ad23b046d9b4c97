"""Safety rules for member names: what a relative path inside an archive may look like.

Used by ``zipsafe`` for every entry and usable on its own (e.g. to check a name before writing it).
"""

from __future__ import annotations

import re
import unicodedata

from inspector_app.bundle.errors import UnsafeArchiveError

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
            return f"after Unicode NFKC normalisation (look-alike characters): {problem}"
    return None


def _plain_name_problem(name: str) -> str | None:
    if not name:
        return "empty name"
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in name):
        return "control character in name"
    if name.startswith(("\\\\", "//")):
        return "UNC network path"
    if "\\" in name:
        return "backslash in name (a Windows separator, e.g. '..\\' traversal)"
    if name.startswith("/"):
        return "absolute path"
    if _DRIVE.match(name):
        return "drive-letter path"
    if ":" in name:
        return "colon in name (drive letter or NTFS alternate data stream)"
    lowered = name.lower()
    if any(code in lowered for code in ("%2e", "%2f", "%5c", "%25", "%00")):
        return "percent-encoded path characters (encoded traversal)"
    for segment in name.rstrip("/").split("/"):
        if segment == "..":
            return "path traversal ('..' segment)"
        if segment in ("", "."):
            return "empty or '.' path segment"
        if segment.endswith((".", " ")):
            return "segment ending in a dot or space (Windows strips them, '.. ' becomes '..')"
        if segment.split(".")[0].lower() in _WIN_DEVICES:
            return "Windows device name"
    return None


def decode_name(raw: bytes, flags: int) -> str:
    if flags & 0x800:
        try:
            return raw.decode("utf-8", errors="strict")
        except UnicodeDecodeError:
            raise UnsafeArchiveError(f"entry name {raw!r} is not valid UTF-8 (overlong or malformed bytes)") from None
    try:
        return raw.decode("ascii")
    except UnicodeDecodeError:
        raise UnsafeArchiveError(f"entry name {raw!r} is not UTF-8 (a legacy code-page name)") from None


def check_entry_type(name: str, system: int, ext_attr: int, is_dir: bool, allow_directories: bool) -> None:
    """Refuse links, special files and (unless allowed) directory entries."""
    if system == 3:  # Unix: mode bits in the high 16 bits
        kind = (ext_attr >> 16) & 0o170000
        if kind == 0o120000:
            raise UnsafeArchiveError(f"entry {name!r} is a symbolic link; links are not accepted")
        if kind not in (0, 0o100000, 0o040000):
            raise UnsafeArchiveError(f"entry {name!r} is a special file (device, pipe or socket)")
        if kind == 0o040000:
            is_dir = True
    if ext_attr & 0x400:  # FILE_ATTRIBUTE_REPARSE_POINT: NTFS symlink or junction
        raise UnsafeArchiveError(f"entry {name!r} is a reparse point (Windows link); links are not accepted")
    if is_dir and not allow_directories:
        raise UnsafeArchiveError(f"entry {name!r} is a directory entry; only files are accepted")
