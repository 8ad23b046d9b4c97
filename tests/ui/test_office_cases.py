"""摘牌案件 in the office's workbench (the city office, which decides a 三级 case): a case is opened from an
inspection concluding 建议摘牌 in the review queue and from the desk's context menu; the case file shows
its grounds and steps; the buttons offer only the steps that may come next, in order, each recorded
through ``ops.cases.advance`` (audited); refusals are shown as they are – a decision before the defence
period ended, a case moved on meanwhile (reread), a district that may not decide a 三级 case."""

from __future__ import annotations

import threading
from datetime import date, timedelta
from pathlib import Path

import pytest
from office_support import ACTOR, ErrorBoxes, bench, error_boxes, office_settings, office_window
from pytestqt.qtbot import QtBot
from registers_support import answer, audit_rows, city_template, office_ws, set_level

from inspector_app.domain.errors import LifecycleError
from inspector_app.services.ops import cases as case_ops
from inspector_app.services.queries import cases as case_queries
from inspector_app.services.queries import desk as desk_queries
from inspector_app.services.queries import office as office_queries
from inspector_app.storage.engine import Workspace
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.office import case_view
from inspector_app.ui.office.cases_page import CasesPage
from inspector_app.ui.office.workbench import CASES, REVIEW, Workbench
from inspector_app.ui.settings import AppSettings
from inspector_app.ui.tasks import TaskRunner

__all__ = ["bench", "city_template", "error_boxes", "office_settings", "office_window", "office_ws"]
pytestmark = pytest.mark.both_engines  # the pages read and write the office database: SQLite and PostgreSQL

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _open_from_review(bench: Workbench, grade: str = "三级") -> tuple[CasesPage, int]:
    """立摘牌案卷 on the first received inspection concluding 建议摘牌 of an enterprise of ``grade``."""
    review = bench.show_page(REVIEW)
    rows = [r for r in review.all_rows if r["outcome"] == "建议摘牌"]
    assert rows, "the demo sends inspections concluding 建议摘牌"
    grades = {r["id"]: grade_of(bench, r["enterprise_id"]) for r in rows}
    row = next(r for r in rows if grades[r["id"]] == grade)
    assert review.select(row["id"])  # type: ignore[attr-defined]
    assert review.case_button.isEnabled()  # type: ignore[attr-defined]
    dialog = review.do_open_case()  # type: ignore[attr-defined]
    assert dialog is not None
    opened = date.today() - timedelta(days=30)
    dialog.on.setDate(dialog.on.date().fromString(opened.isoformat(), "yyyy-MM-dd"))  # 立案 a month ago
    answer(dialog)
    page = bench.cases
    assert bench.stack.currentWidget() is page, "the new case is shown on its page"
    case = page.view.case
    assert case is not None and case["inspection_id"] == row["id"] and case["stage_code"] == "opened"
    return page, int(case["id"])


def grade_of(bench: Workbench, enterprise_id: int) -> str:
    assert bench.workspace is not None
    detail = desk_queries.enterprise_detail(bench.workspace, enterprise_id)
    return str(detail["cert_grade"]) if detail else ""


def _visible_steps(page: CasesPage) -> list[str]:
    return [name for name, button in page.view.step_buttons.items() if not button.isHidden()]


def _step(page: CasesPage, name: str, on: date, number: str = "", **extra: object) -> None:
    button = page.view.step_buttons[name]
    assert not button.isHidden() and button.isEnabled(), name
    button.click()
    dialog = page.dialog
    assert dialog is not None and dialog.step == name
    dialog.on.setMinimumDate(dialog.on.minimumDate().addYears(-5))
    dialog.on.setDate(dialog.on.date().fromString(on.isoformat(), "yyyy-MM-dd"))
    dialog.number.setText(number)
    if extra.get("file"):
        dialog.pick_file(extra["file"])
    if extra.get("note"):
        dialog.note.setPlainText(str(extra["note"]))
    answer(dialog)


