"""Screenshots of the main screens on small laptop screens, offscreen, in Chinese and in English.

    .venv/bin/python scripts/screenshots_small_screens.py [--out build/screens-small] [--enterprises 60]

At 1366×700 (a maximised window on a 1366×768 laptop, above the taskbar) and at 1280×720, for each
language: the desk with an enterprise selected (``desk``), an inspection in progress open in the editor
with its 照片 tab showing the photos (``editor-photos``) and its 隐患 tab (``editor``), and the office's
审核队列 with a received inspection selected (``office-review``). Files are named
``<size>-<lang>-<screen>.png`` (``1366x700-zh-editor-photos.png``).

Two demo workspaces are built in a temporary folder (the settings too, so the user's own are untouched):
the inspector's, whose first inspection in progress gets photos (the real camera photos of
``../shared/fixtures/photos`` where that folder exists, else the demo's synthetic site photos), and
the 武进区 office's, with the inspections the inspectors sent marked received. The people and
enterprises are fictional.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false;qt.multimedia.*=false")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

SIZES = ((1366, 700), (1280, 720))
LANGUAGES = (("zh_CN", "zh"), ("en", "en"))
ACTOR = "陈示范"
OFFICE_ACTOR = "科长（演示）"
FIXTURE_PHOTOS = ("gps-htc.jpg", "large-phone.jpg", "gps-sony.jpg", "orient-1.jpg", "orient-6.jpg",
                  "gps-iphone5-orient3.jpg", "large-camera-canon.jpg", "badexif-nikon.jpg")


def pump(ms: int = 120) -> None:
    timer = QElapsedTimer()
    timer.start()
    while timer.elapsed() < ms:
        QCoreApplication.processEvents()


def save(widget: QWidget, path: Path) -> None:
    pump()
    widget.grab().save(str(path))
    print(path, flush=True)


def photo_files(tmp: Path) -> list[Path]:
    fixtures = Path(os.environ.get("INSPECTOR_SHARED", ROOT.parent / "shared")) / "fixtures" / "photos"
    found = [fixtures / name for name in FIXTURE_PHOTOS if (fixtures / name).is_file()]
    if found:
        return found
    from inspector_app.demo.workspace import demo_photo

    rng = random.Random(7)
    files = []
    for n in range(8):
        path = tmp / f"IMG_{n:04d}.jpg"
        path.write_bytes(demo_photo(rng, "", datetime.now() - timedelta(minutes=30 - n)))
        files.append(path)
    return files


def inspector_workspace(tmp: Path, enterprises: int) -> tuple[object, int]:
    """The inspector's demo workspace and an inspection in progress with photos on its items."""
    from inspector_app.demo import workspace as demo
    from inspector_app.services.ops import evidence as evidence_ops
    from inspector_app.services.queries import editor as editor_queries
    from inspector_app.storage.engine import open_workspace

    ws = open_workspace(tmp / "inspector")
    demo.build(ws, enterprises=enterprises)
    with ws.engine.connect() as con:  # the in-progress inspection with the most answers
        inspection_id = con.exec_driver_sql(
            "SELECT i.id FROM inspections i LEFT JOIN answers a ON a.inspection_id = i.id "
            "WHERE i.status = 'in_progress' GROUP BY i.id ORDER BY COUNT(a.inspection_id) DESC, i.id LIMIT 1").scalar()
    snapshot = editor_queries.load_snapshot(ws, inspection_id)
    first = next((code for code in (i.code for i in snapshot.template.items) if code in snapshot.answers),
                 snapshot.template.items[0].code)
    files = photo_files(tmp)
    half = max(1, len(files) * 3 // 4)
    evidence_ops.add_photos(ws, inspection_id, files[:half], ACTOR, item_code=first)
    evidence_ops.add_photos(ws, inspection_id, files[half:], ACTOR)
    return ws, inspection_id


def office_workspace(tmp: Path, enterprises: int) -> object:
    from inspector_app.demo import workspace as demo
    from inspector_app.domain.lifecycle import InspectionStatus
    from inspector_app.services import inspections
    from inspector_app.services.ops import sync as sync_ops
    from inspector_app.services.ops import workspace as workspace_ops
    from inspector_app.services.unit import unit_of_work
    from inspector_app.storage.engine import open_workspace
    from inspector_app.storage.models import Inspection

    ws = open_workspace(tmp / "office")
    demo.build(ws, enterprises=enterprises)
    workspace_ops.set_setting(ws, "level", "district", OFFICE_ACTOR)
    workspace_ops.set_setting(ws, "jurisdiction", "常州市武进区", OFFICE_ACTOR)
    sync_ops.set_role(ws, "office", OFFICE_ACTOR)
    with unit_of_work(ws) as session:  # what importing the inspectors' bundles does (已完成/已导出 → 已接收)
        for inspection in session.query(Inspection).filter(Inspection.status.in_(
                (InspectionStatus.COMPLETED.value, InspectionStatus.EXPORTED.value))).all():
            if inspection.status == InspectionStatus.COMPLETED.value:
                inspections.set_status(session, inspection, InspectionStatus.EXPORTED, ACTOR)
            inspections.set_status(session, inspection, InspectionStatus.RECEIVED, "数据包导入")
    return ws


def wait_for_thumbnails(editor: QWidget) -> None:
    panel = editor.evidence  # type: ignore[attr-defined]
    for _ in range(60):
        pump(50)
        rows = panel.model.rows()[:8]
        if rows and all(panel.thumbs.cached(r.id) or panel.thumbs.failed(r.id) for r in rows):
            break
    pump()


def shoot(app: QApplication, out: Path, tmp: Path, inspector_ws: object, inspection_id: int,
          office_ws: object) -> None:
    from inspector_app.ui.i18n import install_translators
    from inspector_app.ui.main_window import MainWindow
    from inspector_app.ui.office import workbench as workbench_module
    from inspector_app.ui.settings import AppSettings
    from inspector_app.ui.tasks import InlineTaskRunner

    for language, tag in LANGUAGES:
        install_translators(language, app)
        for width, height in SIZES:
            prefix = f"{width}x{height}-{tag}"
            settings = AppSettings(QSettings(str(tmp / f"{prefix}.ini"), QSettings.Format.IniFormat))
            settings.inspector_name, settings.inspector_cert = ACTOR, "苏应急执法32040001"
            settings.language = language
            window = MainWindow(InlineTaskRunner(), settings)
            window.set_workspace(inspector_ws)  # type: ignore[arg-type]
            window.resize(width, height)
            window.show()
            window.reload()
            window.select_row(inspection_id, None)
            save(window, out / f"{prefix}-desk.png")
            editor = window.editor_tabs.open(inspection_id, "")
            save(window, out / f"{prefix}-editor.png")
            editor.evidence_tabs.setCurrentWidget(editor.evidence)
            editor.evidence.set_scope(("all", None))
            wait_for_thumbnails(editor)
            save(window, out / f"{prefix}-editor-photos.png")
            window.editor_tabs.close_all()
            window.close()
            window.deleteLater()

            settings = AppSettings(QSettings(str(tmp / f"{prefix}-office.ini"), QSettings.Format.IniFormat))
            settings.inspector_name = OFFICE_ACTOR
            settings.language = language
            window = MainWindow(InlineTaskRunner(), settings)
            window.set_workspace(office_ws)  # type: ignore[arg-type]
            window.resize(width, height)
            window.reload()
            window.show()
            assert window.office is not None
            bench = window.office.show_office()
            assert bench is not None
            bench.show_page(workbench_module.REVIEW)
            bench.review.table.selectRow(0)
            save(window, out / f"{prefix}-office-review.png")
            window.close()
            window.deleteLater()
            pump()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "screens-small")
    parser.add_argument("--enterprises", type=int, default=60)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="inspector-small-screens-"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp / "settings"))

    from inspector_app.ui.i18n import ensure_cjk_font
    from inspector_app.ui.main import make_application

    app = make_application()
    print("CJK font:", ensure_cjk_font() or "NONE", flush=True)
    inspector_ws, inspection_id = inspector_workspace(tmp, args.enterprises)
    office_ws = office_workspace(tmp, args.enterprises)
    shoot(app, args.out, tmp, inspector_ws, inspection_id, office_ws)
    inspector_ws.close()  # type: ignore[attr-defined]
    office_ws.close()  # type: ignore[attr-defined]
    return 0


if __name__ == "__main__":
    sys.exit(main())
