"""文件 → 检查表… on the desk of every workspace: the templates dialog (``template_dialog``, loaded when
first opened) – the versions, the preview as the inspector will see it, the blank paper forms."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction

from inspector_app.ui.lazy import LazyModule

if TYPE_CHECKING:
    from inspector_app.ui.desk_window import DeskWindow
    from inspector_app.ui.office import template_dialog
    from inspector_app.ui.office.template_dialog import TemplatesDialog
else:
    template_dialog = LazyModule("inspector_app.ui.office.template_dialog")


class TemplateActions(QObject):
    """文件 → 检查表… on the desk (installed by the main window's ``finish_setup``)."""

    def __init__(self, window: DeskWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: TemplatesDialog | None = None
        self.action = QAction(window)
        self.action.setObjectName("showTemplates")
        self.action.triggered.connect(self.show)
        menu = window.actions_.file_menu
        separator = next((a for a in menu.actions() if a.isSeparator()), None)
        if separator is not None:
            menu.insertAction(separator, self.action)  # with the imports, before 退出
        else:
            menu.addAction(self.action)
        window.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.action.setText(self.tr("检查表…"))
        self.action.setToolTip(self.tr("查看检查表的各版本，打印空白检查表"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def show(self) -> TemplatesDialog | None:
        if self.window.workspace is None:
            return None
        if self.dialog is None or self.dialog.workspace is not self.window.workspace:
            self.dialog = template_dialog.TemplatesDialog(self.window, self.window)  # type: ignore[arg-type]
            self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.page.invalidate()
        return self.dialog


def install_template_actions(window: DeskWindow) -> TemplateActions:
    return TemplateActions(window)
