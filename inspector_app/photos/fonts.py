"""Finding a font that can draw Chinese, on Linux, Windows and macOS.

The search order (``inspector_app.fontfiles``): an explicit path, the ``INSPECTOR_PDF_FONT``
environment variable, then the usual system locations. With none found, :class:`FontNotFoundError`
says what to install.
"""

from __future__ import annotations

import functools
import threading
from pathlib import Path
from typing import Any

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


class StampFont(ImageFont.FreeTypeFont):
    """A FreeType font that keeps the bitmaps of the last texts it drew. Photos added together carry stamps
    whose lines mostly repeat – the enterprise, the inspectors, an address – and rasterising a line with its
    outline is half of what a print copy's stamp costs; drawn from the kept bitmap, it is the same pixels
    (``tests/photos/test_print_copies.py``). Colour (``RGBA``) bitmaps, which Pillow draws into, are not
    kept."""

    KEPT = 64  # bitmaps, about 80 KB each at the stamps' sizes

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._masks: dict[Any, tuple[Any, tuple[int, int]]] = {}
        self._lock = threading.Lock()

    def getmask2(self, text: str | bytes, mode: str = "", *args: Any, **kwargs: Any) -> tuple[Any, tuple[int, int]]:
        key: Any = (text, mode, args, tuple(sorted(kwargs.items())))
        try:
            hash(key)
        except TypeError:  # a list of features: drawn afresh
            key = None
        if key is None or mode == "RGBA":
            return super().getmask2(text, mode, *args, **kwargs)
        with self._lock:
            found = self._masks.get(key)
        if found is None:
            found = super().getmask2(text, mode, *args, **kwargs)
            with self._lock:
                if len(self._masks) >= self.KEPT:
                    del self._masks[next(iter(self._masks))]
                self._masks[key] = found
        return found


@functools.lru_cache(maxsize=32)
def _load(path: str, size: int) -> ImageFont.FreeTypeFont:
    return StampFont(path, size=size, index=0)


def load_font(size: int, font_path: Path | str | None = None) -> ImageFont.FreeTypeFont:
    """A FreeType font of ``size`` pixels from :func:`find_cjk_font` (cached)."""
    path = find_cjk_font(font_path)
    try:
        return _load(str(path), max(1, int(size)))
    except OSError as exc:
        raise FontNotFoundError(f"cannot load the font {path}: {exc}") from exc
