"""Render the evidence screens at 1366×768 in Chinese and in English to PNG files (offscreen).

    .venv/bin/python scripts/screenshots_evidence.py --out out/screens

Builds a workspace in a temporary folder with one inspection, adds the real camera photos of
``../shared/fixtures/photos`` (or synthetic ones where that folder is absent) to two checklist items
and the inspection, then renders for each language: the editor with the 照片 tab showing every photo
(``evidence-gallery``), the markup dialog with a few shapes (``evidence-markup``), the signatures
dialog with one inspector signed (``evidence-signatures``) and the signing pad with a signature drawn
(``evidence-sign``), and the summary of a batch with files that could not be used
(``evidence-add-summary``). Dialogs are drawn over the editor window, as the user sees them.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false;qt.multimedia.*=false")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QPoint  # noqa: E402
from PySide6.QtGui import QColor, QPainter, QPixmap  # noqa: E402
from PySide6.QtWidgets import QWidget  # noqa: E402

SIZE = (1366, 768)


def pump(app: QCoreApplication, ms: int = 150) -> None:
    timer = QElapsedTimer()
    timer.start()
    while timer.elapsed() < ms:
        app.processEvents()


def save_composite(window: QWidget, dialog: QWidget | None, path: Path, app: QCoreApplication) -> None:
    """The window, dimmed, with the dialog centred on it (what a modal dialog looks like)."""
    pump(app)
    image = window.grab()
    if dialog is not None:
        canvas = QPixmap(image.size())
        canvas.setDevicePixelRatio(image.devicePixelRatio())
        painter = QPainter(canvas)
        painter.drawPixmap(0, 0, image)
        painter.fillRect(0, 0, SIZE[0], SIZE[1], QColor(0, 0, 0, 70))
        shot = dialog.grab()
        x, y = (SIZE[0] - dialog.width()) // 2, (SIZE[1] - dialog.height()) // 2
        painter.fillRect(x - 1, y - 1, dialog.width() + 2, dialog.height() + 2, QColor("#607d8b"))
        painter.drawPixmap(QPoint(x, y), shot)
        painter.end()
        image = canvas
    image.save(str(path))
    print(path)


def handwriting(width: float = 420.0, top: float = 50.0) -> list[list[tuple[float, float, float, float]]]:
    """A cursive-looking signature: three loops strokes and an underline, with pen pressure."""
    strokes: list[list[tuple[float, float, float, float]]] = []
    t = 0.0
    x0 = 40.0
    for n, (loops, height) in enumerate(((3, 46.0), (2, 58.0), (4, 40.0))):
        points = []
        for step in range(90):
            s = step / 89
            angle = s * loops * 2 * math.pi
            x = x0 + s * width / 3.4 + 14 * math.sin(angle)
            y = top + height * (0.5 - 0.5 * math.cos(angle)) * (0.6 + 0.4 * math.sin(s * math.pi)) + n * 4
            t += 9
            points.append((x, y, t, 0.35 + 0.55 * math.sin(s * math.pi)))
        strokes.append(points)
        x0 = points[-1][0] + 18
    strokes.append([(30 + k * 12.0, top + 90 - k * 0.8, t + 20 + k * 6, 0.7) for k in range(int(width / 12))])
    return strokes


def build(tmp: Path) -> tuple[object, int, list[int], object]:
    from inspector_app.domain import uscc
    from inspector_app.domain.scoring import Answer
    from inspector_app.services import findings as findings_service
    from inspector_app.services import inspections, signatures
    from inspector_app.services import photos as photo_service
    from inspector_app.services.enterprises import EnterpriseData, upsert
    from inspector_app.services.ops import evidence as evidence_ops
    from inspector_app.services.templates import latest_templates, sync_shipped_templates
    from inspector_app.storage.engine import open_workspace

    workspace = open_workspace(tmp / "workspace")
    with workspace.sessions.begin() as session:
        sync_shipped_templates(session)
        record = next(r for r in latest_templates(session) if r.template_id == "lookback-2020")
        enterprise, _ = upsert(session, EnterpriseData(
            name="常州恒达机械制造有限公司", uscc=uscc.make_code("9", "1", "320412", "MA1N2X3Y4"),
            address="常州市武进区湖塘镇长虹路8号", district="武进区", industry="机械", cert_grade="三级",
            legal_rep="王建华", contact_phone="13912345678"))
        inspection = inspections.assign(session, enterprise, record,
                                        [("陈示范", "苏应急执法32040001"), ("吴敏", "苏评审2019-0456")], "陈示范")
        codes = [item.code for item in inspections.template_for(inspection).items]
        for code in codes[:6]:
            inspections.set_answer(session, inspection, code, Answer("符合"), "陈示范")
        inspections.set_answer(session, inspection, codes[6], Answer("不符合", note="配电箱未接地"), "陈示范")
        inspections.update_header(session, inspection, "陈示范", rep_name="王建华")
        findings_service.add(session, inspection, "陈示范", severity="一般", description="配电箱未接地，柜门未上锁",
                             item_code=codes[6], requirement="立即整改", responsible_person="王建华")
        inspection_id = inspection.id
    fixtures = Path(os.environ.get("INSPECTOR_SHARED", ROOT.parent / "shared")) / "fixtures" / "photos"
    if fixtures.is_dir():
        files = sorted(p for p in fixtures.iterdir() if p.suffix.lower() in (".jpg", ".jpeg", ".heic", ".png"))
    else:
        from PIL import Image

        files = []
        for n in range(12):
            path = tmp / f"synthetic-{n}.jpg"
            Image.new("RGB", (800, 600), ((n * 40) % 256, 120, (n * 70) % 256)).save(path, quality=85)
            files.append(path)
    store = photo_service.photo_store(workspace.photo_dir)
    half = len(files) // 2
    report = photo_service.AddReport()
    for batch, code in ((files[:4], codes[6]), (files[4:half + 4], codes[0]), (files[half + 4:], "")):
        done = evidence_ops.add_photos(workspace, inspection_id, batch, "陈示范", item_code=code)
        report.added += done.added
        report.rejected += done.rejected
    empty = tmp / "空文件.jpg"
    empty.write_bytes(b"")
    (tmp / "说明.txt").write_text("不是照片", encoding="utf-8")
    more = evidence_ops.add_photos(workspace, inspection_id, [empty, tmp / "说明.txt"], "陈示范")
    report.rejected += more.rejected
    with workspace.sessions.begin() as session:
        rows = photo_service.list_photos(session, inspection_id)
        ids = [r.id for r in rows]
        photo_service.set_caption(session, ids[0], "配电箱柜门未上锁", "陈示范")
        photo_service.set_caption(session, ids[1], "接地线缺失", "陈示范")
        if len(ids) > 3:
            photo_service.pair_photos(session, ids[2], ids[3], "陈示范")
        inspector = inspections.get(session, inspection_id).inspectors[0]
        signatures.save_signature(session, store, inspection_id, "inspector", inspector.name,
                                     [list(s) for s in handwriting()], "陈示范")
    return workspace, inspection_id, ids, report


def pick_showcase(workspace: object, ids: list[int]) -> int:
    """A photo that shows a real scene (the fixtures include deliberately odd ones)."""
    from inspector_app.services import photos as photo_service

    with workspace.sessions() as session:  # type: ignore[attr-defined]
        names = {p.original_name: p.id for p in photo_service.list_photos(session, ids and photo_service.get_photo(
            session, ids[0]).inspection_id)}
    for wanted in ("gps-htc.jpg", "large-phone.jpg", "gps-sony.jpg", "orient-1.jpg"):
        if wanted in names:
            return names[wanted]
    return ids[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("out/screens"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="inspector-evidence-screens-"))

    from inspector_app.photos.markup import Shape
    from inspector_app.ui.editor import InspectionEditor
    from inspector_app.ui.evidence import editor_hook
    from inspector_app.ui.evidence.adding import AddSummaryDialog
    from inspector_app.ui.i18n import ensure_cjk_font, install_translators
    from inspector_app.ui.main import make_application
    from inspector_app.ui.tasks import InlineTaskRunner

    app = make_application()
    print("CJK font:", ensure_cjk_font() or "NONE")
    workspace, inspection_id, ids, report = build(tmp)
    showcase = pick_showcase(workspace, ids)
    for language in ("zh_CN", "en"):
        install_translators(language, app)
        tag = "zh" if language == "zh_CN" else "en"
        editor = InspectionEditor(workspace, inspection_id, InlineTaskRunner(), "陈示范")  # type: ignore[arg-type]
        editor.resize(*SIZE)
        editor.show()
        editor.evidence_tabs.setCurrentWidget(editor.evidence)
        panel = editor.evidence
        panel.set_scope(("all", None))
        panel.view.select_id(showcase)
        for _ in range(40):  # thumbnails arrive from worker threads
            pump(app, 50)
            if all(panel.thumbs.cached(r.id) or panel.thumbs.failed(r.id) for r in panel.model.rows()[:8]):
                break
        save_composite(editor, None, args.out / f"evidence-gallery-{tag}.png", app)

        summary = AddSummaryDialog(report, editor)  # type: ignore[arg-type]
        summary.show()
        save_composite(editor, summary, args.out / f"evidence-add-summary-{tag}.png", app)
        summary.close()

        markup = panel.open_markup(exec_dialog=False)
        assert markup is not None
        markup.resize(1000, 680)
        for shape in (Shape("arrow", x1=0.15, y1=0.2, x2=0.45, y2=0.48, width=8),
                      Shape("ellipse", x1=0.45, y1=0.4, x2=0.75, y2=0.75, width=6),
                      Shape("rect", x1=0.05, y1=0.6, x2=0.3, y2=0.92, color="#FDD835", width=6),
                      Shape("text", x=0.5, y=0.08, text="配电箱未接地" if tag == "zh" else "No earthing", size=60)):
            markup.add_shape(shape)
        pump(app)
        save_composite(editor, markup, args.out / f"evidence-markup-{tag}.png", app)
        markup.reject()

        signatures = editor_hook.open_signatures(editor)
        signatures.resize(900, 420)
        save_composite(editor, signatures, args.out / f"evidence-signatures-{tag}.png", app)
        sign = signatures.sign_selected(exec_dialog=False)
        assert sign is not None
        sign.resize(720, 380)
        pump(app)
        sign.pad.set_strokes([[(x * 0.9 + 30, y + 100, t, p) for x, y, t, p in s] for s in handwriting(520, 30)])
        save_composite(editor, sign, args.out / f"evidence-sign-{tag}.png", app)
        sign.reject()
        signatures.reject()
        editor.close()
        editor.deleteLater()
        pump(app)
    return 0


if __name__ == "__main__":
    sys.exit(main())
