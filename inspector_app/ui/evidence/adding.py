"""Adding photos from the GUI: the target is checked (``queries.evidence.check_photo_target``) and the
files are ingested (``photos.ingest.iter_ingest`` on the process pool; one image from the clipboard or
the camera with ``ingest_bytes``), each with its print copy for the sheets, by ``TaskRunner.run`` – with
progress and cancel for files – and each accepted photo is attached by the operation
``ops.evidence.attach_photo`` on the runner's serial writer thread, in the order given, so a long import
never holds the database writer. While a batch runs, its inspection is marked as having photos in
processing (``photos.processing``) until the last one is attached: a print asked for meanwhile waits for
them. Each attach announces its changes, from which the gallery rereads its rows. Whatever could not be
used is listed by file name with the reason in a summary dialog; the rest is added."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QIODevice, QMimeData, QObject, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from inspector_app.domain.errors import Cancelled
from inspector_app.domain.progress import CancelToken
from inspector_app.photos import processing
from inspector_app.photos.ingest import (
    IngestedPhoto,
    IngestOptions,
    IngestResult,
    PhotoRejected,
    collect_image_paths,
    ingest_bytes,
    iter_ingest,
)
from inspector_app.photos.store import PhotoStore
from inspector_app.services.ops import evidence as ops
from inspector_app.services.ops.evidence import AddReport
from inspector_app.services.queries import evidence as queries
from inspector_app.storage.engine import Workspace
from inspector_app.ui.evidence.gallery import paths_from_mime
from inspector_app.ui.tasks import TaskRunner


@dataclass
class _Ingested:
    """What the ingest worker hands back: the files it rejected, and whether it was cancelled."""

    rejected: list[tuple[str, str]] = field(default_factory=list)
    cancelled: bool = False


@dataclass(frozen=True)
class Target:
    """Where new photos go: the inspection (both empty), a checklist item and/or a finding."""

    item_code: str = ""
    finding_id: int | None = None


def image_bytes(image: QImage, fmt: str = "PNG", quality: int = -1) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, fmt, quality)  # type: ignore[call-overload]  # the stubs say bytes; PySide wants str
    return bytes(buffer.data().data())


class AddSummaryDialog(QDialog):
    """What a batch did: counts, and each file that could not be used with the reason."""

    def __init__(self, report: AddReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("添加照片"))
        parts = [self.tr("已添加 {0} 张照片").format(len(report.added))]
        if report.duplicates:
            parts.append(self.tr("{0} 张已在本检查中，未重复添加").format(len(report.duplicates)))
        if report.rejected:
            parts.append(self.tr("{0} 个文件无法使用").format(len(report.rejected)))
        if report.cancelled:
            parts.append(self.tr("已取消，其余文件未处理"))
        self.summary = QLabel(self.tr("，").join(parts))
        self.summary.setWordWrap(True)
        self.table = QTableWidget(len(report.rejected), 2)
        self.table.setHorizontalHeaderLabels([self.tr("文件"), self.tr("原因")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        for row, (name, reason) in enumerate(report.rejected):
            self.table.setItem(row, 0, QTableWidgetItem(name))
            self.table.setItem(row, 1, QTableWidgetItem(reason))
        self.table.setVisible(bool(report.rejected))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(620, 320 if report.rejected else 120)

    def rejected_names(self) -> list[str]:
        return [item.text() for r in range(self.table.rowCount()) if (item := self.table.item(r, 0)) is not None]


class PhotoAdder(QObject):
    """Runs the adding for one inspection; ``added`` carries the new photo ids once they are stored
    (the gallery itself rereads from the changes the runner announces)."""

    added = Signal(list)  # list[int]
    reported = Signal(object)  # AddReport (also for image adds: one entry)

    def __init__(self, workspace: Workspace, inspection_id: int, runner: TaskRunner, actor: str,
                 parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self.workspace = workspace
        self.inspection_id = inspection_id
        self.runner = runner
        self.actor = actor
        self.widget = parent_widget
        self.store = PhotoStore(workspace.photo_dir)
        self.last_report: AddReport | None = None
        self.summary_dialog: AddSummaryDialog | None = None
        self.workers: int | None = None  # None: one per core
        self.cancel_token: CancelToken | None = None  # of the batch being added (the dialog's Cancel sets it)

    def add_paths(self, paths: list[Path], target: Target = Target()) -> None:
        """Files and folders: checked and ingested on a worker (progress, cancel), each accepted photo
        attached on the writer thread in the order given, then one summary."""
        if not paths:
            return
        workspace, store, inspection_id, workers = self.workspace, self.store, self.inspection_id, self.workers
        attached = AddReport()  # filled on the GUI thread, one attach at a time
        state: dict[str, Any] = {}  # the worker's place in the input order, and its processing.Batch

        def ingest(progress: Any, cancel: CancelToken) -> _Ingested:
            # a read: wrong targets fail before any work
            stamp = queries.check_photo_target(workspace, inspection_id, item_code=target.item_code,
                                               finding_id=target.finding_id)
            files = collect_image_paths(paths)
            outcome = _Ingested()
            # printing waits for this batch until its last photo is attached or refused (on the writer)
            batch = processing.begin(workspace.root / processing.FOLDER, inspection_id, len(files))
            state["batch"] = batch
            progress(0, len(files), "")
            finished: dict[int, IngestResult] = {}
            state["next"] = 0

            def hand_over() -> None:  # in input order, so that positions follow the order given
                while state["next"] in finished:
                    result = finished.pop(state["next"])
                    state["next"] += 1
                    if result.photo is None:
                        outcome.rejected.append((result.name, result.reason or "?"))
                        batch.advance()
                    else:
                        self.runner.write(self._attach_work(result.photo, target, batch), attached.merge,
                                          attach_failed, initiator=self)

            try:
                stream = iter_ingest(files, store, cancel=cancel, workers=workers,
                                     options=IngestOptions(print_stamp=stamp))
                for done, (index, result) in enumerate(stream, start=1):
                    finished[index] = result
                    hand_over()
                    progress(done, len(files), result.name)
            except Cancelled:
                outcome.cancelled = True
                for index in sorted(finished):
                    state["next"] = index
                    hand_over()
            return outcome

        def attach_failed(error: BaseException) -> None:
            attached.rejected.append((self.tr("（全部）"), str(error)))

        def close_batch(_p: Any, _c: Any) -> None:  # on the writer, after every attach queued before it
            if "batch" in state:
                state["batch"].close()

        def ingested(outcome: _Ingested) -> None:
            def summarise(_value: Any) -> None:  # runs after every attach queued before it
                report = AddReport(cancelled=outcome.cancelled)
                report.merge(attached)
                report.rejected[:0] = outcome.rejected
                self._done(report)

            self.runner.write(close_batch, summarise, self._failed)

        def failed(error: BaseException) -> None:
            self.runner.write(close_batch)
            self._failed(error)

        self.cancel_token = self.runner.run(ingest, ingested, failed, title=self.tr("正在添加照片…"),
                                            parent=self.widget)

    def _attach_work(self, photo: IngestedPhoto, target: Target, batch: processing.Batch | None = None) -> Any:
        """The writer's part: one photo attached by the operation (a report of one entry; a target that
        became wrong meanwhile is a rejected entry, not an error), then counted as processed."""
        workspace, inspection_id, actor = self.workspace, self.inspection_id, self.actor

        def attach(_p: Any, _c: Any) -> AddReport:
            try:
                return ops.attach_photo(workspace, inspection_id, photo, actor, item_code=target.item_code,
                                        finding_id=target.finding_id)
            finally:
                if batch is not None:
                    batch.advance()

        return attach

    def add_image(self, image: QImage, name: str = "", target: Target = Target(),
                  fmt: str = "PNG") -> None:
        """A pasted or captured image (PNG keeps a screenshot sharp; the camera gives JPEG): decoded
        on a worker, attached on the writer thread. Its capture time is EXIF or now."""
        if image.isNull():
            return
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        ext = "jpg" if fmt.upper() in ("JPG", "JPEG") else "png"
        name = name or self.tr("剪贴板-{0}.{1}").format(stamp, ext)
        quality = 92 if ext == "jpg" else -1
        image = QImage(image)  # a (shared, copy-on-write) handle of our own for the worker
        workspace, store, inspection_id = self.workspace, self.store, self.inspection_id

        def ingest(_progress: Any, _cancel: Any) -> IngestedPhoto | tuple[str, str]:
            stamp = queries.check_photo_target(workspace, inspection_id, item_code=target.item_code,
                                               finding_id=target.finding_id)
            # Encoded here, not on the GUI thread (QImage may be used on any thread): a 1920×1080
            # screenshot as PNG took 161 ms, a 12-megapixel camera JPEG 192 ms.
            data = image_bytes(image, fmt, quality)
            try:
                return ingest_bytes(data, name, store, IngestOptions(print_stamp=stamp),
                                    fallback_time=datetime.now().astimezone().replace(microsecond=0))
            except PhotoRejected as exc:
                return (name, exc.reason)

        def ingested(result: IngestedPhoto | tuple[str, str]) -> None:
            if isinstance(result, tuple):
                report = AddReport()
                report.rejected.append(result)
                self._done(report)
                return

            self.runner.write(self._attach_work(result, target), self._done, self._failed, initiator=self)

        self.runner.run(ingest, ingested, self._failed)

    def add_mime(self, mime: QMimeData, target: Target = Target()) -> bool:
        """Paste: file and folder URLs, else image data. False when the clipboard holds neither."""
        paths = paths_from_mime(mime)
        if paths:
            self.add_paths(paths, target)
            return True
        if mime.hasImage():
            image = QImage(mime.imageData())
            if not image.isNull():
                self.add_image(image, target=target)
                return True
        return False

    def _done(self, report: AddReport) -> None:
        self.last_report = report
        self.reported.emit(report)
        ids = [a.photo_id for a in report.added]
        if ids or report.duplicates:
            self.added.emit(ids)
        if report.rejected or report.cancelled or report.duplicates:
            self._show_summary(report)

    def _show_summary(self, report: AddReport) -> None:
        if self.summary_dialog is not None:
            self.summary_dialog.close()
        self.summary_dialog = AddSummaryDialog(report, self.widget)
        self.summary_dialog.open()

    def _failed(self, error: BaseException) -> None:
        report = AddReport()
        report.rejected.append((self.tr("（全部）"), str(error)))
        self.last_report = report
        self.reported.emit(report)
        self._show_summary(report)
