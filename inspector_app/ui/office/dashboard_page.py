"""进度看板: the campaign's progress in this office's area. Placeholder until the progress read model
(``services.queries.progress``) lands: it says 暂无数据."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from inspector_app.ui.office.page import OfficeHost, OfficePage

if TYPE_CHECKING:
    from inspector_app.storage.engine import Workspace


class DashboardPage(OfficePage):
    def __init__(self, host: OfficeHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("dashboardPage")
        self.empty = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.empty.setText(self.tr("暂无数据"))

    def read(self, workspace: Workspace, params: Any) -> None:
        return None

    def show_data(self, data: Any) -> None:
        return None
