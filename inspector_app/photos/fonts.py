"""Finding a font that can draw Chinese, on Linux, Windows and macOS.

The search order (``inspector_app.fontfiles``): an explicit path, the ``INSPECTOR_PDF_FONT``
environment variable, then the usual system locations. With none found, :class:`FontNotFoundError`
says what to install.
"""

from __future__ import annotations

import functools
from pathlib import Path

from PIL import ImageFont

from inspector_app import fontfiles
from inspector_app.domain.errors import InspectorError


class FontNotFoundError(InspectorError):
    """No font able to draw Chinese was found."""


def find_cjk_font(configured: Path | str | None = None) -> Path:
    """The path of a font that can draw Chinese (the same search as the printed sheets); raises
    :class:`FontNotFoundError` naming what to install."""
    if configured and not fontfiles.parse_spec(configured).path.is_file():
        raise FontNotFoundError(f"the configured font file does not exist: {configured}")
    for candidate in fontfiles.candidates(configured):
        if candidate.path.is_file():
            return candidate.path
    raise FontNotFoundError(fontfiles.INSTALL_HINT)


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
