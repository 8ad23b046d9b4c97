"""The bridge between Qt and the Qt-free services (after Anki's CollectionOp and Picard's run_task).

* ``TaskRunner.run(fn, on_done=…)`` runs ``fn(progress, cancel)`` on a thread pool and brings the
  result (or the error) back to the GUI thread. With ``title`` set, a progress dialog with a Cancel
  button is shown after a short delay.
* Database writes go through ``TaskRunner.write(fn)``: a single serial writer thread, so writes never
  overlap and keep their order (SQLite has one writer anyway).
* Every finished task whose result is (or carries) ``services.changes.Changes`` is broadcast as
  ``changed(changes, initiator)`` before its ``on_done`` runs – Anki's ``operation_did_execute``. Screens
  connect to ``changed`` and refresh what the changes touch; ``initiator`` is the object that started the
  operation (an editor skips rereading its own edits). Nobody calls another screen's ``reload()``.
* ``InlineTaskRunner`` runs everything at once on the calling thread, for tests.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from concurrent import futures
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QObject, Qt, Signal, Slot

from inspector_app.domain.progress import CancelToken
from inspector_app.services.changes import changes_of
from inspector_app.ui.lazy import LazyModule

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

    from PySide6.QtWidgets import QWidget

    from inspector_app.ui import progress_dialog
    from inspector_app.ui.progress_dialog import TaskProgressDialog
else:  # a dialog, loaded when the first long task shows one
    progress_dialog = LazyModule("inspector_app.ui.progress_dialog")


log = logging.getLogger(__name__)
Work = Callable[[Callable[[int, int, str], None], CancelToken], Any]
Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class _Relay(QObject):
    """Lives on the GUI thread; worker threads emit, the GUI thread runs the callbacks."""

    finished = Signal(object, object, object)  # callback, value, error_callback-or-None
    progressed = Signal(object, int, int, str)

    def __init__(self) -> None:
        super().__init__()
        self.finished.connect(self._finish, Qt.ConnectionType.QueuedConnection)
        self.progressed.connect(self._progress, Qt.ConnectionType.QueuedConnection)

    @Slot(object, object, object)
    def _finish(self, callback: Callable[[Any], None] | None, value: Any, _unused: Any) -> None:
        if callback is not None:
            callback(value)

    @Slot(object, int, int, str)
    def _progress(self, dialog: TaskProgressDialog, done: int, total: int, message: str) -> None:
        dialog.set_progress(done, total, message)


class TaskRunner(QObject):
    """Runs work off the GUI thread; results and errors come back as callbacks on the GUI thread."""

    error = Signal(object)  # unhandled errors, for a central message box
    changed = Signal(object, object)  # Changes of a finished operation, its initiator (or None)

    def __init__(self, parent: QObject | None = None, workers: int = 2) -> None:
        super().__init__(parent)
        self._relay = _Relay()
        self._workers = workers
        self._pool_: ThreadPoolExecutor | None = None
        self._writer_: ThreadPoolExecutor | None = None
        self._pending = 0
        self._lock = threading.Lock()
        self._stopped = False  # after shutdown(): reads are dropped, writes still refuse loudly

    # The executors are made on first use (``futures.ThreadPoolExecutor`` loads its module then): work
    # the window does not need before it is shown (the first task is queued right after).
    @property
    def _pool(self) -> ThreadPoolExecutor:
        if self._pool_ is None:
            self._pool_ = futures.ThreadPoolExecutor(max_workers=self._workers, thread_name_prefix="inspector-task")
        return self._pool_

    @property
    def _writer(self) -> ThreadPoolExecutor:
        if self._writer_ is None:
            self._writer_ = futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="inspector-writer")
        return self._writer_

    def run(self, work: Work, on_done: Done | None = None, on_error: Failed | None = None,
            title: str = "", parent: QWidget | None = None, cancellable: bool = True,
            initiator: object = None) -> CancelToken:
        """Reads, and long work that commits in its own transactions (photos, bundles, sheets).

        After ``shutdown`` a read is dropped (a widget that outlived its window, rebuilt by a language
        change, asks for data nobody will see); a write still raises, so that no change is lost quietly."""
        if self._stopped:
            log.info("read after shutdown dropped%s", f" ({title})" if title else "")
            cancel = CancelToken()
            cancel.cancel()
            return cancel
        return self._submit(self._pool, work, on_done, on_error, title, parent, cancellable, initiator)

    def write(self, work: Work, on_done: Done | None = None, on_error: Failed | None = None,
              title: str = "", parent: QWidget | None = None, initiator: object = None) -> CancelToken:
        """An operation on the single writer thread: writes keep their order."""
        return self._submit(self._writer, work, on_done, on_error, title, parent, bool(title), initiator)

    def announce(self, result: Any, initiator: object = None) -> None:
        """Broadcast the changes a result carries (on the GUI thread)."""
        changes = changes_of(result)
        if changes:
            self.changed.emit(changes, initiator)

    def _submit(self, pool: ThreadPoolExecutor, work: Work, on_done: Done | None, on_error: Failed | None,
                title: str, parent: QWidget | None, cancellable: bool, initiator: object = None) -> CancelToken:
        cancel = CancelToken()
        dialog = self._dialog(title, parent, cancel, cancellable) if title else None

        def progress(done: int, total: int, message: str) -> None:
            if dialog is not None:
                self._relay.progressed.emit(dialog, done, total, message)

        def finished(future: Future[Any]) -> None:
            error = future.exception()
            if error is not None:
                log.error("task failed%s: %s", f" ({title})" if title else "",
                          "".join(traceback.format_exception(error)))
                if title:  # what was being done, for the report of an unexpected error (ui.errors)
                    error.inspector_task = title.rstrip("…")  # type: ignore[attr-defined]

            def deliver(_unused: Any) -> None:  # runs on the GUI thread
                # Counted down here on the GUI thread, just before the callback runs inside the same
                # event: wait_idle() (which processes events) therefore returns only after callbacks
                # ran, and a callback that itself waits for idleness does not wait for itself.
                with self._lock:
                    self._pending -= 1
                if dialog is not None:
                    dialog.finish()
                if error is None:
                    value = future.result()
                    self.announce(value, initiator)
                    if on_done is not None:
                        on_done(value)
                else:
                    (on_error or self.error.emit)(error)

            self._relay.finished.emit(deliver, None, None)

        with self._lock:
            self._pending += 1
        pool.submit(work, progress, cancel).add_done_callback(finished)
        return cancel

    def _dialog(self, title: str, parent: QWidget | None, cancel: CancelToken,
                cancellable: bool) -> TaskProgressDialog:
        dialog = progress_dialog.TaskProgressDialog(title, self.tr("取消") if cancellable else "", parent)
        dialog.canceled.connect(cancel.cancel)
        return dialog

    @property
    def stopped(self) -> bool:
        """True after ``shutdown``: widgets that outlive their window must not ask for more work."""
        return self._stopped

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def wait_idle(self, timeout_ms: int = 10000) -> bool:
        """Flush the writer and the pool (used at shutdown and in tests)."""
        deadline = QDeadlineTimer(timeout_ms)
        while self._pending and not deadline.hasExpired():
            QCoreApplication.processEvents()
            threading.Event().wait(0.005)
        QCoreApplication.processEvents()
        return not self._pending

    def flush_writer(self, timeout: float = 5.0) -> bool:
        """Block until the writer has run (and committed) every operation queued so far – before an error
        report, so that nothing the user did is only in a queue. Does not run callbacks."""
        if self._writer_ is None:
            return True
        try:
            self._writer_.submit(lambda: None).result(timeout)
        except futures.TimeoutError:
            return False
        return True

    def shutdown(self) -> None:
        self.wait_idle()
        self._stopped = True
        if self._writer_ is not None:
            self._writer_.shutdown(wait=True)
        if self._pool_ is not None:
            self._pool_.shutdown(wait=True, cancel_futures=True)


class InlineTaskRunner(TaskRunner):
    """Runs work immediately on the calling thread (tests): same callbacks, no threads."""

    def _submit(self, pool: ThreadPoolExecutor, work: Work, on_done: Done | None, on_error: Failed | None,
                title: str, parent: QWidget | None, cancellable: bool, initiator: object = None) -> CancelToken:
        cancel = CancelToken()
        try:
            value = work(lambda d, t, m: None, cancel)
        except Exception as exc:  # the same path a worker's error takes
            (on_error or self.error.emit)(exc)
        else:
            self.announce(value, initiator)
            if on_done is not None:
                on_done(value)
        return cancel

