"""帮助 → 关于: what Inspector is, and the versions to quote when asking for help – the app and its commit,
Qt, PySide6, Python, the operating system and the workspace's database schema revision (read in a worker
by the caller: ``services.queries.workspace.schema_revision``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inspector_app.ui.help.versions import as_text, versions


class AboutDialog(QDialog):
    def __init__(self, schema_revision: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("关于 Inspector"))
        self.rows = versions(schema_revision or self.tr("（未打开工作区）"))
        intro = QLabel(self.tr("<h3>Inspector</h3><p>安全生产标准化“回头看”现场检查工具。</p>"
                               "<p>离线工作：数据保存在本机工作区，通过签名数据包与市局交换。</p>"))
        intro.setWordWrap(True)
        form = QFormLayout()
        self.values: dict[str, QLabel] = {}
        for label, value in self.rows:
            shown = QLabel(value)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            shown.setWordWrap(True)
            form.addRow(label + self.tr("："), shown)
            self.values[label] = shown
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = QPushButton(self.tr("复制版本信息"))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(as_text(self.rows)))
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(560, 0)
