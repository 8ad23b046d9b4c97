"""The sheet dialog and the verify dialog driven through the desk: render and preview a sheet, change
its kind, save it as PDF and print it (to a PDF printer), then verify the printed code – matches,
changed since printing, unknown – and the clear message when no Chinese font is found."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from desk_support import demo_template, settings, window, workspace
from PySide6.QtCore import QCoreApplication
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from inspector_app.domain.scoring import Answer
from inspector_app.reports import FontNotFoundError
from inspector_app.services import inspections
from inspector_app.storage.engine import Workspace
from inspector_app.storage.models import Inspection
from inspector_app.storage.models_sheets import PrintedSheet
from inspector_app.ui.documents import open_sheet_dialog
from inspector_app.ui.documents.sheet_dialog import SheetDialog
from inspector_app.ui.documents.verify_dialog import VerifyDialog
from inspector_app.ui.main_window import MainWindow

__all__ = ["demo_template", "settings", "window", "workspace"]


def _inspection(ws: Workspace, status: str) -> int:
    """An inspection in ``status``, or else one in progress (the small demo has no locked ones)."""
    with ws.sessions() as s:
        found = s.scalar(select(Inspection.id).where(Inspection.status == status).order_by(Inspection.id)) \
            or s.scalar(select(Inspection.id).where(Inspection.status == "in_progress").order_by(Inspection.id.desc()))
        assert found is not None
        return found


def _sheet(window: MainWindow, inspection_id: int, kind: str = "record") -> SheetDialog:
    assert window.select_row(inspection_id)
    window.documents.do_print()
    dialog = window.documents.last_dialog
    assert dialog is not None and dialog.inspection_id == inspection_id
    QCoreApplication.processEvents()  # the render starts on the next turn of the event loop
    if dialog.preview is None:
        dialog.start_render()
    assert dialog.error is None, dialog.error
    assert dialog.preview is not None
    return dialog


def _printed(ws: Workspace, inspection_id: int) -> list[PrintedSheet]:
    with ws.sessions() as s:
        return list(s.scalars(select(PrintedSheet).where(PrintedSheet.inspection_id == inspection_id)))


def test_menu_has_print_and_verify(window: MainWindow) -> None:
    texts = [a.text() for a in window.actions_.inspection_menu.actions()]
    assert "打印检查记录…" in texts and "核验纸质记录…" in texts
    assert window.documents.print_sheet.isEnabled()


def test_preview_shows_pages_and_thumbnails(window: MainWindow, workspace: Workspace) -> None:
    dialog = _sheet(window, _inspection(workspace, "completed"))
    preview = dialog.preview
    assert preview is not None and preview.pages > 0
    assert dialog.thumbs.count() == preview.pages
    assert not dialog.page_view.pixmap().isNull()
    assert preview.rendered.code in dialog.info.text() and f"共 {preview.pages} 页" in dialog.info.text()
    assert dialog.print_button.isEnabled() and dialog.save_button.isEnabled()
    dialog.thumbs.setCurrentRow(preview.pages - 1)  # another page, a bigger zoom
    dialog.zoom.setCurrentIndex(dialog.zoom.findData(2.0))
    assert dialog.page_view.pixmap().width() > dialog.preview.thumbnails[-1].width() * 3
    assert _printed(workspace, preview.inspection_id) == []  # a preview records nothing
    dialog.close()


def test_kind_change_renders_the_order(window: MainWindow, workspace: Workspace) -> None:
    dialog = _sheet(window, _inspection(workspace, "completed"))
    dialog.kind.setCurrentIndex(dialog.kind.findData("order"))
    assert dialog.preview is not None and dialog.preview.kind == "order"
    assert dialog.preview.rendered.kind == "order"
    dialog.close()


def test_save_as_pdf_records_and_verifies(window: MainWindow, workspace: Workspace, tmp_path: Path) -> None:
    inspection_id = _inspection(workspace, "completed")
    dialog = _sheet(window, inspection_id)
    target = tmp_path / "记录.pdf"
    dialog.save_to(target)
    assert target.read_bytes()[:5] == b"%PDF-"
    rows = _printed(workspace, inspection_id)
    assert len(rows) == 1 and rows[0].code == dialog.preview.rendered.code  # type: ignore[union-attr]
    assert dialog.last_code == rows[0].code and "已登记打印" in dialog.info.text()

    verify = VerifyDialog(workspace, window.runner, window, open_inspection=window.open_inspection)
    verify.code.setText(rows[0].code.lower().replace("-", " "))  # as typed, sloppily
    verify.check()
    assert verify.answer_code == "matches" and "一致" in verify.verdict.text()
    assert f"#{inspection_id}" in verify.details.text() and "打印" in verify.details.text()
    assert verify.open_button.isVisibleTo(verify)
    verify.code.setText(dialog.preview.rendered.qr_payload)  # type: ignore[union-attr]  # what a QR scanner types
    verify.check()
    assert verify.answer_code == "matches"


def test_print_through_a_printer(window: MainWindow, workspace: Workspace, tmp_path: Path) -> None:
    inspection_id = _inspection(workspace, "completed")
    dialog = _sheet(window, inspection_id)
    printer = dialog.make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setResolution(100)  # quick
    dialog.print_to(printer)  # in a worker; the window's runner here is inline
    assert dialog.printed_pages == dialog.preview.pages  # type: ignore[union-attr]
    assert (tmp_path / "printed.pdf").stat().st_size > 10_000
    import pypdfium2

    assert len(pypdfium2.PdfDocument(str(tmp_path / "printed.pdf"))) == dialog.preview.pages  # type: ignore[union-attr]
    assert len(_printed(workspace, inspection_id)) == 1


def test_verify_changed_and_unknown(window: MainWindow, workspace: Workspace, tmp_path: Path) -> None:
    inspection_id = _inspection(workspace, "in_progress")
    dialog = _sheet(window, inspection_id)
    dialog.save_to(tmp_path / "draft.pdf")
    code = dialog.last_code
    with workspace.sessions.begin() as s:
        insp = inspections.get(s, inspection_id)
        item = inspections.template_for(insp).items[0]
        old = inspections.answers_of(insp).get(item.code)
        new = "不涉及" if old is None or old.result != "不涉及" else "符合"
        inspections.set_answer(s, insp, item.code, Answer(new, note="打印后修改"), "测试")
    verify = VerifyDialog(workspace, window.runner, window)
    verify.code.setText(code)
    verify.check()
    assert verify.answer_code == "changed" and "打印后已修改" in verify.verdict.text()

    verify.code.setText("INSP-99999-ABCDE-FGHJK")
    verify.check()
    assert verify.answer_code == "unknown" and "未知记录" in verify.verdict.text()
    assert verify.details.text() == ""
    verify.code.setText("这不是核验码")
    verify.check()
    assert verify.answer_code == "unknown" and verify.not_a_code


def test_no_chinese_font_says_what_to_install(window: MainWindow, workspace: Workspace,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    def no_font(*_args: Any, **_kwargs: Any) -> Any:
        raise FontNotFoundError("No Chinese TrueType font was found (fonts-wqy-microhei)")

    monkeypatch.setattr("inspector_app.ui.documents.sheet_dialog.render_preview", no_font)
    dialog = open_sheet_dialog(window, _inspection(workspace, "completed"))
    assert dialog is not None
    dialog.start_render()
    assert isinstance(dialog.error, FontNotFoundError)
    assert "fonts-wqy-microhei" in dialog.page_view.text() and "中文字体" in dialog.page_view.text()
    assert not dialog.print_button.isEnabled() and not dialog.save_button.isEnabled()
    dialog.close()


def test_english_dialogs(qtbot: QtBot, window: MainWindow, workspace: Workspace) -> None:
    from inspector_app.ui.i18n import install_translators

    install_translators("en")
    try:
        dialog = _sheet(window, _inspection(workspace, "completed"))
        assert dialog.print_button.text() == "Print…"
        assert dialog.kind.itemText(0) == "On-site inspection record"
        verify = VerifyDialog(workspace, window.runner, window)
        verify.code.setText("INSP-99999-ABCDE-FGHJK")
        verify.check()
        assert "Unknown record" in verify.verdict.text()
    finally:
        install_translators("zh_CN")


def settle(runner: Any) -> None:
    """Wait until the pool is idle; a result arriving at the end may start more work (the page view)."""
    for _ in range(10):
        if runner.wait_idle(60000):
            return
    raise AssertionError("the task runner never became idle")


def test_render_on_the_real_worker_threads(qtbot: QtBot, window: MainWindow, workspace: Workspace) -> None:
    from inspector_app.ui.tasks import TaskRunner

    runner = TaskRunner()
    try:
        dialog = SheetDialog(workspace, runner, "测试", _inspection(workspace, "completed"), "", window)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.start_render()
        settle(runner)
        qtbot.waitUntil(lambda: dialog.preview is not None and not dialog.page_view.pixmap().isNull(), timeout=20000)
        assert dialog.thumbs.count() == dialog.preview.pages > 0  # type: ignore[union-attr]
        dialog.zoom.setCurrentIndex(dialog.zoom.findData(1.5))  # pages render on the pool, under one lock
        dialog.thumbs.setCurrentRow(dialog.thumbs.count() - 1)
        settle(runner)
        assert dialog.zoom_factor() == 1.5 and not dialog.page_view.pixmap().isNull()
        dialog.close()
    finally:
        runner.shutdown()


def test_print_from_an_open_editor_tab_and_live_language_switch(qtbot: QtBot, window: MainWindow,
                                                                  workspace: Workspace) -> None:
    from inspector_app.ui.i18n import install_translators

    inspection_id = _inspection(workspace, "in_progress")
    window.open_inspection(inspection_id)
    assert window.tabs.currentIndex() > 0
    window.documents.print_sheet.trigger()  # Ctrl+P in the editor: that inspection's sheet
    dialog = window.documents.last_dialog
    assert dialog is not None and dialog.inspection_id == inspection_id
    dialog.close()
    install_translators("en")  # LanguageChange is posted: the actions follow once it is delivered
    try:
        qtbot.waitUntil(lambda: window.documents.print_sheet.text() == "Print inspection sheet…", timeout=2000)
        assert window.sync.export.text() == "Export bundle…" and window.sync.keys.text() == "Keys and trust…"
    finally:
        install_translators("zh_CN")
    qtbot.waitUntil(lambda: window.sync.export.text() == "导出数据包…", timeout=2000)
