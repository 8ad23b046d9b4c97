"""Adding photos from the GUI: files and folders (dialog, drop, pasted file URLs) go through
``services.photos.add_photos`` on a worker with progress and cancel; images from the clipboard or the
camera go through ``add_photo_bytes`` on the writer thread. Whatever could not be used is listed by
file name with the reason in a summary dialog, while the rest is added."""

from __future__ import annotations

from dataclasses import dataclass
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

from inspector_app.domain.errors import InspectorError
from inspector_app.services import photos as photo_service
from inspector_app.services.photos import AddReport
from inspector_app.storage.engine import Workspace
from inspector_app.ui.evidence.gallery import paths_from_mime
from inspector_app.ui.tasks import TaskRunner


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
    """Runs the adding for one inspection; ``added`` carries the new photo ids once they are stored."""

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
        self.store = photo_service.photo_store(workspace.photo_dir)
        self.last_report: AddReport | None = None
        self.summary_dialog: AddSummaryDialog | None = None
        self.workers: int | None = None  # None: one per core

    def add_paths(self, paths: list[Path], target: Target = Target()) -> None:
        if not paths:
            return
        sessions, store, inspection_id, actor = self.workspace.sessions, self.store, self.inspection_id, self.actor
        workers = self.workers

        def work(progress: Any, cancel: Any) -> AddReport:
            return photo_service.add_photos(sessions, store, inspection_id, list(paths), actor,
                                            item_code=target.item_code, finding_id=target.finding_id,
                                            progress=progress, cancel=cancel, workers=workers)

        self.runner.run(work, self._done, self._failed, title=self.tr("正在添加照片…"), parent=self.widget)

    def add_image(self, image: QImage, name: str = "", target: Target = Target(),
                  fmt: str = "PNG") -> None:
        """A pasted or captured image (PNG keeps a screenshot sharp; the camera gives JPEG)."""
        if image.isNull():
            return
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        ext = "jpg" if fmt.upper() in ("JPG", "JPEG") else "png"
        name = name or self.tr("剪贴板-{0}.{1}").format(stamp, ext)
        data = image_bytes(image, fmt, 92 if ext == "jpg" else -1)
        sessions, store, inspection_id, actor = self.workspace.sessions, self.store, self.inspection_id, self.actor

        def work(_progress: Any, _cancel: Any) -> AddReport:
            report = AddReport()
            with sessions() as session:
                try:
                    row, created = photo_service.add_photo_bytes(session, store, inspection_id, data, name, actor,
                                                                 item_code=target.item_code,
                                                                 finding_id=target.finding_id)
                except InspectorError as exc:  # PhotoRejected, a locked inspection, a wrong target
                    report.rejected.append((name, getattr(exc, "reason", str(exc))))
                    return report
                session.commit()
                entry = photo_service.AddedPhoto(name, row.id, duplicate=not created)
                (report.added if created else report.duplicates).append(entry)
            return report

        self.runner.write(work, self._done, self._failed)

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
