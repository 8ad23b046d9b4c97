"""Where Chinese fonts live on Linux, Windows and macOS – one list for the printed sheets (reportlab)
and the photo stamps (Pillow). No third-party imports, so photo worker processes stay light.

The sheets look first for the fonts official documents are set in – 宋体 (SimSun, ``simsun.ttc``) and
仿宋 (FangSong, ``simfang.ttf``) on Windows, Songti / STFangsong on macOS, the same files where a Linux user
copied them – and otherwise take a TrueType CJK font a package installs (``fonts-wqy-microhei``):
``sheet_candidates``. The photo stamps keep the plainer sans-serif fonts of ``candidates``.

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

# 宋体 / 仿宋 as TrueType: what official documents are set in.
_OFFICIAL_NAMES = ["simsun.ttc", "simfang.ttf", "SimSun.ttf", "FangSong.ttf"]
_OFFICIAL_MACOS = [
    "/System/Library/Fonts/Supplemental/Songti.ttc",
    "/Library/Fonts/Songti.ttc",
    "/System/Library/Fonts/Supplemental/STFangsong.ttf",
    "/Library/Fonts/STFangsong.ttf",
]
_OFFICIAL_LINUX_DIRS = ["/usr/share/fonts/truetype/windows", "/usr/share/fonts/windows", "/usr/local/share/fonts",
                        "/usr/share/fonts/truetype/simsun", "~/.local/share/fonts", "~/.fonts"]
OFFICIAL_FILES = frozenset(name.lower() for name in _OFFICIAL_NAMES) | {"songti.ttc", "stfangsong.ttf"}

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


def official_candidates() -> list[FontCandidate]:
    """Where 宋体 / 仿宋 TrueType files are found on this operating system (existing or not)."""
    paths: list[str] = []
    if sys.platform.startswith("win"):
        windir = os.environ.get("WINDIR", r"C:\Windows")
        local = os.environ.get("LOCALAPPDATA")
        folders = [os.path.join(windir, "Fonts")] + ([os.path.join(local, "Microsoft", "Windows", "Fonts")]
                                                     if local else [])
        paths += [os.path.join(folder, name) for name in _OFFICIAL_NAMES for folder in folders]
    elif sys.platform == "darwin":
        paths += _OFFICIAL_MACOS
    else:
        paths += [os.path.join(os.path.expanduser(folder), name) for name in _OFFICIAL_NAMES
                  for folder in _OFFICIAL_LINUX_DIRS]
    return [FontCandidate(Path(p)) for p in paths]


def is_official(path: Path) -> bool:
    """Whether ``path`` is one of the 宋体 / 仿宋 files official documents are set in."""
    return path.name.lower() in OFFICIAL_FILES


def sheet_candidates(configured: str | os.PathLike[str] | None = None) -> list[FontCandidate]:
    """For the printed sheets: the configured font, then 宋体 / 仿宋, then the system's CJK fonts."""
    return _configured(configured) + official_candidates() + system_candidates()


def _configured(configured: str | os.PathLike[str] | None) -> list[FontCandidate]:
    """The font named by the caller, then the one the environment names."""
    result: list[FontCandidate] = []
    if configured:
        result.append(parse_spec(configured))
    env = os.environ.get(ENV_VAR)
    if env:
        result.append(parse_spec(env))
    return result


def candidates(configured: str | os.PathLike[str] | None = None) -> list[FontCandidate]:
    """The configured font (argument, then environment) first, then the system locations."""
    return _configured(configured) + system_candidates()
