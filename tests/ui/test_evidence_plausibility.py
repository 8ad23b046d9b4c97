"""Evidence plausibility in the gallery: the drawn badge on a photo from elsewhere, the reasons in the
tooltip and the viewer, the bar with 「确认无误」, which accepts (audited) and turns the badge grey with a tick."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QStyleOptionViewItem
from pytestqt.qtbot import QtBot
from test_editor_support import ACTOR, workspace_and_id

from inspector_app.domain.plausibility import OUTSIDE_AREA
from inspector_app.services import audit, inspections
from inspector_app.storage.engine import Workspace
from inspector_app.ui.evidence.gallery import CELL, GalleryDelegate
from inspector_app.ui.evidence.panel import EvidencePanel
from inspector_app.ui.evidence.viewer import PhotoViewer
from inspector_app.ui.tasks import InlineTaskRunner

__all__ = ["workspace_and_id"]
SHARED_MILAN = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "photos" / "gps-htc.jpg"


def _jpeg(path: Path, when: datetime, lat: float, lon: float) -> Path:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "photos"))
    from photo_helpers import asymmetric_image, gps_ifd, jpeg_with_exif

    path.write_bytes(jpeg_with_exif(asymmetric_image((360, 240)), datetime_original=when.strftime("%Y:%m:%d %H:%M:%S"),
                                    gps=gps_ifd(lat, lon)))
    return path


def _milan(folder: Path) -> Path:
    """The real photo from Milan when the shared fixtures are there, else one like it."""
    if SHARED_MILAN.is_file():
        return SHARED_MILAN
    return _jpeg(folder / "gps-htc.jpg", datetime(2011, 5, 6, 9, 59, 48), 45.50067, 9.11033)


@pytest.fixture
def panel(qtbot: QtBot, workspace_and_id: tuple[Workspace, int], tmp_path: Path) -> EvidencePanel:
    workspace, inspection_id = workspace_and_id
    now = datetime.now().replace(microsecond=0)
    with workspace.sessions.begin() as s:
        inspections.get(s, inspection_id).started_at = now - timedelta(hours=1)
    widget = EvidencePanel(workspace, inspection_id, InlineTaskRunner(), ACTOR)
    widget.adder.workers = 1
    widget.set_scope(("all", None))
    qtbot.addWidget(widget)
    widget.resize(700, 520)
    widget.show()
    qtbot.waitExposed(widget)
    folder = tmp_path / "in"
    folder.mkdir()
    site = [_jpeg(folder / f"site-{n}.jpg", now - timedelta(minutes=30 - n), 31.7010 + n * 0.0002, 119.9480)
            for n in range(3)]
    widget.add_paths([*site, _milan(folder)])
    return widget


def _cell(panel: EvidencePanel, photo_id: int) -> QImage:
    image = QImage(CELL, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, CELL.width(), CELL.height())
    option.fontMetrics = panel.view.fontMetrics()
    GalleryDelegate().paint(painter, option, panel.model.index(panel.model.row_of(photo_id)))
    painter.end()
    return image


def _badge_colours(image: QImage) -> set[str]:
    """The colours in the thumbnail's top-right corner, where the badge is drawn."""
    thumb_right = (CELL.width() + 132) // 2
    found = set()
    for x in range(thumb_right - 24, thumb_right - 2):
        for y in range(8, 30):
            colour = image.pixelColor(x, y)
            if colour.red() > 200 and 90 < colour.green() < 150 and colour.blue() < 60:
                found.add("amber")
            if colour.green() > 100 and colour.red() < 80 and colour.blue() < 80:
                found.add("green")
    return found


def test_the_photo_from_elsewhere_gets_a_badge_a_reason_and_a_confirmation(
        qtbot: QtBot, panel: EvidencePanel, workspace_and_id: tuple[Workspace, int]) -> None:
    workspace, inspection_id = workspace_and_id
    rows = {r.file_name: r for r in panel.model.all_rows()}
    milan, site = rows["gps-htc.jpg"], rows["site-0.jpg"]
    assert milan.check.open_warnings and not site.check.findings
    assert "amber" in _badge_colours(_cell(panel, milan.id))
    assert not _badge_colours(_cell(panel, site.id))
    tooltip = panel.model.data(panel.model.index(panel.model.row_of(milan.id)), Qt.ItemDataRole.ToolTipRole)
    assert "提示（待确认）：GPS 位置不在企业所在辖区（武进区）范围内" in tooltip

    panel.view.select_id(site.id)
    assert panel.plausibility_bar.isHidden()
    panel.view.select_id(milan.id)
    bar = panel.plausibility_bar
    assert bar.isVisible() and bar.button.isEnabled() and bar.button.text() == "确认无误"
    assert bar.text.text() == "拍摄时间与检查时间不符；位置不在本辖区内；位置与检查场所不符"
    assert "GPS 位置不在企业所在辖区（武进区）范围内" in bar.text.toolTip()
    assert "提示（待确认）：拍摄时间早于检查开始" in panel.details.text()

    panel.open_viewer()
    viewer = panel.dialog
    assert isinstance(viewer, PhotoViewer) and viewer.accept_button is not None
    assert "范围内" in viewer.details.text()
    viewer.close()

    bar.button.click()  # the inline runner saves and announces: the panel reads its rows again
    accepted = next(r for r in panel.model.all_rows() if r.id == milan.id)
    assert accepted.check.all_accepted and OUTSIDE_AREA in accepted.check.accepted
    assert bar.isHidden()
    colours = _badge_colours(_cell(panel, milan.id))
    assert "green" in colours and "amber" not in colours
    assert "提示（已确认）" in panel.details.text()
    with workspace.sessions() as s:
        trail = [e for e in audit.trail(s, inspection_id) if e.field == "plausibility_ack"]
    assert [(e.actor, e.old_value) for e in trail] == [(ACTOR, "")]
    panel.open_viewer()
    assert panel.dialog.accept_button is None  # nothing left to confirm
    panel.dialog.close()


def test_a_locked_inspection_shows_the_warning_but_does_not_offer_to_confirm(
        qtbot: QtBot, panel: EvidencePanel) -> None:
    milan = next(r for r in panel.model.all_rows() if r.file_name == "gps-htc.jpg")
    panel.set_locked(True)
    panel.view.select_id(milan.id)
    assert panel.plausibility_bar.isVisible() and not panel.plausibility_bar.button.isEnabled()
    assert panel.plausibility_bar.button.toolTip() == "检查已锁定：须先重新打开才能确认"
