"""The desk's sync actions: 文件 → 导出数据包… / 导入数据包… / 从文件夹导入数据包… / 同步冲突…,
设置 → 密钥与信任…, and the supervisor's 检查 → 验收 / 退回修改… on the selected row.

Every change runs as an operation on the runner's writer (``services.ops.review``, ``services.ops.sync``);
the runner announces what it changed and the desk rereads those rows itself – nothing here reloads the
desk. The dialogs and the core load on first use (``ui.lazy``): this module is on the way to a shown window.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6 import QtWidgets
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence

from inspector_app.domain.lifecycle import ACCEPTABLE, RETURNABLE
from inspector_app.ui import file_dialogs
from inspector_app.ui.errors import show_error
from inspector_app.ui.first_run.key_file import KeyFileAccess
from inspector_app.ui.lazy import LazyModule

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

    from inspector_app.services.ops import review as review_ops
    from inspector_app.services.queries import confirm as confirm_queries
    from inspector_app.ui import confirm_dialog
    from inspector_app.ui.desk_window import DeskWindow
    from inspector_app.ui.sync import (
        conflicts_dialog,
        export_dialog,
        identity,
        import_dialog,
        import_work,
        keys_dialog,
        review,
    )
    from inspector_app.ui.sync.identity import SyncContext
    from inspector_app.ui.sync.import_work import ImportRun
else:  # loaded when a sync menu is first used, after the window is shown
    review_ops = LazyModule("inspector_app.services.ops.review")
    confirm_queries = LazyModule("inspector_app.services.queries.confirm")
    confirm_dialog = LazyModule("inspector_app.ui.confirm_dialog")
    conflicts_dialog = LazyModule("inspector_app.ui.sync.conflicts_dialog")
    export_dialog = LazyModule("inspector_app.ui.sync.export_dialog")
    identity = LazyModule("inspector_app.ui.sync.identity")
    import_dialog = LazyModule("inspector_app.ui.sync.import_dialog")
    import_work = LazyModule("inspector_app.ui.sync.import_work")
    keys_dialog = LazyModule("inspector_app.ui.sync.keys_dialog")
    review = LazyModule("inspector_app.ui.sync.review")


class SyncActions(QObject):
    """Installed on the main window by ``install_sync_actions``. ``keyring``: the keyring backend to use
    (``None``: the workspace's – the system keyring, or its passphrase-protected key file through
    ``key_access``; tests set an in-memory one)."""

    def __init__(self, window: DeskWindow, keyring: KeyringBackend | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.keyring = keyring
        self.key_access = KeyFileAccess(window)  # type: ignore[arg-type]
        self.dialog: Any = None  # the last dialog opened (tests and screenshots look at it)
        self.last_run: ImportRun | None = None

        def action(slot: Callable[[], object], shortcut: str | None = None) -> QAction:
            act = QAction(window)
            if shortcut:
                act.setShortcut(QKeySequence(shortcut))
            # triggered(bool checked): the flag must not reach the slot – do_return(comment) once got
            # ``False`` as its comment and crashed.
            act.triggered.connect(lambda _checked=False: slot())
            window.addAction(act)
            return act

        self.export = action(self.do_export, "Ctrl+E")
        self.import_files = action(self.do_import_files, "Ctrl+Shift+I")
        self.import_folder = action(self.do_import_folder)
        self.conflicts = action(self.do_conflicts)
        self.keys = action(self.do_keys)
        self.accept = action(self.do_accept)
        self.return_ = action(self.do_return)
        desk = window.actions_
        before = desk.quit
        desk.file_menu.insertSeparator(before)
        for act in (self.export, self.import_files, self.import_folder, self.conflicts):
            desk.file_menu.insertAction(before, act)
        desk.file_menu.insertSeparator(before)
        desk.inspection_menu.addSeparator()
        desk.inspection_menu.addActions([self.accept, self.return_])
        desk.settings_menu.addAction(self.keys)
        separator = next((a for a in desk.toolbar.actions() if a.isSeparator()), None)
        if separator is not None:
            desk.toolbar.insertAction(separator, self.import_files)
            desk.toolbar.insertAction(separator, self.export)
        self.workspace_actions = (self.export, self.import_files, self.import_folder, self.conflicts, self.keys)
        window.installEventFilter(self)
        window.table.selectionModel().selectionChanged.connect(lambda *_: self.update_review())
        window.model.dataChanged.connect(lambda *_: self.update_review())
        window.model.modelReset.connect(self.update_review)
        self.set_enabled(window.workspace is not None)
        self.retranslate()

    def set_icons(self) -> None:
        """Called by the window's ``finish_setup`` (after the window is shown, at start-up)."""
        style = self.window.style()
        self.export.setIcon(style.standardIcon(QtWidgets.QStyle.StandardPixmap.SP_ArrowUp))
        self.import_files.setIcon(style.standardIcon(QtWidgets.QStyle.StandardPixmap.SP_ArrowDown))

    def context(self) -> SyncContext:
        assert self.window.workspace is not None
        settings = self.window.settings
        keyring = self.keyring if self.keyring is not None else self.key_access.keyring()
        return identity.SyncContext(self.window.workspace, settings.actor, keyring, settings.inspector_name)

    def _retire(self) -> None:
        """The previous dialog, once closed, is deleted (each action opens a fresh one)."""
        old, self.dialog = self.dialog, None
        if old is not None and not old.isVisible():
            old.deleteLater()

    def set_enabled(self, enabled: bool) -> None:
        for act in self.workspace_actions:
            act.setEnabled(enabled)
        self.update_review()

    def update_review(self) -> None:
        row = self.window.current_row() if self.window.workspace is not None else None
        status = row["status"] if row else ""
        self.accept.setEnabled(status in ACCEPTABLE)
        self.return_.setEnabled(status in RETURNABLE)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def retranslate(self) -> None:
        texts = {self.export: (self.tr("导出数据包…"), self.tr("导出数据包"),
                               self.tr("把待交换的检查写成签名数据包（U 盘或电子邮件传送）（Ctrl+E）")),
                 self.import_files: (self.tr("导入数据包…"), self.tr("导入数据包"),
                                     self.tr("导入一个或多个数据包文件（Ctrl+Shift+I）")),
                 self.import_folder: (self.tr("从文件夹导入数据包…"), "",
                                      self.tr("导入某个文件夹（如 U 盘）中的全部数据包")),
                 self.conflicts: (self.tr("同步冲突…"), "", self.tr("双方都修改过的检查：选择保留哪一方")),
                 self.keys: (self.tr("密钥与信任…"), "", self.tr("本机指纹、导出公钥、登记或吊销对方的密钥")),
                 self.accept: (self.tr("验收…"), "", self.tr("确认得分、结论和签名后验收所选的已接收检查")),
                 self.return_: (self.tr("退回修改…"), "", self.tr("把所选检查退回给检查人员修改，须填写意见"))}
        for act, (text, short, tip) in texts.items():
            act.setText(text)
            if short:
                act.setIconText(short)
            act.setToolTip(tip)

    # -- bundles ---------------------------------------------------------------------------------
    def do_export(self, selected_id: int | None = None) -> Any:
        if self.window.workspace is None:
            return None
        if selected_id is None and self.window.tabs.currentIndex() == 0:
            row = self.window.current_row()
            selected_id = row["id"] if row else None
        self._retire()
        dialog = export_dialog.ExportDialog(self.context(), self.window.runner, self.window, selected_id)
        self.dialog = dialog
        dialog.load()
        dialog.open()
        return dialog

    def do_import_files(self) -> None:
        paths = file_dialogs.open_files(self.window, "bundles", self.tr("导入数据包"),
                                        self.tr("Inspector 数据包 (*.inspbundle *.zip *.enc);;所有文件 (*)"))
        if paths:
            self.run_import([Path(p) for p in paths])

    def do_import_folder(self) -> None:
        folder = file_dialogs.folder(self.window, "bundles", self.tr("选择含有数据包的文件夹（如 U 盘）"))
        if folder:
            self.run_import([Path(folder)])

    def run_import(self, paths: list[Path]) -> None:
        """Import in the writer (progress and cancel), then show the report. The run carries the
        import's changes: the runner announces them and the desk rereads what they touch."""
        if self.window.workspace is None:
            return
        context = self.context()

        def done(run: ImportRun) -> None:
            self.last_run = run
            self.show_report(run)

        self.window.runner.write(lambda p, c: import_work.import_work(context, paths, p, c), done,
                                 lambda error: show_error(self.window, error, self.tr("数据包未导入")),
                                 title=self.tr("正在导入数据包…"), parent=self.window,
                                 initiator=self)

    def show_report(self, run: ImportRun) -> Any:
        self._retire()
        dialog = import_dialog.ImportReportDialog(run, self.window)
        dialog.show_conflicts.connect(self.do_conflicts)
        self.dialog = dialog
        dialog.open()
        return dialog

    def do_conflicts(self) -> Any:
        if self.window.workspace is None:
            return None
        self._retire()
        dialog = conflicts_dialog.ConflictDialog(self.context(), self.window.runner, self.window)
        self.dialog = dialog
        dialog.load()
        dialog.open()
        return dialog

    def do_keys(self) -> Any:
        if self.window.workspace is None:
            return None
        self._retire()
        dialog = keys_dialog.KeysDialog(self.context(), self.window.runner, self.window)
        self.dialog = dialog
        dialog.load()
        dialog.open()
        return dialog

    # -- review ----------------------------------------------------------------------------------
    def _reviewed_row(self, allowed: frozenset[Any]) -> dict[str, Any] | None:
        row: dict[str, Any] | None = self.window.current_row()
        if row is None or row["id"] is None or row["status"] not in allowed:
            self.window.statusBar().showMessage(self.tr("请先在列表中选择一项已接收的检查。"), 4000)
            return None
        return row

    def do_accept(self) -> None:
        """验收 the selected received inspection, after a confirmation that shows the score, the conclusion,
        the open points and who signs (``queries.confirm``, read in a worker; Enter confirms, Esc cancels)."""
        row = self._reviewed_row(ACCEPTABLE)
        if row is None or self.window.workspace is None:
            return
        workspace, actor, inspection_id = self.window.workspace, self.window.settings.actor, int(row["id"])

        def ask(confirmation: Any) -> None:
            self._retire()
            dialog = confirm_dialog.ConfirmDialog(confirmation, self.window)
            dialog.accepted.connect(lambda: self._accept(row))
            self.dialog = dialog
            dialog.open()

        self.window.runner.run(lambda _p, _c: confirm_queries.before_accepting(workspace, inspection_id, actor), ask,
                               lambda error: show_error(self.window, error, self.tr("未能验收")))

    def _accept(self, row: dict[str, Any]) -> None:
        """验收 (``ops.review.accept``: the rules and the audit rows), once confirmed."""
        assert self.window.workspace is not None
        workspace, actor, inspection_id = self.window.workspace, self.window.settings.actor, int(row["id"])

        def done(_changes: Any) -> None:
            self.window.statusBar().showMessage(self.tr("已验收：%1").replace("%1", row["enterprise"]), 5000)

        self.window.runner.write(lambda _p, _c: review_ops.accept(workspace, inspection_id, actor,
                                                                  expected_version=row.get("version")), done,
                                 lambda error: self._refused(error, self.tr("未能验收")),
                                 initiator=self)

    def do_return(self, comment: str | None = None) -> None:
        """Ask for the comment in the 退回修改 dialog (or take the one given) and return the selected
        inspection to its inspectors (``ops.review.return_for_correction``)."""
        row = self._reviewed_row(RETURNABLE)
        if row is None or self.window.workspace is None:
            return
        if comment is not None:
            self._return(row, comment)
            return
        self._retire()
        dialog = review.ReturnDialog(row["enterprise"], self.window)
        dialog.accepted.connect(lambda: self._return(row, dialog.text()))
        self.dialog = dialog
        dialog.open()  # not exec(): no nested event loop while the desk goes on updating

    def _return(self, row: dict[str, Any], comment: str) -> None:
        workspace, actor, inspection_id = self.window.workspace, self.window.settings.actor, int(row["id"])
        assert workspace is not None

        def done(_changes: Any) -> None:
            self.window.statusBar().showMessage(self.tr("已退回修改：%1").replace("%1", row["enterprise"]), 5000)

        self.window.runner.write(
            lambda _p, _c: review_ops.return_for_correction(workspace, inspection_id, actor, comment,
                                                            expected_version=row.get("version")), done,
            lambda error: self._refused(error, self.tr("未能退回")),
            initiator=self)

    def _refused(self, error: BaseException, title: str) -> None:
        """The refusal as it is (another supervisor decided first: ``StaleEditError`` names the state now,
        the version the desk showed no longer holds), then the list reread so that the row shows it."""
        show_error(self.window, error, title)
        self.window.reload()


def install_sync_actions(window: DeskWindow, keyring: KeyringBackend | None = None) -> SyncActions:
    return SyncActions(window, keyring)
