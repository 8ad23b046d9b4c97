"""登记册 and 统计 in the office's workbench: the pages show the read models (the organisations and reviewers
with their certificates and conflict flags; the statistics and their charts), read in workers; the form
saves through ``ops.registers`` (audited) with the version it read – an edit made meanwhile elsewhere
refuses the save, says so and shows the record as it is now; links are declared and removed; a register
file is checked, previewed and imported; the statistics export to a workbook."""

from __future__ import annotations

import csv
import threading
from pathlib import Path

import pytest
from office_support import ACTOR, ErrorBoxes, bench, error_boxes, office_settings, office_window
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from registers_support import answer, audit_rows, city_template, office_ws

from inspector_app.domain.errors import StaleEditError
from inspector_app.services.ops import registers as register_ops
from inspector_app.services.queries import org_stats as stats_queries
from inspector_app.services.queries import registers as register_queries
from inspector_app.storage.engine import Workspace
from inspector_app.ui.i18n import install_translators
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.office.register_import import ORGS
from inspector_app.ui.office.registers_page import RegistersPage
from inspector_app.ui.office.stats_page import StatsPage
from inspector_app.ui.office.workbench import CASES, REGISTERS, SANCTIONS, STATS, Workbench
from inspector_app.ui.settings import AppSettings
from inspector_app.ui.tasks import TaskRunner

__all__ = ["bench", "city_template", "error_boxes", "office_settings", "office_window", "office_ws"]
pytestmark = pytest.mark.both_engines  # the pages read and write the office database: SQLite and PostgreSQL


def _registers(bench: Workbench) -> RegistersPage:
    page = bench.show_page(REGISTERS)
    assert isinstance(page, RegistersPage)
    return page


def _select_org(page: RegistersPage, name: str) -> dict[str, object]:
    position = page.model.find("name", name)
    assert position >= 0, name
    page.table.selectRow(position)
    record = page.org_form.record
    assert record is not None and record["name"] == name
    return record


def test_the_registers_show_the_read_models(bench: Workbench, office_ws: Workspace) -> None:
    page = _registers(bench)
    orgs = register_queries.org_rows(office_ws)
    assert [r["id"] for r in page.model.rows()] == [r["id"] for r in orgs]
    flags = {r["org_id"]: r["conflict_flags"] for r in stats_queries.org_stats(office_ws)}
    for row in page.model.rows():
        assert row["conflicts"] == flags.get(row["id"], 0)
        assert row["certified"] == (row["reviewed"] if row["kind"] == "review" else row["consulted"])
    assert any(row["conflicts"] for row in page.model.rows()), "the demo plants conflicts"
    barred = next(r for r in page.model.rows() if r["status"] != "正常")
    text = page.model.data(page.model.index(page.model.find("id", barred["id"]), page.model.column_of("status_text")))
    assert text.startswith(barred["status"] + "（") and (barred["status_until"] or barred["status_since"]) in text
    page.kind.setCurrentIndex(page.kind.findData("consulting"))
    assert page.model.rowCount() and all(r["kind"] == "consulting" for r in page.model.rows())
    page.kind.setCurrentIndex(0)
    page.search.setText(orgs[0]["name"][:4])
    assert 0 < page.model.rowCount() < len(orgs)
    page.search.clear()
    page.register.setCurrentIndex(page.register.findData("reviewers"))
    reviewers = register_queries.reviewer_rows(office_ws)
    assert page.forms.currentWidget() is page.reviewer_form and page.kind.isHidden()
    assert [r["id"] for r in page.model.rows()] == [r["id"] for r in reviewers]
    page.table.selectRow(0)
    record = page.reviewer_form.record
    assert record is not None and record["cert_number"] == page.model.row(0)["cert_number"]  # type: ignore[index]
    assert "参与评审" in page.reviewer_form.reviews.text()


