"""The progress window of long tasks.

Not a QProgressDialog on purpose: a modal QProgressDialog calls processEvents() from setValue(), so
every progress report re-entered the event loop – callbacks of finished tasks then ran nested inside a
progress update, and under load a test could hang closing the dialog. The work runs in a thread
anyway, so this dialog only has to show what it is told and say when the user cancels.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QProgressBar, QVBoxLayout, QWidget


class TaskProgressDialog(QDialog):
    canceled = Signal()

    def __init__(self, title: str, cancel_text: str, parent: QWidget | None = None,
                 min_duration_ms: int = 400) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(380)
        layout = QVBoxLayout(self)
        self.label = QLabel(title, self)
        self.label.setWordWrap(True)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)  # busy until a total is known
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        self._canceled = False
        self._finished = False
        if cancel_text:
            buttons = QDialogButtonBox(self)
            buttons.addButton(cancel_text, QDialogButtonBox.ButtonRole.RejectRole)
            buttons.rejected.connect(self.reject)
            layout.addWidget(buttons)
        # Quick work never flashes a window: show only if still running after a moment.
        QTimer.singleShot(min_duration_ms, self, self._show_if_running)

    def _show_if_running(self) -> None:
        if not self._finished:
            self.show()

    def set_progress(self, done: int, total: int, message: str) -> None:
        if self._finished:
            return
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        if message:
            self.label.setText(message)

    def reject(self) -> None:
        """Cancel button, Esc or the window's close box: ask the task to stop (it says when it has)."""
        if not self._canceled and not self._finished:
            self._canceled = True
            self.label.setText(self.tr("正在取消…"))
            self.canceled.emit()

    def finish(self) -> None:
        self._finished = True
        self.hide()
        self.deleteLater()
