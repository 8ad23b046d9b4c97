"""Thumbnails loaded lazily on worker threads and cached as QPixmaps.

The gallery asks ``ThumbnailCache.pixmap(photo_id, path)`` while painting – so only what is on screen
is ever requested. A miss returns None (the delegate draws a placeholder) and queues the file; two
daemon threads decode queued files newest-first (what the user scrolled to last is what they look at)
into ``QImage``s, which are safe off the GUI thread; the GUI thread turns each into a ``QPixmap``, keeps
it in a bounded LRU cache and emits ``loaded(photo_id)`` so that one cell repaints. Requests that wait
too long are dropped (the cell asks again if it is still visible).
"""

from __future__ import annotations

import threading
from collections import OrderedDict, deque
from pathlib import Path

from PySide6.QtCore import QObject, QSize, Qt, Signal, Slot
from PySide6.QtGui import QImage, QImageReader, QPixmap

MAX_QUEUE = 120  # a fast scroll through 500 photos never builds a long backlog


class ThumbnailCache(QObject):
    loaded = Signal(int)  # photo id; its pixmap is now in the cache
    _arrived = Signal(int, QImage)

    def __init__(self, size: int = 132, capacity: int = 800, workers: int = 2, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.size = size
        self.capacity = capacity
        self._cache: OrderedDict[int, QPixmap] = OrderedDict()
        self._queue: deque[tuple[int, Path]] = deque()
        self._queued: set[int] = set()
        self._failed: set[int] = set()
        self._cond = threading.Condition()
        self._stopped = False
        self.requests = 0  # files decoded (tests and benchmarks read these)
        self._arrived.connect(self._store, Qt.ConnectionType.QueuedConnection)
        self._threads = [threading.Thread(target=self._work, name=f"inspector-thumb-{n}", daemon=True)
                         for n in range(workers)]
        for thread in self._threads:
            thread.start()

    # -- GUI thread --------------------------------------------------------------------------
    def pixmap(self, photo_id: int, path: Path | None) -> QPixmap | None:
        """The cached thumbnail, or None after queueing it for loading (None again if it failed)."""
        found = self._cache.get(photo_id)
        if found is not None:
            self._cache.move_to_end(photo_id)
            return found
        if path is not None and photo_id not in self._failed:
            with self._cond:
                if photo_id not in self._queued:
                    self._queued.add(photo_id)
                    self._queue.append((photo_id, path))
                    while len(self._queue) > MAX_QUEUE:
                        old, _ = self._queue.popleft()
                        self._queued.discard(old)
                    self._cond.notify()
        return None

    def cached(self, photo_id: int) -> bool:
        return photo_id in self._cache

    def failed(self, photo_id: int) -> bool:
        return photo_id in self._failed

    def queued(self, photo_id: int) -> bool:
        with self._cond:
            return photo_id in self._queued

    def forget(self, photo_id: int) -> None:
        self._cache.pop(photo_id, None)
        self._failed.discard(photo_id)

    def clear(self) -> None:
        self._cache.clear()
        self._failed.clear()
        with self._cond:
            self._queue.clear()
            self._queued.clear()

    def pending(self) -> int:
        with self._cond:
            return len(self._queued)

    def stop(self) -> None:
        with self._cond:
            self._stopped = True
            self._queue.clear()
            self._cond.notify_all()

    @Slot(int, QImage)
    def _store(self, photo_id: int, image: QImage) -> None:
        with self._cond:
            self._queued.discard(photo_id)
        if image.isNull():
            self._failed.add(photo_id)
        else:
            self._cache[photo_id] = QPixmap.fromImage(image)
            while len(self._cache) > self.capacity:
                self._cache.popitem(last=False)
        self.loaded.emit(photo_id)

    # -- worker threads ----------------------------------------------------------------------
    def _work(self) -> None:
        while True:
            with self._cond:
                while not self._queue and not self._stopped:
                    self._cond.wait()
                if self._stopped:
                    return
                photo_id, path = self._queue.pop()  # newest first
            image = self._read(path)
            try:
                self._arrived.emit(photo_id, image)
            except RuntimeError:  # the cache was deleted while this file was read
                return

    def _read(self, path: Path) -> QImage:
        self.requests += 1
        reader = QImageReader(str(path))
        reader.setAutoTransform(True)
        size = reader.size()
        if size.isValid() and max(size.width(), size.height()) > self.size * 2:
            reader.setScaledSize(size.scaled(QSize(self.size * 2, self.size * 2), Qt.AspectRatioMode.KeepAspectRatio))
        image = reader.read()
        if image.isNull():
            return QImage()
        if max(image.width(), image.height()) > self.size:
            image = image.scaled(self.size, self.size, Qt.AspectRatioMode.KeepAspectRatio,
                                 Qt.TransformationMode.SmoothTransformation)
        return image
