"""文件 → 检查表… (issue 14 item 4): the template versions of a workspace, one previewed as the inspector
will see it (the element/item tree with marks and clauses, the conclusion rules with their sources), the
blank paper checklist printed from it; in English too."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings
from pytestqt.qtbot import QtBot

from inspector_app.reports import FontNotFoundError
from inspector_app.reports.fonts import find_font
from inspector_app.services.ops import sync as sync_ops
from inspector_app.storage.engine import Workspace
from inspector_app.ui.i18n import install_translators
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.office import workbench
from inspector_app.ui.office.template_dialog import TemplatesDialog
from inspector_app.ui.settings import AppSettings
from inspector_app.ui.tasks import InlineTaskRunner


@pytest.fixture
def window(qtbot: QtBot, workspace: Workspace, tmp_path: Path) -> Iterator[MainWindow]:
    install_translators("zh_CN")
    settings = AppSettings(QSettings(str(tmp_path / "inspector.ini"), QSettings.Format.IniFormat))
    main = MainWindow(InlineTaskRunner(), settings)
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.set_workspace(workspace)
    main.show()
    qtbot.waitExposed(main)
    yield main
    install_translators("zh_CN")
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _open(window: MainWindow, qtbot: QtBot) -> TemplatesDialog:
    assert window.templates is not None
    assert window.templates.action in window.actions_.file_menu.actions()
    window.templates.action.trigger()
    dialog = window.templates.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.page.previews > 0)
    return dialog


def test_the_preview_shows_items_marks_clauses_and_rules(window: MainWindow, qtbot: QtBot) -> None:
    dialog = _open(window, qtbot)
    page, preview = dialog.page, dialog.page.preview
    assert page.model.rowCount() == 3
    assert page.current_row() is not None and page.current_row()["template_id"] == "lookback-2020"
    assert preview.heading.text() == "安全生产标准化达标企业运行情况“回头看”检查表"
    assert "lookback-2020 版本 2.0.1" in preview.facts.text() and "37 项" in preview.facts.text()
    tree = preview.tree
    assert tree.topLevelItemCount() == 5
    element = tree.topLevelItem(0)
    veto = next(element.child(n) for n in range(element.childCount()) if element.child(n).text(0) == "A.5")
    assert "※否决项A" in veto.text(3) and "不可不涉及" in veto.text(3)
    assert veto.child(0).text(0) == "A.5-1" and "※否决项A" in veto.child(0).text(3)
    tree.setCurrentItem(veto)
    detail = preview.detail.toPlainText()
    assert "检查方法：" in detail and "依据：" in detail and "A.5-1" in detail
    rules = preview.rules.toPlainText()
    assert "建议摘牌" in rules and "苏应急电〔2020〕3号" in rules and "得分低于 60 分" in rules
    # another version chosen: its preview
    page.table.selectRow(2)
    assert preview.heading.text() == "安全生产标准化评审单位评审质量自查自纠检查表"
    assert "检查对象：评审单位" in preview.facts.text()


def test_print_the_blank_checklist(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    try:
        find_font()
    except FontNotFoundError as exc:
        pytest.skip(str(exc).splitlines()[0])
    dialog = _open(window, qtbot)
    assert dialog.page.print_checklist.isEnabled()
    target = tmp_path / "空白检查表.pdf"
    dialog.page.do_print("checklist", target)
    assert target.read_bytes().startswith(b"%PDF")
    assert str(target) in dialog.status.text()
    assert not list(tmp_path.glob("*.part"))


def test_in_english(window: MainWindow, qtbot: QtBot) -> None:
    install_translators("en")
    assert window.templates is not None
    qtbot.waitUntil(lambda: window.templates.action.text() == "Checklists…")  # LanguageChange is posted
    dialog = _open(window, qtbot)
    assert dialog.page.print_checklist.text() == "Print blank checklist…"
    assert "version 2.0.1" in dialog.page.preview.facts.text()
    assert dialog.page.preview.tabs.tabText(1) == "Conclusions and rules"


def test_the_office_workbench_has_the_page(qtbot: QtBot, workspace: Workspace, tmp_path: Path) -> None:
    sync_ops.set_role(workspace, "office", "科长")
    install_translators("zh_CN")
    main = MainWindow(InlineTaskRunner(), AppSettings(QSettings(str(tmp_path / "i.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.set_workspace(workspace)
    main.show()
    qtbot.waitExposed(main)
    assert main.office is not None
    qtbot.waitUntil(lambda: main.office is not None and main.office.workbench is not None)
    bench = main.office.workbench
    assert bench is not None and bench.nav.item(workbench.TEMPLATES).text() == "检查表"
    page = bench.show_page(workbench.TEMPLATES)
    qtbot.waitUntil(lambda: bench.templates.previews > 0)
    assert page is bench.templates and page.model.rowCount() == 3
    assert page.preview.tree.topLevelItemCount() == 5
    bench.close_editors()
