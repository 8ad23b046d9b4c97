"""Draw arrows, circles/ellipses, rectangles and text on a photo, with undo, before saving.

The dialog shows the photo's upright display copy in a ``QGraphicsView``; scene coordinates are the
image's pixels. Shapes are kept as ``photos.markup.Shape`` values (fractions of the image, widths in
thousandths of its long edge), so what is drawn here is what ``services.photos.save_markup`` renders
at full size into a new derived image; the original file is never touched. Every add, move, delete or
clear is a ``QUndoCommand`` on the dialog's own stack (Ctrl+Z / Ctrl+Y).

A shape drawn is selected (a dashed frame with handles); with the 选择 tool (V) a click selects any
shape, inside or on its outline, and with any tool a press on the selected shape's outline drags it.
Delete or Backspace removes the selected shape. Moving changes only the shape's coordinates
(``Shape.moved``): the saved document keeps its form and version.
"""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QBrush,
    QColor,
    QFont,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPixmap,
    QPolygonF,
    QResizeEvent,
    QShowEvent,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from inspector_app.photos.markup import DEFAULT_COLOR, Shape, parse_shapes

TOOLS = ("arrow", "ellipse", "circle", "rect", "text")  # drawing tools, keys 1–5; 选择 is V
SELECT = "select"
HIT_PIXELS = 8.0  # how near the outline (on screen) a click still hits a shape
HANDLE = 8.0  # the handles' size on screen
COLORS = (DEFAULT_COLOR, "#FDD835", "#FFFFFF", "#1E88E5")
WIDTHS = (4.0, 6.0, 10.0)


class _ShapeCommand(QUndoCommand):
    """The drawing before and after a change, and which shape is selected in each."""

    def __init__(self, dialog: MarkupDialog, before: list[Shape], after: list[Shape], text: str,
                 selected: tuple[int | None, int | None] = (None, None)) -> None:
        super().__init__(text)
        self._dialog, self._before, self._after = dialog, list(before), list(after)
        self._selected = selected

    def redo(self) -> None:
        self._dialog.set_shapes(self._after, self._selected[1])

    def undo(self) -> None:
        self._dialog.set_shapes(self._before, self._selected[0])


class MarkupView(QGraphicsView):
    """Turns a press–drag–release (or a click, for text) into a shape in image pixels."""

    pressed = Signal(QPointF)  # before the drag it begins
    dragged = Signal(QPointF, QPointF, bool)  # start, current, finished

    def __init__(self, scene: QGraphicsScene) -> None:
        super().__init__(scene)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform)
        self.setBackgroundBrush(QColor("#263238"))
        self.setCursor(Qt.CursorShape.CrossCursor)
        self._start: QPointF | None = None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._start = self.mapToScene(event.position().toPoint())
            self.pressed.emit(self._start)
            self.dragged.emit(self._start, self._start, False)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._start is not None:
            self.dragged.emit(self._start, self.mapToScene(event.position().toPoint()), False)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._start is not None and event.button() == Qt.MouseButton.LeftButton:
            start, self._start = self._start, None
            self.dragged.emit(start, self.mapToScene(event.position().toPoint()), True)
        super().mouseReleaseEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)


