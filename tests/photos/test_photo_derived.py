"""Watermarks, markup and signatures: derived images only, originals never touched."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pytest
from photo_helpers import asymmetric_image, gps_ifd, jpeg_with_exif
from PIL import Image, ImageChops, ImageStat

from inspector_app.photos.fonts import FontNotFoundError, find_cjk_font
from inspector_app.photos.ingest import IngestedPhoto, ingest_bytes, ingest_file
from inspector_app.photos.markup import MarkupError, parse_shapes, render_markup, shapes_to_json
from inspector_app.photos.signature import (
    SignatureError,
    render_signature,
    signature_png,
    store_signature,
    strokes_from_json,
    strokes_to_json,
)
from inspector_app.photos.store import PhotoStore
from inspector_app.photos.watermark import StampInfo, apply_stamp, stamp_for, watermark_photo


def _have_font() -> bool:
    try:
        find_cjk_font()
    except FontNotFoundError:
        return False
    return True


needs_font = pytest.mark.skipif(not _have_font(), reason="no Chinese font installed")

SHAPES = {
    "version": 1,
    "shapes": [
        {"kind": "arrow", "x1": 0.1, "y1": 0.1, "x2": 0.45, "y2": 0.45, "color": "#FF0000", "width": 8},
        {"kind": "circle", "cx": 0.7, "cy": 0.3, "r": 80, "color": "#00FF00"},
        {"kind": "ellipse", "x1": 0.1, "y1": 0.6, "x2": 0.3, "y2": 0.9},
        {"kind": "rect", "x1": 0.6, "y1": 0.6, "x2": 0.9, "y2": 0.9, "width": 4},
        {"kind": "line", "x1": 0.0, "y1": 1.0, "x2": 1.0, "y2": 0.0},
        {"kind": "text", "x": 0.05, "y": 0.02, "text": "消防通道堵塞", "size": 50},
    ],
}


def _photo(store: PhotoStore) -> tuple[IngestedPhoto, bytes]:
    data = jpeg_with_exif(
        asymmetric_image((900, 600)), orientation=6, gps=gps_ifd(31.78, 119.95), datetime_original="2026:11:20 10:00:00"
    )
    return ingest_bytes(data, "scene.jpg", store), data


@needs_font
def test_watermark_stamps_bottom_band_and_leaves_original(store: PhotoStore) -> None:
    photo, data = _photo(store)
    stamp = stamp_for(photo.metadata, enterprise="常州市安全化工有限公司", inspector="张三、李四")
    assert stamp.lines() == [
        "单位：常州市安全化工有限公司",
        "时间：2026-11-20 10:00:00",
        "位置：31.78000°N 119.95000°E",
        "检查人员：张三、李四",
    ]
    derived = watermark_photo(store, photo.sha256, stamp, long_edge=900)
    assert (derived.width, derived.height) == (600, 900)  # upright
    assert hashlib.sha256(store.read(photo.sha256)).hexdigest() == photo.sha256
    assert store.read(photo.sha256) == data
    stamped = Image.open(io.BytesIO(store.read(derived.sha256, "derived"))).convert("RGB")
    plain = Image.open(io.BytesIO(data))
    plain = plain.transpose(Image.Transpose.ROTATE_270).convert("RGB")  # orientation 6 → upright
    top = (0, 0, 600, 300)
    bottom = (0, 800, 600, 900)
    assert sum(ImageStat.Stat(ImageChops.difference(stamped.crop(top), plain.crop(top))).mean) / 3 < 4
    assert sum(ImageStat.Stat(ImageChops.difference(stamped.crop(bottom), plain.crop(bottom))).mean) / 3 > 20


@needs_font
def test_stamp_without_gps_uses_address_and_marks_device_clock(tmp_path: Path, store: PhotoStore) -> None:
    path = tmp_path / "noexif.jpg"
    asymmetric_image().save(path, "JPEG")
    photo = ingest_file(path, store)
    stamp = stamp_for(photo.metadata, enterprise="某公司", inspector="王五", address="常州市武进区湖塘镇")
    assert stamp.location_text == "常州市武进区湖塘镇"
    assert stamp.time_text.endswith("（设备时钟）")
    out = apply_stamp(asymmetric_image((200, 100)), StampInfo(enterprise="一个非常非常长的企业名称" * 5))
    assert out.size == (200, 100)


def test_missing_configured_font_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FontNotFoundError, match="does not exist"):
        find_cjk_font(tmp_path / "nope.ttf")


@needs_font
@pytest.mark.fixtures
def test_real_photo_original_unchanged_after_markup_and_watermark(photo_fixtures: Path, store: PhotoStore) -> None:
    from inspector_app.photos.markup import markup_photo

    source = photo_fixtures / "large-phone.jpg"
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    photo = ingest_file(source, store)
    marked = markup_photo(store, photo.sha256, parse_shapes(SHAPES))
    stamped = watermark_photo(store, marked.sha256, stamp_for(photo.metadata, enterprise="企业", inspector="张三"),
                              source_area="derived")
    assert stamped.sha256 != marked.sha256 != photo.sha256
    assert store.verify(photo.sha256)
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before == photo.sha256
    assert (marked.width, marked.height) == (2000, 1500)


@needs_font
def test_markup_draws_where_the_shapes_are(store: PhotoStore) -> None:
    base = Image.new("RGB", (1000, 500), (255, 255, 255))
    shapes = parse_shapes(SHAPES)
    out = render_markup(base, shapes)
    assert base.getpixel((250, 125)) == (255, 255, 255)  # input untouched
    r, g, b = out.getpixel((round(0.3 * 1000), round(0.3 * 500)))  # on the arrow's shaft
    assert r > 200 and g < 80 and b < 80
    # circle outline at radius 80/1000 of the long edge to the right of its centre
    r, g, b = out.getpixel((round(0.7 * 1000 + 80 - 3), round(0.3 * 500)))
    assert g > 150 and r < 120


def test_markup_json_round_trip_and_errors() -> None:
    shapes = parse_shapes(SHAPES)
    again = parse_shapes(shapes_to_json(shapes))
    assert again == shapes
    assert json.loads(shapes_to_json(shapes))["version"] == 1
    assert parse_shapes([{"type": "rect", "x1": 0, "y1": 0, "x2": 1, "y2": 1}])[0].kind == "rect"
    with pytest.raises(MarkupError, match="shape 2: unknown kind 'star'"):
        parse_shapes([SHAPES["shapes"][0], {"kind": "star"}])
    with pytest.raises(MarkupError, match="shape 1: 'x2'"):
        parse_shapes([{"kind": "arrow", "x1": 0, "y1": 0, "x2": "far", "y2": 1}])
    with pytest.raises(MarkupError, match="bad color"):
        parse_shapes([{"kind": "line", "x1": 0, "y1": 0, "x2": 1, "y2": 1, "color": "ultraviolet"}])
    with pytest.raises(MarkupError, match="non-empty"):
        parse_shapes([{"kind": "text", "x": 0, "y": 0, "text": " "}])
    with pytest.raises(MarkupError, match="newer"):
        parse_shapes({"version": 99, "shapes": []})


STROKES = [
    [(10.0, 50.0, 0.0, 0.2), (40.0, 10.0, 16.0, 0.6), (80.0, 60.0, 32.0, 1.0), (120.0, 20.0, 48.0, 0.4)],
    [(60.0, 80.0, 400.0, 0.5)],
]


def test_signature_json_round_trip() -> None:
    text = strokes_to_json(STROKES)
    assert json.loads(text)["version"] == 1
    assert strokes_from_json(text) == [list(s) for s in STROKES]
    assert strokes_from_json("[[[1, 2]]]") == [[(1.0, 2.0, 0.0, 0.0)]]
    with pytest.raises(SignatureError):
        strokes_from_json('{"version": 1, "strokes": [[["x", 1]]]}')
    with pytest.raises(SignatureError):
        strokes_from_json("not json")
    with pytest.raises(SignatureError, match="blank"):
        render_signature([[]])


def ink_pixels(image: Image.Image) -> int:
    return sum(image.getchannel("A").histogram()[129:])


def test_signature_png_is_transparent_with_ink(store: PhotoStore) -> None:
    image = Image.open(io.BytesIO(signature_png(STROKES, height=120)))
    assert image.mode == "RGBA" and image.height == 120
    alpha = image.getchannel("A")
    assert alpha.getpixel((0, 0)) == 0
    assert alpha.getextrema()[1] == 255
    assert ink_pixels(image) > 200
    thin = render_signature([[(p[0], p[1], p[2], 0.0 + 0.05) for p in STROKES[0]]], height=120, pen_width=6)
    thick = render_signature([[(p[0], p[1], p[2], 1.0) for p in STROKES[0]]], height=120, pen_width=6)
    assert ink_pixels(thick) > ink_pixels(thin) * 1.5  # width follows pressure
    derived = store_signature(store, STROKES)
    assert store.read(derived.sha256, "derived").startswith(b"\x89PNG")
