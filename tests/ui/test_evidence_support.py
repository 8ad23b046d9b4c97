"""Shared set-up for the evidence GUI tests: small JPEGs made with Pillow, a panel on a fresh workspace."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image


def make_jpeg(path: Path, colour: tuple[int, int, int] = (200, 60, 40), size: tuple[int, int] = (640, 480)) -> Path:
    image = Image.new("RGB", size, colour)
    for x in range(0, size[0], 40):  # some structure, so every file has its own bytes
        for y in range(size[1]):
            image.putpixel((x, y), (colour[2], colour[0], colour[1]))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    path.write_bytes(buffer.getvalue())
    return path


def make_photos(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [make_jpeg(folder / f"photo-{n:03d}.jpg", ((n * 37) % 256, (n * 91) % 256, (n * 53) % 256))
            for n in range(count)]