def shape_item(shape: Shape, w: float, h: float) -> QGraphicsItem:
    """A scene item that looks like what ``photos.markup`` renders for ``shape``."""
    unit = max(w, h) / 1000.0
    colour = QColor(shape.color)
    pen = QPen(colour, max(1.0, shape.width * unit), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
               Qt.PenJoinStyle.RoundJoin)
    p1, p2 = QPointF(shape.x1 * w, shape.y1 * h), QPointF(shape.x2 * w, shape.y2 * h)
    path = QPainterPath()
    item = QGraphicsPathItem()
    if shape.kind in ("arrow", "line"):
        angle = math.atan2(p2.y() - p1.y(), p2.x() - p1.x())
        length = math.hypot(p2.x() - p1.x(), p2.y() - p1.y())
        head = min(max(pen.widthF() * 5.0, 18 * unit), length * 0.6) if shape.kind == "arrow" and length else 0.0
        base = QPointF(p2.x() - head * 0.8 * math.cos(angle), p2.y() - head * 0.8 * math.sin(angle))
        path.moveTo(p1)
        path.lineTo(base if head else p2)
        item.setPath(path)
        item.setPen(pen)
        if head:
            spread = math.radians(26)
            tip = QPolygonF([p2, QPointF(p2.x() - head * math.cos(angle - spread), p2.y() - head * math.sin(angle - spread)),
                             QPointF(p2.x() - head * math.cos(angle + spread), p2.y() - head * math.sin(angle + spread))])
            head_item = QGraphicsPathItem(item)
            head_path = QPainterPath()
            head_path.addPolygon(tip)
            head_path.closeSubpath()
            head_item.setPath(head_path)
            head_item.setPen(Qt.PenStyle.NoPen)
            head_item.setBrush(QBrush(colour))
        return item
    if shape.kind in ("rect", "ellipse"):
        box = QRectF(p1, p2).normalized()
        if shape.kind == "rect":
            path.addRect(box)
        else:
            path.addEllipse(box)
    elif shape.kind == "circle":
        r = shape.r * unit
        path.addEllipse(QPointF(shape.cx * w, shape.cy * h), r, r)
    elif shape.kind == "text":  # a white halo under the coloured glyphs, as photos.markup draws it
        font = QFont()
        font.setPixelSize(max(6, round(shape.size * unit)))
        path.addText(0, 0, font, shape.text)
        path.translate(shape.x * w - path.boundingRect().x(), shape.y * h - path.boundingRect().y())
        item.setPath(path)
        item.setPen(QPen(QColor(255, 255, 255, 230), 2 * max(1.0, shape.size * unit / 14), Qt.PenStyle.SolidLine,
                         Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
        glyphs = QGraphicsPathItem(path, item)
        glyphs.setPen(Qt.PenStyle.NoPen)
        glyphs.setBrush(QBrush(colour))
        return item
    item.setPath(path)
    item.setPen(pen)
    return item


class MarkupDialog(QDialog):
    """``shapes()`` gives the drawing when the dialog is accepted (an empty list removes markup)."""

    def __init__(self, image_path: Path, shapes_json: str = "", parent: QWidget | None = None,
                 title: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title or self.tr("标注照片"))
        self.pixmap = QPixmap(str(image_path))
        self.w, self.h = max(1, self.pixmap.width()), max(1, self.pixmap.height())
        self.scene = QGraphicsScene(self)
        self.scene.addPixmap(self.pixmap)
        self.scene.setSceneRect(0, 0, self.w, self.h)
        self.view = MarkupView(self.scene)
        self.view.pressed.connect(self._pressed)
        self.view.dragged.connect(self._dragged)
        self.undo_stack = QUndoStack(self)
        self._shapes: list[Shape] = parse_shapes(shapes_json) if shapes_json else []
        self._items: list[QGraphicsItem] = []
        self._handles: list[QGraphicsItem] = []
        self._preview: QGraphicsItem | None = None
        self.selected: int | None = None  # the index of the selected shape
        self._moving: tuple[int, QPointF] | None = None  # (shape, where the drag began) while one is dragged
        self.tool = "arrow"
        self.color = COLORS[0]
        self.pen_width = WIDTHS[1]
        self.toolbar = self._toolbar()
        self.hint = QLabel(self.tr("拖动画出箭头、圆或矩形，文字工具单击放置；拖动选中的标注可移动它，"
                                   "“选择”（V）单击选中，Delete 删除。Ctrl+Z 撤销"))
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #607d8b;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存标注"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.view, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.hint, 1)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)
        self.resize(1000, 680)
        self._redraw()

    def _toolbar(self) -> QToolBar:
        bar = QToolBar()
        group = QActionGroup(self)
        names = {"arrow": self.tr("箭头"), "ellipse": self.tr("椭圆"), "circle": self.tr("圆"),
                 "rect": self.tr("矩形"), "text": self.tr("文字")}
        self.tool_actions: dict[str, QAction] = {}
        pick = QAction(self.tr("选择"), self)
        pick.setCheckable(True)
        pick.setShortcut(QKeySequence("V"))
        pick.setToolTip(self.tr("选择、移动或删除标注 (V)"))
        pick.triggered.connect(lambda _c=False: self.set_tool(SELECT))
        group.addAction(pick)
        bar.addAction(pick)
        self.tool_actions[SELECT] = pick
        for n, tool in enumerate(TOOLS, start=1):
            action = QAction(names[tool], self)
            action.setCheckable(True)
            action.setShortcut(QKeySequence(str(n)))
            action.setToolTip(f"{names[tool]} ({n})")
            action.triggered.connect(lambda _c=False, t=tool: self.set_tool(t))
            group.addAction(action)
            bar.addAction(action)
            self.tool_actions[tool] = action
        self.tool_actions["arrow"].setChecked(True)
        bar.addSeparator()
        self.color_box = QComboBox()
        for colour, label in zip(COLORS, (self.tr("红"), self.tr("黄"), self.tr("白"), self.tr("蓝")), strict=True):
            swatch = QPixmap(14, 14)
            swatch.fill(QColor(colour))
            self.color_box.addItem(swatch, label, colour)
        self.color_box.currentIndexChanged.connect(lambda i: setattr(self, "color", COLORS[i]))
        self.width_box = QComboBox()
        for width, label in zip(WIDTHS, (self.tr("细"), self.tr("中"), self.tr("粗")), strict=True):
            self.width_box.addItem(label, width)
        self.width_box.setCurrentIndex(1)
        self.width_box.currentIndexChanged.connect(lambda i: setattr(self, "pen_width", WIDTHS[i]))
        bar.addWidget(self.color_box)
        bar.addWidget(self.width_box)
        bar.addSeparator()
        undo = self.undo_stack.createUndoAction(self, self.tr("撤销"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, self.tr("重做"))
        redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        bar.addAction(undo)
        bar.addAction(redo)
        self.delete_action = QAction(self.tr("删除所选"), self)
        self.delete_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Delete), QKeySequence(Qt.Key.Key_Backspace)])
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.delete_action.setEnabled(False)
        self.delete_action.triggered.connect(self.delete_selected)
        bar.addAction(self.delete_action)
        clear = QAction(self.tr("全部清除"), self)
        clear.triggered.connect(self.clear)
        bar.addAction(clear)
        return bar

    # -- the drawing -----------------------------------------------------------------------
    def shapes(self) -> list[Shape]:
        return list(self._shapes)

    def set_shapes(self, shapes: list[Shape], selected: int | None = None) -> None:
        """Replace the drawing and the selection (used by the undo commands)."""
        self._shapes = list(shapes)
        self.selected = selected if selected is not None and 0 <= selected < len(self._shapes) else None
        self._redraw()

    def set_tool(self, tool: str) -> None:
        self.tool = tool
        self.tool_actions[tool].setChecked(True)
        self.view.setCursor(Qt.CursorShape.ArrowCursor if tool == SELECT else Qt.CursorShape.CrossCursor)

    def add_shape(self, shape: Shape) -> None:
        """Add a shape; it becomes the selected one."""
        self.undo_stack.push(_ShapeCommand(self, self._shapes, [*self._shapes, shape], self.tr("添加标注"),
                                           (self.selected, len(self._shapes))))

    def clear(self) -> None:
        if self._shapes:
            self.undo_stack.push(_ShapeCommand(self, self._shapes, [], self.tr("全部清除"), (self.selected, None)))

    def select(self, index: int | None) -> None:
        self.selected = index if index is not None and 0 <= index < len(self._shapes) else None
        self._draw_handles()

    def delete_selected(self) -> None:
        """Delete (or Backspace): remove the selected shape."""
        if self.selected is None:
            return
        index = self.selected
        after = self._shapes[:index] + self._shapes[index + 1:]
        self.undo_stack.push(_ShapeCommand(self, self._shapes, after, self.tr("删除标注"), (index, None)))

    def move_shape(self, index: int, dx: float, dy: float) -> None:
        """Move a shape by ``dx``, ``dy`` image pixels (one undo step); it stays selected."""
        moved = self._shapes[index].moved(dx / self.w, dy / self.h)
        if moved == self._shapes[index]:
            self._redraw()
            return
        after = [moved if n == index else shape for n, shape in enumerate(self._shapes)]
        self.undo_stack.push(_ShapeCommand(self, self._shapes, after, self.tr("移动标注"), (index, index)))

    def hit(self, point: QPointF, inside: bool) -> int | None:
        """The topmost shape at ``point`` (scene pixels): near its outline (a few screen pixels), or
        anywhere ``inside`` it; a text anywhere in its box."""
        reach = HIT_PIXELS / (self.view.transform().m11() or 1.0)
        for index in range(len(self._items) - 1, -1, -1):
            item = self._items[index]
            if not isinstance(item, QGraphicsPathItem):
                continue
            local = item.mapFromScene(point)
            if self._shapes[index].kind == "text":
                if item.boundingRect().adjusted(-reach, -reach, reach, reach).contains(local):
                    return index
                continue
            stroker = QPainterPathStroker()
            stroker.setWidth(item.pen().widthF() + 2 * reach)
            paths = [item.path(), *(c.path() for c in item.childItems() if isinstance(c, QGraphicsPathItem))]
            if any(stroker.createStroke(path).contains(local) or (inside and path.contains(local)) for path in paths):
                return index
        return None

    def shape_from_points(self, a: QPointF, b: QPointF, text: str = "") -> Shape | None:
        """The current tool's shape between two points in image pixels (None when too small)."""
        w, h = self.w, self.h
        if self.tool == "text":
            return Shape("text", x=a.x() / w, y=a.y() / h, text=text, color=self.color,
                         size=self.pen_width * 6) if text.strip() else None
        if math.hypot(b.x() - a.x(), b.y() - a.y()) < 4 * max(w, h) / 1000:
            return None
        if self.tool == "circle":
            r = math.hypot(b.x() - a.x(), b.y() - a.y()) / max(w, h) * 1000
            return Shape("circle", cx=a.x() / w, cy=a.y() / h, r=min(r, 1000.0), color=self.color, width=self.pen_width)
        clamp = [min(2.0, max(-1.0, v)) for v in (a.x() / w, a.y() / h, b.x() / w, b.y() / h)]
        return Shape(self.tool, x1=clamp[0], y1=clamp[1], x2=clamp[2], y2=clamp[3],  # type: ignore[arg-type]
                     color=self.color, width=self.pen_width)

    def _pressed(self, point: QPointF) -> None:
        """A press on a shape selects it and begins moving it (with a drawing tool: only the selected
        shape, by its outline – elsewhere a new shape is drawn); with 选择 a press beside every shape
        clears the selection."""
        hit = self.hit(point, inside=self.tool == SELECT)
        if hit is not None and (self.tool == SELECT or hit == self.selected):
            self.select(hit)
            self._moving = (hit, point)
        elif self.tool == SELECT:
            self.select(None)

    def _dragged(self, a: QPointF, b: QPointF, finished: bool) -> None:
        if self._preview is not None:
            self.scene.removeItem(self._preview)
            self._preview = None
        if self._moving is not None:
            index, start = self._moving
            offset = b - start
            self._items[index].setPos(offset)
            self._draw_handles()
            if finished:
                self._moving = None
                if math.hypot(offset.x(), offset.y()) >= 1.0:
                    self.move_shape(index, offset.x(), offset.y())
                else:
                    self._items[index].setPos(QPointF(0, 0))
            return
        if self.tool == SELECT:
            return
        if self.tool == "text":
            if finished:
                text, ok = QInputDialog.getText(self, self.tr("文字标注"), self.tr("文字："))
                shape = self.shape_from_points(a, b, text) if ok else None
                if shape is not None:
                    self.add_shape(shape)
            return
        shape = self.shape_from_points(a, b)
        if shape is None:
            return
        if finished:
            self.add_shape(shape)
        else:
            self._preview = shape_item(shape, self.w, self.h)
            self._preview.setOpacity(0.7)
            self.scene.addItem(self._preview)

    def _redraw(self) -> None:
        for item in self._items:
            self.scene.removeItem(item)
        self._items = [shape_item(shape, self.w, self.h) for shape in self._shapes]
        for item in self._items:
            self.scene.addItem(item)
        self._draw_handles()

    def _draw_handles(self) -> None:
        """A dashed frame round the selected shape, with a handle at each corner (the size of the screen's
        pixels whatever the zoom)."""
        for item in self._handles:
            self.scene.removeItem(item)
        self._handles = []
        self.delete_action.setEnabled(self.selected is not None)
        if self.selected is None:
            return
        margin = 4.0 / (self.view.transform().m11() or 1.0)  # clear of the shape's own outline
        box = self._items[self.selected].sceneBoundingRect().adjusted(-margin, -margin, margin, margin)
        for colour, style in (("#263238", Qt.PenStyle.SolidLine), ("#FFFFFF", Qt.PenStyle.DashLine)):
            frame = QGraphicsRectItem(box)  # white dashes on a dark line: seen on light and dark photos
            pen = QPen(QColor(colour), 0, style)
            pen.setCosmetic(True)
            frame.setPen(pen)
            self._handles.append(frame)
        for corner in (box.topLeft(), box.topRight(), box.bottomLeft(), box.bottomRight()):
            handle = QGraphicsRectItem(-HANDLE / 2, -HANDLE / 2, HANDLE, HANDLE)
            handle.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
            handle.setPos(corner)
            handle.setBrush(QBrush(QColor("#FFFFFF")))
            handle.setPen(QPen(QColor("#1E88E5"), 1.5))
            self._handles.append(handle)
        for handle in self._handles:
            handle.setZValue(10)
            self.scene.addItem(handle)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.view.fitInView(self.scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
