"""The switch between the inspector's desk (检查员桌面) and the office's window (机关工作台).

An office's workspace (sync role ``office``) gets 视图 → 检查员桌面 / 机关工作台 and the same two buttons on
the toolbar, and the window title names the office and its jurisdiction (workspace settings ``level`` /
``jurisdiction`` in the current campaign). The desk's tabs and the workbench sit in a stacked widget; the
workbench and its pages (charts included) are loaded the first time it is shown. Where the office sits
is read in a worker (``services.queries.office.office_info``) when the workspace is set and again when
an operation changed the keys, the settings or the campaigns. In an office's workspace the desk's list
has a context menu: 打开检查, and 立摘牌案卷… for a finished inspection concluding 建议摘牌 (``case_open``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QStackedWidget

from inspector_app.services.changes import ChangeKind, Changes
from inspector_app.ui.lazy import LazyModule

if TYPE_CHECKING:
    from inspector_app.services.queries import office as office_queries
    from inspector_app.services.queries.office import OfficeInfo
    from inspector_app.storage.engine import Workspace
    from inspector_app.ui.desk_window import DeskWindow
    from inspector_app.ui.office import case_open, workbench
    from inspector_app.ui.office.workbench import Workbench
else:  # the read model in the worker that reads it, the workbench when it is first shown
    office_queries = LazyModule("inspector_app.services.queries.office")
    workbench = LazyModule("inspector_app.ui.office.workbench")
    case_open = LazyModule("inspector_app.ui.office.case_open")

_REREAD = (ChangeKind.KEYS, ChangeKind.SETTINGS, ChangeKind.CAMPAIGNS)


class OfficeMode(QObject):
    """Installed on the main window by ``install_office_mode`` (in its ``finish_setup``)."""

    def __init__(self, window: DeskWindow) -> None:
        super().__init__(window)
        self.window = window
        self.workspace: Workspace | None = None
        self.info: OfficeInfo | None = None
        self.workbench: Workbench | None = None
        self._chosen = False  # the user picked a mode: a reread of the role keeps it
        self._seq = 0

        self.stack = QStackedWidget()
        self.stack.setObjectName("modeStack")
        desk = window.takeCentralWidget()
        self.stack.addWidget(desk)
        window.setCentralWidget(self.stack)

        self.group = QActionGroup(self)
        self.desk_action = QAction(window)
        self.office_action = QAction(window)
        self.desk_action.setShortcut(QKeySequence("Ctrl+1"))
        self.office_action.setShortcut(QKeySequence("Ctrl+2"))
        for act, slot in ((self.desk_action, self.show_desk), (self.office_action, self.show_office)):
            act.setCheckable(True)
            act.setVisible(False)  # until the workspace says it is an office's
            self.group.addAction(act)
            act.triggered.connect(lambda _checked=False, s=slot: self._choose(s))
            window.addAction(act)
        self.desk_action.setChecked(True)
        desk_actions = window.actions_
        first = desk_actions.view_menu.actions()[0] if desk_actions.view_menu.actions() else None
        desk_actions.view_menu.insertActions(first, [self.desk_action, self.office_action])
        self.separator = desk_actions.view_menu.insertSeparator(first) if first is not None else None
        self.toolbar_separator = desk_actions.toolbar.addSeparator()
        desk_actions.toolbar.addActions([self.desk_action, self.office_action])
        self.toolbar_separator.setVisible(False)
        if self.separator is not None:
            self.separator.setVisible(False)
        window.runner.changed.connect(self._on_changes)
        window.installEventFilter(self)
        self.menu: QMenu | None = None  # the desk's context menu last shown (tests trigger its actions)
        self.dialog: Any = None
        window.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        window.table.customContextMenuRequested.connect(self.desk_menu)
        self.retranslate()

    # -- where the office sits -------------------------------------------------------------------
    def set_workspace(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.reread()

    def reread(self, on_done: Any = None) -> None:
        """Read the role, level and jurisdiction in a worker, then show (or hide) the switch."""
        workspace = self.workspace
        if workspace is None:
            return
        self._seq += 1
        seq = self._seq

        def done(info: OfficeInfo) -> None:
            if seq == self._seq:
                self.apply(info)
            if on_done is not None:
                on_done()

        self.window.runner.run(lambda _p, _c: office_queries.office_info(workspace), done)

    def apply(self, info: OfficeInfo) -> None:
        self.info = info
        for act in (self.desk_action, self.office_action, self.toolbar_separator):
            act.setVisible(info.is_office)
        if self.separator is not None:
            self.separator.setVisible(info.is_office)
        if not info.is_office:
            self.show_desk()
        elif self.workbench is not None:
            self.workbench.set_office(self.workspace, info)
        if info.is_office and not self._chosen and not self.in_office():
            self.show_office()  # an office's workspace opens on its workbench
        self.update_title()

    def _on_changes(self, changes: Changes, _initiator: object) -> None:
        if self.workspace is not None and changes.has(*_REREAD):
            self.reread()

    # -- the two modes ---------------------------------------------------------------------------
    def in_office(self) -> bool:
        return self.workbench is not None and self.stack.currentWidget() is self.workbench

    def _choose(self, slot: Any) -> None:
        self._chosen = True
        slot()

    def show_desk(self) -> None:
        self.stack.setCurrentIndex(0)
        self.desk_action.setChecked(True)
        self.update_title()

    def show_office(self) -> Workbench | None:
        if self.workspace is None or self.info is None or not self.info.is_office:
            return None
        if self.workbench is None:
            self.workbench = workbench.Workbench(self.window)
            self.stack.addWidget(self.workbench)
            self.workbench.set_office(self.workspace, self.info)
        self.stack.setCurrentWidget(self.workbench)
        self.office_action.setChecked(True)
        self.update_title()
        return self.workbench

    # -- the desk's context menu ------------------------------------------------------------------
    def desk_menu(self, position: QPoint) -> QMenu | None:
        table = self.window.table
        if not table.indexAt(position).isValid():
            return None
        row = self.window.current_row()
        menu = QMenu(table)
        menu.addAction(self.tr("打开检查"), self.window.open_current).setEnabled(bool(row and row.get("id")))
        if self.info is not None and self.info.is_office:
            opening = menu.addAction(self.tr("立摘牌案卷…"), self.open_case)
            opening.setEnabled(case_open.can_open(row))
            opening.setToolTip(self.tr("结论为建议摘牌且已完成的检查：立摘牌案卷"))
        self.menu = menu
        menu.popup(table.viewport().mapToGlobal(position))
        return menu

    def open_case(self) -> Any:
        row, workspace = self.window.current_row(), self.workspace
        if not case_open.can_open(row) or workspace is None:
            return None
        assert row is not None
        self.dialog = case_open.open_case(self.window.table, self.window.runner, workspace, self.window.settings.actor,
                                          int(row["id"]), str(row.get("name") or row.get("enterprise") or ""),
                                          self._show_case)
        return self.dialog

    def _show_case(self, case_id: int) -> None:
        bench = self.show_office()
        if bench is not None:
            bench.show_case(case_id)

    # -- title, language, closing ----------------------------------------------------------------
    def update_title(self) -> None:
        info = self.info
        if info is None or not info.is_office:
            return
        mode = self.tr("机关工作台") if self.in_office() else self.tr("检查员桌面")
        if info.jurisdiction:
            where = self.tr("%1（%2）").replace("%1", info.office_name).replace("%2", info.jurisdiction)
        else:
            where = self.tr("未设置辖区")
        self.window.setWindowTitle(f"Inspector – {mode} – {where}")

    def retranslate(self) -> None:
        self.desk_action.setText(self.tr("检查员桌面"))
        self.desk_action.setToolTip(self.tr("企业与检查列表、检查编辑（Ctrl+1）"))
        self.office_action.setText(self.tr("机关工作台"))
        self.office_action.setToolTip(self.tr("审核队列、分配计划、进度看板和报告（Ctrl+2）"))
        self.update_title()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            QTimer.singleShot(0, self, self.update_title)  # after the window has set its own title again
        elif watched is self.window and event.type() == QEvent.Type.Close and self.workbench is not None \
                and not self.workbench.close_editors():
            event.ignore()
            return True
        return False


def install_office_mode(window: DeskWindow) -> OfficeMode:
    return OfficeMode(window)
