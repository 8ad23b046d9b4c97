"""文件 → 导出数据包…: choose the inspections (all pending by default, or the selected one; in an office
workspace, those of one inspector), optionally encrypt to the other side's key, and write the signed
bundle in a worker with progress and cancel."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from inspector_app.bundle.signing import format_fingerprint
from inspector_app.services.ops import sync as sync_ops
from inspector_app.services.queries import sync as sync_queries
from inspector_app.ui import file_dialogs, labels
from inspector_app.ui.errors import show_error
from inspector_app.ui.sync.export_rows import ExportRows
from inspector_app.ui.sync.identity import inform, keyring_banner_style, keyring_problem, role_label

if TYPE_CHECKING:
    from inspector_app.services.ops.sync import ExportResult
    from inspector_app.services.queries.sync import PendingExport
    from inspector_app.ui.sync.identity import SyncContext
    from inspector_app.ui.tasks import TaskRunner

BUNDLE_SUFFIX = ".inspbundle"


def load_choices(context: SyncContext) -> PendingExport:
    """The pending inspections and the keys one may encrypt to (worker thread)."""
    return sync_queries.pending_export(context.workspace)


def export_work(context: SyncContext, target: Path, ids: list[int], recipient: bytes | None,
                progress: Any, cancel: Any) -> ExportResult:
    """Export (worker/writer thread); the result carries the signing key's fingerprint and what changed."""
    return sync_ops.export_bundle(context.workspace, context.identity(), target, inspection_ids=ids,
                                  encrypt_to=recipient, progress=progress, cancel=cancel)