def test_open_a_case_and_follow_the_steps_in_order(bench: Workbench, office_ws: Workspace, tmp_path: Path,
                                                   error_boxes: ErrorBoxes) -> None:
    page, case_id = _open_from_review(bench)
    assert page.current_row() is not None and page.current_row()["id"] == case_id  # type: ignore[index]
    assert audit_rows(office_ws, "case", "stage")[-1][2:] == ("opened", ACTOR)
    case = page.view.case
    assert case is not None and case["grounds"], "the grounds frozen at 立案"
    assert case["grounds"][0]["text"] in page.view.grounds.toPlainText()
    assert _visible_steps(page) == ["notify"], "only 告知 follows 立案"

    start = date.today() - timedelta(days=20)
    _step(page, "notify", start, "常应急告〔2020〕1号")
    assert not error_boxes.shown, error_boxes.shown
    assert page.view.case["stage_code"] == "notified"  # type: ignore[index]
    assert _visible_steps(page) == ["defence", "decide", "drop"]
    letter = tmp_path / "申辩书.pdf"
    letter.write_bytes(PDF)
    _step(page, "defence", start + timedelta(days=2), note="企业书面陈述申辩", file=letter)
    assert _visible_steps(page) == ["decide", "drop"]
    steps = page.view.steps
    assert steps.rowCount() == 3 and steps.item(2, 0).text() == "陈述申辩"
    file_button = steps.cellWidget(2, case_view.FILE)
    assert file_button is not None and file_button.text() == "申辩书.pdf" and file_button.isEnabled()
    _step(page, "decide", start + timedelta(days=5), "常应急决〔2020〕7号")
    assert _visible_steps(page) == ["announce"]
    _step(page, "announce", start + timedelta(days=6))
    assert _visible_steps(page) == ["withdraw"]
    _step(page, "withdraw", start + timedelta(days=7))
    assert _visible_steps(page) == [] and "案卷已结束" in page.view.restriction.text()
    assert not error_boxes.shown
    detail = case_queries.case_detail(office_ws, case_id)
    assert [s["stage"] for s in detail["steps"]] == ["opened", "notified", "defended", "decided", "announced", "closed"]
    assert detail["decision_number"] == "常应急决〔2020〕7号" and detail["reapply_after"]
    assert [r[2] for r in audit_rows(office_ws, "case", "stage")] == [
        "opened", "notified", "defended", "decided", "announced", "closed"]
    assert page.model.row(page.model.find("id", case_id))["stage"] == "已撤销证书"  # type: ignore[index]
    assert "✓ 撤销证书" in page.view.path.text()


def test_a_decision_before_the_defence_period_is_refused(bench: Workbench, office_ws: Workspace,
                                                        error_boxes: ErrorBoxes) -> None:
    page, case_id = _open_from_review(bench)
    _step(page, "notify", date.today(), "常应急告〔2020〕2号")
    assert "期限届满后才能作出决定" in page.view.restriction.text()
    _step(page, "decide", date.today(), "常应急决〔2020〕8号")
    assert len(error_boxes.shown) == 1
    error, title = error_boxes.shown[0]
    assert isinstance(error, LifecycleError) and "期限届满前不能作出决定" in str(error) and "摘牌决定" in title
    assert case_queries.case_detail(office_ws, case_id)["stage_code"] == "notified", "nothing written"
    assert page.view.case["stage_code"] == "notified"  # type: ignore[index]


def test_a_case_moved_on_meanwhile_is_refused_and_reread(bench: Workbench, office_ws: Workspace,
                                                         error_boxes: ErrorBoxes) -> None:
    page, case_id = _open_from_review(bench)
    # Another window records the 告知 (the runner would broadcast it; here the page does not hear of it).
    case_ops.advance(office_ws, case_id, "notify", "另一位科员", on=date.today() - timedelta(days=9), number="甲1号")
    assert _visible_steps(page) == ["notify"], "the page still shows what it read"
    _step(page, "notify", date.today(), "乙2号")
    assert isinstance(error_boxes.shown[0][0], LifecycleError) and "已被修改" in str(error_boxes.shown[0][0])
    assert page.view.case["stage_code"] == "notified" and _visible_steps(page) == ["defence", "decide", "drop"]  # type: ignore[index]


