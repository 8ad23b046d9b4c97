"""Render the clear states of issue 17 (item 4) to PNG files, in Chinese and in English (offscreen):
a fresh inspection in the editor (no score, no conclusion), the confirmation before locking (with open
points, and ready to lock), the confirmation before accepting, and a locked inspection's hint at an office.

    .venv/bin/python scripts/screenshots_states.py --out out/states [--size 1366x700]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QWidget

ACTOR = "陈示范"


def pump(app: QCoreApplication, times: int = 5) -> None:
    for _ in range(times):
        app.processEvents()


def save(widget: QWidget, out: Path, name: str, app: QCoreApplication) -> None:
    pump(app)
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    print(path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("out/states"))
    parser.add_argument("--size", default="1366x700")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    args.out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="inspector-states-"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp / "settings"))

    from inspector_app.demo.workspace import build_demo
    from inspector_app.domain.scoring import Answer
    from inspector_app.services import inspections
    from inspector_app.services.ops import inspections as inspection_ops
    from inspector_app.services.queries import confirm
    from inspector_app.services.sync import identity
    from inspector_app.storage.engine import open_workspace
    from inspector_app.translation import set_language
    from inspector_app.ui.confirm_dialog import ConfirmDialog
    from inspector_app.ui.editor import InspectionEditor
    from inspector_app.ui.i18n import ensure_cjk_font, install_translators
    from inspector_app.ui.main import make_application
    from inspector_app.ui.main_window import MainWindow
    from inspector_app.ui.settings import AppSettings
    from inspector_app.ui.tasks import InlineTaskRunner

    app = make_application()
    print("CJK font:", ensure_cjk_font() or "NONE")
    ws = open_workspace(tmp / "workspace")
    with ws.sessions.begin() as session:
        build_demo(session, enterprises=60)
    with ws.sessions() as session:  # a fresh one (nothing answered) and one in progress with findings
        rows = [(i.id, i.status, len(i.findings)) for i in session.query(inspections.Inspection)]
    fresh = next(i for i, status, _n in rows if status == "assigned")
    busy = max((r for r in rows if r[1] == "in_progress"), key=lambda r: r[2])[0]
    ready = next(i for i, status, _n in rows if status == "assigned" and i != fresh)
    with ws.sessions() as session:  # answer all of one, and sign it, so that it can be locked
        insp = inspections.get(session, ready)
        industry = insp.enterprise.industry or None
        items = [i for i in inspections.template_for(insp).items if i.applies_to(industry) is not False]
    answers = [(item.code, Answer("不符合", note="现场抽查记录不全") if n == 3 else Answer("符合"))
               for n, item in enumerate(items)]
    inspection_ops.set_answers(ws, ready, answers, ACTOR)
    inspection_ops.add_finding(ws, ready, ACTOR, item_code=items[3].code, severity="一般",
                               description="安全检查记录不全，未记录整改复查情况", requirement="补全检查记录")
    from inspector_app.services import signatures

    with ws.sessions() as session:
        for person in inspections.get(session, ready).inspectors:
            signatures.save_signature(session, None, ready, "inspector", person.name,
                                      [[[0.0, 0.0], [10.0, 12.0], [20.0, 4.0]]], ACTOR)
        signatures.record_refusal(session, None, ready, "王建华", "对隐患认定有异议，拒绝签名", ACTOR)
        session.commit()

    for language in ("zh_CN", "en"):
        install_translators(language, app)
        set_language(language)
        runner = InlineTaskRunner()
        editor = InspectionEditor(ws, fresh, runner, ACTOR)
        editor.resize(width, height)
        editor.show()
        save(editor, args.out, f"{language}-fresh-editor", app)
        editor.complete_and_lock()
        assert editor.confirm_dialog is not None
        save(editor.confirm_dialog, args.out, f"{language}-confirm-lock-open-points", app)
        editor.confirm_dialog.reject()
        editor.close()

        editor = InspectionEditor(ws, ready, runner, ACTOR)
        editor.resize(width, height)
        editor.show()
        editor.complete_and_lock()
        assert editor.confirm_dialog is not None
        save(editor.confirm_dialog, args.out, f"{language}-confirm-lock-ready", app)
        editor.confirm_dialog.reject()
        editor.close()

        dialog = ConfirmDialog(confirm.before_accepting(ws, busy, "科长甲"))
        dialog.show()
        save(dialog, args.out, f"{language}-confirm-accept", app)
        dialog.close()

        settings = AppSettings(QSettings(str(tmp / "inspector.ini"), QSettings.Format.IniFormat))
        window = MainWindow(runner, settings)
        window.set_workspace(ws)
        window.resize(width, height)
        window.show()
        window.reload()
        window.select_row(fresh)
        save(window, args.out, f"{language}-desk", app)
        window.close()

    with ws.sessions.begin() as session:  # an accepted inspection as an office holds it
        identity.set_role(session, "office", ACTOR)
    with ws.engine.begin() as con:
        con.exec_driver_sql("UPDATE inspections SET status = 'accepted' WHERE id = ?", (busy,))
    for language in ("zh_CN", "en"):
        install_translators(language, app)
        editor = InspectionEditor(ws, busy, InlineTaskRunner(), ACTOR)
        editor.resize(width, height)
        editor.show()
        save(editor, args.out, f"{language}-accepted-at-office", app)
        editor.close()
    ws.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
