"""The desk's menus (文件/检查/视图/设置/帮助), toolbar and the operations behind them: importing
enterprises, generating demo data, settings and the about box. The operations run on the runner's
writer; the list learns about what they changed from the runner's ``changed`` broadcast."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6 import QtWidgets
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QToolBar

from inspector_app import version_text
from inspector_app.ui.lazy import LazyModule

if TYPE_CHECKING:
    from inspector_app.demo import workspace as demo_data
    from inspector_app.services.ops import enterprises as enterprise_ops
    from inspector_app.ui import errors, import_dialog, settings_dialog
    from inspector_app.ui.desk_window import DeskWindow
else:  # the core and the dialogs load on first use, after the window is shown
    demo_data = LazyModule("inspector_app.demo.workspace")
    enterprise_ops = LazyModule("inspector_app.services.ops.enterprises")
    errors = LazyModule("inspector_app.ui.errors")
    import_dialog = LazyModule("inspector_app.ui.import_dialog")
    settings_dialog = LazyModule("inspector_app.ui.settings_dialog")


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
        self.about = action(self.do_about)

        bar = window.menuBar()
        self.file_menu, self.inspection_menu, self.view_menu = QMenu(bar), QMenu(bar), QMenu(bar)
        self.settings_menu, self.help_menu = QMenu(bar), QMenu(bar)
        self.file_menu.addActions([self.import_enterprises, self.demo, self.refresh])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit)
        self.inspection_menu.addActions([self.open, self.close_tab])
        self.view_menu.addActions([self.find, self.clear_filter, self.toggle_detail])
        self.settings_menu.addAction(self.settings)
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
        self.workspace_actions = (self.import_enterprises, self.demo, self.refresh, self.open)
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
            self.settings: self.tr("设置…"), self.about: self.tr("关于 Inspector"),
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
        QMessageBox.about(self.window, self.tr("关于 Inspector"), self.tr(
            "<h3>Inspector %1</h3><p>安全生产标准化“回头看”现场检查工具。</p>"
            "<p>离线工作：数据保存在本机工作区，通过签名数据包与市局交换。</p>").replace("%1", version_text()))

    def do_settings(self) -> None:
        settings_dialog.SettingsDialog(self.window.settings, self.window).exec()

    # -- demo data -------------------------------------------------------------------------------
    def offer_demo(self) -> None:
        """First start with an empty workspace: offer to fill it with demo data."""
        answer = QMessageBox.question(
            self.window, self.tr("工作区为空"),
            self.tr("工作区中还没有企业。要生成常州市的演示数据（约 240 家企业及其检查）来试用吗？\n"
                    "以后可随时通过“文件 → 导入企业”导入真实名单。"))
        if answer == QMessageBox.StandardButton.Yes:
            self.build_demo()

    def do_demo(self) -> None:
        answer = QMessageBox.question(self.window, self.tr("生成演示数据"),
                                      self.tr("向当前工作区添加演示企业和检查吗？已有数据不会被删除。"))
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
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("导入企业名单"), str(Path.home()),
                                              self.tr("表格文件 (*.xlsx *.csv);;所有文件 (*)"))
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
