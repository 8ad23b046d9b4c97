"""Markup drawn on a photo – arrows, lines, circles/ellipses, rectangles, text – saved as a new image.

Shapes are plain data, JSON-serialisable, stored with the photo and re-rendered at any size:

* coordinates ``x1, y1, x2, y2`` (and ``cx, cy`` for circles, ``x, y`` for text) are fractions 0–1
  of the *upright* image's width and height, so they survive any resizing;
* lengths – stroke ``width``, text ``size`` and circle radius ``r`` – are in thousandths of the
  image's long edge (``width: 6`` is 6 px on a 1000-px image, 12 px on a 2000-px one);
* ``color`` is any Pillow colour string (``"#E53935"``, ``"#FF000080"``, ``"red"``).

The saved document is ``{"version": 1, "shapes": [...]}``; a bare list is accepted too. Rendering is
2× supersampled for smooth edges. The original is only read; the result is a derived JPEG.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from PIL import Image, ImageColor, ImageDraw

from inspector_app.domain.errors import ValidationError
from inspector_app.photos.fonts import load_font
from inspector_app.photos.imaging import DEFAULT_JPEG_QUALITY, DerivedImage, encode_jpeg, open_upright
from inspector_app.photos.store import Area, PhotoStore

MARKUP_VERSION = 1
DEFAULT_COLOR = "#E53935"
DEFAULT_MARKUP_LONG_EDGE = 2000
_SUPERSAMPLE = 2

ShapeKind = Literal["arrow", "line", "ellipse", "circle", "rect", "text"]
SHAPE_KINDS: tuple[ShapeKind, ...] = ("arrow", "line", "ellipse", "circle", "rect", "text")
_FIELDS: dict[str, tuple[str, ...]] = {
    "arrow": ("x1", "y1", "x2", "y2"),
    "line": ("x1", "y1", "x2", "y2"),
    "ellipse": ("x1", "y1", "x2", "y2"),
    "rect": ("x1", "y1", "x2", "y2"),
    "circle": ("cx", "cy", "r"),
    "text": ("x", "y", "text"),
}

# The points of each kind, as (x field, y field): what moving a shape shifts (its sizes stay).
_POINTS: dict[str, tuple[tuple[str, str], ...]] = {
    "arrow": (("x1", "y1"), ("x2", "y2")), "line": (("x1", "y1"), ("x2", "y2")),
    "ellipse": (("x1", "y1"), ("x2", "y2")), "rect": (("x1", "y1"), ("x2", "y2")),
    "circle": (("cx", "cy"),), "text": (("x", "y"),),
}
_LOW, _HIGH = -1.0, 2.0  # the range of a coordinate (shape_from_dict)


class MarkupError(ValidationError):
    """A markup document or shape that is malformed; the message names the shape and the field."""


@dataclass(frozen=True)
class Shape:
    """One shape; which coordinate fields matter depends on ``kind`` (see the module docs)."""

    kind: ShapeKind
    x1: float = 0.0
    y1: float = 0.0
    x2: float = 0.0
    y2: float = 0.0
    cx: float = 0.0
    cy: float = 0.0
    r: float = 0.0
    x: float = 0.0
    y: float = 0.0
    text: str = ""
    color: str = DEFAULT_COLOR
    width: float = 6.0
    size: float = 40.0

    def moved(self, dx: float, dy: float) -> Shape:
        """The same shape shifted by ``dx``, ``dy`` (fractions of the width and height) – as far as the
        coordinates' range (−1 to 2) allows, so that a shape dragged off the edge keeps its form."""
        names = _POINTS[self.kind]
        xs = [getattr(self, x) for x, _y in names]
        ys = [getattr(self, y) for _x, y in names]
        dx = min(max(dx, _LOW - min(xs)), _HIGH - max(xs))
        dy = min(max(dy, _LOW - min(ys)), _HIGH - max(ys))
        changes = {x: getattr(self, x) + dx for x, _y in names} | {y: getattr(self, y) + dy for _x, y in names}
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind}
        for name in _FIELDS[self.kind]:
            data[name] = getattr(self, name)
        data["color"] = self.color
        data["size" if self.kind == "text" else "width"] = self.size if self.kind == "text" else self.width
        return data


def _number(raw: dict[str, Any], key: str, where: str, *, low: float, high: float, default: float | None = None) -> float:
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise MarkupError(f"{where}: '{key}' must be a number, got {value!r}")
    number = float(value)
    if not math.isfinite(number) or not low <= number <= high:
        raise MarkupError(f"{where}: '{key}' = {number} is outside {low}–{high}")
    return number


def shape_from_dict(raw: object, index: int = 0) -> Shape:
    """Validate one shape dict; raises :class:`MarkupError` naming the shape number and field."""
    where = f"shape {index + 1}"
    if not isinstance(raw, dict):
        raise MarkupError(f"{where}: must be an object, got {type(raw).__name__}")
    kind = raw.get("kind", raw.get("type"))
    if kind not in SHAPE_KINDS:
        raise MarkupError(f"{where}: unknown kind {kind!r} (expected one of {', '.join(SHAPE_KINDS)})")
    values: dict[str, Any] = {"kind": kind}
    for name in _FIELDS[kind]:
        if name == "text":
            text = raw.get("text")
            if not isinstance(text, str) or not text.strip():
                raise MarkupError(f"{where}: 'text' must be a non-empty string")
            values["text"] = text
        elif name == "r":
            values["r"] = _number(raw, "r", where, low=0.0, high=1000.0)
        else:
            values[name] = _number(raw, name, where, low=-1.0, high=2.0)
    color = raw.get("color", DEFAULT_COLOR)
    try:
        ImageColor.getrgb(color)
    except (ValueError, AttributeError, TypeError) as exc:
        raise MarkupError(f"{where}: bad color {color!r}") from exc
    values["color"] = color
    values["width"] = _number(raw, "width", where, low=0.5, high=100.0, default=6.0)
    values["size"] = _number(raw, "size", where, low=5.0, high=300.0, default=40.0)
    return Shape(**values)


