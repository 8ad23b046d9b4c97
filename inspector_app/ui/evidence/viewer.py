"""The large view of one photo (its marked-up copy when there is one) with where it came from."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QSizePolicy, QVBoxLayout, QWidget
from shiboken6 import isValid

if TYPE_CHECKING:
    from inspector_app.ui.tasks import TaskRunner


class PhotoViewer(QDialog):
    """With a ``runner`` the image is decoded in a worker (a 1600×1200 display copy takes ~10 ms here,
    several times that on a slow laptop) and shown when it arrives; without one, at once. With ``accept``
    (the photo has plausibility warnings not yet accepted) a 「确认无误」 button calls it once."""

    def __init__(self, image_path: Path | None, details: str, parent: QWidget | None = None, title: str = "",
                 runner: TaskRunner | None = None, accept: Callable[[], None] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title or self.tr("查看照片"))
        self._pixmap = QPixmap()
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.image.setStyleSheet("background: #263238; color: #eceff1;")
        self.details = QLabel(details)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        self.accept_button = None
        if accept is not None:
            self.accept_button = buttons.addButton(self.tr("确认无误"), QDialogButtonBox.ButtonRole.ActionRole)
            self.accept_button.setToolTip(self.tr("照片经查看确属本次检查：保留照片并记录确认（记入审计记录）"))
            self.accept_button.clicked.connect(lambda: self._accepted(accept))
        layout = QVBoxLayout(self)
        layout.addWidget(self.image, 1)
        layout.addWidget(self.details)
        layout.addWidget(buttons)
        self.resize(1000, 700)
        if image_path is None:
            self._set_image(QImage())
        elif runner is None:
            self._set_image(QImage(str(image_path)))
        else:  # QImage, unlike QPixmap, may be made off the GUI thread
            runner.run(lambda _p, _c: QImage(str(image_path)), self._set_image, self._failed)

    def _accepted(self, accept: Callable[[], None]) -> None:
        accept()
        if self.accept_button is not None:
            self.accept_button.setEnabled(False)
            self.accept_button.setText(self.tr("已确认"))

    def _failed(self, _error: Any) -> None:
        self._set_image(QImage())

    def _set_image(self, image: QImage) -> None:
        if not isValid(self.image):  # the viewer went away while the image was read
            return
        self._pixmap = QPixmap.fromImage(image) if not image.isNull() else QPixmap()
        if self._pixmap.isNull():
            self.image.setText(self.tr("图像文件缺失"))
        else:
            self._scale()

    def _scale(self) -> None:
        self.image.setPixmap(self._pixmap.scaled(self.image.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                                 Qt.TransformationMode.SmoothTransformation))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._pixmap.isNull():
            self._scale()
