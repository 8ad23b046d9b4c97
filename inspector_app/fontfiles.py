"""Where Chinese fonts live on Linux, Windows and macOS – one list for the printed sheets (reportlab)
and the photo stamps (Pillow). No third-party imports, so photo worker processes stay light.

``INSPECTOR_PDF_FONT`` (the name is historical: it serves stamps too) names a font to use first; it may
carry a subfont index for collections: ``/path/font.ttc#1``.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

ENV_VAR = "INSPECTOR_PDF_FONT"

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
    "No Chinese TrueType font was found (needed for printed sheets and photo stamps). "
    "On Debian/Ubuntu install one with `sudo apt-get install fonts-wqy-microhei`; "
    "on Fedora `sudo dnf install wqy-microhei-fonts`; on Windows and macOS the system fonts "
    "(Microsoft YaHei / SimHei, STHeiti) are used. Or point the environment variable "
    f"{ENV_VAR} at a TrueType (.ttf/.ttc, not CFF/.otf) font with Chinese glyphs."
)


@dataclass(frozen=True)
class FontCandidate:
    path: Path
    subfont_index: int = 0


def parse_spec(spec: str | os.PathLike[str]) -> FontCandidate:
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
        result.append(parse_spec(configured))
    env = os.environ.get(ENV_VAR)
    if env:
        result.append(parse_spec(env))
    return result + system_candidates()
