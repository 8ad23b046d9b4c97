"""The desk's menus (文件/检查/视图/设置/帮助), toolbar and the operations behind them: importing
enterprises, generating demo data, settings and the first-run wizard, the user guide and the about box.
The operations run on the runner's writer; the list learns about what they changed from the runner's
``changed`` broadcast."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6 import QtWidgets
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QToolBar

from inspector_app.ui import file_dialogs
from inspector_app.ui.lazy import LazyModule

if TYPE_CHECKING:
    from inspector_app.demo import workspace as demo_data
    from inspector_app.services.ops import enterprises as enterprise_ops
    from inspector_app.services.queries import workspace as workspace_queries
    from inspector_app.ui import errors, import_dialog, settings_dialog
    from inspector_app.ui.desk_window import DeskWindow
    from inspector_app.ui.first_run import start as first_run_start
    from inspector_app.ui.help import about_dialog, guide_window
else:  # the core and the dialogs load on first use, after the window is shown
    demo_data = LazyModule("inspector_app.demo.workspace")
    enterprise_ops = LazyModule("inspector_app.services.ops.enterprises")
    workspace_queries = LazyModule("inspector_app.services.queries.workspace")
    errors = LazyModule("inspector_app.ui.errors")
    import_dialog = LazyModule("inspector_app.ui.import_dialog")
    settings_dialog = LazyModule("inspector_app.ui.settings_dialog")
    first_run_start = LazyModule("inspector_app.ui.first_run.start")
    about_dialog = LazyModule("inspector_app.ui.help.about_dialog")
    guide_window = LazyModule("inspector_app.ui.help.guide_window")


class DeskActions(QObject):
    def __init__(self, window: DeskWindow) -> None:
        super().__init__(window)
        self.window = window

        self._icons: list[tuple[QAction, str]] = []  # QStyle is first touched in set_icons, after the window is shown (its enums cost 4 ms)

        def action(slot: Any, shortcut: Any = None, icon: str | None = None) -> QAction:
            act = QAction(window)
            if shortcut is not None:
                act.setShortcut(shortcut)
            if icon is not None:
                self._icons.append((act, icon))
            act.triggered.connect(slot)
            window.addAction(act)
            return act

        self.import_enterprises = action(self.do_import, QKeySequence("Ctrl+I"), "SP_DialogOpenButton")
        self.demo = action(self.do_demo)
        self.refresh = action(window.reload, QKeySequence.StandardKey.Refresh, "SP_BrowserReload")
        self.quit = action(window.close, QKeySequence.StandardKey.Quit)
        self.open = action(window.open_current, None, "SP_FileIcon")
        self.close_tab = action(self._close_tab, QKeySequence("Ctrl+W"))
        self.find = action(self.focus_filter, QKeySequence.StandardKey.Find)
        self.clear_filter = action(window.filter_bar.clear, QKeySequence("Ctrl+Shift+F"))
        self.toggle_detail = action(self._toggle_detail, QKeySequence("F9"))
        self.toggle_detail.setCheckable(True)
        self.toggle_detail.setChecked(True)
        self.settings = action(self.do_settings, QKeySequence.StandardKey.Preferences, "SP_FileDialogInfoView")
        if self.settings.shortcut().isEmpty():
            self.settings.setShortcut(QKeySequence("Ctrl+,"))
        self.first_run = action(self.do_first_run)
        self.guide = action(self.do_guide, QKeySequence.StandardKey.HelpContents)
        self.about = action(self.do_about)
        self.guide_window: Any = None  # the user guide, once opened (it stays open beside the desk)
        self.dialog: Any = None  # the last about box (tests look at it)

        bar = window.menuBar()
        self.file_menu, self.inspection_menu, self.view_menu = QMenu(bar), QMenu(bar), QMenu(bar)
        self.settings_menu, self.help_menu = QMenu(bar), QMenu(bar)
        self.file_menu.addActions([self.import_enterprises, self.demo, self.refresh])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit)
        self.inspection_menu.addActions([self.open, self.close_tab])
        self.view_menu.addActions([self.find, self.clear_filter, self.toggle_detail])
        self.settings_menu.addActions([self.settings, self.first_run])
        self.help_menu.addAction(self.guide)
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.about)
        for menu in (self.file_menu, self.inspection_menu, self.view_menu, self.settings_menu, self.help_menu):
            bar.addMenu(menu)
        self.toolbar = QToolBar(window)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.addActions([self.import_enterprises, self.refresh, self.open])
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.settings)
        window.addToolBar(self.toolbar)
        self.workspace_actions = (self.import_enterprises, self.demo, self.refresh, self.open, self.first_run)
        self.set_enabled(False)

    def set_icons(self) -> None:
        """Standard icons cost ~10 ms to load; start-up sets them just after the window is shown."""
        style = self.window.style()
        for act, icon in self._icons:
            act.setIcon(style.standardIcon(getattr(QtWidgets.QStyle.StandardPixmap, icon)))

    def set_enabled(self, enabled: bool) -> None:
        for act in self.workspace_actions:
            act.setEnabled(enabled)

    def retranslate(self) -> None:
        self.file_menu.setTitle(self.tr("文件(&F)"))
        self.inspection_menu.setTitle(self.tr("检查(&I)"))
        self.view_menu.setTitle(self.tr("视图(&V)"))
        self.settings_menu.setTitle(self.tr("设置(&S)"))
        self.help_menu.setTitle(self.tr("帮助(&H)"))
        self.toolbar.setWindowTitle(self.tr("工具栏"))
        texts = {
            self.import_enterprises: self.tr("导入企业…"), self.demo: self.tr("生成演示数据…"),
            self.refresh: self.tr("刷新"), self.quit: self.tr("退出"), self.open: self.tr("打开检查"),
            self.close_tab: self.tr("关闭当前标签"), self.find: self.tr("筛选…"),
            self.clear_filter: self.tr("清除筛选"), self.toggle_detail: self.tr("显示详情面板"),
            self.settings: self.tr("设置…"), self.first_run: self.tr("首次设置向导…"),
            self.guide: self.tr("使用说明"), self.about: self.tr("关于 Inspector"),
        }
        for act, text in texts.items():
            act.setText(text)
            hint = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            act.setToolTip(f"{text.rstrip('…')} ({hint})" if hint else text.rstrip("…"))
        self.open.setToolTip(self.tr("打开所选检查（Enter 或双击）"))

    # -- simple actions --------------------------------------------------------------------------
    def focus_filter(self) -> None:
        self.window.tabs.setCurrentIndex(0)
        self.window.filter_bar.text.setFocus()
        self.window.filter_bar.text.selectAll()

    def _toggle_detail(self, checked: bool) -> None:
        self.window.detail.setVisible(checked)

    def _close_tab(self) -> None:
        self.window.editor_tabs.close_tab(self.window.tabs.currentIndex())

    def do_about(self) -> None:
        """The versions, with the workspace's schema revision read in a worker."""
        workspace = self.window.workspace

        def show(revision: str) -> None:
            self.dialog = about_dialog.AboutDialog(revision, self.window)
            self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.dialog.open()

        if workspace is None:
            show("")
            return
        self.window.runner.run(lambda _p, _c: workspace_queries.schema_revision(workspace), show)

    def do_guide(self) -> Any:
        """帮助 → 使用说明 (F1): the user guide in a window of its own."""
        if self.guide_window is None:
            self.guide_window = guide_window.GuideWindow(self.window)
        self.guide_window.show()
        self.guide_window.raise_()
        self.guide_window.activateWindow()
        return self.guide_window

    def do_settings(self) -> None:
        sync = getattr(self.window, "sync", None)
        settings_dialog.SettingsDialog(self.window.settings, self.window, workspace=self.window.workspace,
                                       runner=self.window.runner,
                                       key_access=sync.key_access if sync is not None else None).exec()

    def do_first_run(self) -> None:
        """设置 → 首次设置向导…: the wizard again, showing what is set now."""
        workspace = self.window.workspace
        if workspace is not None:
            first_run_start.offer_first_run(self.window, workspace, self.window.model.total_count())

    # -- demo data -------------------------------------------------------------------------------
    def offer_demo(self) -> None:
        """First start with an empty workspace: offer to fill it with demo data."""
        answer = QMessageBox.question(
            self.window, self.tr("工作区为空"),
            self.tr("工作区中还没有企业。要生成常州市的演示数据（约 240 家企业及其检查）来试用吗？\n"
                    "以后可随时通过“文件 → 导入企业”导入真实名单。\n\n"
                    "这份演示数据只在本工作区。培训时要让办公室和检查员的电脑使用同一批企业、分配和密钥，"
                    "请改用命令 inspector-app demo --pair 办公室文件夹 检查员文件夹。"))
        if answer == QMessageBox.StandardButton.Yes:
            self.build_demo()

    def do_demo(self) -> None:
        answer = QMessageBox.question(self.window, self.tr("生成演示数据"),
                                      self.tr("向当前工作区添加演示企业和检查吗？已有数据不会被删除。\n\n"
                                              "这份演示数据只在本工作区。培训时要让办公室和检查员的电脑使用同一批企业、"
                                              "分配和密钥，请改用命令 inspector-app demo --pair 办公室文件夹 检查员文件夹。"))
        if answer == QMessageBox.StandardButton.Yes:
            self.build_demo()

    def build_demo(self, enterprises: int = 240) -> None:
        workspace = self.window.workspace
        if workspace is None:
            return
        actor = self.window.settings.actor

        def work(progress: Any, cancel: Any) -> Any:
            return demo_data.build(workspace, enterprises=enterprises, actor=actor, progress=progress,
                                   cancel=cancel)

        def done(result: Any) -> None:
            self.window.statusBar().showMessage(
                self.tr("已生成演示数据：企业 %1 家，检查 %2 项，隐患 %3 条")
                .replace("%1", str(result.enterprises)).replace("%2", str(result.inspections))
                .replace("%3", str(result.findings)), 8000)

        self.window.runner.write(work, done, lambda e: errors.show_error(self.window, e, self.tr("演示数据未生成")),
                                 title=self.tr("正在生成演示数据…"), parent=self.window)

    # -- import ----------------------------------------------------------------------------------
    def do_import(self) -> None:
        path = file_dialogs.open_file(self.window, "imports", self.tr("导入企业名单"),
                                      self.tr("表格文件 (*.xlsx *.xls *.csv);;所有文件 (*)"))
        if path:
            self.run_import(Path(path), dry_run=True)

    def run_import(self, path: Path, dry_run: bool) -> None:
        """A dry run first (every problem listed, nothing written); the real import after the user has
        seen the preview and said yes."""
        workspace = self.window.workspace
        if workspace is None:
            return

        def work(progress: Any, cancel: Any) -> Any:
            return enterprise_ops.import_register(workspace, path, dry_run=dry_run, progress=progress,
                                                  cancel=cancel)

        def done(report: Any) -> None:
            self.show_import_result(path, report, dry_run)

        def failed(error: BaseException) -> None:
            self.show_import_result(path, error, dry_run)

        title = self.tr("正在检查导入文件…") if dry_run else self.tr("正在导入企业…")
        self.window.runner.write(work, done, failed, title=title, parent=self.window)

    def show_import_result(self, path: Path, result: Any, dry_run: bool) -> None:
        dialog = import_dialog.ImportResultDialog(path, result, dry_run, self.window)
        accepted = dialog.exec()
        if dry_run and accepted and dialog.can_import:
            self.run_import(path, dry_run=False)
