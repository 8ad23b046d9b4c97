"""Pillow helpers shared by ingest, watermark and markup: decode upright, flatten, encode."""

from __future__ import annotations

import io
import math
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps

from inspector_app.photos.formats import register_heif

DEFAULT_JPEG_QUALITY = 85


@dataclass(frozen=True)
class DerivedImage:
    """A derived image kept in the store's ``derived`` area: its hash and pixel size."""

    sha256: str
    width: int
    height: int


def request_draft(image: Image.Image, long_edge: int | None) -> None:
    """Ask the JPEG decoder to decode at 1/2, 1/4 or 1/8 scale when that still covers ``long_edge``.

    ``Image.draft`` picks the smallest DCT scale whose result is at least the requested size, so
    decoding a 12-MP photo for a 1600-px copy reads a quarter of the pixels. No-op for other formats.
    """
    if long_edge is None or image.format not in ("JPEG", "MPO"):
        return
    width, height = image.size
    longest = max(width, height)
    if longest <= long_edge:
        return
    scale = long_edge / longest
    mode = "RGB" if image.mode in ("RGB", "YCbCr") else image.mode
    image.draft(mode, (max(1, math.ceil(width * scale)), max(1, math.ceil(height * scale))))


def to_rgb(image: Image.Image) -> Image.Image:
    """RGB or L, ready for JPEG: transparency is composited on white, other modes converted."""
    if image.mode in ("RGB", "L"):
        return image
    if image.mode in ("RGBA", "LA", "P", "PA", "RGBa", "La") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    if image.mode.startswith("I;16") or image.mode in ("I", "F"):
        return image.point(lambda value: value / 256).convert("L")  # 16-bit grey → 8-bit
    return image.convert("RGB")


def upright(image: Image.Image) -> Image.Image:
    """Apply the EXIF orientation (the result has none), never failing on a bad orientation tag."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = ImageOps.exif_transpose(image)
    except Exception:
        return image
    return result if result is not None else image


def fit_long_edge(image: Image.Image, long_edge: int,
                  resample: Image.Resampling = Image.Resampling.BICUBIC) -> Image.Image:
    """An image no longer than ``long_edge`` on its long side (never enlarged; ``image`` untouched).

    Bicubic rather than Lanczos: after ``Image.draft`` the remaining reduction is at most 2×, where
    the two look alike, and bicubic costs about 30 % less – resizing is as costly as decoding here.
    """
    width, height = image.size
    if max(width, height) <= long_edge:
        return image
    scale = long_edge / max(width, height)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    return image.resize(size, resample, reducing_gap=2.0)


def encode_jpeg(image: Image.Image, quality: int = DEFAULT_JPEG_QUALITY, icc_profile: bytes | None = None) -> bytes:
    buffer = io.BytesIO()
    params: dict[str, object] = {"quality": quality}
    if icc_profile:
        params["icc_profile"] = icc_profile
    to_rgb(image).save(buffer, "JPEG", **params)
    return buffer.getvalue()


def encode_png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=False, compress_level=6)
    return buffer.getvalue()


def open_upright(data: bytes, long_edge: int | None = None) -> Image.Image:
    """Decode image bytes (JPEG/PNG/HEIC), upright, RGB/L, at most ``long_edge`` on the long side.

    For already-accepted images (originals in the store); raises OSError on undecodable data.
    """
    register_heif()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        image = Image.open(io.BytesIO(data))
        request_draft(image, long_edge)
        image.load()
    result = to_rgb(upright(image))
    if long_edge is not None:
        result = fit_long_edge(result, long_edge)
    return result
