"""Capture a photo from a laptop camera through QtMultimedia, loaded only when asked for (``ui/lazy.py``:
it is part of PySide6-Addons and may be missing).

``available_cameras()`` is empty where QtMultimedia or a camera is missing; the panel then says so in a
message and nothing else happens. The dialog shows the live picture and emits ``captured(QImage)``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from inspector_app.ui.lazy import LazyModule

if TYPE_CHECKING:
    from PySide6 import QtMultimedia, QtMultimediaWidgets
else:
    QtMultimedia = LazyModule("PySide6.QtMultimedia")
    QtMultimediaWidgets = LazyModule("PySide6.QtMultimediaWidgets")

log = logging.getLogger(__name__)


def available_cameras() -> list[Any]:
    """The video inputs QtMultimedia knows (``QCameraDevice``s); [] when it cannot be loaded."""
    try:
        devices = QtMultimedia.QMediaDevices
    except ImportError as exc:  # PySide6-Addons missing
        log.info("QtMultimedia unavailable: %s", exc)
        return []
    try:
        return list(devices.videoInputs())
    except RuntimeError as exc:
        log.info("no video inputs: %s", exc)
        return []


class CameraDialog(QDialog):
    captured = Signal(QImage)

    def __init__(self, devices: list[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("拍照"))
        self.status = QLabel()
        self._devices = devices
        self._camera_class = QtMultimedia.QCamera
        self.session = QtMultimedia.QMediaCaptureSession(self)
        self.preview = QtMultimediaWidgets.QVideoWidget()
        self.preview.setMinimumSize(480, 360)
        self.session.setVideoOutput(self.preview)
        self.capture = QtMultimedia.QImageCapture(self)
        self.session.setImageCapture(self.capture)
        self.capture.imageCaptured.connect(lambda _id, image: self._taken(image))
        self.capture.errorOccurred.connect(lambda _id, _err, text: self.status.setText(text))
        self.camera: Any = None
        self.choice = QComboBox()
        for device in devices:
            self.choice.addItem(device.description())
        self.choice.currentIndexChanged.connect(self._use)
        self.shoot = QPushButton(self.tr("拍照 (空格)"))
        self.shoot.setShortcut("Space")
        self.shoot.clicked.connect(self.capture.capture)
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.choice, 1)
        row.addWidget(self.shoot)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.status)
        layout.addLayout(row)
        self._use(0)

    def _use(self, index: int) -> None:
        if self.camera is not None:
            self.camera.stop()
        if not 0 <= index < len(self._devices):
            return
        self.camera = self._camera_class(self._devices[index], self)
        self.camera.errorOccurred.connect(lambda _err, text: self.status.setText(text))
        self.session.setCamera(self.camera)
        self.camera.start()

    def _taken(self, image: QImage) -> None:
        self.status.setText(self.tr("已拍摄，正在保存…"))
        self.captured.emit(image)

    def done(self, result: int) -> None:
        if self.camera is not None:
            self.camera.stop()
        super().done(result)
