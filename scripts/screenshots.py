"""Render each main screen at 1366×768 in Chinese and in English to PNG files (offscreen).

    .venv/bin/python scripts/screenshots.py --out out/screens

Builds a demo workspace in a temporary folder (settings too, so the user's own are untouched), then for
each language renders: the main window with a selected enterprise and its detail pane, the list filtered,
the settings dialog, the import preview and the import error dialog, and – where the editor package is
installed – an inspection open in the editor.
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

SIZE = (1366, 768)

CSV_OK = """企业名称,统一社会信用代码,辖市区,行业,证书等级,证书编号,发证日期,有效期至,法定代表人,联系人,联系电话
常州市示例精密机械有限公司,91110000600037341L,武进区,机械,三级,AQB3204JX20190001,2019-05-01,2022-04-30,王伟,李芳,13912345678
常州市样板纺织有限公司,91110000802100433B,新北区,纺织,二级,AQB3204QT20200002,2020-03-15,2023-03-14,张强,刘敏,13812345678
"""
CSV_BAD = """企业名称,统一社会信用代码,辖市区,证书等级,发证日期
常州市错误代码有限公司,91110000600037341X,武进区,三级,2019-05-01
常州市错误日期有限公司,91110000802100433B,新北区,二级,2019-13-45
常州市错误日期有限公司,91110000802100433B,新北区,二级,2019-01-01
"""


def pump(app: QCoreApplication, times: int = 5) -> None:
    for _ in range(times):
        app.processEvents()


def save(widget: QWidget, out: Path, name: str, app: QCoreApplication) -> Path:
    pump(app)
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    print(path)
    return path


def import_result(workspace: object, path: Path, dry_run: bool) -> object:
    try:
        from inspector_app.services.enterprise_import import import_enterprises
    except ModuleNotFoundError as exc:
        return exc
    try:
        with workspace.sessions.begin() as session:  # type: ignore[attr-defined]
            return import_enterprises(session, path, dry_run=dry_run)
    except Exception as exc:  # shown by the dialog, as in the app
        return exc


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("out/screens"))
    parser.add_argument("--enterprises", type=int, default=240)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="inspector-screens-"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp / "settings"))

    from inspector_app.demo.workspace import build_demo
    from inspector_app.storage.engine import open_workspace
    from inspector_app.ui.i18n import ensure_cjk_font, install_translators
    from inspector_app.ui.import_dialog import ImportResultDialog
    from inspector_app.ui.main import make_application
    from inspector_app.ui.main_window import MainWindow
    from inspector_app.ui.settings import AppSettings
    from inspector_app.ui.settings_dialog import SettingsDialog
    from inspector_app.ui.tasks import InlineTaskRunner

    app = make_application()
    print("CJK font:", ensure_cjk_font() or "NONE")
    workspace = open_workspace(tmp / "workspace")
    with workspace.sessions.begin() as session:
        build_demo(session, enterprises=args.enterprises)
    (tmp / "enterprises.csv").write_text(CSV_OK, encoding="utf-8")
    (tmp / "bad.csv").write_text(CSV_BAD, encoding="utf-8")
    with workspace.engine.connect() as con:  # the inspection with the most findings, rectified ones first
        showcase = con.exec_driver_sql(
            "SELECT inspection_id FROM findings GROUP BY inspection_id "
            "ORDER BY SUM(status = '复查合格') DESC, COUNT(*) DESC LIMIT 1").scalar()
    settings = AppSettings(QSettings(str(tmp / "inspector.ini"), QSettings.Format.IniFormat))
    settings.inspector_name, settings.inspector_cert = "陈示范", "苏应急执法32040001"

    for language in ("zh_CN", "en"):
        install_translators(language, app)
        settings.language = language
        runner = InlineTaskRunner()
        window = MainWindow(runner, settings)
        window.set_workspace(workspace)
        window.resize(*SIZE)
        window.show()
        window.reload()
        # an enterprise whose history holds findings makes the detail pane worth looking at
        window.select_row(showcase, None)
        history = window.detail.history
        if history.topLevelItemCount() and history.topLevelItem(0).childCount():
            top = history.topLevelItem(0)
            history.setCurrentItem(top.child(top.childCount() - 1))  # its full text shows under the tree
        save(window, args.out, f"{language}-main", app)
        window.filter_bar.text.setText("武进")
        window.filter_bar.status.setCurrentIndex(window.filter_bar.status.findData("in_progress"))
        window.filter_bar.flush()
        save(window, args.out, f"{language}-main-filtered", app)
        window.filter_bar.clear()

        dialog = SettingsDialog(settings, window)
        dialog.show()
        save(dialog, args.out, f"{language}-settings", app)
        dialog.close()

        for name, csv, dry in (("import-preview", "enterprises.csv", True), ("import-errors", "bad.csv", True)):
            result = import_result(workspace, tmp / csv, dry)
            box = ImportResultDialog(tmp / csv, result, dry, window)
            box.show()
            save(box, args.out, f"{language}-{name}", app)
            box.close()

        in_progress = next((r for r in window.model.rows() if r["status"] == "in_progress"), None)
        if in_progress is not None:
            window.open_inspection(in_progress["id"], in_progress["enterprise"])
            save(window, args.out, f"{language}-editor", app)
        window.editor_tabs.close_all()
        window.close()
        window.deleteLater()
        pump(app)
    workspace.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
