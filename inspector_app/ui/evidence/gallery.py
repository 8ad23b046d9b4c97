"""The photo gallery: a list model over ``PhotoRow``s, a delegate and an icon-mode list view.

* Thumbnails come from ``ThumbnailCache`` only when a cell is painted, so a 500-photo gallery loads
  the few dozen on screen; the others show a grey placeholder until they are scrolled to.
* The view takes drops of files, folders and images (``filesDropped`` / ``imageDropped``) and moves
  photos by dragging them inside it (``moveRequested``); it never writes anything itself.
* ``set_scope`` filters: every photo, one checklist item's, one finding's, or those on the inspection only.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QDragEnterEvent, QDragMoveEvent, QDropEvent, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from inspector_app.photos.store import PhotoStore
from inspector_app.services.queries.evidence import PhotoRow
from inspector_app.ui import glyphs
from inspector_app.ui.evidence import plausibility
from inspector_app.ui.evidence.data import derived_path
from inspector_app.ui.evidence.thumbnails import ThumbnailCache

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
MIME_IDS = "application/x-inspector-photo-ids"
CELL = QSize(150, 178)
THUMB = 132
Index = QModelIndex | QPersistentModelIndex

# Scopes: ("all", None), ("item", code), ("finding", id), ("inspection", None) – the last is photos
# attached to neither an item nor a finding.
Scope = tuple[str, Any]


def in_scope(row: PhotoRow, scope: Scope) -> bool:
    kind, value = scope
    if kind == "item":
        return bool(row.item_code == value)
    if kind == "finding":
        return bool(row.finding_id == value)
    if kind == "inspection":
        return not row.item_code and row.finding_id is None
    return True


class GalleryModel(QAbstractListModel):
    def __init__(self, store: PhotoStore, thumbs: ThumbnailCache, parent: Any = None) -> None:
        super().__init__(parent)
        self.store = store
        self.thumbs = thumbs
        self._all: list[PhotoRow] = []
        self._rows: list[PhotoRow] = []
        self._row_of: dict[int, int] = {}
        self._scope: Scope = ("all", None)
        thumbs.loaded.connect(self._thumb_loaded)

    # -- content ---------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[PhotoRow]) -> None:
        old = {r.id: r.thumb_sha256 for r in self._all}
        for row in rows:
            if old.get(row.id, row.thumb_sha256) != row.thumb_sha256:
                self.thumbs.forget(row.id)
        self._all = list(rows)
        self._refilter()

    def set_scope(self, scope: Scope) -> None:
        if scope != self._scope:
            self._scope = scope
            self._refilter()

    @property
    def scope(self) -> Scope:
        return self._scope

    def _refilter(self) -> None:
        self.beginResetModel()
        self._rows = [r for r in self._all if in_scope(r, self._scope)]
        self._row_of = {r.id: n for n, r in enumerate(self._rows)}
        self.endResetModel()

    def all_rows(self) -> list[PhotoRow]:
        return list(self._all)

    def rows(self) -> list[PhotoRow]:
        return list(self._rows)

    def row_at(self, row: int) -> PhotoRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, photo_id: int) -> int:
        return self._row_of.get(photo_id, -1)

    def photo(self, photo_id: int) -> PhotoRow | None:
        return next((r for r in self._all if r.id == photo_id), None)

    def thumbnail(self, row: PhotoRow) -> QPixmap | None:
        """The cached thumbnail, or None after asking for it to be loaded (only painted cells ask).
        The file is looked up (a folder listing, ~12 µs warm, more on a cold or slow disk) only when it
        is to be queued, not on every paint of a cell that is cached, failed or already queued."""
        thumbs = self.thumbs
        if thumbs.cached(row.id) or thumbs.failed(row.id) or thumbs.queued(row.id):
            return thumbs.pixmap(row.id, None)
        return thumbs.pixmap(row.id, derived_path(self.store, row.thumb_sha256))

    def _thumb_loaded(self, photo_id: int) -> None:
        row = self._row_of.get(photo_id)
        if row is not None:
            index = self.index(row)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    # -- Qt model --------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsDropEnabled
        if not index.isValid():
            return base
        return base | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return row.caption or row.file_name
        if role == Qt.ItemDataRole.DecorationRole:
            return self.thumbnail(row) or QPixmap()  # never None: PySide 6.12 mis-counts a None sent back to Python
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.describe(row)
        if role == ROW_ROLE:
            return row
        if role == ID_ROLE:
            return row.id
        return None

    def describe(self, row: PhotoRow) -> str:
        lines = [row.caption or row.file_name]
        if row.caption:
            lines.append(row.file_name)
        if row.captured_text:
            source = self.tr("EXIF") if row.time_source == "exif" else self.tr("设备时钟")
            lines.append(self.tr("拍摄时间：{0}（{1}）").format(row.captured_text, source))
        lines.append(self.tr("位置：{0}").format(row.gps_text) if row.gps_text else self.tr("位置：无 GPS"))
        if row.camera:
            lines.append(self.tr("相机：{0}").format(row.camera))
        lines.append(f"{row.width}×{row.height}，{row.size_bytes / 1048576:.1f} MB")
        return "\n".join(lines + plausibility.reason_lines(row.check))

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_IDS, "text/uri-list", "application/x-qt-image"]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids = sorted({int(i.data(ID_ROLE)) for i in indexes if i.isValid()}, key=self.row_of)
        mime = QMimeData()
        mime.setData(MIME_IDS, QByteArray(",".join(map(str, ids)).encode()))
        return mime


def ids_from_mime(mime: QMimeData) -> list[int]:
    raw = bytes(mime.data(MIME_IDS).data()).decode() if mime.hasFormat(MIME_IDS) else ""
    return [int(part) for part in raw.split(",") if part.strip().isdigit()]


def paths_from_mime(mime: QMimeData) -> list[Path]:
    """Local files and folders named by a drop or a paste (other URLs are ignored)."""
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile() and url.toLocalFile()]


class GalleryDelegate(QStyledItemDelegate):
    """A thumbnail (or a placeholder), the caption, and small marks: 前/后 pairing, 标 markup,
    ⚠ device-clock time."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return CELL

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        model = index.model()
        # Read the model directly: no QVariant round trip for each of hundreds of cells per frame.
        if not isinstance(model, GalleryModel):
            return
        row = model.row_at(index.row())
        if row is None:
            return
        painter.save()
        rect: QRect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.fillRect(rect.adjusted(2, 2, -2, -2), QColor("#bbdefb" if selected else "#fafafa"))
        box = QRect(rect.x() + (rect.width() - THUMB) // 2, rect.y() + 6, THUMB, THUMB)
        pixmap = model.thumbnail(row)
        if pixmap is None or pixmap.isNull():
            painter.fillRect(box, QColor("#e0e0e0"))
            painter.setPen(QColor("#9e9e9e"))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, "…")
        else:
            size = pixmap.size().scaled(box.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(box.x() + (box.width() - size.width()) // 2, box.y() + (box.height() - size.height()) // 2,
                           size.width(), size.height())
            painter.drawPixmap(target, pixmap)
        marks = []
        if row.role:
            marks.append((_ROLE_MARKS.get(row.role, "?"), "#2e7d32" if row.role == "after" else "#e65100"))
        if row.markup_sha256:
            marks.append((_MARKUP_MARK, "#6a1b9a"))
        if row.time_source and row.time_source != "exif":
            marks.append(("⏱", "#757575"))
        x = box.x() + 3
        for glyph, colour in marks:
            badge = QRect(x, box.y() + 3, 20, 18)
            painter.fillRect(badge, QColor(colour))
            painter.setPen(QColor("white"))
            if not glyphs.paint(painter, QRectF(badge).adjusted(3, 1, -3, -1), glyph, QColor("white")):
                painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, glyph)  # (⏱ is not in the font: drawn)
            x += 23
        plausibility.paint_badge(painter, QRectF(box), row.check)  # drawn after the marks, on the top right
        painter.setPen(QPen(QColor("#212121")))
        text_rect = QRect(rect.x() + 6, box.bottom() + 4, rect.width() - 12, rect.bottom() - box.bottom() - 6)
        caption = option.fontMetrics.elidedText(
            row.caption or row.file_name, Qt.TextElideMode.ElideRight, text_rect.width())
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, caption)
        if selected:
            painter.setPen(QPen(QColor("#1565c0"), 2))
            painter.drawRect(rect.adjusted(2, 2, -3, -3))
        painter.restore()


