"""Find and register a Chinese TrueType font for the printed sheets.

Order: an explicit path, the ``INSPECTOR_PDF_FONT`` environment variable, then the usual system
locations of Linux, Windows and macOS. reportlab embeds TrueType fonts as subsets; it cannot use
CFF-based (PostScript-outline) OpenType fonts such as Noto Sans CJK, so those are skipped and the next
candidate is tried. A font that loads but has no Chinese glyphs is skipped too.

``INSPECTOR_PDF_FONT`` may carry a subfont index for collections: ``/path/font.ttc#1``.
"""

from __future__ import annotations

import hashlib
import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from inspector_app.reports.errors import FontNotFoundError

ENV_VAR = "INSPECTOR_PDF_FONT"
FONT_NAME = "InspectorCJK"
# Characters every sheet prints; a font without them is useless here.
_PROBE_CHARS = "现场检查记录共页第"

_LINUX = [
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/arphic/ukai.ttc",
    "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/google-droid/DroidSansFallbackFull.ttf",
]
_WINDOWS_NAMES = ["msyh.ttc", "msyh.ttf", "simhei.ttf", "simsun.ttc", "simkai.ttf", "Deng.ttf"]
_MACOS = [
    "/System/Library/Fonts/STHeiti Light.ttc",
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "/System/Library/Fonts/Hiragino Sans GB.ttc",
    "/System/Library/Fonts/Supplemental/Songti.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
]

INSTALL_HINT = (
    "No Chinese TrueType font was found for the printed sheet. "
    "On Debian/Ubuntu install one with `sudo apt-get install fonts-wqy-microhei`; "
    "on Fedora `sudo dnf install wqy-microhei-fonts`; on Windows and macOS the system fonts "
    "(Microsoft YaHei / SimHei, STHeiti) are used. Or point the environment variable "
    f"{ENV_VAR} at a TrueType (.ttf/.ttc, not CFF/.otf) font with Chinese glyphs."
)


@dataclass(frozen=True)
class FontCandidate:
    path: Path
    subfont_index: int = 0


def _parse(spec: str | os.PathLike[str]) -> FontCandidate:
    text = os.fspath(spec)
    if "#" in text:
        base, _, index = text.rpartition("#")
        if index.isdigit():
            return FontCandidate(Path(base), int(index))
    return FontCandidate(Path(text))


def system_candidates() -> list[FontCandidate]:
    """Well-known locations for this operating system (all of them, existing or not)."""
    paths: list[str] = []
    if sys.platform.startswith("win"):
        windir = os.environ.get("WINDIR", r"C:\Windows")
        paths += [os.path.join(windir, "Fonts", name) for name in _WINDOWS_NAMES]
        local = os.environ.get("LOCALAPPDATA")
        if local:
            paths += [os.path.join(local, "Microsoft", "Windows", "Fonts", n) for n in _WINDOWS_NAMES]
    elif sys.platform == "darwin":
        paths += _MACOS
    else:
        paths += _LINUX
        home = Path.home()
        paths += [str(home / ".local/share/fonts" / Path(p).name) for p in _LINUX[:2]]
    return [FontCandidate(Path(p)) for p in paths]


def candidates(configured: str | os.PathLike[str] | None = None) -> list[FontCandidate]:
    """The configured font (argument, then environment) first, then the system locations."""
    result: list[FontCandidate] = []
    if configured:
        result.append(_parse(configured))
    env = os.environ.get(ENV_VAR)
    if env:
        result.append(_parse(env))
    result += system_candidates()
    return result


def load_font(candidate: FontCandidate, name: str = FONT_NAME) -> TTFont:
    """Load one candidate; raise ``TTFError``/``OSError``/``ValueError`` if it is not usable."""
    font = TTFont(name, str(candidate.path), subfontIndex=candidate.subfont_index)
    cmap: dict[int, int] = font.face.charToGlyph
    missing = [c for c in _PROBE_CHARS if ord(c) not in cmap]
    if missing:
        raise ValueError(f"font has no Chinese glyphs ({''.join(missing)})")
    return font


def find_font(
    configured: str | os.PathLike[str] | None = None, name: str = FONT_NAME
) -> tuple[FontCandidate, TTFont]:
    """The first usable candidate, or ``FontNotFoundError`` listing what was tried and why."""
    tried: list[str] = []
    for cand in candidates(configured):
        if not cand.path.is_file():
            if configured and cand == _parse(configured):
                tried.append(f"{cand.path}: not found")
            continue
        try:
            return cand, load_font(cand, name)
        except (TTFError, OSError, ValueError, KeyError, IndexError, AssertionError) as exc:
            reason = str(exc)
            if "postscript outlines" in reason.lower():
                reason = "CFF/PostScript outlines (not TrueType), not supported"
            tried.append(f"{cand.path}: {reason}")
    detail = ("\nTried:\n  " + "\n  ".join(tried)) if tried else ""
    raise FontNotFoundError(INSTALL_HINT + detail, tried)


_lock = threading.Lock()
_registered: dict[str, FontCandidate] = {}


def register_font(configured: str | os.PathLike[str] | None = None) -> str:
    """Register the font with reportlab once per process; return the font name to use."""
    key = os.fspath(configured) if configured else (os.environ.get(ENV_VAR) or "")
    with _lock:
        if key in _registered:
            return _font_name(key)
        name = _font_name(key)
        cand, font = find_font(configured, name)
        pdfmetrics.registerFont(font)
        pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
        _registered[key] = cand
        return name


def registered_font_path(configured: str | os.PathLike[str] | None = None) -> Path:
    """The file behind ``register_font(configured)`` (for diagnostics and tests)."""
    register_font(configured)
    key = os.fspath(configured) if configured else (os.environ.get(ENV_VAR) or "")
    return _registered[key].path


def _font_name(key: str) -> str:
    if not key:
        return FONT_NAME
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
    return f"{FONT_NAME}-{digest}"
