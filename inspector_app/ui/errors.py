"""Errors as messages a non-programmer understands; tracebacks go to the log file, never to the screen.

The core raises typed errors whose text is already written for people (in Chinese); anything else is
an unexpected failure: the user sees a short apology and where the details were logged.
"""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from inspector_app.domain.errors import Cancelled, ImportFileError, InspectorError

log = logging.getLogger("inspector_app")
_log_path: Path | None = None


def remember_log_path(path: Path | None) -> None:
    """Where the log file is (``log_file.setup_logging``), named in the message of an unexpected error."""
    global _log_path
    _log_path = path


def user_message(error: BaseException) -> tuple[str, str]:
    """(message, details) for a dialog. Details list an import's row-precise problems."""
    if isinstance(error, Cancelled):
        return QCoreApplication.translate("Errors", "操作已取消，没有保存任何更改。"), ""
    if isinstance(error, ImportFileError):
        return str(error), "\n".join(error.problems)
    if isinstance(error, InspectorError):
        return str(error), ""
    if isinstance(error, OSError):
        return QCoreApplication.translate("Errors", "无法读写文件：%1").replace("%1", error.strerror or str(error)), ""
    where = str(_log_path) if _log_path else QCoreApplication.translate("Errors", "（日志文件不可用）")
    text = QCoreApplication.translate(
        "Errors", "程序遇到意外问题，当前操作没有完成。已保存的数据不受影响。\n详细信息已记录在：%1")
    return text.replace("%1", where), ""


def show_error(parent: QWidget | None, error: BaseException, title: str = "") -> None:

    message, details = user_message(error)
    box = QMessageBox(QMessageBox.Icon.Information if isinstance(error, Cancelled) else QMessageBox.Icon.Warning,
                      title or QCoreApplication.translate("Errors", "出错了"), message, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setDetailedText(details)
    box.exec()


def _hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)
        return
    log.error("unhandled exception:\n%s", "".join(traceback.format_exception(kind, value, tb)))
    if QApplication.instance() is None:
        sys.__excepthook__(kind, value, tb)
        return
    try:
        show_error(QApplication.activeWindow(), value)
    except Exception:  # the hook must never raise
        log.exception("could not show the error message")


def install_exception_hook() -> None:
    sys.excepthook = _hook