def parse_shapes(document: object) -> list[Shape]:
    """A versioned document ``{"version": 1, "shapes": [...]}`` or a bare list → shapes."""
    if isinstance(document, str):
        try:
            document = json.loads(document)
        except json.JSONDecodeError as exc:
            raise MarkupError(f"markup is not valid JSON: {exc}") from exc
    if isinstance(document, dict):
        version = document.get("version", MARKUP_VERSION)
        if not isinstance(version, int) or version > MARKUP_VERSION:
            raise MarkupError(f"markup version {version!r} is newer than this program understands")
        document = document.get("shapes", [])
    if not isinstance(document, list):
        raise MarkupError("markup must be a list of shapes")
    return [shape_from_dict(raw, i) for i, raw in enumerate(document)]


def shapes_to_document(shapes: list[Shape]) -> dict[str, Any]:
    return {"version": MARKUP_VERSION, "shapes": [shape.to_dict() for shape in shapes]}


def shapes_to_json(shapes: list[Shape]) -> str:
    return json.dumps(shapes_to_document(shapes), ensure_ascii=False, separators=(",", ":"))


# -- rendering ------------------------------------------------------------------------------


def _rgba(color: str) -> tuple[int, int, int, int]:
    rgb = ImageColor.getrgb(color)
    if len(rgb) == 3:
        return (rgb[0], rgb[1], rgb[2], 255)
    return (rgb[0], rgb[1], rgb[2], rgb[3])


def _box(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float, float, float]:
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1]))


def _round_line(draw: ImageDraw.ImageDraw, a: tuple[float, float], b: tuple[float, float],
                fill: tuple[int, int, int, int], width: float) -> None:
    draw.line([a, b], fill=fill, width=max(1, round(width)))
    radius = width / 2
    for px, py in (a, b):
        draw.ellipse((px - radius, py - radius, px + radius, py + radius), fill=fill)


def _draw_shape(draw: ImageDraw.ImageDraw, shape: Shape, size: tuple[int, int],
                font_path: Path | str | None) -> None:
    w, h = size
    unit = max(w, h) / 1000.0
    fill = _rgba(shape.color)
    stroke = max(1.0, shape.width * unit)
    p1 = (shape.x1 * w, shape.y1 * h)
    p2 = (shape.x2 * w, shape.y2 * h)
    if shape.kind == "line":
        _round_line(draw, p1, p2, fill, stroke)
    elif shape.kind == "arrow":
        angle = math.atan2(p2[1] - p1[1], p2[0] - p1[0])
        length = math.hypot(p2[0] - p1[0], p2[1] - p1[1])
        head = min(max(stroke * 5.0, 18 * unit), length * 0.6) if length > 0 else 0.0
        spread = math.radians(26)
        base = (p2[0] - head * 0.8 * math.cos(angle), p2[1] - head * 0.8 * math.sin(angle))
        _round_line(draw, p1, base, fill, stroke)
        left = (p2[0] - head * math.cos(angle - spread), p2[1] - head * math.sin(angle - spread))
        right = (p2[0] - head * math.cos(angle + spread), p2[1] - head * math.sin(angle + spread))
        draw.polygon([p2, left, right], fill=fill)
    elif shape.kind == "rect":
        draw.rectangle(_box(p1, p2), outline=fill, width=max(1, round(stroke)))
    elif shape.kind == "ellipse":
        draw.ellipse(_box(p1, p2), outline=fill, width=max(1, round(stroke)))
    elif shape.kind == "circle":
        cx, cy, r = shape.cx * w, shape.cy * h, shape.r * unit
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=fill, width=max(1, round(stroke)))
    elif shape.kind == "text":
        font = load_font(max(6, round(shape.size * unit)), font_path)
        outline = max(1, round(shape.size * unit / 14))
        draw.multiline_text((shape.x * w, shape.y * h), shape.text, font=font, fill=fill,
                            stroke_width=outline, stroke_fill=(255, 255, 255, 230), spacing=outline * 2)


def render_markup(image: Image.Image, shapes: list[Shape], *, font_path: Path | str | None = None) -> Image.Image:
    """A copy of ``image`` (RGB) with the shapes drawn on it; ``image`` itself is not modified."""
    base = image.convert("RGBA")
    if not shapes:
        return base.convert("RGB")
    big = (base.width * _SUPERSAMPLE, base.height * _SUPERSAMPLE)
    overlay = Image.new("RGBA", big, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for shape in shapes:
        _draw_shape(draw, shape, big, font_path)
    overlay = overlay.resize(base.size, Image.Resampling.LANCZOS)
    return Image.alpha_composite(base, overlay).convert("RGB")


def markup_photo(
    store: PhotoStore,
    source_sha256: str,
    shapes: list[Shape],
    *,
    source_area: Area = "originals",
    long_edge: int | None = DEFAULT_MARKUP_LONG_EDGE,
    font_path: Path | str | None = None,
    quality: int = DEFAULT_JPEG_QUALITY,
) -> DerivedImage:
    """Render ``shapes`` on a stored image (upright, at most ``long_edge``) into a new derived JPEG."""
    image = open_upright(store.read(source_sha256, source_area), long_edge)
    marked = render_markup(image, shapes, font_path=font_path)
    put = store.put_derived(encode_jpeg(marked, quality), "jpg")
    return DerivedImage(put.sha256, marked.width, marked.height)
