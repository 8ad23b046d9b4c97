"""Signatures captured on a pad: strokes ⇄ JSON, and strokes → a transparent PNG.

A signature is a list of strokes (pen down … pen up); each stroke is a list of points
``(x, y, t, pressure)``: pad pixels (any consistent unit, y downwards), milliseconds since the
first point, and pressure 0–1 (a mouse reports a constant; 0 means "unknown" and is drawn as 0.5).
The strokes are the record; the PNG is derived from them and can be re-made at any size.

Rendering: each stroke is smoothed with a uniform Catmull–Rom spline through its points,
its width follows the (interpolated) pressure, and it is drawn 3× supersampled then reduced, which
gives smooth anti-aliased edges on a transparent background.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from typing import Any

from PIL import Image, ImageDraw

from inspector_app.domain.errors import ValidationError
from inspector_app.photos.imaging import DerivedImage, encode_png
from inspector_app.photos.store import PhotoStore

SIGNATURE_VERSION = 1
MAX_POINTS = 200_000
_SUPERSAMPLE = 3

Point = tuple[float, float, float, float]
Stroke = list[Point]


class SignatureError(ValidationError):
    """Signature strokes that are malformed or empty."""


# -- JSON -----------------------------------------------------------------------------------


def _point(raw: object, where: str) -> Point:
    if not isinstance(raw, list | tuple) or len(raw) not in (2, 3, 4):
        raise SignatureError(f"{where}: a point must be [x, y, t, pressure]")
    values: list[float] = []
    for item in raw:
        if isinstance(item, bool) or not isinstance(item, int | float) or not math.isfinite(float(item)):
            raise SignatureError(f"{where}: {item!r} is not a finite number")
        values.append(float(item))
    while len(values) < 4:
        values.append(0.0)
    x, y, t, pressure = values
    return (x, y, t, min(1.0, max(0.0, pressure)))


def validate_strokes(strokes: object) -> list[Stroke]:
    """Check and normalise strokes (lists or tuples of 2–4 numbers); raises :class:`SignatureError`."""
    if not isinstance(strokes, list | tuple):
        raise SignatureError("signature strokes must be a list of strokes")
    result: list[Stroke] = []
    total = 0
    for s_index, stroke in enumerate(strokes):
        if not isinstance(stroke, list | tuple):
            raise SignatureError(f"stroke {s_index + 1}: must be a list of points")
        points = [_point(raw, f"stroke {s_index + 1}, point {p_index + 1}") for p_index, raw in enumerate(stroke)]
        total += len(points)
        if total > MAX_POINTS:
            raise SignatureError(f"signature has more than {MAX_POINTS} points")
        if points:
            result.append(points)
    return result


def strokes_to_json(strokes: Sequence[Sequence[Sequence[float]]]) -> str:
    """Versioned, compact JSON: ``{"version": 1, "strokes": [[[x, y, t, p], …], …]}``."""
    clean = validate_strokes([list(stroke) for stroke in strokes])
    rounded = [[[round(x, 2), round(y, 2), round(t, 1), round(p, 3)] for x, y, t, p in s] for s in clean]
    return json.dumps({"version": SIGNATURE_VERSION, "strokes": rounded}, separators=(",", ":"))


def strokes_from_json(text: str | bytes) -> list[Stroke]:
    """Parse :func:`strokes_to_json` output (a bare list of strokes is accepted too)."""
    try:
        document: Any = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise SignatureError(f"signature is not valid JSON: {exc}") from exc
    if isinstance(document, dict):
        version = document.get("version")
        if not isinstance(version, int) or version > SIGNATURE_VERSION:
            raise SignatureError(f"signature version {version!r} is newer than this program understands")
        document = document.get("strokes")
    return validate_strokes(document)


def is_blank(strokes: Sequence[Sequence[Sequence[float]]]) -> bool:
    """True when there is nothing to see (no points); a pad's "OK" should refuse a blank signature."""
    return not any(len(stroke) for stroke in strokes)


# -- rendering ------------------------------------------------------------------------------


