"""Validating and decoding one photo in memory: the checks that reject unusable files, the
metadata, and the encoded display copy and thumbnail – and, given the inspection's ``StampContext``, the
print copy the sheets embed (``photos.watermark``: the display image stamped, so printing later only
embeds bytes). Nothing here writes anything; ``ingest`` stores the result only once every check has
passed."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from PIL import Image, UnidentifiedImageError

from inspector_app.domain.errors import ValidationError
from inspector_app.photos.formats import ACCEPTED_FORMATS, register_heif
from inspector_app.photos.imaging import (
    DEFAULT_JPEG_QUALITY,
    encode_jpeg,
    fit_long_edge,
    request_draft,
    to_rgb,
    upright,
)
from inspector_app.photos.metadata import PhotoMetadata, read_metadata
from inspector_app.photos.store import sha256_bytes
from inspector_app.photos.watermark import StampContext, StampInfo, apply_stamp, metadata_stamp
from inspector_app.translation import _

RejectCode = Literal[
    "empty", "missing", "not_image", "unsupported", "truncated", "bomb", "too_large", "crashed", "error"
]


class PhotoRejected(ValidationError):
    """A file that cannot be used as a photo; the message names the file and the reason.

    ``reason`` is Chinese, like the other core messages; ``code`` is stable for the UI to map.
    """

    def __init__(self, name: str, reason: str, code: RejectCode) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason
        self.code: RejectCode = code

    def __reduce__(self) -> tuple[Any, ...]:  # picklable across the process pool
        return (PhotoRejected, (self.name, self.reason, self.code))


@dataclass(frozen=True)
class IngestOptions:
    """Sizes and limits for derived images; picklable so workers receive it."""

    display_long_edge: int = 1600
    thumb_long_edge: int = 256
    jpeg_quality: int = DEFAULT_JPEG_QUALITY
    max_pixels: int = 120_000_000  # a decompression bomb beyond this; real cameras reach ~100 MP
    max_file_bytes: int = 256 * 1024 * 1024
    print_stamp: StampContext | None = None  # make the print copy too (its inspection's part of the stamp)


@dataclass
class PreparedPhoto:
    sha256: str
    ext: str
    format: str
    metadata: PhotoMetadata
    display_jpeg: bytes
    display_size: tuple[int, int]
    thumb_jpeg: bytes
    thumb_size: tuple[int, int]
    notes: list[str] = field(default_factory=list)
    print_jpeg: bytes | None = None  # the stamped display image (``IngestOptions.print_stamp``)
    print_size: tuple[int, int] = (0, 0)
    print_stamp: StampInfo | None = None


def _opened(data: bytes, name: str, options: IngestOptions) -> Image.Image:
    """The image, its header checked (empty, size, format, bomb); pixels not decoded yet."""
    if not data:
        raise PhotoRejected(name, _("文件为空（0 字节）"), "empty")
    if len(data) > options.max_file_bytes:
        raise PhotoRejected(name, _("文件过大（{count} 字节）").format(count=len(data)), "too_large")
    register_heif()
    with warnings.catch_warnings():
        # Pillow warns above its own default limit (~89 MP) and refuses above twice that; our
        # explicit ``max_pixels`` check below is the rule, so only its hard error is caught here.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
        except Image.DecompressionBombError as exc:
            raise PhotoRejected(name, _("疑似解压炸弹（像素数远超照片所需），已拒绝"), "bomb") from exc
        except UnidentifiedImageError as exc:
            raise PhotoRejected(name, _("不是图片文件（无法识别的格式）"), "not_image") from exc
        except Exception as exc:
            # Pillow's own words ("Truncated File Read") stay in the log behind the exception, not on screen.
            raise PhotoRejected(name, _("不是可读取的图片（文件损坏或不完整）"), "not_image") from exc
    fmt = image.format or "?"
    if fmt not in ACCEPTED_FORMATS:
        raise PhotoRejected(name, _("不支持的格式 {fmt}（支持 JPEG、PNG、HEIC）").format(fmt=fmt), "unsupported")
    width, height = image.size
    if width <= 0 or height <= 0:
        raise PhotoRejected(name, _("图片尺寸无效 {width}×{height}").format(width=width, height=height), "not_image")
    if width * height > options.max_pixels:
        raise PhotoRejected(
            name,
            _("疑似解压炸弹，已拒绝：{width}×{height} = {pixels:.0f} MP，超过 {limit:.0f} MP 上限").format(
                width=width, height=height, pixels=width * height / 1e6, limit=options.max_pixels / 1e6),
            "bomb",
        )
    return image


def _load(image: Image.Image, name: str, long_edge: int) -> None:
    """Decode the pixels (a JPEG at the smallest DCT scale that still covers ``long_edge``): a truncated
    or damaged file is refused here."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            request_draft(image, long_edge)
            image.load()
        except Exception as exc:  # Pillow's own words ("image file is truncated …") stay in the log, not on screen
            code: RejectCode = "truncated"
            raise PhotoRejected(name, _("图片数据损坏或不完整，无法读取（文件可能没有完整复制或下载）"), code) from exc


