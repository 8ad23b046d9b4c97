"""Capture a photo from a laptop camera through QtMultimedia, imported only when asked for.

``available_cameras()`` is empty where QtMultimedia or a camera is missing; the panel then says so in a
message and nothing else happens. The dialog shows the live picture and emits ``captured(QImage)``.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QComboBox, QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

log = logging.getLogger(__name__)


def available_cameras() -> list[Any]:
    """The video inputs QtMultimedia knows (``QCameraDevice``s); [] when it cannot be loaded."""
    try:
        from PySide6.QtMultimedia import QMediaDevices
    except ImportError as exc:  # PySide6-Addons missing
        log.info("QtMultimedia unavailable: %s", exc)
        return []
    try:
        return list(QMediaDevices.videoInputs())
    except RuntimeError as exc:
        log.info("no video inputs: %s", exc)
        return []


class CameraDialog(QDialog):
    captured = Signal(QImage)

    def __init__(self, devices: list[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtMultimedia import QCamera, QImageCapture, QMediaCaptureSession
        from PySide6.QtMultimediaWidgets import QVideoWidget

        self.setWindowTitle(self.tr("拍照"))
        self.status = QLabel()
        self._devices = devices
        self._camera_class = QCamera
        self.session = QMediaCaptureSession(self)
        self.preview = QVideoWidget()
        self.preview.setMinimumSize(480, 360)
        self.session.setVideoOutput(self.preview)
        self.capture = QImageCapture(self)
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