def test_a_district_prepares_a_case_but_cannot_decide_it(bench: Workbench, office_window: MainWindow,
                                                        office_ws: Workspace) -> None:
    set_level(office_window, office_ws, "district", "常州市武进区")
    page, _case_id = _open_from_review(bench)
    _step(page, "notify", date.today() - timedelta(days=20), "武应急告〔2020〕1号")
    decide = page.view.step_buttons["decide"]
    assert not decide.isHidden() and not decide.isEnabled(), "shown, but not this office's step"
    assert page.view.step_buttons["defence"].isEnabled()
    assert "设区市应急管理部门撤销" in page.view.restriction.text()
    assert "设区市应急管理部门撤销" in decide.toolTip()


def test_the_desk_context_menu_opens_a_case(bench: Workbench, office_window: MainWindow,
                                           office_ws: Workspace) -> None:
    mode = office_window.office
    assert mode is not None
    mode.show_desk()
    office_window.reload()
    rows = [r for r in office_window.model.rows() if r.get("outcome") == "建议摘牌"
            and r.get("status") in ("received", "accepted")]
    assert rows, len(office_window.model.rows())
    row = rows[0]
    assert office_window.select_row(row["id"])
    rect = office_window.table.visualRect(office_window.table.currentIndex())
    menu = mode.desk_menu(rect.center())
    assert menu is not None
    opening = next(a for a in menu.actions() if a.text() == "立摘牌案卷…")
    assert opening.isEnabled()
    menu.close()
    dialog = mode.open_case()
    assert dialog is not None
    answer(dialog)
    assert mode.in_office() and bench.stack.currentWidget() is bench.cases
    case = bench.cases.view.case
    assert case is not None and case["inspection_id"] == row["id"]
    assert [r["inspection_id"] for r in [case_queries.case_detail(office_ws, case["id"])]] == [row["id"]]

    other = next(r for r in office_window.model.rows() if r.get("outcome") != "建议摘牌" and r.get("id"))
    mode.show_desk()
    assert office_window.select_row(other["id"])
    menu = mode.desk_menu(office_window.table.visualRect(office_window.table.currentIndex()).center())
    assert menu is not None and not next(a for a in menu.actions() if a.text() == "立摘牌案卷…").isEnabled()
    menu.close()


def test_an_attached_file_opens(bench: Workbench, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page, _case_id = _open_from_review(bench)
    notice = tmp_path / "告知书.pdf"
    notice.write_bytes(PDF)
    _step(page, "notify", date.today() - timedelta(days=20), "常应急告〔2020〕3号", file=notice)
    opened: list[str] = []
    monkeypatch.setattr(case_view.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    page.view.steps.cellWidget(1, case_view.FILE).click()
    assert len(opened) == 1 and Path(opened[0]).read_bytes() == PDF and Path(opened[0]).suffix == ".pdf"


def test_reads_run_in_workers(qtbot: QtBot, office_ws: Workspace, office_settings: AppSettings,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    threads: list[str] = []
    for name in ("case_rows", "case_detail"):
        real = getattr(case_queries, name)

        def spy(*args: object, _real: object = real, **kwargs: object) -> object:
            threads.append(threading.current_thread().name)
            return _real(*args, **kwargs)  # type: ignore[operator]

        monkeypatch.setattr(case_queries, name, spy)
    review = [r for r in office_queries.review_rows(office_ws) if r["outcome"] == "建议摘牌"]
    case_ops.open_case(office_ws, review[0]["id"], ACTOR)
    runner = TaskRunner()
    window = MainWindow(runner, office_settings)
    qtbot.addWidget(window)
    window.set_workspace(office_ws)
    window.show()
    qtbot.waitUntil(lambda: window.office is not None and window.office.workbench is not None, timeout=20000)
    bench_ = window.office.workbench  # type: ignore[union-attr]
    assert bench_ is not None
    page = bench_.show_page(CASES)
    assert isinstance(page, CasesPage)
    qtbot.waitUntil(lambda: page.view.case is not None, timeout=20000)
    runner.wait_idle()
    assert len(threads) >= 2 and all(t != threading.main_thread().name for t in threads), threads
    bench_.close_editors()
    runner.shutdown()
