"""Watermarked copies for print and export: a visible stamp on a semi-transparent band.

The stamp carries the enterprise, the capture time (marked when it came from the device clock
rather than EXIF), the GPS fix or an address, and the inspector(s) – the usual expectations for
whole-process enforcement records (DOMAIN.md §8). The stamp text is part of the record, like the PDF
sheet, so it is in Chinese here rather than translated by the UI. The original is only read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw

from inspector_app.photos.fonts import load_font
from inspector_app.photos.imaging import DEFAULT_JPEG_QUALITY, DerivedImage, encode_jpeg, open_upright
from inspector_app.photos.metadata import PhotoMetadata
from inspector_app.photos.store import Area, PhotoStore

DEFAULT_PRINT_LONG_EDGE = 2000


@dataclass(frozen=True)
class StampInfo:
    """The stamp's content; empty fields are left out. ``extra`` lines are appended as given."""

    enterprise: str = ""
    time_text: str = ""
    location_text: str = ""
    inspector: str = ""
    extra: tuple[str, ...] = field(default=())

    def lines(self) -> list[str]:
        lines = []
        if self.enterprise:
            lines.append(f"单位：{self.enterprise}")
        if self.time_text:
            lines.append(f"时间：{self.time_text}")
        if self.location_text:
            lines.append(f"位置：{self.location_text}")
        if self.inspector:
            lines.append(f"检查人员：{self.inspector}")
        lines.extend(line for line in self.extra if line)
        return lines


def stamp_for(
    metadata: PhotoMetadata | None,
    *,
    enterprise: str,
    inspector: str,
    address: str | None = None,
    extra: tuple[str, ...] = (),
) -> StampInfo:
    """Build the usual stamp from a photo's metadata: GPS if known, else the address."""
    time_text = ""
    location = address or ""
    if metadata is not None:
        time_text = metadata.captured_at.strftime("%Y-%m-%d %H:%M:%S")
        if metadata.time_source != "exif":
            time_text += "（设备时钟）"
        if metadata.gps is not None:
            location = metadata.gps.as_text() + (f"  {address}" if address else "")
    return StampInfo(enterprise, time_text, location or "未知", inspector, extra)


def _fit_font_size(draw: ImageDraw.ImageDraw, lines: list[str], start: int, max_width: int,
                   font_path: Path | str | None) -> int:
    """The largest size ≤ ``start`` at which the widest line fits (text width scales linearly)."""
    size = start
    for _ in range(4):
        font = load_font(size, font_path)
        widest = max(draw.textlength(line, font=font) for line in lines)
        if widest <= max_width or size <= 8:
            break
        size = max(8, min(size - 1, int(size * max_width / widest)))
    return size


def apply_stamp(
    image: Image.Image,
    stamp: StampInfo,
    *,
    font_path: Path | str | None = None,
    band_opacity: int = 150,
) -> Image.Image:
    """A copy of ``image`` (RGB) with the stamp on a band across its bottom; ``image`` is untouched."""
    lines = stamp.lines()
    base = image.convert("RGB")
    if not lines:
        return base.copy()
    width, height = base.size
    margin = max(4, round(min(width, height) * 0.015))
    overlay = Image.new("RGBA", base.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    start = max(10, round(min(width, height) * 0.032))
    size = _fit_font_size(draw, lines, start, width - 2 * margin, font_path)
    font = load_font(size, font_path)
    line_height = round(size * 1.3)
    band_height = min(height, line_height * len(lines) + 2 * margin)
    top = height - band_height
    draw.rectangle((0, top, width, height), fill=(0, 0, 0, max(0, min(255, band_opacity))))
    y = top + margin
    stroke = max(1, size // 16)
    for line in lines:
        draw.text((margin, y), line, font=font, fill=(255, 255, 255, 255),
                  stroke_width=stroke, stroke_fill=(0, 0, 0, 200))
        y += line_height
    result = Image.alpha_composite(base.convert("RGBA"), overlay).convert("RGB")
    return result


def watermark_bytes(
    data: bytes,
    stamp: StampInfo,
    *,
    long_edge: int | None = DEFAULT_PRINT_LONG_EDGE,
    font_path: Path | str | None = None,
    quality: int = DEFAULT_JPEG_QUALITY,
) -> tuple[bytes, tuple[int, int]]:
    """Decode ``data`` upright (at most ``long_edge``), stamp it, return JPEG bytes and size."""
    image = open_upright(data, long_edge)
    stamped = apply_stamp(image, stamp, font_path=font_path)
    return encode_jpeg(stamped, quality), stamped.size


def watermark_photo(
    store: PhotoStore,
    source_sha256: str,
    stamp: StampInfo,
    *,
    source_area: Area = "originals",
    long_edge: int | None = DEFAULT_PRINT_LONG_EDGE,
    font_path: Path | str | None = None,
    quality: int = DEFAULT_JPEG_QUALITY,
) -> DerivedImage:
    """Stamp a stored image (an original, or a derived one such as a marked-up copy) into a new
    derived JPEG in the store; returns its hash and size. The source file is only read."""
    data = store.read(source_sha256, source_area)
    jpeg, (width, height) = watermark_bytes(data, stamp, long_edge=long_edge, font_path=font_path,
                                            quality=quality)
    put = store.put_derived(jpeg, "jpg")
    return DerivedImage(put.sha256, width, height)
