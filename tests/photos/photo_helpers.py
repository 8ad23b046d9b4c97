"""Synthetic test images with EXIF written by Pillow, so the core tests need no shared fixtures."""

from __future__ import annotations

import io
from fractions import Fraction

from PIL import Image, ImageDraw


def dms(value: float) -> tuple[Fraction, Fraction, Fraction]:
    value = abs(value)
    degrees = int(value)
    minutes_full = (value - degrees) * 60
    minutes = int(minutes_full)
    seconds = round((minutes_full - minutes) * 60 * 1000)
    return (Fraction(degrees), Fraction(minutes), Fraction(seconds, 1000))


def asymmetric_image(size: tuple[int, int] = (600, 400)) -> Image.Image:
    """A landscape picture whose every flip and rotation looks different (a red block top-left)."""
    image = Image.new("RGB", size, (40, 90, 200))
    draw = ImageDraw.Draw(image)
    w, h = size
    draw.rectangle((0, 0, w // 3, h // 3), fill=(230, 30, 30))
    draw.rectangle((w // 2, h // 2, w - 1, h - 1), fill=(250, 240, 60))
    draw.ellipse((w // 8, h // 2, w // 3, h - h // 8), fill=(20, 200, 60))
    return image


def jpeg_with_exif(
    image: Image.Image,
    *,
    orientation: int | None = None,
    datetime_original: str | None = None,
    offset: str | None = None,
    gps: dict[int, object] | None = None,
    make: str | None = None,
    model: str | None = None,
    quality: int = 92,
) -> bytes:
    """JPEG bytes carrying EXIF written by Pillow itself."""
    exif = Image.Exif()
    if orientation is not None:
        exif[0x0112] = orientation
    if make:
        exif[0x010F] = make
    if model:
        exif[0x0110] = model
    if datetime_original or offset:
        sub = exif.get_ifd(0x8769)
        if datetime_original:
            sub[0x9003] = datetime_original
        if offset:
            sub[0x9011] = offset
    if gps is not None:
        exif.get_ifd(0x8825).update(gps)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, exif=exif.tobytes())
    return buffer.getvalue()


def gps_ifd(lat: float, lon: float, alt: float | None = None) -> dict[int, object]:
    ifd: dict[int, object] = {
        0: b"\x02\x02\x00\x00",
        1: "N" if lat >= 0 else "S",
        2: dms(lat),
        3: "E" if lon >= 0 else "W",
        4: dms(lon),
    }
    if alt is not None:
        ifd[5] = b"\x00" if alt >= 0 else b"\x01"
        ifd[6] = Fraction(abs(alt)).limit_denominator(100)
    return ifd


def crashing_worker(path: str, root: str, options: object) -> object:
    """A pool worker that dies like a segfaulting decoder on files named ``crash*``."""
    import os
    from pathlib import Path

    from inspector_app.photos.ingest import _worker

    if Path(path).name.startswith("crash"):
        os._exit(139)
    return _worker(path, root, options)  # type: ignore[arg-type]
