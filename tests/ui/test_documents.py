"""The sheet dialog and the verify dialog driven through the desk: render and preview a document, change
its kind (the five documents), save it as PDF and print it (to a PDF printer) – which issues its number
once –, enter the re-check visit, then verify the printed code – matches, changed since printing,
unknown – and the clear messages when a document cannot be issued or no Chinese font is found."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from desk_support import demo_template, settings, window, workspace
from PySide6.QtCore import QCoreApplication, QDateTime
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from inspector_app.domain.lifecycle import FindingStatus
from inspector_app.domain.scoring import Answer
from inspector_app.reports import FontNotFoundError
from inspector_app.services import findings, inspections
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


def _with_order(ws: Workspace) -> int:
    """An inspection in progress with a hazard to rectify by a deadline (an order has items)."""
    with ws.sessions.begin() as s:
        rows = s.scalars(select(Inspection).where(Inspection.status == "in_progress").order_by(Inspection.id)).all()
        inspection = next((r for r in rows if any(f.deadline for f in r.findings)), rows[0])
        if not any(f.deadline for f in inspection.findings):
            assert inspection.started_at is not None
            findings.add(s, inspection, "测试", description="消防通道堆放杂物", requirement="立即清理",
                         deadline=inspection.started_at.date() + timedelta(days=7))
        return inspection.id


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
    dialog = _sheet(window, _with_order(workspace))
    assert [dialog.kind.itemData(i) for i in range(dialog.kind.count())] == \
        ["record", "scoresheet", "order", "measures", "recheck"]
    dialog.kind.setCurrentIndex(dialog.kind.findData("order"))
    assert dialog.preview is not None and dialog.preview.kind == "order"
    assert dialog.preview.rendered.kind == "order" and dialog.preview.rendered.number == ""  # not issued yet
    dialog.kind.setCurrentIndex(dialog.kind.findData("scoresheet"))
    assert dialog.preview is not None and dialog.preview.rendered.kind == "scoresheet"
    dialog.close()


def test_a_document_that_cannot_be_issued_says_why(window: MainWindow, workspace: Workspace) -> None:
    dialog = _sheet(window, _with_order(workspace))
    dialog.kind.setCurrentIndex(dialog.kind.findData("recheck"))
    assert dialog.preview is None and dialog.error is not None
    assert "整改复查意见书不能打印" in dialog.page_view.text() and "尚未签发责令限期整改指令书" in dialog.page_view.text()
    assert not dialog.print_button.isEnabled() and dialog.recheck.isVisible()
    dialog.close()


def test_saving_issues_the_number_once_and_the_recheck_follows_the_order(window: MainWindow, workspace: Workspace,
                                                                         tmp_path: Path) -> None:
    inspection_id = _with_order(workspace)
    dialog = _sheet(window, inspection_id)
    dialog.kind.setCurrentIndex(dialog.kind.findData("order"))
    dialog.save_to(tmp_path / "order.pdf")
    assert dialog.preview is not None and re.fullmatch(r"（常）应急责改〔\d{4}〕\d+号", dialog.preview.rendered.number)
    number = dialog.preview.rendered.number
    rows = _printed(workspace, inspection_id)
    assert [r.code for r in rows] == [dialog.preview.rendered.code]  # the bytes with the number were recorded
    dialog.save_to(tmp_path / "again.pdf")  # printed again: the same number
    assert dialog.preview.rendered.number == number
    with workspace.sessions.begin() as s:  # the order's items are re-checked
        insp = inspections.get(s, inspection_id)
        assert insp.started_at is not None
        when = insp.started_at + timedelta(days=20)
        for finding in insp.findings:
            if finding.deadline is not None:
                findings.set_status(s, finding, FindingStatus.RECTIFIED, "测试")
                findings.set_status(s, finding, FindingStatus.PASSED, "测试", "已整改", at=when)
    dialog.kind.setCurrentIndex(dialog.kind.findData("recheck"))
    panel = dialog.recheck
    assert panel.state is not None and panel.state.order_number == number and panel.first.count() >= 2
    panel.when.setDateTime(QDateTime.fromString(when.strftime("%Y-%m-%d %H:%M"), "yyyy-MM-dd HH:mm"))
    panel.second.setCurrentIndex(1 if panel.first.currentIndex() != 1 else 0)
    panel.save_visit()
    assert dialog.error is None and dialog.preview is not None and dialog.preview.kind == "recheck"
    dialog.save_to(tmp_path / "recheck.pdf")
    assert re.fullmatch(r"（常）应急复查〔\d{4}〕\d+号", dialog.preview.rendered.number)
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
    with workspace.sessions.begin() as s:  # an item found wanting after printing: the record lists it
        insp = inspections.get(s, inspection_id)
        industry = insp.enterprise.industry
        item = next(i for i in inspections.template_for(insp).items
                    if getattr(i, "applies_to", lambda _industry: True)(industry) is not False)
        old = inspections.answers_of(insp).get(item.code)
        new = "不符合" if old is None or old.result != "不符合" else "符合"
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