def test_the_form_saves_through_the_operation(bench: Workbench, office_ws: Workspace,
                                              error_boxes: ErrorBoxes) -> None:
    page = _registers(bench)
    name = page.model.row(0)["name"]  # type: ignore[index]
    record = _select_org(page, name)
    form = page.org_form
    assert not form.save_button.isEnabled(), "nothing typed yet"
    form.fields["legal_rep"].setText("赵示范")
    form.fields["legal_rep"].textEdited.emit("赵示范")
    form.fields["shareholders"].setText("赵示范，示范控股有限公司")
    assert form.dirty and form.save_button.isEnabled()
    form.save_button.click()
    assert not error_boxes.shown
    detail = register_queries.org_detail(office_ws, int(record["id"]))  # type: ignore[arg-type]
    assert detail["legal_rep"] == "赵示范" and detail["shareholders"] == ["赵示范", "示范控股有限公司"]
    assert detail["version"] == int(record["version"]) + 1  # type: ignore[arg-type]
    assert form.record is not None and form.record["version"] == detail["version"] and not form.dirty
    assert ("legal_rep", "赵示范", ACTOR) in [(f, v, a) for _k, f, v, a in audit_rows(office_ws, "organisation")]
    assert page.model.row(page.model.find("id", record["id"]))["legal_rep"] == "赵示范"  # type: ignore[index]


def test_an_edit_made_meanwhile_refuses_the_save_and_reloads(bench: Workbench, office_ws: Workspace,
                                                             error_boxes: ErrorBoxes) -> None:
    page = _registers(bench)
    record = _select_org(page, page.model.row(1)["name"])  # type: ignore[index]
    org_id, version = int(record["id"]), int(record["version"])  # type: ignore[arg-type]
    form = page.org_form
    form.fields["note"].setText("本窗口的修改")
    form.fields["note"].textEdited.emit("本窗口的修改")
    # Another window (or an import) changes the same organisation first.
    register_ops.update_org(office_ws, org_id, version, "另一位科员", note="另一窗口的修改")
    form.save_button.click()
    assert len(error_boxes.shown) == 1 and isinstance(error_boxes.shown[0][0], StaleEditError)
    assert "已被他人修改" in str(error_boxes.shown[0][0])
    assert register_queries.org_detail(office_ws, org_id)["note"] == "另一窗口的修改", "nothing written"
    assert form.fields["note"].text() == "另一窗口的修改" and not form.dirty, "the record as it is now"
    assert form.record is not None and form.record["version"] == version + 1


def test_links_are_declared_and_removed(bench: Workbench, office_ws: Workspace, error_boxes: ErrorBoxes) -> None:
    page = _registers(bench)
    record = _select_org(page, page.model.row(0)["name"])  # type: ignore[index]
    form = page.org_form
    other_id = form.other.currentData()
    form.relation.setCurrentIndex(form.relation.findData("declared"))
    form.link_note.setText("同属演示集团")
    form.add_link_button.click()
    links = register_queries.org_detail(office_ws, int(record["id"]))["links"]  # type: ignore[arg-type]
    assert [(link["other_id"], link["relation"], link["note"]) for link in links
            if link["note"] == "同属演示集团"] == [(other_id, "declared", "同属演示集团")]
    position = next(n for n in range(form.links.count()) if "同属演示集团" in form.links.item(n).text())
    form.links.setCurrentRow(position)
    assert form.remove_link_button.isEnabled()
    form.remove_link_button.click()
    assert not [link for link in register_queries.org_detail(office_ws, int(record["id"]))["links"]  # type: ignore[arg-type]
                if link["note"] == "同属演示集团"]
    assert [f for _k, f, _v, _a in audit_rows(office_ws, "organisation") if f == "link"], "audited"
    assert not error_boxes.shown


def test_a_register_file_is_previewed_then_imported(bench: Workbench, office_ws: Workspace, tmp_path: Path) -> None:
    page = _registers(bench)
    good = tmp_path / "单位名录.csv"
    with good.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows([["名称", "类别", "法定代表人"], ["常州新设评审服务中心", "评审单位", "钱示例"]])
    before = len(register_queries.org_rows(office_ws))
    page.importer.run(ORGS, good, dry_run=True)
    preview = page.importer.dialog
    assert preview is not None and preview.can_import
    assert len(register_queries.org_rows(office_ws)) == before, "a preview writes nothing"
    assert preview.findChild(object, "importPreview") is not None
    answer(preview)
    done = page.importer.dialog
    assert done is not None and done is not preview and not done.can_import
    answer(done)
    assert page.model.find("name", "常州新设评审服务中心") >= 0
    assert len(register_queries.org_rows(office_ws)) == before + 1

    bad = tmp_path / "坏的名录.csv"
    with bad.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows([["名称", "类别"], ["某评审中心", "不知道"]])
    page.importer.run(ORGS, bad, dry_run=True)
    refused = page.importer.dialog
    assert refused is not None and not refused.can_import
    problems = refused.findChild(object, "importProblems")
    assert problems is not None and problems.count() >= 1 and "第 2 行" in problems.item(0).text()
    answer(refused, accept=False)


