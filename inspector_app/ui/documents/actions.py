"""The desk's document actions: 检查 → 打印检查记录… (Ctrl+P) and 检查 → 核验纸质记录…."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6 import QtWidgets
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence

from inspector_app.ui.editor_tabs import INSPECTION_ID_PROPERTY
from inspector_app.ui.lazy import LazyModule

if TYPE_CHECKING:
    from inspector_app.ui.desk_window import DeskWindow
    from inspector_app.ui.documents import sheet_dialog, verify_dialog
    from inspector_app.ui.documents.sheet_dialog import SheetDialog
    from inspector_app.ui.documents.verify_dialog import VerifyDialog
else:  # the dialogs (and the PDF code behind them) are loaded on first use
    sheet_dialog = LazyModule("inspector_app.ui.documents.sheet_dialog")
    verify_dialog = LazyModule("inspector_app.ui.documents.verify_dialog")


def current_inspection(window: DeskWindow) -> tuple[int, str] | None:
    """The inspection of the current editor tab, else of the selected list row: (id, enterprise)."""
    inspection_id: Any = None
    if window.tabs.currentIndex() > 0:
        widget = window.tabs.currentWidget()
        inspection_id = widget.property(INSPECTION_ID_PROPERTY) if widget is not None else None
    else:
        row = window.current_row()
        inspection_id = row["id"] if row else None
    if inspection_id is None:
        return None
    name = next((r["enterprise"] for r in window.model.rows() if r["id"] == inspection_id), "")
    return int(inspection_id), name


def open_sheet_dialog(window: DeskWindow, inspection_id: int, kind: str = "record") -> SheetDialog | None:
    """Open the sheet dialog for ``inspection_id`` and start rendering (for an editor's print button)."""
    if window.workspace is None:
        return None
    name = next((r["enterprise"] for r in window.model.rows() if r["id"] == inspection_id), "")
    dialog = sheet_dialog.SheetDialog(window.workspace, window.runner, window.settings.actor, inspection_id, name, window, kind)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    QTimer.singleShot(0, dialog.start_render)
    return dialog


class DocumentActions(QObject):
    def __init__(self, window: DeskWindow) -> None:
        super().__init__(window)
        self.window = window
        self.print_sheet = QAction(window)
        self.print_sheet.setShortcut(QKeySequence.StandardKey.Print)
        self.print_sheet.triggered.connect(self.do_print)
        self.verify = QAction(window)
        self.verify.setShortcut(QKeySequence("Ctrl+Shift+K"))
        self.verify.triggered.connect(self.do_verify)
        for act in (self.print_sheet, self.verify):
            window.addAction(act)
        menu = window.actions_.inspection_menu
        menu.addSeparator()
        menu.addActions([self.print_sheet, self.verify])
        toolbar = window.actions_.toolbar
        first = toolbar.actions()[0] if toolbar.actions() else None
        separator = next((a for a in toolbar.actions() if a.isSeparator()), None)
        toolbar.insertAction(separator or first, self.print_sheet)  # after 打开检查, before the settings
        self.last_dialog: SheetDialog | None = None
        self.verify_dialog: VerifyDialog | None = None
        window.installEventFilter(self)
        self.set_enabled(window.workspace is not None)
        self.retranslate()

    def set_icons(self) -> None:
        """Called by the window's ``finish_setup`` (after the window is shown, at start-up)."""
        self.print_sheet.setIcon(self.window.style().standardIcon(QtWidgets.QStyle.StandardPixmap.SP_FileDialogContentsView))

    def set_enabled(self, enabled: bool) -> None:
        self.print_sheet.setEnabled(enabled)
        self.verify.setEnabled(enabled)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def retranslate(self) -> None:
        self.print_sheet.setText(self.tr("打印检查记录…"))
        self.print_sheet.setIconText(self.tr("打印"))
        self.print_sheet.setToolTip(self.tr("预览、打印或另存为 PDF：现场检查记录、责令限期整改指令书、整改复查意见书（Ctrl+P）"))
        self.verify.setText(self.tr("核验纸质记录…"))
        self.verify.setToolTip(self.tr("输入纸质记录上的核验码，检查它与数据库是否一致（Ctrl+Shift+K）"))

    def do_print(self) -> None:
        current = current_inspection(self.window)
        if current is None:
            self.window.statusBar().showMessage(self.tr("请先在列表中选择一项检查。"), 4000)
            return
        self.last_dialog = open_sheet_dialog(self.window, current[0])

    def do_verify(self) -> None:
        if self.window.workspace is None:
            return
        dialog = verify_dialog.VerifyDialog(self.window.workspace, self.window.runner, self.window,
                              open_inspection=self.window.open_inspection)
        self.verify_dialog = dialog
        dialog.show()


def install_document_actions(window: DeskWindow) -> DocumentActions:
    return DocumentActions(window)
