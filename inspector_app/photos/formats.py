"""Which image formats are accepted, their file extensions, and the HEIF opener registration."""

from __future__ import annotations

import threading

# Pillow format name → extension used for the stored original.
ACCEPTED_FORMATS: dict[str, str] = {
    "JPEG": "jpg",
    "MPO": "jpg",  # multi-picture JPEG written by many phones; the first frame is a plain JPEG
    "PNG": "png",
    "HEIF": "heic",
}

# Extensions looked at when a folder is added (files given one by one are always tried).
IMAGE_SUFFIXES: frozenset[str] = frozenset({".jpg", ".jpeg", ".jpe", ".png", ".heic", ".heif", ".hif"})

_heif_lock = threading.Lock()
_heif_state: list[bool] = []


def register_heif() -> bool:
    """Register pillow-heif's opener with Pillow once; False when pillow-heif is not installed."""
    with _heif_lock:
        if not _heif_state:
            try:
                import pillow_heif

                pillow_heif.register_heif_opener()
                _heif_state.append(True)
            except ImportError:
                _heif_state.append(False)
        return _heif_state[0]