def test_statistics_table_chart_and_export(bench: Workbench, office_ws: Workspace, tmp_path: Path) -> None:
    page = bench.show_page(STATS)
    assert isinstance(page, StatsPage)
    expected = stats_queries.org_stats(office_ws)
    assert [r["org_id"] for r in page.model.rows()] == [r["org_id"] for r in expected]
    share = page.share_chart.chart()
    assert share.series(), "the 摘牌 share per organisation is drawn"
    certified = [r for r in expected if r["certified"]]
    bars = share.series()[0].barSets()[0]
    assert bars.count() == len(certified)
    scores = page.score_chart.chart().series()[0].barSets()
    assert [s.label() for s in scores] == ["评审得分均值", "回头看得分均值"]
    column = page.model.column_of("delist_share")
    row = next(n for n, r in enumerate(page.model.rows()) if r["delist_share"] is not None)
    assert page.model.data(page.model.index(row, column)).endswith("%")
    target = tmp_path / "统计.xlsx"
    page.do_export(target)
    sheet = load_workbook(target).active
    assert sheet is not None and any("评审单位" in str(c.value) for c in sheet["A"] if c.value)
    page.mode.setCurrentIndex(page.mode.findData("reviewers"))
    assert page.charts.isHidden()
    assert [r["reviewer_id"] for r in page.model.rows()] == [r["reviewer_id"] for r in stats_queries.reviewer_stats(office_ws)]


def test_reads_run_in_workers(qtbot: QtBot, office_ws: Workspace, office_settings: AppSettings,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    threads: list[str] = []
    for module, name in ((register_queries, "org_rows"), (register_queries, "org_detail"),
                         (stats_queries, "org_stats")):
        real = getattr(module, name)

        def spy(*args: object, _real: object = real, **kwargs: object) -> object:
            threads.append(threading.current_thread().name)
            return _real(*args, **kwargs)  # type: ignore[operator]

        monkeypatch.setattr(module, name, spy)
    runner = TaskRunner()
    window = MainWindow(runner, office_settings)
    qtbot.addWidget(window)
    window.set_workspace(office_ws)
    window.show()
    qtbot.waitUntil(lambda: window.office is not None and window.office.workbench is not None, timeout=20000)
    bench_ = window.office.workbench  # type: ignore[union-attr]
    assert bench_ is not None
    page = _registers(bench_)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=20000)
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.org_form.record is not None, timeout=20000)
    stats = bench_.show_page(STATS)
    qtbot.waitUntil(lambda: stats.loads > 0, timeout=20000)
    runner.wait_idle()
    assert len(threads) >= 4 and all(t != threading.main_thread().name for t in threads), threads
    bench_.close_editors()
    runner.shutdown()


def test_the_pages_speak_english(qtbot: QtBot, bench: Workbench) -> None:
    page = _registers(bench)
    try:
        install_translators("en")
        qtbot.waitUntil(lambda: page.title.text() == "Registers")  # LanguageChange is posted
        assert [bench.nav.item(n).text() for n in (REGISTERS, STATS, CASES, SANCTIONS)] == [
            "Registers", "Statistics", "Delisting cases", "Sanctions"]
        assert page.model.headerData(page.model.column_of("conflicts"), Qt.Orientation.Horizontal) == "Conflicts"
        kind = page.model.data(page.model.index(0, page.model.column_of("kind_label")))
        assert kind in ("Review organisation", "Consultancy")
        assert page.org_form.save_button.text() == "Save"
        assert bench.cases.view.step_buttons["decide"].text() == "Decide delisting…"
        assert bench.sanctions.add_button.text() == "New sanction…"
    finally:
        install_translators("zh_CN")
        qtbot.waitUntil(lambda: page.title.text() == "登记册")