class ExportDialog(QDialog):
    exported = Signal(object)  # ExportResult

    def __init__(self, context: SyncContext, runner: TaskRunner, parent: QWidget | None = None,
                 selected_id: int | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ExportDialog")
        self.context, self.runner, self.selected_id = context, runner, selected_id
        self.choices: PendingExport | None = None
        self.result_: ExportResult | None = None
        self.done_message: QMessageBox | None = None
        self.keyring_ok = False  # until the keyring check (in load) answers; nothing is chosen before then

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.keyring = QLabel()
        self.keyring.setWordWrap(True)
        self.keyring.hide()
        self.inspector_label = QLabel()
        self.inspector_filter = QComboBox()
        self.inspector_filter.currentIndexChanged.connect(self._filter_inspector)
        self.check_all, self.check_none = QPushButton(), QPushButton()
        self.check_all.clicked.connect(lambda: self._check_all(True))
        self.check_none.clicked.connect(lambda: self._check_all(False))
        tools = QHBoxLayout()
        tools.addWidget(self.inspector_label)
        tools.addWidget(self.inspector_filter)
        tools.addStretch(1)
        tools.addWidget(self.check_all)
        tools.addWidget(self.check_none)
        self.rows = ExportRows(self)
        self.rows.checksChanged.connect(self._update_count)
        self.table = QTableView()
        self.table.setModel(self.rows)
        self.table.setObjectName("exportTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.count = QLabel()

        self.recipient = QComboBox()
        self.recipient.setEnabled(False)
        self.encrypt = QCheckBox()
        self.encrypt.toggled.connect(self.recipient.setEnabled)
        encrypt_row = QHBoxLayout()
        encrypt_row.addWidget(self.encrypt)
        encrypt_row.addWidget(self.recipient, 1)
        self.target_label = QLabel()
        self.target = QLineEdit()
        self.target.textChanged.connect(lambda _t: self._update_count())
        self.browse = QPushButton()
        self.browse.clicked.connect(self._browse)
        target_row = QHBoxLayout()
        target_row.addWidget(self.target_label)
        target_row.addWidget(self.target, 1)
        target_row.addWidget(self.browse)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.keyring)
        layout.addLayout(tools)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        layout.addLayout(encrypt_row)
        layout.addLayout(target_row)
        layout.addWidget(self.buttons)
        self.resize(900, 600)
        self.retranslate()

    # -- language --------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("导出数据包"))
        self.inspector_label.setText(self.tr("检查人员："))
        if self.inspector_filter.count():
            self.inspector_filter.setItemText(0, self.tr("全部"))
        self.check_all.setText(self.tr("全选"))
        self.check_none.setText(self.tr("全不选"))
        self.rows.set_headers([self.tr("编号"), self.tr("被检查单位"), self.tr("状态"),
                               self.tr("检查人员"), self.tr("期限")])
        self.encrypt.setText(self.tr("加密给："))
        self.encrypt.setToolTip(self.tr("用 U 盘或电子邮件传送时建议加密：只有对方的电脑能打开。"))
        self.target_label.setText(self.tr("保存到："))
        self.browse.setText(self.tr("浏览…"))
        self.export_button.setText(self.tr("导出"))
        self._update_intro()
        self._update_count()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _update_intro(self) -> None:
        role = self.choices.role if self.choices is not None else ""
        if not role:
            self.intro.setText(self.tr("正在读取待导出的检查…"))
        elif role == "office":
            self.intro.setText(self.tr("本机角色：%1。导出任务分配、退回修改和已验收的检查，交给检查人员导入。")
                               .replace("%1", role_label(role)))
        else:
            self.intro.setText(self.tr("本机角色：%1。导出已完成的检查（含评分、隐患、照片、签名和审计记录），交给市局导入。"
                                       "导出后检查状态变为“已导出”。").replace("%1", role_label(role)))

    def _check_keyring(self) -> None:
        """Asks the keyring in a worker: its first use imports the backends and may talk to D-Bus
        (~150 ms here with the fail backend; much more on a slow laptop or a locked keyring)."""
        self.runner.run(lambda _p, _c: self.context.status(), self._show_keyring)  # errors: the runner's box

    def _show_keyring(self, status: Any) -> None:
        problem = keyring_problem(status)
        self.keyring.setVisible(bool(problem))
        self.keyring.setText(problem)
        self.keyring.setStyleSheet(keyring_banner_style(True))
        self.keyring_ok = not problem
        self._update_count()

    # -- data ------------------------------------------------------------------------------------
    def load(self) -> None:
        self._check_keyring()

        self.runner.run(lambda _p, _c: load_choices(self.context), self.set_choices,
                        lambda error: show_error(self, error, self.tr("无法读取待导出的检查")))

    def set_choices(self, choices: PendingExport) -> None:
        self.choices = choices
        rows = choices.rows
        preselect = self.selected_id if any(r.id == self.selected_id for r in rows) else None
        self.rows.set_rows([(row.id, row.enterprise, labels.status_label(row.status), "、".join(row.inspectors),
                             row.due_date) for row in rows],
                           [preselect in (None, row.id) for row in rows])
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        names = sorted({n for row in rows for n in row.inspectors if n})
        self.inspector_filter.blockSignals(True)
        self.inspector_filter.clear()
        self.inspector_filter.addItem(self.tr("全部"), "")
        for name in names:
            self.inspector_filter.addItem(name, name)
        self.inspector_filter.blockSignals(False)
        office = choices.role == "office"
        self.inspector_label.setVisible(office)
        self.inspector_filter.setVisible(office)
        self.recipient.clear()
        for key in choices.recipients:
            self.recipient.addItem(f"{key.name}（{format_fingerprint(key.fingerprint)[:19]}…）", key.x25519_public)
        self.encrypt.setEnabled(bool(choices.recipients))
        if not choices.recipients:
            self.recipient.addItem(self.tr("（没有登记带加密公钥的对方密钥）"), None)
        if not self.target.text():
            self.target.setText(str(self.default_target()))
        self._update_intro()
        self._update_count()

    def default_target(self) -> Path:
        folder = file_dialogs.start_folder("bundles")
        side = "office" if self.choices is not None and self.choices.role == "office" else "inspector"
        return folder / f"inspector-{side}-{datetime.now():%Y%m%d-%H%M}{BUNDLE_SUFFIX}"

    def checked_ids(self) -> list[int]:
        return self.rows.checked_ids()

    def _check_all(self, on: bool) -> None:
        """Check (or uncheck) the rows shown; hidden rows keep their state."""
        self.rows.set_checked([on if not self.table.isRowHidden(r) else self.rows.is_checked(r)
                               for r in range(self.rows.rowCount())])

    def _filter_inspector(self, _index: int) -> None:
        """In the office: check (and show) only the inspections of one inspector."""
        name = str(self.inspector_filter.currentData() or "")
        states = []
        for r in range(self.rows.rowCount()):
            mine = not name or name in self.rows.inspectors(r).split("、")
            self.table.setRowHidden(r, not mine)
            states.append(mine)
        self.rows.set_checked(states)

    def _update_count(self) -> None:
        if self.choices is None:
            self.count.setText("")
            self.export_button.setEnabled(False)
            return
        total, chosen = self.rows.rowCount(), len(self.checked_ids())
        if total == 0:
            self.count.setText(self.tr("没有需要导出的检查（全部已被对方确认）。"))
        else:
            self.count.setText(self.tr("待导出 %1 项，已选 %2 项").replace("%1", str(total)).replace("%2", str(chosen)))
        self.export_button.setEnabled(bool(chosen) and bool(self.target.text().strip()) and self.keyring_ok)

    def _browse(self) -> None:
        current = Path(self.target.text().strip()) if self.target.text().strip() else self.default_target()
        folder = current.parent if current.parent.is_dir() else file_dialogs.start_folder("bundles")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("保存数据包"), str(folder / current.name),
                                              self.tr("Inspector 数据包 (*.inspbundle)"))
        if path:
            file_dialogs.remember("bundles", path)
            self.target.setText(path if path.endswith(BUNDLE_SUFFIX) else path + BUNDLE_SUFFIX)

    # -- export ----------------------------------------------------------------------------------
    def start_export(self) -> None:
        ids = self.checked_ids()
        target = Path(self.target.text().strip())
        if not ids or not target.name:
            return
        if target.exists():
            answer = QMessageBox.question(self, self.tr("文件已存在"),
                                          self.tr("%1 已存在。要替换它吗？").replace("%1", str(target)))
            if answer != QMessageBox.StandardButton.Yes:
                return
        recipient = self.recipient.currentData() if self.encrypt.isChecked() else None
        context = self.context
        self.export_button.setEnabled(False)

        def failed(error: BaseException) -> None:
            self._update_count()
            show_error(self, error, self.tr("数据包未导出"))

        # The runner announces the result's changes (the inspections now "exported") to every screen.
        self.runner.write(lambda p, c: export_work(context, target, ids, recipient, p, c), self._done, failed,
                          title=self.tr("正在导出数据包…"), parent=self, initiator=self)

    def _done(self, result: ExportResult) -> None:
        fingerprint = format_fingerprint(result.fingerprint)
        self.result_ = result
        self.exported.emit(result)
        text = self.tr("已导出 %1 项检查到\n%2\n\n数据包序号 %3%4。\n本机密钥指纹：%5").replace("%1", str(len(result.inspections)))
        text = text.replace("%2", str(result.path)).replace("%3", str(result.sequence))
        text = text.replace("%4", self.tr("，已加密") if result.encrypted else "").replace("%5", fingerprint)
        self.accept()
        self.done_message = inform(self.parentWidget(), self.tr("导出完成"), text)
