"""The templates page (``templates_page``) in a dialog, for every workspace (文件 → 检查表…,
``template_actions``): an inspector looks at the checklist before using it and prints the blank paper
forms. The dialog is the page's host (``OfficeHost``): the window's runner, workspace and actor; messages
in its own status line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from inspector_app.ui import errors
from inspector_app.ui.office.templates_page import TemplatesPage

if TYPE_CHECKING:
    from inspector_app.services.queries.office import OfficeInfo
    from inspector_app.storage.engine import Workspace
    from inspector_app.ui.desk_window import DeskWindow


class TemplatesDialog(QDialog):
    def __init__(self, window: DeskWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("templatesDialog")
        self.window_ = window
        self.runner = window.runner
        self.workspace: Workspace | None = window.workspace
        self.info: OfficeInfo | None = None
        self.page = TemplatesPage(self)
        self.status = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        bottom = QVBoxLayout()
        bottom.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page, 1)
        layout.addLayout(bottom)
        layout.addWidget(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("检查表"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def sizeHint(self) -> QSize:
        return QSize(1280, 720)

    # -- the page's host -------------------------------------------------------------------------
    @property
    def actor(self) -> str:
        return self.window_.settings.actor

    def open_inspection(self, inspection_id: int, title: str = "") -> None:
        self.window_.open_inspection(inspection_id, title)

    def message(self, text: str, timeout_ms: int = 5000) -> None:
        self.status.setText(text)
        self.window_.statusBar().showMessage(text, timeout_ms)

    def show_error(self, error: BaseException, title: str = "") -> None:
        errors.show_error(self, error, title)

    def offer_export(self, selected_id: int = 0) -> None:
        """Not offered here."""
