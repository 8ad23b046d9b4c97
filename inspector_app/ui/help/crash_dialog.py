"""The dialog of an unexpected error: what was being done, that saved work is safe, a report to copy
(versions, the traceback) and the path of the log file, in Chinese (English with the English interface).

Opened with ``open()`` (nothing waits on it) and kept in ``last_dialog`` so that tests can read and close
it. The edits made before the error are already in the database: the editor writes each change as its own
operation on the runner's single writer thread, which commits it before the next one starts – and the
error hook lets the open editors save pending typing and waits for the writer before the dialog shows.
"""

from __future__ import annotations

import traceback
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from inspector_app.ui.help.versions import as_text, versions

last_dialog: CrashDialog | None = None


def report_text(error: BaseException, doing: str, log_path: Path | None) -> str:
    """What a support person needs: when, what was being done, the versions, the traceback, the log."""
    lines = [f"Inspector error report {datetime.now().isoformat(timespec='seconds')}",
             f"doing: {doing or '-'}", as_text(versions()), f"log: {log_path or '-'}", "",
             "".join(traceback.format_exception(error)).rstrip()]
    return "\n".join(lines)


class CrashDialog(QDialog):
    def __init__(self, error: BaseException, doing: str, log_path: Path | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(self.tr("程序遇到意外问题"))
        self.log_path = log_path
        self.report = report_text(error, doing, log_path)
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(48, 48))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        what = doing or self.tr("当前操作")
        self.message = QLabel(self.tr(
            "<p><b>“%1”没有完成。</b></p><p>出错之前的修改都已保存在工作区中，不会丢失；这一步操作没有保存。"
            "可以继续工作，也可以重新启动 Inspector 后再试。</p>"
            "<p>如果问题再次出现，请点“复制报告”，把报告发给信息化管理人员。</p>").replace("%1", what))
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addWidget(self.message, 1)
        self.details = QPlainTextEdit(self.report)
        self.details.setObjectName("crashReport")
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.log_label = QLabel(self.tr("日志文件：%1").replace(
            "%1", str(log_path) if log_path else self.tr("（日志文件不可用）")))
        self.log_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.log_label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("复制报告"))
        self.copy_button.clicked.connect(self.copy_report)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.folder_button = QPushButton(self.tr("打开日志文件夹"))
        self.folder_button.setEnabled(log_path is not None)
        self.folder_button.clicked.connect(self.open_log_folder)
        buttons.addButton(self.folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(QLabel(self.tr("错误报告（可复制）：")))
        layout.addWidget(self.details, 1)
        layout.addWidget(self.log_label)
        layout.addWidget(buttons)
        self.resize(720, 480)

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report)
        self.copy_button.setText(self.tr("已复制"))

    def open_log_folder(self) -> None:
        if self.log_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_path.parent)))


def _forget() -> None:
    global last_dialog
    last_dialog = None


def show_report(parent: QWidget | None, error: BaseException, doing: str, log_path: Path | None) -> CrashDialog:
    global last_dialog
    dialog = CrashDialog(error, doing, log_path, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    last_dialog = dialog
    dialog.destroyed.connect(_forget)
    dialog.open()
    return dialog