# Short marks drawn on thumbnails; set by ``retranslate_marks`` so they follow the language.
_ROLE_MARKS = {"before": "前", "after": "后"}
_MARKUP_MARK = "标"


def retranslate_marks(before: str, after: str, markup: str) -> None:
    global _MARKUP_MARK
    _ROLE_MARKS.update(before=before, after=after)
    _MARKUP_MARK = markup


class GalleryView(QListView):
    filesDropped = Signal(list)  # list[Path]
    imageDropped = Signal(QImage)
    moveRequested = Signal(list, int)  # photo ids, the row (in this view) to put them before

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setUniformItemSizes(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setWrapping(True)
        self.setSpacing(4)
        self.setGridSize(CELL + QSize(6, 6))
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalScrollBar().setSingleStep(24)
        self.setItemDelegate(GalleryDelegate(self))

    def selected_ids(self) -> list[int]:
        rows = sorted(i.row() for i in self.selectionModel().selectedIndexes()) if self.selectionModel() else []
        return [int(self.model().index(r, 0).data(ID_ROLE)) for r in rows]

    def select_id(self, photo_id: int) -> None:
        model = self.model()
        if isinstance(model, GalleryModel) and (row := model.row_of(photo_id)) >= 0:
            self.setCurrentIndex(model.index(row))

    def _accepts(self, mime: QMimeData) -> bool:
        return mime.hasFormat(MIME_IDS) or mime.hasUrls() or mime.hasImage()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self._drag(event)

    def _drag(self, event: QDragMoveEvent) -> None:
        if self._accepts(event.mimeData()):
            event.setDropAction(Qt.DropAction.MoveAction if event.mimeData().hasFormat(MIME_IDS)
                                else Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self._drag(event)

    def drop_row(self, pos: QPoint) -> int:
        """The row a drop at ``pos`` goes before (after the last when below every photo)."""
        index = self.indexAt(pos)
        if not index.isValid():
            return self.model().rowCount()
        rect = self.visualRect(index)
        return index.row() + (1 if pos.x() > rect.center().x() else 0)

    def dropEvent(self, event: QDropEvent) -> None:
        mime = event.mimeData()
        if mime.hasFormat(MIME_IDS):
            ids = ids_from_mime(mime)
            if ids:
                self.moveRequested.emit(ids, self.drop_row(event.position().toPoint()))
            event.setDropAction(Qt.DropAction.CopyAction)  # the model must not remove the rows itself
            event.accept()
        elif mime.hasUrls() and paths_from_mime(mime):
            self.filesDropped.emit(paths_from_mime(mime))
            event.acceptProposedAction()
        elif mime.hasImage():
            self.imageDropped.emit(QImage(mime.imageData()))
            event.acceptProposedAction()
        else:
            event.ignore()
