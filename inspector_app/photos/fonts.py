"""Finding a font that can draw Chinese, on Linux, Windows and macOS.

The search order: an explicit path, the ``INSPECTOR_CJK_FONT`` environment variable, then the usual
system locations. With none found, :class:`FontNotFoundError` says what to install.
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

from PIL import ImageFont

from inspector_app.domain.errors import InspectorError

FONT_ENV = "INSPECTOR_CJK_FONT"

CANDIDATES: tuple[str, ...] = (
    # Linux (Debian/Ubuntu packages fonts-wqy-microhei, fonts-noto-cjk, fonts-droid-fallback)
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    # Windows
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simhei.ttf",
    "C:/Windows/Fonts/simsun.ttc",
    # macOS
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
    "/System/Library/Fonts/Supplemental/Songti.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
)


class FontNotFoundError(InspectorError):
    """No font able to draw Chinese was found."""


def _install_hint() -> str:
    if sys.platform == "win32":
        return "Microsoft YaHei (msyh.ttc) or SimHei (simhei.ttf) in C:/Windows/Fonts"
    if sys.platform == "darwin":
        return "PingFang or STHeiti in /System/Library/Fonts"
    return "a Chinese font, e.g. `sudo apt install fonts-wqy-microhei` (or fonts-noto-cjk)"


def find_cjk_font(configured: Path | str | None = None) -> Path:
    """The path of a font that can draw Chinese; raises :class:`FontNotFoundError` with a hint."""
    if configured:
        path = Path(configured)
        if path.is_file():
            return path
        raise FontNotFoundError(f"the configured font file does not exist: {path}")
    from_env = os.environ.get(FONT_ENV)
    if from_env and Path(from_env).is_file():
        return Path(from_env)
    for candidate in CANDIDATES:
        path = Path(candidate)
        if path.is_file():
            return path
    raise FontNotFoundError(
        "no Chinese font found; install " + _install_hint() + f" or set {FONT_ENV} to a .ttf/.ttc file"
    )


@functools.lru_cache(maxsize=32)
def _load(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size=size, index=0)


def load_font(size: int, font_path: Path | str | None = None) -> ImageFont.FreeTypeFont:
    """A FreeType font of ``size`` pixels from :func:`find_cjk_font` (cached)."""
    path = find_cjk_font(font_path)
    try:
        return _load(str(path), max(1, int(size)))
    except OSError as exc:
        raise FontNotFoundError(f"cannot load the font {path}: {exc}") from exc
