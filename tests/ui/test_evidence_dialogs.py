"""The markup dialog (shapes drawn, undone, saved as a derived image; the original's bytes unchanged),
the signature pad (strokes from mouse events), signing everyone (the completion list loses its
signature entries), a refusal with a reason and a witness, and the completion list's jump."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from test_editor_support import ACTOR, workspace_and_id
from test_evidence_support import make_photos

from inspector_app.photos.markup import Shape, parse_shapes
from inspector_app.services import completion, inspections, signatures
from inspector_app.services import photos as photo_service
from inspector_app.storage.engine import Workspace
from inspector_app.ui.editor import InspectionEditor
from inspector_app.ui.evidence import editor_hook
from inspector_app.ui.evidence.panel import EvidencePanel
from inspector_app.ui.evidence.signature_pad import SignaturePad
from inspector_app.ui.tasks import InlineTaskRunner

__all__ = ["workspace_and_id"]


def mouse(widget: QWidget, kind: QEvent.Type, x: float, y: float, held: bool) -> None:
    button = Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton
    buttons = Qt.MouseButton.LeftButton if held else Qt.MouseButton.NoButton
    pos = QPointF(x, y)
    event = QMouseEvent(kind, pos, widget.mapToGlobal(pos), button, buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def draw(widget: QWidget, points: list[tuple[float, float]]) -> None:
    """One stroke: press at the first point, move through the rest, release at the last."""
    mouse(widget, QEvent.Type.MouseButtonPress, *points[0], held=True)
    for x, y in points[1:]:
        mouse(widget, QEvent.Type.MouseMove, x, y, held=True)
    mouse(widget, QEvent.Type.MouseButtonRelease, *points[-1], held=False)


def missing_kinds(workspace: Workspace, inspection_id: int) -> list[str]:
    with workspace.sessions() as session:
        return [m.kind for m in completion.missing_for_completion(session, inspections.get(session, inspection_id))]


def test_signature_pad_records_mouse_strokes(qtbot: QtBot) -> None:
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(500, 200)
    pad.show()
    assert pad.is_blank()
    draw(pad, [(20, 100), (60, 80), (100, 120), (140, 90)])
    draw(pad, [(200, 60), (220, 140)])
    strokes = pad.strokes()
    assert [len(s) for s in strokes] == [4, 2]
    x, y, t, pressure = strokes[0][1]
    assert (x, y) == (60, 80) and t >= 0 and pressure == 0.5
    assert strokes[0][0][2] == 0.0 and all(p[2] >= 0 for s in strokes for p in s)
    pad.clear()
    assert pad.is_blank()


def test_signature_pad_records_pen_pressure_and_touch(qtbot: QtBot) -> None:
    from PySide6.QtGui import QEventPoint, QInputDevice, QPointingDevice, QTabletEvent, QTouchEvent

    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(400, 200)
    pad.show()
    pen = QPointingDevice("test pen", 9001, QInputDevice.DeviceType.Stylus, QPointingDevice.PointerType.Pen,
                          QInputDevice.Capability.Position | QInputDevice.Capability.Pressure, 1, 3)
    for kind, x, y, pressure in ((QEvent.Type.TabletPress, 10, 10, 0.2), (QEvent.Type.TabletMove, 50, 40, 0.8),
                                 (QEvent.Type.TabletRelease, 90, 60, 0.5)):
        held = Qt.MouseButton.NoButton if kind == QEvent.Type.TabletRelease else Qt.MouseButton.LeftButton
        event = QTabletEvent(kind, pen, QPointF(x, y), pad.mapToGlobal(QPointF(x, y)), pressure, 0.0, 0.0, 0.0, 0.0,
                             0.0, Qt.KeyboardModifier.NoModifier, Qt.MouseButton.LeftButton, held)
        QApplication.sendEvent(pad, event)
        assert event.isAccepted()  # no synthesised mouse events follow
    assert [(x, y, p) for x, y, _t, p in pad.strokes()[0]] == [(10, 10, 0.2), (50, 40, 0.8), (90, 60, 0.5)]
    pad.clear()
    finger = QPointingDevice("test touch", 9002, QInputDevice.DeviceType.TouchScreen, QPointingDevice.PointerType.Finger,
                             QInputDevice.Capability.Position, 10, 0)
    for kind, state, x, y in ((QEvent.Type.TouchBegin, QEventPoint.State.Pressed, 20, 20),
                              (QEvent.Type.TouchUpdate, QEventPoint.State.Updated, 60, 30),
                              (QEvent.Type.TouchEnd, QEventPoint.State.Released, 100, 80)):
        point = QEventPoint(1, state, QPointF(x, y), pad.mapToGlobal(QPointF(x, y)))
        QApplication.sendEvent(pad, QTouchEvent(kind, finger, Qt.KeyboardModifier.NoModifier, [point]))
    assert [(x, y) for x, y, _t, _p in pad.strokes()[0]] == [(20, 20), (60, 30), (100, 80)]


def test_markup_saves_shapes_and_keeps_the_original(qtbot: QtBot, tmp_path: Path,
                                                    workspace_and_id: tuple[Workspace, int]) -> None:
    workspace, inspection_id = workspace_and_id
    panel = EvidencePanel(workspace, inspection_id, InlineTaskRunner(), ACTOR)
    qtbot.addWidget(panel)
    panel.adder.workers = 1
    panel.set_scope(("all", None))
    source = make_photos(tmp_path / "in", 1)[0]
    panel.add_paths([source])
    row = panel.model.rows()[0]
    original = panel.store.path(row.sha256)
    before = hashlib.sha256(original.read_bytes()).hexdigest()
    assert before == row.sha256 == hashlib.sha256(source.read_bytes()).hexdigest()
    panel.view.select_id(row.id)
    dialog = panel.open_markup(exec_dialog=False)
    assert dialog is not None
    dialog.resize(900, 640)
    qtbot.waitExposed(dialog)
    viewport = dialog.view.viewport()
    start = dialog.view.mapFromScene(QPointF(dialog.w * 0.2, dialog.h * 0.2))
    end = dialog.view.mapFromScene(QPointF(dialog.w * 0.6, dialog.h * 0.5))
    draw(viewport, [(start.x(), start.y()), ((start.x() + end.x()) / 2, start.y()), (end.x(), end.y())])
    assert [s.kind for s in dialog.shapes()] == ["arrow"]
    dialog.set_tool("ellipse")
    dialog.add_shape(dialog.shape_from_points(QPointF(10, 10), QPointF(200, 150)))  # type: ignore[arg-type]
    dialog.add_shape(Shape("text", x=0.1, y=0.8, text="配电箱未接地"))
    dialog.undo_stack.undo()
    assert [s.kind for s in dialog.shapes()] == ["arrow", "ellipse"]
    dialog.undo_stack.redo()
    dialog.accept()
    with workspace.sessions() as session:
        photo = photo_service.get_photo(session, row.id)
        assert photo.markup_sha256 and photo.markup_sha256 != photo.sha256
        assert [s.kind for s in parse_shapes(photo.markup_json)] == ["arrow", "ellipse", "text"]
    assert panel.store.exists(photo.markup_sha256, "derived")
    assert hashlib.sha256(original.read_bytes()).hexdigest() == before
    assert panel.store.verify(row.sha256)
    assert panel.model.rows()[0].markup_sha256 == photo.markup_sha256


@pytest.fixture
def editor(qtbot: QtBot, workspace_and_id: tuple[Workspace, int]) -> InspectionEditor:
    workspace, inspection_id = workspace_and_id
    widget = InspectionEditor(workspace, inspection_id, InlineTaskRunner(), ACTOR)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def sign_row(qtbot: QtBot, dialog: editor_hook.SignaturesDialog, row: int) -> None:
    dialog.table.selectRow(row)
    sign = dialog.sign_selected(exec_dialog=False)
    assert sign is not None
    qtbot.waitExposed(sign)
    draw(sign.pad, [(30, 120), (80, 60), (130, 140), (180, 70)])
    sign.accept()


def test_signing_everyone_clears_the_signature_entries(qtbot: QtBot, editor: InspectionEditor,
                                                      workspace_and_id: tuple[Workspace, int]) -> None:
    workspace, inspection_id = workspace_and_id
    assert missing_kinds(workspace, inspection_id).count("signature") == 3  # two inspectors + the representative
    dialog = editor_hook.open_signatures(editor)
    assert [r.role for r in dialog.state.rows] == ["inspector", "inspector", "enterprise_rep"]
    assert dialog.state.rows[2].name == "王建华"  # the legal representative until a site contact is named
    for row in range(3):
        sign_row(qtbot, dialog, row)
    assert all(r.done and not r.refused for r in dialog.state.rows)
    assert "signature" not in missing_kinds(workspace, inspection_id)
    assert dialog.table.item(0, 2).data(Qt.ItemDataRole.DecorationRole) is not None  # the signature image
    sign_row(qtbot, dialog, 0)  # signing again replaces the earlier signature
    with workspace.sessions() as session:
        assert len(signatures.list_signatures(session, inspection_id)) == 3


def test_refusal_with_reason_and_witness(qtbot: QtBot, editor: InspectionEditor,
                                         workspace_and_id: tuple[Workspace, int]) -> None:
    workspace, inspection_id = workspace_and_id
    dialog = editor_hook.open_signatures(editor)
    dialog.table.selectRow(2)
    assert dialog.refuse_button.isEnabled()
    refusal = dialog.refuse_selected(exec_dialog=False)
    assert refusal is not None
    refusal.accept()  # no reason: refused by the dialog
    assert refusal.isVisible() and refusal.error.text()
    refusal.reason.setPlainText("对隐患认定有异议，拒绝签字")
    refusal.with_witness.setChecked(True)
    refusal.witness_name.setText("李明")
    draw(refusal.pad, [(20, 80), (90, 40), (160, 90)])
    refusal.accept()
    with workspace.sessions() as session:
        rows = signatures.list_signatures(session, inspection_id)
    rep = next(s for s in rows if s.role == "enterprise_rep")
    witness = next(s for s in rows if s.role == "witness")
    assert rep.refused and rep.refusal_reason == "对隐患认定有异议，拒绝签字" and rep.witness_id == witness.id
    assert witness.signer_name == "李明" and witness.image_sha256
    assert missing_kinds(workspace, inspection_id).count("signature") == 2  # the inspectors still must sign
    assert "拒绝签名" in dialog.table.item(2, 3).text() and "李明" in dialog.table.item(2, 3).text()


def test_completion_list_signature_entry_opens_the_signatures(qtbot: QtBot, editor: InspectionEditor) -> None:
    editor.complete_and_lock()
    editor.confirm_dialog.fix_button.click()  # the confirmation lists what blocks locking: 逐项处理…
    missing = editor.missing_dialog
    assert missing is not None
    entry = next(missing.list.item(n) for n in range(missing.list.count())
                 if missing.list.item(n).data(Qt.ItemDataRole.UserRole + 1) == "signature")
    missing.list.itemActivated.emit(entry)
    dialog = getattr(editor, "signatures_dialog", None)
    assert dialog is not None and dialog.isVisible()
    assert dialog.selected() is not None and not dialog.selected().done


def test_camera_without_device_says_so(qtbot: QtBot, workspace_and_id: tuple[Workspace, int],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from inspector_app.ui.evidence import panel as panel_module

    workspace, inspection_id = workspace_and_id
    monkeypatch.setattr(panel_module, "available_cameras", lambda: [])
    panel = EvidencePanel(workspace, inspection_id, InlineTaskRunner(), ACTOR)
    qtbot.addWidget(panel)
    panel.capture()
    assert panel.message_box is not None and "摄像头" in panel.message_box.text()