def check_photo(data: bytes, name: str, options: IngestOptions) -> None:
    """Every refusal of ``decode_photo`` (empty, too large, not an image, unsupported, bomb, truncated)
    without making the display copy and thumbnail: what a bundle's carried originals must pass. A JPEG
    is decoded at 1/8 scale, which still reads every entropy-coded block."""
    image = _opened(data, name, options)
    try:
        _load(image, name, 64)
    finally:
        image.close()


def decode_photo(data: bytes, name: str, options: IngestOptions, source_path: Path | None,
                 fallback_time: datetime | None) -> PreparedPhoto:
    """Validate and decode everything in memory – nothing is written; raises :class:`PhotoRejected`."""
    image = _opened(data, name, options)
    fmt = image.format or "?"
    metadata = read_metadata(image, source_path=source_path, fallback_time=fallback_time)
    icc = image.info.get("icc_profile")
    _load(image, name, options.display_long_edge)
    display = fit_long_edge(to_rgb(upright(image)), options.display_long_edge)
    del image
    display_jpeg = encode_jpeg(display, options.jpeg_quality, icc if isinstance(icc, bytes) else None)
    thumb = fit_long_edge(display, options.thumb_long_edge)
    thumb_jpeg = encode_jpeg(thumb, options.jpeg_quality)
    print_jpeg, print_stamp = _print_copy(display, metadata, options)
    return PreparedPhoto(
        sha256=sha256_bytes(data),
        ext=ACCEPTED_FORMATS[fmt],
        format="JPEG" if fmt == "MPO" else fmt,
        metadata=metadata,
        display_jpeg=display_jpeg,
        display_size=display.size,
        thumb_jpeg=thumb_jpeg,
        thumb_size=thumb.size,
        print_jpeg=print_jpeg,
        print_size=display.size if print_jpeg else (0, 0),
        print_stamp=print_stamp,
    )


def _print_copy(display: Image.Image, metadata: PhotoMetadata,
                options: IngestOptions) -> tuple[bytes | None, StampInfo | None]:
    """The print copy: the display image (the same pixels ``watermark.watermark_bytes`` gets from the
    original at the sheet's size) with the stamp, encoded as the print would encode it. None when not
    asked for, when the display size is not the sheet's, or when the stamp cannot be drawn (no Chinese
    font: the print says so itself) – adding the photo never fails for it."""
    context = options.print_stamp
    if context is None or context.long_edge != options.display_long_edge:
        return None, None
    stamp = metadata_stamp(context, metadata)
    try:
        return encode_jpeg(apply_stamp(display, stamp), DEFAULT_JPEG_QUALITY), stamp
    except Exception:  # e.g. FontNotFoundError: printing makes (and reports) it then
        return None, None
