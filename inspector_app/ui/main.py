"""Start-up of the GUI: QApplication, settings, translators, logging and the error hook, the main window.

The window is shown first; the workspace is opened (migrations, with a backup) and the rows are read in
a worker right after, so that the window appears as early as possible (measured against a bare QMainWindow
in ``benchmarks/bench_gui.py``). ``INSPECTOR_STARTUP_PROBE=1`` prints ``shown <epoch> <cpu seconds>`` in the
first event-loop turn after ``show()``, ``settled …`` once ``after_show`` has finished setting up the desk
(icons, column widths, the detail pane's hidden parts) and ``loaded …`` once the rows are in, then quits
(used by the benchmark).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6 import QtWidgets
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from inspector_app.ui.i18n import ensure_cjk_font, install_translators
from inspector_app.ui.lazy import LazyModule
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.settings import APPLICATION, ORGANISATION, AppSettings
from inspector_app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from inspector_app import config
    from inspector_app.secrets import dbpassword
    from inspector_app.services.ops import store_gc
    from inspector_app.services.ops import workspace as workspace_ops
    from inspector_app.services.queries import desk as desk_queries
    from inspector_app.services.queries import sync as sync_queries
    from inspector_app.services.queries.sync import OwnSetup
    from inspector_app.storage import engine as storage_engine
    from inspector_app.storage.engine import Workspace
    from inspector_app.ui import errors, log_file
    from inspector_app.ui.first_run import start as first_run_start
else:  # the core is imported in the worker that opens the workspace, after the window is shown
    workspace_ops = LazyModule("inspector_app.services.ops.workspace")
    desk_queries = LazyModule("inspector_app.services.queries.desk")
    sync_queries = LazyModule("inspector_app.services.queries.sync")
    first_run_start = LazyModule("inspector_app.ui.first_run.start")
    storage_engine = LazyModule("inspector_app.storage.engine")
    dbpassword = LazyModule("inspector_app.secrets.dbpassword")  # an office database's password (keyring)
    log_file = LazyModule("inspector_app.ui.log_file")
    store_gc = LazyModule("inspector_app.services.ops.store_gc")
    config = LazyModule("inspector_app.config")  # platformdirs: after show, like the log file
    errors = LazyModule("inspector_app.ui.errors")

PROBE_ENV = "INSPECTOR_STARTUP_PROBE"


def make_application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Inspector")
    return app


def _probe(stage: str) -> None:
    if os.environ.get(PROBE_ENV):
        print(f"{stage} {time.time():.6f} {time.process_time():.6f}", flush=True)


def open_and_load(window: MainWindow, data_dir: Path, settings: AppSettings,
                  on_ready: Any = None, on_fatal: Any = None, first_run: Any = None) -> None:
    """Open the workspace and read the rows in a worker; then fill the window (and offer demo data).

    A workspace without a user yet (nobody signs in it: ``OwnSetup.has_user``) gets ``first_run(workspace,
    rows)`` instead – ``after_show`` passes the first-run wizard, which offers the demo itself – once per
    workspace folder. When the workspace cannot be opened the user gets a message, the window closes and
    ``on_fatal`` runs (``run`` passes one that ends the application with status 1)."""

    def work(_progress: Any, _cancel: Any) -> tuple[Workspace, list[dict[str, Any]], OwnSetup]:
        workspace = storage_engine.open_workspace(data_dir, password=dbpassword.lookup)
        workspace_ops.refresh_outcomes(workspace)  # deadlines that passed since the last start
        return workspace, desk_queries.desk_rows(workspace), sync_queries.own_setup(workspace)

    def done(result: tuple[Workspace, list[dict[str, Any]], OwnSetup]) -> None:
        workspace, rows, setup = result
        window.set_workspace(workspace)
        if window.sync is not None:  # where this workspace keeps its keys (the key file: asked when needed)
            window.sync.key_access.set_store(setup.key_store, setup.key_file)
        window.model.set_rows(rows)
        window.filter_bar.set_districts(window.model.distinct("district"))
        window._update_counts()
        window.rows_loaded.emit(len(rows))
        _probe("loaded")
        if os.environ.get(PROBE_ENV):
            QCoreApplication.quit()
            return
        if first_run is not None and not setup.has_user and not settings.first_run_offered(workspace.root):
            settings.mark_first_run_offered(workspace.root)
            settings.mark_demo_offered(workspace.root)  # the wizard's last page offers it
            first_run(workspace, len(rows))
        elif not rows and not settings.demo_offered(workspace.root):
            settings.mark_demo_offered(workspace.root)
            window.actions_.offer_demo()
        if on_ready is not None:
            on_ready()
        QTimer.singleShot(GC_DELAY_MS, window, lambda: collect_unused_images(window, workspace))

    def failed(error: BaseException) -> None:
        message, _details = errors.user_message(error)
        QtWidgets.QMessageBox.critical(window, QCoreApplication.translate("Startup", "无法打开工作区"),
                             QCoreApplication.translate("Startup", "工作区 %1 无法打开：\n\n%2")
                             .replace("%1", str(data_dir)).replace("%2", message))
        window.close()
        if on_fatal is not None:
            on_fatal()

    window.runner.run(work, done, failed)


GC_DELAY_MS = 60_000  # a minute after the rows are in: the first screens read the disk undisturbed


def collect_unused_images(window: MainWindow, workspace: Workspace) -> None:
    """At most once a week (``services.ops.store_gc.collect_if_due``), in a worker: remove the derived
    images no record uses any more (never an original, never a file younger than a day, never on the
    office's shared store). At start-up rather than after each import: the grace period needs the
    images of a day's imports and prints to have settled, and a weekly sweep finds a week's leftovers
    at once. A failure is only logged; the next start tries again."""

    def done(report: Any) -> None:
        if report is not None and report.removed:
            window.statusBar().showMessage(
                QCoreApplication.translate("Startup", "已清理 %1 个不再使用的派生图像（%2 MB）")
                .replace("%1", str(report.removed)).replace("%2", f"{report.removed_bytes / 1e6:.1f}"), 8000)

    window.runner.run(lambda _p, _c: store_gc.collect_if_due(workspace), done,
                      lambda error: logging.getLogger(__name__).warning("collecting unused images failed: %s", error))


def after_show(window: MainWindow, args: argparse.Namespace, settings: AppSettings, app: QApplication) -> None:
    """What start-up does once the window is on screen: the CJK font, logging and the error hook (they
    need the data folder), icons and column widths, then the workspace and its rows in a worker."""
    ensure_cjk_font()
    data_dir = config.resolve_data_dir(getattr(args, "data_dir", None))
    log_file.setup_logging(data_dir)
    errors.install_exception_hook()
    errors.before_report(lambda: save_pending(window))
    window.finish_setup()
    _probe("settled")
    # ``inspector-app gui FILE…`` (a bundle double-clicked in the file manager): import it once the rows are
    # in, with the usual progress and report – the same as 文件 → 导入数据包….
    files = [Path(f).absolute() for f in getattr(args, "files", None) or []]
    on_ready = (lambda: window.sync.run_import(files)) if files and window.sync is not None else None
    open_and_load(window, data_dir, settings, on_ready=on_ready, on_fatal=lambda: app.exit(1),
                  first_run=lambda workspace, rows: first_run_start.offer_first_run(window, workspace, rows))


def save_pending(window: MainWindow) -> None:
    """Before an error report: the open editors save what is typed but not yet saved, and the writer
    commits everything queued (the report then says truthfully that the edits before it are saved)."""
    for editor in window.editor_tabs.editors():
        flush = getattr(editor, "flush", None)
        if callable(flush):
            flush()
    window.runner.flush_writer(5.0)


def run(args: argparse.Namespace) -> int:
    app = make_application()
    settings = AppSettings()
    install_translators(getattr(args, "lang", None) or settings.language, app)

    runner = TaskRunner(app)
    window = MainWindow(runner, settings, defer_setup=True)
    if window.start_maximized:  # no saved size, and a 1366×768 (or smaller) screen
        window.showMaximized()
    else:
        window.show()
    QTimer.singleShot(0, lambda: _probe("shown"))
    QTimer.singleShot(0, lambda: after_show(window, args, settings, app))
    code = int(app.exec())
    runner.shutdown()
    if window.workspace is not None:
        window.workspace.close()
    return code