def _catmull_rom(points: Stroke, spacing: float) -> list[tuple[float, float, float]]:
    """Points along a Catmull–Rom spline through ``points`` about ``spacing`` apart: (x, y, pressure)."""
    if len(points) == 1:
        x, y, _, p = points[0]
        return [(x, y, p)]
    out: list[tuple[float, float, float]] = []
    padded = [points[0], *points, points[-1]]
    for i in range(1, len(padded) - 2):
        p0, p1, p2, p3 = padded[i - 1], padded[i], padded[i + 1], padded[i + 2]
        distance = math.hypot(p2[0] - p1[0], p2[1] - p1[1])
        steps = max(1, math.ceil(distance / spacing))
        for step in range(steps):
            t = step / steps
            t2, t3 = t * t, t * t * t
            coords = []
            for axis in (0, 1):
                a0, a1, a2, a3 = p0[axis], p1[axis], p2[axis], p3[axis]
                coords.append(0.5 * ((2 * a1) + (-a0 + a2) * t + (2 * a0 - 5 * a1 + 4 * a2 - a3) * t2
                                     + (-a0 + 3 * a1 - 3 * a2 + a3) * t3))
            out.append((coords[0], coords[1], p1[3] + (p2[3] - p1[3]) * t))
    last = points[-1]
    out.append((last[0], last[1], last[3]))
    return out


def _bounds(strokes: list[Stroke]) -> tuple[float, float, float, float]:
    xs = [p[0] for s in strokes for p in s]
    ys = [p[1] for s in strokes for p in s]
    return min(xs), min(ys), max(xs), max(ys)


def render_signature(
    strokes: Sequence[Sequence[Sequence[float]]],
    *,
    height: int | None = 160,
    pen_width: float = 4.0,
    padding: int = 10,
    color: tuple[int, int, int] = (0, 0, 0),
) -> Image.Image:
    """An RGBA image of the signature, cropped to its ink plus ``padding``, transparent elsewhere.

    ``height`` scales the ink to that many pixels high (None keeps pad pixels 1:1); ``pen_width``
    is the width in output pixels at pressure 1 (it narrows to 35 % at pressure 0).
    """
    clean = validate_strokes([list(s) for s in strokes])
    if not clean:
        raise SignatureError("the signature is blank")
    left, top, right, bottom = _bounds(clean)
    ink_w, ink_h = max(right - left, 1.0), max(bottom - top, 1.0)
    scale = 1.0 if height is None else max(0.05, min((height - 2 * padding) / ink_h, 20.0))
    if height is not None and ink_h * scale < 2 * pen_width:  # a flat line: keep it readable
        scale = min(scale, 4.0)
    out_w = max(1, math.ceil(ink_w * scale + 2 * padding))
    out_h = max(1, math.ceil(ink_h * scale + 2 * padding)) if height is None else height
    if out_w * out_h > 40_000_000:
        raise SignatureError("the signature is too large to render")
    ss = _SUPERSAMPLE
    canvas = Image.new("L", (out_w * ss, out_h * ss), 0)
    draw = ImageDraw.Draw(canvas)
    y_offset = (out_h - ink_h * scale) / 2

    def place(x: float, y: float) -> tuple[float, float]:
        return ((x - left) * scale + padding) * ss, ((y - top) * scale + y_offset) * ss

    for stroke in clean:
        path = _catmull_rom(stroke, spacing=max(0.5, 1.5 / scale))
        previous: tuple[float, float] | None = None
        for x, y, pressure in path:
            p = pressure if pressure > 0 else 0.5
            radius = pen_width * ss * (0.35 + 0.65 * p) / 2
            cx, cy = place(x, y)
            draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=255)
            if previous is not None:
                draw.line([previous, (cx, cy)], fill=255, width=max(1, round(radius * 2)))
            previous = (cx, cy)
    alpha = canvas.resize((out_w, out_h), Image.Resampling.LANCZOS)
    image = Image.new("RGBA", (out_w, out_h), (*color, 0))
    image.putalpha(alpha)
    return image


def signature_png(strokes: Sequence[Sequence[Sequence[float]]], **options: Any) -> bytes:
    """PNG bytes of :func:`render_signature` (transparent background)."""
    return encode_png(render_signature(strokes, **options))


def store_signature(store: PhotoStore, strokes: Sequence[Sequence[Sequence[float]]], **options: Any) -> DerivedImage:
    """Render the strokes and keep the PNG in the store's derived area; returns its hash and size."""
    image = render_signature(strokes, **options)
    put = store.put_derived(encode_png(image), "png")
    return DerivedImage(put.sha256, image.width, image.height)
