"""Render packaging/icons/inspector-app.svg to the PNG sizes of the Linux package and the Windows .ico.

    .venv/bin/python packaging/icons/render.py     (after changing the SVG; commit the outputs)
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> Image.Image:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(data.data()))).convert("RGBA")


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(HERE / "inspector-app.svg"))
    if not renderer.isValid():
        print("inspector-app.svg is not a valid SVG", file=sys.stderr)
        return 1
    images = {size: render(renderer, size) for size in SIZES}
    for size in (48, 128, 256):
        images[size].save(HERE / f"inspector-app-{size}.png", optimize=True)
    images[256].save(HERE / "inspector-app.ico", sizes=[(s, s) for s in SIZES])
    print(f"wrote inspector-app-{{48,128,256}}.png and inspector-app.ico in {HERE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
