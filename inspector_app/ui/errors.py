"""Errors as messages a non-programmer understands; tracebacks go to the log file, and to the screen only
inside the report of an unexpected error.

The core raises typed errors whose text is already written for people (in Chinese): they are shown as they
are. Anything else is an unexpected failure (``sys.excepthook`` on the GUI thread, or a worker's error that
reaches the runner's ``error`` path or ``show_error``): ``help.crash_dialog`` says what was being done, that
the edits before it are saved, gives a report to copy (versions, commit, OS, Python, Qt, the traceback)
and names the rotating log under the workspace's ``logs/``. Before it opens, the hooks registered with
``before_report`` run – start-up registers one that lets the open editors save pending typing and waits
for the runner's writer thread to commit what was queued.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from inspector_app.domain.errors import Cancelled, ImportFileError, InspectorError
from inspector_app.ui.lazy import LazyModule

if TYPE_CHECKING:
    from inspector_app.ui.help import crash_dialog
else:  # the dialog loads with the first unexpected error
    crash_dialog = LazyModule("inspector_app.ui.help.crash_dialog")

log = logging.getLogger("inspector_app")
_log_path: Path | None = None
_before_report: list[Callable[[], object]] = []


def log_path() -> Path | None:
    return _log_path


def before_report(hook: Callable[[], object]) -> None:
    """Run ``hook`` before an unexpected error's dialog opens (save what is pending); errors are logged."""
    _before_report.append(hook)


def is_unexpected(error: BaseException) -> bool:
    """Not one of the errors written for people: a bug, shown with a report."""
    return not isinstance(error, Cancelled | InspectorError | OSError)


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
    """A typed error as a message box; an unexpected one as the report dialog (``title``, else the task's
    title the runner attached, says what was being done)."""
    if is_unexpected(error):
        report_unexpected(parent, error, title or str(getattr(error, "inspector_task", "") or ""))
        return
    message, details = user_message(error)
    box = QMessageBox(QMessageBox.Icon.Information if isinstance(error, Cancelled) else QMessageBox.Icon.Warning,
                      title or QCoreApplication.translate("Errors", "出错了"), message, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setDetailedText(details)
    box.exec()


def report_unexpected(parent: QWidget | None, error: BaseException, doing: str = "") -> None:
    """Save what is pending (``before_report``), then show the report dialog."""
    for hook in list(_before_report):
        try:
            hook()
        except Exception:
            log.exception("a hook before the error report failed")
    crash_dialog.show_report(parent, error, doing, _log_path)


def _hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)
        return
    log.error("unhandled exception:\n%s", "".join(traceback.format_exception(kind, value, tb)))
    if QApplication.instance() is None:
        sys.__excepthook__(kind, value, tb)
        return
    try:
        if value.__traceback__ is None:
            value = value.with_traceback(tb)
        show_error(QApplication.activeWindow(), value)
    except Exception:  # the hook must never raise
        log.exception("could not show the error message")


def install_exception_hook() -> None:
    sys.excepthook = _hook
