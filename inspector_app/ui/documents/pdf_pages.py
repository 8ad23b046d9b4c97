"""PDF pages as QImages (pypdfium2), for the sheet preview and for printing.

PDFium is not thread-safe, so every call into it holds one lock; the QImages returned are deep
copies and may be used on any thread (QImage, unlike QPixmap, is fine off the GUI thread).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pypdfium2 as pdfium
from PySide6.QtGui import QImage

POINTS_PER_INCH = 72.0
_LOCK = threading.Lock()


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """(width, height) of every page in PDF points."""
    with _LOCK:
        document = pdfium.PdfDocument(pdf)
        try:
            return [(float(w), float(h)) for w, h in (document.get_page_size(i) for i in range(len(document)))]
        finally:
            document.close()


def render_pages(pdf: bytes, dpi: float, pages: list[int] | None = None,
                 on_page: Callable[[int, int], None] | None = None,
                 should_stop: Callable[[], bool] | None = None) -> list[QImage]:
    """The pages (all, or the indexes in ``pages``) rendered at ``dpi`` as RGB QImages.

    ``on_page(done, total)`` is called after each page; ``should_stop()`` ends the loop early (the
    images rendered so far are returned)."""
    images: list[QImage] = []
    with _LOCK:
        document = pdfium.PdfDocument(pdf)
        try:
            wanted = list(range(len(document))) if pages is None else pages
            for done, index in enumerate(wanted, start=1):
                if should_stop is not None and should_stop():
                    break
                images.append(_render(document, index, dpi))
                if on_page is not None:
                    on_page(done, len(wanted))
        finally:
            document.close()
    return images


def render_page(pdf: bytes, index: int, dpi: float) -> QImage:
    return render_pages(pdf, dpi, [index])[0]


def _render(document: pdfium.PdfDocument, index: int, dpi: float) -> QImage:
    page = document[index]
    try:
        bitmap = page.render(scale=dpi / POINTS_PER_INCH, rev_byteorder=True, prefer_bgrx=True)
        try:
            buffer = bytes(bitmap.buffer)
            image = QImage(buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGBX8888)
            return image.copy()  # own the pixels: the buffer goes away with the bitmap
        finally:
            bitmap.close()
    finally:
        page.close()
