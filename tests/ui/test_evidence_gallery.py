"""The evidence panel: lazily loaded thumbnails; adding photos through the dialog's service path, by a
drop of file URLs and by pasting an image; a broken file reported by name while the others go in;
reordering, captions, pairing, removal; the tree's photo marker."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication, QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from test_editor_support import ACTOR, workspace_and_id
from test_evidence_support import make_photos

from inspector_app.services import photos as photo_service
from inspector_app.storage.engine import Workspace
from inspector_app.ui.editor import InspectionEditor
from inspector_app.ui.evidence.panel import EvidencePanel
from inspector_app.ui.tasks import InlineTaskRunner, TaskRunner

__all__ = ["workspace_and_id"]


def stored(workspace: Workspace, inspection_id: int) -> list[photo_service.Photo]:
    with workspace.sessions() as session:
        return photo_service.list_photos(session, inspection_id)


@pytest.fixture
def panel(qtbot: QtBot, workspace_and_id: tuple[Workspace, int]) -> EvidencePanel:
    workspace, inspection_id = workspace_and_id
    widget = EvidencePanel(workspace, inspection_id, InlineTaskRunner(), ACTOR)
    widget.adder.workers = 1
    widget.set_scope(("all", None))
    qtbot.addWidget(widget)
    widget.resize(700, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_add_files_and_report_a_broken_one_by_name(panel: EvidencePanel, tmp_path: Path,
                                                   workspace_and_id: tuple[Workspace, int]) -> None:
    workspace, inspection_id = workspace_and_id
    files = make_photos(tmp_path / "in", 3)
    broken = tmp_path / "in" / "坏照片.jpg"
    broken.write_bytes(files[0].read_bytes()[:600])  # truncated
    panel.add_paths([*files, broken])
    assert len(stored(workspace, inspection_id)) == 3
    assert panel.model.rowCount() == 3
    report = panel.adder.last_report
    assert report is not None and [name for name, _r in report.rejected] == ["坏照片.jpg"]
    dialog = panel.adder.summary_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.rejected_names() == ["坏照片.jpg"]
    assert dialog.table.item(0, 1).text()  # the reason is shown


def test_thumbnails_load_lazily(qtbot: QtBot, panel: EvidencePanel, tmp_path: Path) -> None:
    panel.add_paths([tmp_path / "many"] if make_photos(tmp_path / "many", 40) else [])  # a folder
    assert panel.model.rowCount() == 40
    panel.resize(360, 260)  # room for a few cells only
    QApplication.processEvents()
    first = panel.model.rows()[0].id
    qtbot.waitUntil(lambda: panel.thumbs.cached(first), timeout=5000)
    qtbot.wait(200)
    loaded = sum(panel.thumbs.cached(r.id) for r in panel.model.rows())
    assert 0 < loaded < 20, loaded
    last = panel.model.rows()[-1].id
    assert not panel.thumbs.cached(last)
    panel.view.scrollToBottom()
    qtbot.waitUntil(lambda: panel.thumbs.cached(last), timeout=5000)


def test_drop_of_file_urls_and_folder(panel: EvidencePanel, tmp_path: Path,
                                      workspace_and_id: tuple[Workspace, int]) -> None:
    workspace, inspection_id = workspace_and_id
    files = make_photos(tmp_path / "drop", 4)[2:]
    folder_files = make_photos(tmp_path / "folder" / "sub", 2)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(files[0])), QUrl.fromLocalFile(str(files[1])),
                  QUrl.fromLocalFile(str(tmp_path / "folder"))])
    assert panel.view._accepts(mime)
    event = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    # QApplication only delivers drop events while a real drag is in progress: call the handler.
    panel.view.dropEvent(event)
    assert event.isAccepted()
    names = sorted(p.original_name for p in stored(workspace, inspection_id))
    assert names == sorted(p.name for p in [*files, *folder_files])


def test_paste_image_from_clipboard(panel: EvidencePanel, workspace_and_id: tuple[Workspace, int]) -> None:
    workspace, inspection_id = workspace_and_id
    image = QImage(320, 200, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkCyan)
    QGuiApplication.clipboard().setImage(image)
    panel.paste()
    rows = stored(workspace, inspection_id)
    assert len(rows) == 1 and rows[0].format == "PNG" and rows[0].time_source != "exif"
    assert panel.model.rowCount() == 1


def test_reorder_caption_pair_remove(panel: EvidencePanel, tmp_path: Path,
                                     workspace_and_id: tuple[Workspace, int]) -> None:
    workspace, inspection_id = workspace_and_id
    panel.add_paths(make_photos(tmp_path / "in", 4))
    ids = [r.id for r in panel.model.rows()]
    panel.move_photos([ids[3]], 0)
    assert [p.id for p in stored(workspace, inspection_id)] == [ids[3], ids[0], ids[1], ids[2]]
    panel.move_photos([ids[3]], 4)  # past the end
    assert [p.id for p in stored(workspace, inspection_id)] == ids
    panel.set_caption(ids[0], "配电箱门未关")
    assert stored(workspace, inspection_id)[0].caption == "配电箱门未关"
    panel.view.select_id(ids[1])
    panel.view.selectionModel().select(panel.model.index(2), panel.view.selectionModel().SelectionFlag.Select)
    assert panel.view.selected_ids() == [ids[1], ids[2]]
    panel.pair_selected()
    rows = {p.id: p for p in stored(workspace, inspection_id)}
    assert {rows[ids[1]].role, rows[ids[2]].role} == {"before", "after"}
    assert rows[ids[1]].pair_id == ids[2]
    panel.view.select_id(ids[3])
    panel.remove_selected(confirm=False)
    assert [p.id for p in stored(workspace, inspection_id)] == ids[:3]


def test_item_scope_and_tree_marker(qtbot: QtBot, workspace_and_id: tuple[Workspace, int], tmp_path: Path) -> None:
    workspace, inspection_id = workspace_and_id
    editor = InspectionEditor(workspace, inspection_id, InlineTaskRunner(), ACTOR)
    qtbot.addWidget(editor)
    editor.resize(1366, 768)
    editor.show()
    code = editor.tree.current_code()
    panel = editor.evidence
    panel.adder.workers = 1
    assert panel.target().item_code == code
    panel.add_paths(make_photos(tmp_path / "item", 1))
    assert stored(workspace, inspection_id)[0].item_code == code
    badges = editor.model.badges(editor.controller.snapshot.template.item(code))
    assert "has_photo" in badges
    editor.tree.next_unanswered()  # another item: its gallery is empty, "all" shows the photo
    assert panel.model.rowCount() == 0
    panel.set_scope(("all", None))
    assert panel.model.rowCount() == 1


def test_real_runner_adds_in_a_worker(qtbot: QtBot, workspace_and_id: tuple[Workspace, int], tmp_path: Path) -> None:
    workspace, inspection_id = workspace_and_id
    runner = TaskRunner()
    try:
        panel = EvidencePanel(workspace, inspection_id, runner, ACTOR)
        qtbot.addWidget(panel)
        panel.set_scope(("all", None))
        panel.adder.workers = 2
        panel.add_paths(make_photos(tmp_path / "in", 5))
        qtbot.waitUntil(lambda: panel.model.rowCount() == 5, timeout=60000)
        runner.wait_idle()
    finally:
        runner.shutdown()


def test_english_translation(qtbot: QtBot, workspace_and_id: tuple[Workspace, int]) -> None:
    from inspector_app.ui.i18n import install_translators

    workspace, inspection_id = workspace_and_id
    install_translators("en")
    try:
        editor = InspectionEditor(workspace, inspection_id, InlineTaskRunner(), ACTOR)
        qtbot.addWidget(editor)
        assert editor.evidence.add_button.text() == "Add photos"
        assert editor.evidence_tabs.tabText(1) == "Photos"
        assert editor.sign_button.text() == "Signatures…"
    finally:
        install_translators("zh_CN")


def test_painting_many_frames_does_not_exhaust_none(qtbot: QtBot, panel: EvidencePanel, tmp_path: Path) -> None:
    """PySide6 6.12.0 on CPython 3.11 lost a reference to None on every void call; a gallery repaints
    hundreds of cells per frame, which aborted Python within seconds (hence the pin below 6.12)."""
    import sys

    panel.add_paths(make_photos(tmp_path / "many", 30))
    panel.resize(700, 700)
    before = sys.getrefcount(None)
    for _ in range(300):
        panel.view.viewport().grab()
    assert sys.getrefcount(None) > before - 100


def test_drop_on_the_editor_adds_to_the_current_item(qtbot: QtBot, workspace_and_id: tuple[Workspace, int],
                                                     tmp_path: Path) -> None:
    workspace, inspection_id = workspace_and_id
    editor = InspectionEditor(workspace, inspection_id, InlineTaskRunner(), ACTOR)
    qtbot.addWidget(editor)
    editor.show()
    editor.evidence.adder.workers = 1
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in make_photos(tmp_path / "drop", 2)])
    event = QDropEvent(QPointF(300, 300), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    assert editor.evidence.editor_link.eventFilter(editor, event)  # the filter the editor has installed
    rows = stored(workspace, inspection_id)
    assert len(rows) == 2 and {r.item_code for r in rows} == {editor.tree.current_code()}
    assert editor.evidence_tabs.currentWidget() is editor.evidence


def test_locked_inspection_refuses_new_photos_with_a_message(panel: EvidencePanel, tmp_path: Path,
                                                              workspace_and_id: tuple[Workspace, int]) -> None:
    workspace, inspection_id = workspace_and_id
    panel.set_locked(True)
    assert "锁定" in panel.target_hint.text() and not panel.add_button.isEnabled()
    panel.add_paths(make_photos(tmp_path / "late", 1))
    assert stored(workspace, inspection_id) == []
    assert panel.message_box is not None and "锁定" in panel.message_box.text()


def test_cancel_keeps_what_was_added_and_says_so(qtbot: QtBot, workspace_and_id: tuple[Workspace, int],
                                                 tmp_path: Path) -> None:
    workspace, inspection_id = workspace_and_id
    runner = TaskRunner()
    try:
        panel = EvidencePanel(workspace, inspection_id, runner, ACTOR)
        qtbot.addWidget(panel)
        panel.set_scope(("all", None))
        panel.adder.workers = 1
        files = make_photos(tmp_path / "in", 12)
        panel.add_paths(files)
        assert panel.adder.cancel_token is not None
        panel.adder.cancel_token.cancel()
        qtbot.waitUntil(lambda: panel.adder.last_report is not None, timeout=60000)
        report = panel.adder.last_report
        assert report is not None and report.cancelled and len(report.added) < len(files)
        assert len(stored(workspace, inspection_id)) == len(report.added)
        dialog = panel.adder.summary_dialog
        assert dialog is not None and "取消" in dialog.summary.text()
    finally:
        runner.shutdown()


def test_caption_field_and_large_view(qtbot: QtBot, panel: EvidencePanel, tmp_path: Path,
                                      workspace_and_id: tuple[Workspace, int]) -> None:
    from inspector_app.ui.evidence.viewer import PhotoViewer

    workspace, inspection_id = workspace_and_id
    panel.add_paths(make_photos(tmp_path / "in", 2))
    first = panel.model.rows()[0]
    panel.view.select_id(first.id)
    assert "SHA-256" in panel.details.text() and first.file_name in panel.details.text()
    panel.caption.setText("灭火器过期")
    panel.caption.editingFinished.emit()
    assert stored(workspace, inspection_id)[0].caption == "灭火器过期"
    assert panel.model.rows()[0].caption == "灭火器过期"
    panel.open_viewer()
    viewer = panel.dialog
    assert isinstance(viewer, PhotoViewer) and viewer.isVisible() and not viewer._pixmap.isNull()
    viewer.close()
