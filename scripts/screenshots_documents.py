"""Render the sheet and sync screens at 1366×768 in Chinese and in English to PNG files (offscreen).

    .venv/bin/python scripts/screenshots_documents.py --out out/screens

Builds two workspaces in a temporary folder – an inspector's (demo data) and the office's – with
in-memory keyrings, enrols the inspector's key in the office, prints and exports, and imports a folder
holding a good bundle, the same bundle again, a bundle signed by an unknown key and a damaged file.
Then, per language, each dialog is drawn centred over the main window (1366×768, as on a field laptop):
the sheet preview, the verify dialog with each answer, the export dialogs (inspector and office), the
import report, the conflict list, the keys dialog (and with no keyring), enrolment and the return
comment. Files: ``<language>-doc-*.png`` and ``<language>-sync-*.png``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QCoreApplication, QPoint, QSettings
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QWidget

SIZE = (1366, 768)


def pump(times: int = 8) -> None:
    for _ in range(times):
        QCoreApplication.processEvents()


def save(background: QWidget, dialog: QWidget | None, out: Path, name: str) -> Path:
    """The main window at 1366×768 with ``dialog`` centred on it (dimmed behind), as the user sees it."""
    pump()
    canvas = QPixmap(*SIZE)
    canvas.fill(QColor("#ffffff"))
    painter = QPainter(canvas)
    painter.drawPixmap(0, 0, background.grab())
    if dialog is not None:
        painter.fillRect(canvas.rect(), QColor(0, 0, 0, 70))
        shot = dialog.grab()
        if shot.width() > SIZE[0] or shot.height() > SIZE[1]:
            print(f"  !! {name}: the dialog ({shot.width()}×{shot.height()}) does not fit 1366×768")
        painter.drawPixmap(QPoint(max(0, (SIZE[0] - shot.width()) // 2), max(0, (SIZE[1] - shot.height()) // 2)), shot)
    painter.end()
    path = out / f"{name}.png"
    canvas.save(str(path))
    print(path)
    return path


def complete_one(ws: Any, status: str = "in_progress") -> int:
    from sqlalchemy import select

    from inspector_app.domain.scoring import Answer
    from inspector_app.services import completion, inspections, signatures
    from inspector_app.storage.models import Inspection

    with ws.sessions.begin() as s:
        insp = s.scalars(select(Inspection).where(Inspection.status == status).order_by(Inspection.id)).first()
        for item in inspections.template_for(insp).items:
            if item.applies_to(insp.enterprise.industry) is not False:  # the others are 不涉及 already
                inspections.set_answer(s, insp, item.code, Answer("符合"), "陈示范")
        signers = [("inspector", p.name) for p in insp.inspectors] + [("enterprise_rep", "王厂长")]
        for number, (role, name) in enumerate(signers):
            signatures.save_signature(s, None, insp.id, role, name,
                                      [[[0.0, 0.0], [10.0 + number, 5.0], [20.0, 0.0]]], "陈示范")
        completion.complete(s, insp, "陈示范")
        return int(insp.id)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("out/screens"))
    parser.add_argument("--enterprises", type=int, default=240)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="inspector-doc-screens-"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp / "settings"))

    from keyring.backends import fail
    from sqlalchemy import select

    from inspector_app.demo.workspace import build_demo
    from inspector_app.domain.scoring import Answer
    from inspector_app.secrets import InMemoryKeyring
    from inspector_app.services import completion, inspections
    from inspector_app.services.ops import sync as sync_ops
    from inspector_app.storage.engine import open_workspace
    from inspector_app.storage.models import Inspection
    from inspector_app.ui.documents.sheet_dialog import SheetDialog
    from inspector_app.ui.documents.sheet_work import Preview, record, render_preview
    from inspector_app.ui.documents.verify_dialog import VerifyDialog
    from inspector_app.ui.i18n import ensure_cjk_font, install_translators
    from inspector_app.ui.main import make_application
    from inspector_app.ui.main_window import MainWindow
    from inspector_app.ui.settings import AppSettings
    from inspector_app.ui.sync.conflicts_dialog import ConflictDialog
    from inspector_app.ui.sync.enrol_dialog import EnrolDialog
    from inspector_app.ui.sync.export_dialog import ExportDialog, export_work
    from inspector_app.ui.sync.identity import SyncContext
    from inspector_app.ui.sync.import_dialog import ImportReportDialog
    from inspector_app.ui.sync.import_work import import_work
    from inspector_app.ui.sync.keys_dialog import KeysDialog
    from inspector_app.ui.sync.review import ReturnDialog
    from inspector_app.ui.tasks import InlineTaskRunner

    app = make_application()
    print("CJK font:", ensure_cjk_font() or "NONE")
    field_ws = open_workspace(tmp / "field")
    with field_ws.sessions.begin() as session:
        build_demo(session, enterprises=args.enterprises)
    office_ws = open_workspace(tmp / "office")
    field = SyncContext(field_ws, "陈示范（苏应急执法32040001）", InMemoryKeyring(), "陈示范")
    office = SyncContext(office_ws, "科长", InMemoryKeyring(), "常州市应急管理局")
    stranger_ws = open_workspace(tmp / "stranger")
    with stranger_ws.sessions.begin() as session:
        build_demo(session, enterprises=30)
    stranger = SyncContext(stranger_ws, "未登记的电脑", InMemoryKeyring(), "未登记的电脑")
    sync_ops.set_role(office_ws, "office", office.actor)
    from inspector_app.bundle.signing import PublicKeyFile, Signer

    sync_ops.export_public_key(field_ws, tmp / "field.inspkey", keyring=field.keyring, name=field.name)
    field_key = PublicKeyFile.parse((tmp / "field.inspkey").read_text("utf-8"))
    sync_ops.enrol_key(office_ws, field_key, office.actor)  # name and role are signed into the file
    sync_ops.export_public_key(office_ws, tmp / "office.inspkey", keyring=office.keyring, name=office.name)
    office_key = PublicKeyFile.parse((tmp / "office.inspkey").read_text("utf-8"))
    sync_ops.enrol_key(field_ws, office_key, field.actor)
    old = PublicKeyFile.signed(Signer.generate(), "钱晓东（旧笔记本）", "inspector", "old-device")
    sync_ops.enrol_key(office_ws, old, office.actor)
    sync_ops.revoke_key(office_ws, old.fingerprint, office.actor)

    # prints: one that matches, one changed since, and the showcase preview
    with field_ws.engine.connect() as con:
        showcase = con.exec_driver_sql(
            "SELECT inspection_id FROM findings GROUP BY inspection_id ORDER BY COUNT(*) DESC LIMIT 1").scalar()
    def noop(*_args: Any) -> None:
        return None

    from inspector_app.domain.progress import CancelToken

    printed: Preview = render_preview(field_ws, int(showcase), "record", noop, CancelToken())
    match_code = record(field_ws, printed, field.actor).value
    with field_ws.sessions() as s:
        draft_id = s.scalar(select(Inspection.id).where(Inspection.status == "in_progress").order_by(Inspection.id.desc()))
    draft = render_preview(field_ws, int(draft_id), "record", noop, CancelToken())
    changed_code = record(field_ws, draft, field.actor).value
    with field_ws.sessions.begin() as s:
        insp = inspections.get(s, int(draft_id))
        item = inspections.template_for(insp).items[0]
        inspections.set_answer(s, insp, item.code, Answer("部分符合", note="打印后修改"), "陈示范")

    # bundles: field → office, the same again, an unknown key, a damaged file; then a conflict
    stick = tmp / "usb"
    stick.mkdir()
    first = complete_one(field_ws)
    export_work(field, stick / "陈示范-20261125-1.inspbundle", [first], None, noop, CancelToken())
    shutil.copy(stick / "陈示范-20261125-1.inspbundle", stick / "陈示范-20261125-1（副本）.inspbundle")
    complete_one(stranger_ws)
    with stranger_ws.sessions() as s:
        ids = [i for i in s.scalars(select(Inspection.id).where(Inspection.status == "completed"))][:1]
    export_work(stranger, stick / "未知来源.inspbundle", ids, None, noop, CancelToken())
    (stick / "损坏的文件.inspbundle").write_bytes(b"PK\x03\x04" + os.urandom(200))
    run = import_work(office, [stick], noop, CancelToken())
    with office_ws.sessions.begin() as s:  # the office accepts …
        received = s.scalars(select(Inspection).where(Inspection.status == "received")).first()
        inspections.set_status(s, received, inspections.InspectionStatus.ACCEPTED, "科长")
    with field_ws.sessions.begin() as s:  # … while the inspector reopens and changes it
        insp = inspections.get(s, first)
        inspections.reopen(s, insp, "补充说明", "陈示范")
        item = inspections.template_for(insp).items[1]
        inspections.set_answer(s, insp, item.code, Answer("部分符合", note="复核后发现台账缺两个月"), "陈示范")
        completion.complete(s, insp, "陈示范")
    export_work(field, tmp / "second.inspbundle", [first], None, noop, CancelToken())
    import_work(office, [tmp / "second.inspbundle"], noop, CancelToken())
    more = [complete_one(field_ws) for _ in range(3)]  # received in the office, waiting for review
    export_work(field, tmp / "third.inspbundle", more, None, noop, CancelToken())
    import_work(office, [tmp / "third.inspbundle"], noop, CancelToken())

    settings = AppSettings(QSettings(str(tmp / "inspector.ini"), QSettings.Format.IniFormat))
    settings.inspector_name, settings.inspector_cert = "陈示范", "苏应急执法32040001"
    for language in ("zh_CN", "en"):
        install_translators(language, app)
        settings.language = language
        runner = InlineTaskRunner()
        window = MainWindow(runner, settings)
        window.set_workspace(field_ws)
        window.sync.keyring = field.keyring
        window.resize(*SIZE)
        window.show()
        window.reload()
        window.select_row(int(showcase))
        save(window, None, args.out, f"{language}-doc-main-toolbar")

        sheet = SheetDialog(field_ws, runner, field.actor, int(showcase), printed_name(window, int(showcase)), window)
        sheet.resize(1320, 730)
        sheet.show()
        sheet.start_render()
        save(window, sheet, args.out, f"{language}-doc-sheet-preview")
        sheet.thumbs.setCurrentRow(max(0, (sheet.preview.pages if sheet.preview else 1) - 1))
        sheet.zoom.setCurrentIndex(sheet.zoom.findData(0.75))
        save(window, sheet, args.out, f"{language}-doc-sheet-last-page")
        sheet.close()

        for answer, code in (("matches", match_code), ("changed", changed_code), ("unknown", "INSP-9999-ABCDE-FGHJK"),
                             ("not-a-code", "12345")):
            verify = VerifyDialog(field_ws, runner, window, open_inspection=window.open_inspection)
            verify.show()
            verify.code.setText(code)
            verify.check()
            save(window, verify, args.out, f"{language}-doc-verify-{answer}")
            verify.close()

        export = ExportDialog(field, runner, window, None)
        export.load()
        export.target.setText(str(Path.home() / "Documents" / "inspector-inspector-20261125-0930.inspbundle"))
        export.show()
        save(window, export, args.out, f"{language}-sync-export-inspector")
        export.close()

        office_window = MainWindow(runner, settings)
        office_window.set_workspace(office_ws)
        office_window.sync.keyring = office.keyring
        office_window.resize(*SIZE)
        office_window.show()
        office_window.reload()
        received_row = next((r for r in office_window.model.rows() if r["status"] == "received"), None)
        if received_row is not None:
            office_window.select_row(received_row["id"])
        save(office_window, None, args.out, f"{language}-sync-office-main")

        report = ImportReportDialog(run, office_window)
        report.show()
        report.files.setCurrentCell(0, 0)
        save(office_window, report, args.out, f"{language}-sync-import-report")
        report.files.setCurrentCell(2, 0)
        save(office_window, report, args.out, f"{language}-sync-import-report-rejected")
        report.close()

        conflicts = ConflictDialog(office, runner, office_window)
        conflicts.load()
        conflicts.show()
        save(office_window, conflicts, args.out, f"{language}-sync-conflicts")
        conflicts.close()

        office_export = ExportDialog(office, runner, office_window, None)
        office_export.load()
        office_export.target.setText(str(Path.home() / "Documents" / "inspector-office-20261125-1700.inspbundle"))
        office_export.show()
        save(office_window, office_export, args.out, f"{language}-sync-export-office")
        office_export.close()

        keys = KeysDialog(office, runner, office_window)
        keys.load()
        keys.show()
        save(office_window, keys, args.out, f"{language}-sync-keys")
        keys.close()
        missing = KeysDialog(SyncContext(field_ws, field.actor, fail.Keyring()), runner, window)
        missing.load()
        missing.show()
        save(window, missing, args.out, f"{language}-sync-keys-no-keyring")
        missing.close()
        missing_export = ExportDialog(SyncContext(field_ws, field.actor, fail.Keyring()), runner, window)
        missing_export.load()
        missing_export.show()
        save(window, missing_export, args.out, f"{language}-sync-export-no-keyring")
        missing_export.close()

        enrol = EnrolDialog(field_key, office_window)
        enrol.show()
        save(office_window, enrol, args.out, f"{language}-sync-enrol")
        enrol.close()
        comment = ReturnDialog(received_row["enterprise"] if received_row else "常州恒达机械制造有限公司", office_window)
        comment.comment.setPlainText("B2 项“隐患排查台账”缺 2026 年 9、10 月记录，请补充照片后重新提交。")
        comment.show()
        save(office_window, comment, args.out, f"{language}-sync-return")
        comment.close()

        for win in (window, office_window):
            win.close()
            win.deleteLater()
        pump()
    for ws in (field_ws, office_ws, stranger_ws):
        ws.close()
    return 0


def printed_name(window: Any, inspection_id: int) -> str:
    return next((r["enterprise"] for r in window.model.rows() if r["id"] == inspection_id), "")


if __name__ == "__main__":
    sys.exit(main())
