"""What the desk's menus may use of the main window: ``DeskWindow``.

The action groups (``actions.DeskActions``, ``documents.DocumentActions``, ``sync.SyncActions``) are
built by ``MainWindow`` and act on it; typing them against this protocol instead of ``MainWindow``
keeps the imports one-way (the window imports its menus, the menus import this), so import-linter's
no-cycle contract holds. It also says in one place what a menu may touch: the workspace, the runner,
the settings, the list and its selection, the editor tabs – never another screen's internals.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from PySide6.QtCore import QObject
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMenuBar, QStatusBar, QStyle, QTableView, QTabWidget, QWidget

    from inspector_app.storage.engine import Workspace
    from inspector_app.ui.detail_pane import DetailPane
    from inspector_app.ui.editor_tabs import EditorTabs
    from inspector_app.ui.filter_bar import FilterBar
    from inspector_app.ui.models.inspection_table import InspectionTableModel
    from inspector_app.ui.settings import AppSettings
    from inspector_app.ui.tasks import TaskRunner


class DeskWindow(Protocol):
    """The main window as its menus see it (``MainWindow`` implements it)."""

    runner: TaskRunner
    settings: AppSettings
    workspace: Workspace | None
    model: InspectionTableModel
    filter_bar: FilterBar
    detail: DetailPane
    editor_tabs: EditorTabs
    tabs: QTabWidget  # tab 0 is the list, the others are open editors
    table: QTableView
    actions_: Any  # DeskActions: the window's own menus (文件/检查/视图/设置/帮助)
    sync: Any  # SyncActions once finish_setup installed them (the export dialog), else None

    def reload(self, on_loaded: Any = None) -> None:
        """Reread every row: the window's own 刷新 (F5) – other screens learn of changes from the runner."""

    def current_row(self) -> dict[str, Any] | None: ...

    def select_row(self, inspection_id: int | None, enterprise_id: int | None = None,
                   scroll: bool = True) -> bool: ...

    def open_current(self) -> None: ...

    def open_inspection(self, inspection_id: int, title: str = "") -> None: ...

    # The Qt side of the window (it is a QMainWindow, and the parent of every dialog a menu opens).
    def menuBar(self) -> QMenuBar: ...

    def statusBar(self) -> QStatusBar: ...

    def style(self) -> QStyle: ...

    def addAction(self, action: QAction) -> None: ...

    def takeCentralWidget(self) -> QWidget: ...

    def setCentralWidget(self, widget: QWidget) -> None: ...

    def setWindowTitle(self, title: str) -> None: ...

    def installEventFilter(self, watcher: QObject) -> None: ...

    def close(self) -> bool: ...
