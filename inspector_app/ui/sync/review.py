"""The supervisor's 退回修改 dialog: the comment (required) that goes back to the inspector with the next
bundle and becomes the audited reason. The review itself is ``services.ops.review`` (``accept`` /
``return_for_correction``), run by ``SyncActions`` on the writer – the same operation the CLI calls."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget


class ReturnDialog(QDialog):
    """Asks for the comment that goes back to the inspector; OK only once something is written."""

    def __init__(self, enterprise: str, parent: QWidget | None = None, previous: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("ReturnDialog")
        self.enterprise = enterprise
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.comment = QPlainTextEdit(previous)
        self.comment.textChanged.connect(self._update)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.comment, 1)
        layout.addWidget(self.buttons)
        self.resize(560, 320)
        self.retranslate()
        self._update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("退回修改"))
        self.intro.setText(self.tr("把“%1”的检查退回给检查人员修改。请写明需要修改或补充的内容（必填），"
                                   "这段意见会随数据包发给检查人员，并记入审计记录。").replace("%1", self.enterprise))
        self.comment.setPlaceholderText(self.tr("例如：第 B2 项证据不足，请补充现场照片"))
        self.ok.setText(self.tr("退回"))

    def _update(self) -> None:
        self.ok.setEnabled(bool(self.text()))

    def text(self) -> str:
        return self.comment.toPlainText().strip()
