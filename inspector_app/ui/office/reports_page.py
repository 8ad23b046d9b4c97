"""报告: the duties, filing and the reports filed and received. Placeholder until the reports operations
(``services.ops.reports``) land: it says 暂无数据."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from inspector_app.ui.office.page import OfficeHost, OfficePage

if TYPE_CHECKING:
    from inspector_app.storage.engine import Workspace


class ReportsPage(OfficePage):
    def __init__(self, host: OfficeHost, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.setObjectName("reportsPage")
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
