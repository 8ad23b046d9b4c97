"""Markup shapes are selected, moved and deleted after drawing (issue 17): a click selects (a frame with
handles), a drag moves, Delete or Backspace removes, each step undoable; the saved document keeps its
form ({"version": 1, "shapes": [...]}) with the moved coordinates. Driven by synthetic mouse events."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from inspector_app.photos.markup import MARKUP_VERSION, Shape, parse_shapes, shapes_to_json
from inspector_app.ui.evidence.markup_dialog import SELECT, MarkupDialog

EXISTING = json.dumps({"version": 1, "shapes": [
    {"kind": "rect", "x1": 0.1, "y1": 0.1, "x2": 0.4, "y2": 0.4, "color": "#E53935", "width": 6},
    {"kind": "arrow", "x1": 0.6, "y1": 0.8, "x2": 0.9, "y2": 0.6, "color": "#E53935", "width": 6},
]})


def mouse(widget: QWidget, kind: QEvent.Type, at: QPoint, held: bool) -> None:
    button = Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton
    buttons = Qt.MouseButton.LeftButton if held else Qt.MouseButton.NoButton
    pos = QPointF(at)
    QApplication.sendEvent(widget, QMouseEvent(kind, pos, widget.mapToGlobal(pos), button, buttons,
                                                Qt.KeyboardModifier.NoModifier))


def drag(dialog: MarkupDialog, start: QPointF, end: QPointF) -> None:
    """Press at ``start``, move in steps, release at ``end`` (image pixels)."""
    viewport = dialog.view.viewport()
    a, b = dialog.view.mapFromScene(start), dialog.view.mapFromScene(end)
    mouse(viewport, QEvent.Type.MouseButtonPress, a, True)
    for step in (0.3, 0.7, 1.0):
        mouse(viewport, QEvent.Type.MouseMove, QPoint(round(a.x() + (b.x() - a.x()) * step),
                                                       round(a.y() + (b.y() - a.y()) * step)), True)
    mouse(viewport, QEvent.Type.MouseButtonRelease, b, False)


def click(dialog: MarkupDialog, at: QPointF) -> None:
    drag(dialog, at, at)


@pytest.fixture
def dialog(qtbot: QtBot, tmp_path: Path) -> MarkupDialog:
    image = tmp_path / "display.jpg"
    Image.new("RGB", (1000, 750), (90, 110, 120)).save(image)
    made = MarkupDialog(image, EXISTING)
    qtbot.addWidget(made)
    made.resize(900, 700)
    made.show()
    qtbot.waitExposed(made)
    return made


def test_click_selects_drag_moves_and_undo_puts_it_back(dialog: MarkupDialog) -> None:
    dialog.set_tool(SELECT)
    click(dialog, QPointF(250, 75))  # on the rectangle's top edge
    assert dialog.selected == 0 and len(dialog._handles) == 6  # the frame (two lines) and four handles
    assert dialog.delete_action.isEnabled()
    before = dialog.shapes()
    drag(dialog, QPointF(250, 200), QPointF(450, 350))  # from inside it (选择 grabs a shape anywhere)
    rect = dialog.shapes()[0]
    assert rect.x1 == pytest.approx(0.3, abs=0.01) and rect.y1 == pytest.approx(0.3, abs=0.01)
    assert rect.x2 - rect.x1 == pytest.approx(0.3, abs=1e-9) and rect.y2 - rect.y1 == pytest.approx(0.3, abs=1e-9)
    assert dialog.shapes()[1] == before[1] and dialog.selected == 0
    dialog.undo_stack.undo()
    assert dialog.shapes() == before and dialog.selected == 0
    dialog.undo_stack.redo()
    assert dialog.shapes()[0] == rect
    click(dialog, QPointF(500, 700))  # beside every shape: nothing selected
    assert dialog.selected is None and dialog._handles == [] and not dialog.delete_action.isEnabled()


def test_delete_and_backspace_remove_the_selected_shape(dialog: MarkupDialog) -> None:
    dialog.set_tool(SELECT)
    click(dialog, QPointF(750, 525))  # on the arrow's line
    assert dialog.selected == 1
    QTest.keyClick(dialog.view, Qt.Key.Key_Delete)
    assert [s.kind for s in dialog.shapes()] == ["rect"] and dialog.selected is None
    dialog.undo_stack.undo()
    assert [s.kind for s in dialog.shapes()] == ["rect", "arrow"] and dialog.selected == 1
    click(dialog, QPointF(100, 250))  # the rectangle's left edge
    QTest.keyClick(dialog.view, Qt.Key.Key_Backspace)
    assert [s.kind for s in dialog.shapes()] == ["arrow"]


def test_a_shape_just_drawn_is_selected_and_dragged_by_its_outline(dialog: MarkupDialog) -> None:
    dialog.set_tool("ellipse")
    drag(dialog, QPointF(500, 100), QPointF(700, 250))
    assert [s.kind for s in dialog.shapes()] == ["rect", "arrow", "ellipse"] and dialog.selected == 2
    drawn = dialog.shapes()[2]
    drag(dialog, QPointF(600, 100), QPointF(600, 300))  # its top: moved, not a second ellipse
    assert len(dialog.shapes()) == 3
    moved, expected = dialog.shapes()[2], drawn.moved(0, 200 / 750)
    assert (moved.x1, moved.x2) == pytest.approx((expected.x1, expected.x2), abs=0.003)
    assert (moved.y1, moved.y2) == pytest.approx((expected.y1, expected.y2), abs=0.003)
    drag(dialog, QPointF(150, 450), QPointF(300, 600))  # elsewhere: a new ellipse is drawn
    assert len(dialog.shapes()) == 4 and dialog.selected == 3


def test_the_saved_document_keeps_its_form_and_a_shape_cannot_leave_the_range(dialog: MarkupDialog) -> None:
    dialog.set_tool(SELECT)
    click(dialog, QPointF(250, 75))
    dialog.move_shape(0, -5000, 0)  # far off the left edge: as far as the coordinates go, the same size
    rect = dialog.shapes()[0]
    assert rect.x1 == pytest.approx(-1.0) and rect.x2 - rect.x1 == pytest.approx(0.3)
    document = json.loads(shapes_to_json(dialog.shapes()))
    assert document["version"] == MARKUP_VERSION and set(document["shapes"][0]) == {"kind", "x1", "y1", "x2", "y2",
                                                                                     "color", "width"}
    assert parse_shapes(document) == dialog.shapes()
    circle, text = Shape("circle", cx=0.5, cy=0.5, r=40), Shape("text", x=0.2, y=0.3, text="配电箱")
    assert circle.moved(0.1, -0.2) == Shape("circle", cx=0.6, cy=0.3, r=40)
    assert text.moved(0.5, 0.5).x == pytest.approx(0.7) and text.moved(0.5, 0.5).text == "配电箱"
