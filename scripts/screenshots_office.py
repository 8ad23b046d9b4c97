"""Screenshots of the office's window (机关工作台) with the demo workspace, offscreen at 1366×768.

    .venv/bin/python scripts/screenshots_office.py [OUT] [--enterprises N] [--lang zh_CN|en]
                                                   [--level city --jurisdiction 常州市]

Builds the Changzhou demo workspace in a temporary folder (``demo.workspace.build``), makes it the
workspace of the 武进区 office (sync role ``office``, settings ``level`` = district and ``jurisdiction`` =
常州市武进区), marks the inspections the inspectors have sent back (已导出) as received – what importing
their bundles does – and saves one PNG per page into OUT (default /tmp/inspector-office):

    office-review.png, office-review-accept.png (the confirmation), office-planning.png,
    office-dashboard.png, office-reports-file.png (filing the first progress report, confirmed),
    office-reports.png (the second one previewed), office-hazards.png (隐患台账, as of the same date),
    office-registers.png (登记册, the first organisation with a conflict flag in the form),
    office-stats.png (统计: the 摘牌 share and the scores per review organisation),
    office-case.png (摘牌案件: a case opened from a received inspection concluding 建议摘牌 and taken through
    告知, 陈述申辩 and – where this office decides it – 摘牌决定), office-sanctions.png (处理决定, with the
    suspensions the 2020 notices state), office-desk.png (the desk with the switch)

The register pages want the city office (``--level city --jurisdiction 常州市``): it decides a 三级 case.

The dashboard and the report are as of ``--as-of`` (default today: the demo writes its status changes and
hazards into the audit trail today, so figures as of a day in 2020 show only the visits it dates back).
Everything runs offscreen; the people and enterprises are fictional.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QCoreApplication, QDate, QSettings
from PySide6.QtWidgets import QApplication, QWidget

from inspector_app.demo import workspace as demo
from inspector_app.domain.lifecycle import InspectionStatus
from inspector_app.services import inspections
from inspector_app.services.ops import sync as sync_ops
from inspector_app.services.ops import workspace as workspace_ops
from inspector_app.services.queries import registers as register_queries
from inspector_app.services.unit import unit_of_work
from inspector_app.storage.engine import Workspace, open_workspace
from inspector_app.storage.models import Inspection
from inspector_app.ui.i18n import ensure_cjk_font, install_translators
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.office import workbench as workbench_module
from inspector_app.ui.settings import AppSettings
from inspector_app.ui.tasks import InlineTaskRunner

ACTOR = "科长（演示）"


def say(text: str) -> None:
    print(text, flush=True)


def make_office(ws: Workspace, enterprises: int, level: str, jurisdiction: str) -> None:
    say(f"demo workspace: {enterprises} enterprises …")
    demo.build(ws, enterprises=enterprises)
    workspace_ops.set_setting(ws, "level", level, ACTOR)
    workspace_ops.set_setting(ws, "jurisdiction", jurisdiction, ACTOR)
    sync_ops.set_role(ws, "office", ACTOR)
    # What importing the inspectors' bundles does to what they sent (已导出 → 已接收); the script stands in
    # for the bundles (scripts/screenshots_documents.py takes one inspection round the real sync cycle).
    with unit_of_work(ws) as session:
        sent = session.query(Inspection).filter(Inspection.status == InspectionStatus.EXPORTED.value).all()
        for inspection in sent:
            inspections.set_status(session, inspection, InspectionStatus.RECEIVED, "数据包导入")
    say(f"received: {len(sent)} inspections")


def save(widget: QWidget, path: Path) -> None:
    QCoreApplication.processEvents()
    widget.grab().save(str(path))
    say(f"  {path}")


def take_a_case(bench: object, review: object) -> None:
    """立摘牌案卷 from the first received inspection concluding 建议摘牌 (opened 20 days ago), then 告知, 陈述申辩
    and, where this office decides, 摘牌决定 – through the pages' own dialogs."""
    bench.show_page(workbench_module.REVIEW)  # type: ignore[attr-defined]
    row = next((r for r in review.all_rows if r["outcome"] == "建议摘牌"), None)  # type: ignore[attr-defined]
    if row is None:
        say("  (no received inspection concludes 建议摘牌)")
        return
    review.select(row["id"])  # type: ignore[attr-defined]
    dialog = review.do_open_case()  # type: ignore[attr-defined]
    start = date.today() - timedelta(days=20)
    dialog.on.setDate(QDate(start.year, start.month, start.day))
    dialog.accept()
    page = bench.cases  # type: ignore[attr-defined]
    folder = Path(tempfile.mkdtemp())
    files = {}
    for name, title in (("notify", "告知书.pdf"), ("defence", "陈述申辩书.pdf")):  # stand-ins for the scans
        files[name] = folder / title
        files[name].write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
    steps = (("notify", 0, "常应急告〔2020〕3号", ""), ("defence", 3, "", "企业书面陈述申辩：已完成整改，请求维持等级"),
             ("decide", 8, "常应急决〔2020〕5号", ""))
    for name, days, number, note in steps:
        button = page.view.step_buttons[name]
        if button.isHidden() or not button.isEnabled():
            break
        button.click()
        step = page.dialog
        on = start + timedelta(days=days)
        step.on.setDate(QDate(on.year, on.month, on.day))
        step.number.setText(number)
        step.note.setPlainText(note)
        if name in files:
            step.pick_file(files[name])
        step.accept()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", nargs="?", type=Path, default=Path("/tmp/inspector-office"))
    parser.add_argument("--enterprises", type=int, default=240)
    parser.add_argument("--lang", default="zh_CN")
    parser.add_argument("--level", default="district", choices=("district", "city", "province"))
    parser.add_argument("--jurisdiction", default="常州市武进区")
    parser.add_argument("--as-of", default=date.today().isoformat())
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    app = QApplication.instance() or QApplication(sys.argv[:1])
    ensure_cjk_font()
    install_translators(args.lang, app)
    with tempfile.TemporaryDirectory() as folder:
        ws = open_workspace(Path(folder) / "ws")
        make_office(ws, args.enterprises, args.level, args.jurisdiction)
        settings = AppSettings(QSettings(str(Path(folder) / "inspector.ini"), QSettings.Format.IniFormat))
        settings.inspector_name = ACTOR
        window = MainWindow(InlineTaskRunner(), settings)
        window.resize(1366, 768)
        window.set_workspace(ws)
        window.reload()
        window.show()
        assert window.office is not None
        bench = window.office.show_office()
        assert bench is not None
        as_of = date.fromisoformat(args.as_of)

        bench.show_page(workbench_module.REVIEW)
        review = bench.review
        review.table.selectRow(0)
        save(window, args.out / "office-review.png")
        box = review.do_accept()
        if box is not None:
            save(box, args.out / "office-review-accept.png")
            box.reject()

        bench.show_page(workbench_module.PLANNING)
        planning = bench.planning
        for row in range(min(3, planning.model.rowCount())):
            planning.table.selectionModel().select(
                planning.model.index(row, 0),
                planning.table.selectionModel().SelectionFlag.Select | planning.table.selectionModel().SelectionFlag.Rows)
        save(window, args.out / "office-planning.png")

        dashboard = bench.show_page(workbench_module.DASHBOARD)
        as_of_edit = getattr(dashboard, "as_of", None)
        if as_of_edit is not None:
            as_of_edit.setDate(QDate(as_of.year, as_of.month, as_of.day))
        save(window, args.out / "office-dashboard.png")

        reports = bench.show_page(workbench_module.REPORTS)
        first, second = f"{args.level}-progress-1", f"{args.level}-progress-2"
        if reports.select_duty(first):  # filed through the page: 报送/归档 and its confirmation
            reports.text.setPlainText("本区按照常应急函〔2020〕8号要求，对辖区内三级达标企业开展“回头看”。")
            box = reports.do_file()
            if box is not None and reports.file_button_in_dialog is not None:
                save(box, args.out / "office-reports-file.png")
                reports.file_button_in_dialog.click()
        reports.select_duty(second)
        reports.as_of.setDate(QDate(as_of.year, as_of.month, as_of.day))
        reports.text.clear()
        reports.refresh_preview()  # at once (typing refreshes it after a pause)
        save(window, args.out / "office-reports.png")

        hazards = bench.show_page(workbench_module.HAZARDS)
        hazards.as_of.setDate(QDate(as_of.year, as_of.month, as_of.day))
        save(window, args.out / "office-hazards.png")

        registers = bench.show_page(workbench_module.REGISTERS)
        related = [n for n, r in enumerate(registers.model.rows())
                   if (lambda d: d["links"] or d["relations"])(register_queries.org_detail(ws, r["id"]))]
        registers.table.selectRow(related[0] if related else 0)  # one with a declared or found relation
        save(window, args.out / "office-registers.png")
        bench.show_page(workbench_module.STATS)
        save(window, args.out / "office-stats.png")
        take_a_case(bench, review)
        save(window, args.out / "office-case.png")
        sanctions = bench.show_page(workbench_module.SANCTIONS)
        sanctions.do_notice_facts()
        sanctions.table.selectRow(0)
        save(window, args.out / "office-sanctions.png")

        window.office.show_desk()
        save(window, args.out / "office-desk.png")
        window.close()
        ws.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
