"""The evidence panel: the gallery of an inspection's photos with everything that adds, edits and
views them. It changes photos through ``services.ops.evidence`` on the runner's writer thread and reads
them through ``services.queries.evidence``; it rereads them whenever an operation – its own or anyone
else's – announces changed photos (or findings, which photos point at) of its inspection.

Scopes (the combo above the gallery): the current checklist item (default), every photo, the photos
on the inspection itself, or one finding's. New photos go to what is shown: the item, the finding,
or the inspection. ``photosChanged(set[str])`` tells the editor which items now have photos.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication, QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from inspector_app.photos.store import PhotoStore
from inspector_app.services.changes import ChangeKind, Changes
from inspector_app.services.ops import evidence as ops
from inspector_app.services.ops import plausibility as plausibility_ops
from inspector_app.services.queries import evidence as queries
from inspector_app.services.queries.evidence import PhotoRow
from inspector_app.storage.engine import Workspace
from inspector_app.ui import file_dialogs
from inspector_app.ui.evidence import gallery as gallery_module
from inspector_app.ui.evidence.adding import PhotoAdder, Target
from inspector_app.ui.evidence.camera import CameraDialog, available_cameras
from inspector_app.ui.evidence.data import derived_path
from inspector_app.ui.evidence.gallery import GalleryModel, GalleryView, Scope
from inspector_app.ui.evidence.markup_dialog import MarkupDialog
from inspector_app.ui.evidence.plausibility import PlausibilityBar, reason_lines
from inspector_app.ui.evidence.thumbnails import ThumbnailCache
from inspector_app.ui.evidence.viewer import PhotoViewer
from inspector_app.ui.tasks import TaskRunner

SHORTCUT = Qt.ShortcutContext.WidgetWithChildrenShortcut
IMAGE_FILTER = "*.jpg *.jpeg *.jpe *.png *.heic *.heif *.hif"


class EvidencePanel(QWidget):
    photosChanged = Signal(set)  # item codes that have at least one photo (directly or via a finding)

    def __init__(self, workspace: Workspace, inspection_id: int, runner: TaskRunner, actor: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace, self.inspection_id, self.runner, self.actor = workspace, inspection_id, runner, actor
        self.store = PhotoStore(workspace.photo_dir)
        self.thumbs = ThumbnailCache(parent=self)
        thumbs = self.thumbs
        self.destroyed.connect(lambda *_a: thumbs.stop())
        self.model = GalleryModel(self.store, self.thumbs, self)
        self.view = GalleryView()
        self.view.setModel(self.model)
        self.adder = PhotoAdder(workspace, inspection_id, runner, actor, self)
        self.current_item = ""
        self.locked = False
        self._findings: list[tuple[int, str, str]] = []  # (id, label, item code)
        self.message_box: QMessageBox | None = None
        self.dialog: Any = None  # the markup / viewer / camera dialog last opened
        self._reading = False  # a read of the rows is queued on the writer
        self._stale = False  # ... and photos changed after it was queued: read once more
        runner.changed.connect(self._on_changes)
        gallery_module.retranslate_marks(self.tr("前"), self.tr("后"), self.tr("标"))
        self.model.set_scope(("item", ""))  # the current item's photos first
        self._build()
        self.setAcceptDrops(True)
        self.reload()  # on the writer: 500 photos take ~10 ms (up to 40) to read on the 10,000/50,000 workspace

    # -- construction ----------------------------------------------------------------------
    def _build(self) -> None:
        self.scope_box = QComboBox()
        self.scope_box.currentIndexChanged.connect(self._scope_changed)
        self.count = QLabel()
        self.count.setStyleSheet("color: #607d8b;")
        self.add_button = QToolButton()
        self.add_button.setText(self.tr("添加照片"))
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.add_button.clicked.connect(self.choose_files)
        menu = QMenu(self.add_button)
        menu.addAction(self.tr("选择文件…"), self.choose_files)
        menu.addAction(self.tr("添加文件夹…"), self.choose_folder)
        menu.addAction(self.tr("从剪贴板粘贴 (Ctrl+V)"), self.paste)
        menu.addAction(self.tr("用摄像头拍照…"), self.capture)
        self.add_button.setMenu(menu)
        self.markup_button = QPushButton(self.tr("标注…"))
        self.markup_button.clicked.connect(lambda: self.open_markup())
        self.more_button = QToolButton()
        self.more_button.setText(self.tr("更多"))
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        more = QMenu(self.more_button)
        self.view_action = more.addAction(self.tr("查看大图 (Enter)"), self.open_viewer)
        self.pair_action = more.addAction(self.tr("配对为整改前/后"), self.pair_selected)
        self.unpair_action = more.addAction(self.tr("取消配对"), self.unpair_selected)
        self.remove_action = more.addAction(self.tr("移出本检查 (Delete)"), lambda: self.remove_selected())
        self.more_button.setMenu(more)
        self.caption = QLineEdit()
        self.caption.setPlaceholderText(self.tr("照片说明（回车保存）"))
        self.caption.editingFinished.connect(self._caption_edited)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setStyleSheet("color: #455a64;")
        self.target_hint = QLabel()
        self.target_hint.setStyleSheet("color: #78909c;")
        self.plausibility_bar = PlausibilityBar()
        self.plausibility_bar.acceptRequested.connect(self.accept_warnings)

        top = QHBoxLayout()  # one row, so that a 700-pixel-high screen keeps a row of thumbnails in view
        top.setSpacing(4)
        self.scope_box.setMinimumContentsLength(6)
        self.scope_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        top.addWidget(self.scope_box, 1)
        for widget in (self.add_button, self.markup_button, self.more_button, self.count):
            top.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(3)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.plausibility_bar)
        layout.addWidget(self.caption)
        layout.addWidget(self.details)
        layout.addWidget(self.target_hint)

        self.view.filesDropped.connect(lambda paths: self.add_paths(paths))
        self.view.imageDropped.connect(lambda image: self.add_image(image))
        self.view.moveRequested.connect(self.move_photos)
        self.view.doubleClicked.connect(lambda _i: self.open_viewer())
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        self.model.modelReset.connect(self._selection_changed)
        for keys, slot in ((QKeySequence.StandardKey.Paste, self.paste), ("Delete", lambda: self.remove_selected()),
                           ("Return", self.open_viewer), ("F2", self.caption.setFocus)):
            QShortcut(QKeySequence(keys), self.view, slot, context=Qt.ShortcutContext.WidgetShortcut)
        self._fill_scopes()

    def _fill_scopes(self) -> None:
        current = self.model.scope
        self.scope_box.blockSignals(True)
        self.scope_box.clear()
        self.scope_box.addItem(self.tr("当前检查项的照片"), ("item", None))
        self.scope_box.addItem(self.tr("全部照片"), ("all", None))
        self.scope_box.addItem(self.tr("未关联检查项的照片"), ("inspection", None))
        for finding_id, label, _code in self._findings:
            self.scope_box.addItem(self.tr("隐患：{0}").format(label), ("finding", finding_id))
        wanted = ("item", None) if current[0] == "item" else current
        index = next((i for i in range(self.scope_box.count()) if tuple(self.scope_box.itemData(i)) == wanted), 0)
        self.scope_box.setCurrentIndex(index)
        self.scope_box.blockSignals(False)
        self._scope_changed(self.scope_box.currentIndex())

    # -- what is shown ---------------------------------------------------------------------
    def set_current_item(self, code: str) -> None:
        self.current_item = code
        if self.model.scope[0] == "item":
            self.model.set_scope(("item", code))
            self._update_hint()

    def set_findings(self, findings: Sequence[tuple[int, str, str]]) -> None:
        """(database id, short label, item code) of the stored findings, for the scope combo."""
        if list(findings) != self._findings:
            self._findings = list(findings)
            self._fill_scopes()

    def set_locked(self, locked: bool) -> None:
        self.locked = locked
        self._selection_changed()
        self._update_hint()

    def set_scope(self, scope: Scope) -> None:
        for i in range(self.scope_box.count()):
            kind, value = self.scope_box.itemData(i)
            if kind == scope[0] and (kind == "item" or value == scope[1]):
                self.scope_box.setCurrentIndex(i)
                return

    def _scope_changed(self, index: int) -> None:
        data = self.scope_box.itemData(index)
        if data is None:
            return
        kind, value = data
        self.model.set_scope((kind, self.current_item) if kind == "item" else (kind, value))
        self._update_hint()

    def target(self) -> Target:
        kind, value = self.model.scope
        if kind == "item" and value:
            return Target(item_code=value)
        if kind == "finding":
            code = next((c for fid, _l, c in self._findings if fid == value), "")
            return Target(item_code=code, finding_id=value)
        return Target()

    def _update_hint(self) -> None:
        target = self.target()
        if target.finding_id is not None:
            where = self.tr("隐患 {0}").format(next((lab for fid, lab, _c in self._findings if fid == target.finding_id), ""))
        elif target.item_code:
            where = self.tr("检查项 {0}").format(target.item_code)
        else:
            where = self.tr("本次检查（不关联检查项）")
        if self.locked and target.finding_id is None and not self._findings:  # no 隐患：… to choose
            self.target_hint.setText(self.tr("检查已锁定，照片只能查看"))
        elif self.locked and target.finding_id is None:
            self.target_hint.setText(self.tr("检查已锁定，照片只能查看；隐患的整改照片可选“隐患：…”后添加"))
        else:
            self.target_hint.setText(self.tr("新照片添加到：{0}；可拖入文件或文件夹").format(where))
        self.count.setText(self.tr("{0} / {1} 张").format(self.model.rowCount(), len(self.model.all_rows())))

    @Slot(object, object)
    def _on_changes(self, changes: Changes, _initiator: object) -> None:
        """Photos of this inspection changed (removing a finding unlinks its photos): read them again."""
        if changes.touches_inspection(self.inspection_id) and changes.has(ChangeKind.PHOTOS, ChangeKind.FINDINGS):
            self.reload()

    def reload(self) -> None:
        """Re-read the photos on the writer thread, after the writes queued before this; the rows are
        shown when they arrive (``photosChanged`` then tells the editor which items have photos). While
        one read is queued, further changes (a batch of photos arriving) ask for one more read only."""
        if self._reading:
            self._stale = True
            return
        self._reading, self._stale = True, False
        workspace, inspection_id = self.workspace, self.inspection_id
        self.runner.write(lambda _p, _c: queries.photo_rows(workspace, inspection_id), self._loaded,
                          self._load_failed)

    def _loaded(self, rows: list[PhotoRow]) -> None:
        self._reading = False
        self._show(rows)
        if self._stale:
            self.reload()

    def _load_failed(self, error: BaseException) -> None:
        """A read that failed is reported, not retried (``_failed`` reloads, which would loop)."""
        self._reading = False
        self._message(self.tr("照片"), self.tr("操作未完成：{0}").format(error))

    def _show(self, rows: list[PhotoRow]) -> None:
        selected = self.view.selected_ids()
        self.model.set_rows(rows)
        for photo_id in selected[-1:]:
            self.view.select_id(photo_id)
        self._update_hint()
        self.announce_photos()

    def announce_photos(self) -> None:
        """Emit ``photosChanged`` with the item codes that have photos among the rows read so far."""
        rows = self.model.all_rows()
        finding_items = {fid: code for fid, _l, code in self._findings}
        codes = {r.item_code for r in rows if r.item_code}
        codes |= {finding_items.get(r.finding_id, "") for r in rows if r.finding_id is not None} - {""}
        self.photosChanged.emit(codes)

    def current(self) -> PhotoRow | None:
        ids = self.view.selected_ids()
        if not ids:
            index = self.view.currentIndex()
            return self.model.row_at(index.row()) if index.isValid() else None
        return self.model.photo(ids[-1])

    def _selection_changed(self) -> None:
        row = self.current()
        count = len(self.view.selected_ids())
        editable = not self.locked
        self.markup_button.setEnabled(row is not None and (editable or row.finding_id is not None))
        self.view_action.setEnabled(row is not None)
        self.pair_action.setEnabled(count == 2)
        self.unpair_action.setEnabled(row is not None and row.pair_id is not None)
        self.remove_action.setEnabled(row is not None and editable)
        self.add_button.setEnabled(editable or self.target().finding_id is not None)
        self.caption.setEnabled(row is not None and (editable or row.finding_id is not None))
        self.caption.setText(row.caption if row else "")
        self.details.setText(self.describe(row) if row else self.tr("选中一张照片可查看拍摄时间、位置和相机"))
        self.plausibility_bar.show_check(row.id if row else None, row.check if row else None, self._may_accept(row))

    def describe(self, row: PhotoRow) -> str:
        source = self.tr("EXIF") if row.time_source == "exif" else self.tr("设备时钟，可能不准")
        role = ""
        if row.role:
            role = "  " + (self.tr("整改前照片") if row.role == "before" else self.tr("整改后照片"))
        return "\n".join([
            self.tr("拍摄：{0}（{1}）").format(row.captured_text or self.tr("未知"), source) + role,
            self.tr("GPS：{0}").format(row.gps_text or self.tr("无")) + "　"
            + self.tr("相机：{0}").format(row.camera or self.tr("未知")),
            f"{row.file_name}  {row.width}×{row.height}  SHA-256 {row.sha256[:12]}…", *reason_lines(row.check)])

    # -- adding ----------------------------------------------------------------------------
    def _can_add(self) -> bool:
        if self.locked and self.target().finding_id is None:
            self._message(self.tr("添加照片"), self.tr("检查已锁定，不能再添加照片。整改照片请先在上方选择对应的隐患。"))
            return False
        return True

    def add_paths(self, paths: Sequence[Path]) -> None:
        if self._can_add():
            self.adder.add_paths([Path(p) for p in paths], self.target())

    def add_image(self, image: QImage, name: str = "", fmt: str = "PNG") -> None:
        if self._can_add():
            self.adder.add_image(image, name, self.target(), fmt)

    def add_mime(self, mime: QMimeData) -> bool:
        return self._can_add() and self.adder.add_mime(mime, self.target())

    def choose_files(self) -> None:
        files = file_dialogs.open_files(self, "photos", self.tr("添加照片"),
                                        self.tr("照片 ({0});;所有文件 (*)").format(IMAGE_FILTER))
        self.add_paths([Path(f) for f in files])

    def choose_folder(self) -> None:
        folder = file_dialogs.folder(self, "photos", self.tr("添加文件夹中的照片"))
        if folder:
            self.add_paths([Path(folder)])

    def paste(self) -> None:
        if not self._can_add():
            return
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None or not self.adder.add_mime(mime, self.target()):
            self._message(self.tr("粘贴照片"), self.tr("剪贴板中没有图片或图片文件。"))

    def capture(self) -> None:
        devices = available_cameras()
        if not devices:
            self._message(self.tr("拍照"), self.tr("没有找到可用的摄像头。可以用手机拍照后把照片拖到这里或通过“添加照片”导入。"))
            return
        dialog = CameraDialog(devices, self)
        dialog.captured.connect(lambda image: self.add_image(image, fmt="JPEG"))
        self.dialog = dialog
        dialog.open()

    def _message(self, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.message_box = box
        box.open()

    def dragEnterEvent(self, event: Any) -> None:
        self.view.dragEnterEvent(event)

    def dropEvent(self, event: Any) -> None:
        self.view.dropEvent(event)

    # -- editing ---------------------------------------------------------------------------
    def _write(self, job: Any) -> None:
        """Queue an operation (``job()`` → ``Changes``) on the writer; the panel rereads its rows when
        the runner announces the changes."""
        self.runner.write(lambda _p, _c: job(), None, self._failed, initiator=self)

    def _failed(self, error: BaseException) -> None:
        self._message(self.tr("照片"), self.tr("操作未完成：{0}").format(error))
        self.reload()

    def _caption_edited(self) -> None:
        row = self.current()
        text = self.caption.text().strip()
        if row is not None and text != row.caption:
            self.set_caption(row.id, text)

    def set_caption(self, photo_id: int, text: str) -> None:
        self._write(lambda: ops.set_caption(self.workspace, photo_id, text, self.actor))

    def move_photos(self, ids: list[int], row: int) -> None:
        """Put ``ids`` before the photo shown at ``row`` (after the last shown one when past the end)."""
        shown = [r.id for r in self.model.rows()]
        order = [r.id for r in self.model.all_rows() if r.id not in ids]
        anchor = next((pid for pid in shown[row:] if pid not in ids), None)
        if anchor is not None:
            at = order.index(anchor)
        else:
            rest = [pid for pid in shown if pid not in ids]
            at = order.index(rest[-1]) + 1 if rest else len(order)
        new_order = order[:at] + list(ids) + order[at:]
        if new_order == [r.id for r in self.model.all_rows()]:
            return
        by_id = {r.id: r for r in self.model.all_rows()}
        self.model.set_rows([by_id[pid] for pid in new_order])  # at once; the reload confirms
        self._write(lambda: ops.reorder_photos(self.workspace, self.inspection_id, new_order, self.actor))

    def pair_selected(self) -> None:
        ids = self.view.selected_ids()
        if len(ids) != 2:
            return
        first, second = (self.model.photo(i) for i in ids)
        assert first is not None and second is not None
        if first.captured_at and second.captured_at and second.captured_at < first.captured_at:
            first, second = second, first
        self._write(lambda: ops.pair_photos(self.workspace, first.id, second.id, self.actor))

    def unpair_selected(self) -> None:
        row = self.current()
        if row is not None:
            self._write(lambda: ops.unpair_photo(self.workspace, row.id, self.actor))

    def remove_selected(self, confirm: bool = True) -> None:
        ids = self.view.selected_ids()
        if not ids or self.locked:
            return
        if confirm and QMessageBox.question(
                self, self.tr("移出照片"),
                self.tr("把选中的 {0} 张照片移出本检查？原始文件仍保留在照片库中，操作记入审计记录。").format(len(ids))) \
                != QMessageBox.StandardButton.Yes:
            return
        self._write(lambda: ops.remove_photos(self.workspace, ids, self.actor))

    def open_viewer(self) -> None:
        row = self.current()
        if row is None:
            return
        accept = (lambda: self.accept_warnings(row.id)) if row.check.open_warnings and self._may_accept(row) else None
        dialog = PhotoViewer(derived_path(self.store, row.shown_sha256), self.describe(row), self,
                             row.caption or row.file_name, self.runner, accept)
        self.dialog = dialog
        dialog.open()

    def open_markup(self, exec_dialog: bool = True) -> MarkupDialog | None:
        row = self.current()
        path = derived_path(self.store, row.display_sha256) if row else None
        if row is None or path is None:
            return None
        # The display copy is decoded here (~10 ms for 1600×1200 measured): the scene is built around it.
        dialog = MarkupDialog(path, row.markup_json, self, self.tr("标注：{0}").format(row.caption or row.file_name))
        dialog.accepted.connect(lambda: self.save_markup(row.id, dialog.shapes()))
        self.dialog = dialog
        if exec_dialog:
            dialog.exec()
        else:
            dialog.open()
        return dialog

    def _may_accept(self, row: PhotoRow | None) -> bool:
        """Warnings are accepted where the photo may be edited (rectification photos also when locked)."""
        return row is not None and (not self.locked or row.finding_id is not None)

    def accept_warnings(self, photo_id: int) -> None:
        """「确认无误」: accept the photo's warnings (audited); the gallery rereads when it is saved."""
        self._write(lambda: plausibility_ops.accept_warnings(self.workspace, photo_id, self.actor))

    def save_markup(self, photo_id: int, shapes: list[Any]) -> None:
        self._write(lambda: ops.save_markup(self.workspace, photo_id, shapes, self.actor))
