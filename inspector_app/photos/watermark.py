"""Watermarked copies for print and export: a visible stamp on a semi-transparent band.

The stamp carries the enterprise, the capture time (marked when it came from the device clock
rather than EXIF), the GPS fix or an address, and the inspector(s) – the usual expectations for
whole-process enforcement records (DOMAIN.md §8). The stamp text is part of the record, like the PDF
sheet, so it is in Chinese here rather than translated by the UI. The original is only read.

The printed sheets embed a *print copy* of each photo: the display copy's pixels (long edge
``SHEET_LONG_EDGE``) with the stamp, as JPEG. Its text comes from the photo (capture time, GPS) and from
its inspection (``StampContext``: enterprise, address, inspectors). It is made when the photo is added
(``photos.decode`` stamps the display image it already holds) and found again at print time by
:func:`print_key` – a hash of everything that decides its bytes – in the store's key index
(``PhotoStore.remember`` / ``recall``). A copy made at print time from the original is the same bytes:
same decode, same resize, same stamp. When the inspection's data changes after adding (another inspector,
the enterprise renamed) or the photo is marked up, the key changes and the print makes the copy anew.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from PIL import Image, ImageDraw

from inspector_app.photos.fonts import load_font
from inspector_app.photos.imaging import DEFAULT_JPEG_QUALITY, DerivedImage, encode_jpeg, open_upright
from inspector_app.photos.metadata import PhotoMetadata
from inspector_app.photos.store import Area, PhotoStore

DEFAULT_PRINT_LONG_EDGE = 2000
SHEET_LONG_EDGE = 1600  # the photos of the printed sheets: the display copy's size
PRINT_KEY_VERSION = 1  # part of every print key: bump when the stamp's drawing or encoding changes


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


@dataclass(frozen=True)
class StampContext:
    """What a photo's stamp takes from its inspection: the enterprise's name and address, and the
    inspectors' names as printed (``、``-joined, in the inspection's order). Picklable: the ingest
    workers receive it to make the print copy while the photo is added."""

    enterprise: str = ""
    address: str = ""
    inspectors: str = ""
    long_edge: int = SHEET_LONG_EDGE


def photo_stamp(context: StampContext, captured_at: datetime | None, time_source: str,
                gps: tuple[float, float] | None) -> StampInfo:
    """The stamp of a photo on the printed sheets: enterprise, capture time (marked when it came from the
    device clock), GPS then the address (or the address alone; 未知 with neither), inspectors. The one
    rule for the copy made at adding (from the decoded metadata) and at print time (from the photo row)."""
    time_text = ""
    if captured_at is not None:
        time_text = captured_at.strftime("%Y-%m-%d %H:%M:%S")
        if time_source != "exif":
            time_text += "（设备时钟）"
    place = context.address
    if gps is not None:
        lat, lon = gps
        ns, ew = ("N" if lat >= 0 else "S"), ("E" if lon >= 0 else "W")
        place = f"{abs(lat):.5f}°{ns} {abs(lon):.5f}°{ew}" + (f"  {place}" if place else "")
    return StampInfo(context.enterprise, time_text, place or "未知", context.inspectors)


def metadata_stamp(context: StampContext, metadata: PhotoMetadata) -> StampInfo:
    """:func:`photo_stamp` from freshly decoded metadata (what the photo row will hold once attached)."""
    gps = (metadata.gps.lat, metadata.gps.lon) if metadata.gps is not None else None
    return photo_stamp(context, metadata.captured_at, metadata.time_source, gps)


def print_key(source_sha256: str, source_area: Area, stamp: StampInfo, long_edge: int = SHEET_LONG_EDGE) -> str:
    """The key of a print copy: everything that decides its bytes (source image, stamp text, size)."""
    document = [PRINT_KEY_VERSION, source_sha256, source_area, repr(stamp), long_edge]
    return hashlib.sha256(json.dumps(document, ensure_ascii=False).encode("utf-8")).hexdigest()


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
    result = image.convert("RGB")  # a copy: ``image`` is untouched
    if not lines:
        return result
    width, height = result.size
    margin = max(4, round(min(width, height) * 0.015))
    start = max(10, round(min(width, height) * 0.032))
    size = _fit_font_size(ImageDraw.Draw(result), lines, start, width - 2 * margin, font_path)
    font = load_font(size, font_path)
    line_height = round(size * 1.3)
    band_height = min(height, line_height * len(lines) + 2 * margin)
    top = height - band_height
    # The band alone is drawn and blended: above it nothing is (the text stays inside it, its outline being
    # far thinner than the margin), and blending a transparent pixel leaves the photo's pixel as it was – the
    # same bytes as an overlay the size of the photo, in a third of the time.
    overlay = Image.new("RGBA", (width, band_height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    draw.rectangle((0, 0, width, band_height), fill=(0, 0, 0, max(0, min(255, band_opacity))))
    y = margin
    stroke = max(1, size // 16)
    for line in lines:
        draw.text((margin, y), line, font=font, fill=(255, 255, 255, 255),
                  stroke_width=stroke, stroke_fill=(0, 0, 0, 200))
        y += line_height
    box = (0, top, width, height)
    result.paste(Image.alpha_composite(result.crop(box).convert("RGBA"), overlay).convert("RGB"), box)
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
