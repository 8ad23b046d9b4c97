"""设置 → 密钥与信任…: this installation's role and fingerprint (in groups of four, for reading over the
phone), exporting its public key, enrolling another installation's public key after the fingerprint was
checked in person or by phone, and revoking a key."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from inspector_app.bundle.signing import PublicKeyFile, TrustedKey, format_fingerprint
from inspector_app.secrets import SecretsError
from inspector_app.services.ops import sync as sync_ops
from inspector_app.services.queries import sync as sync_queries
from inspector_app.ui import file_dialogs, labels
from inspector_app.ui.errors import show_error
from inspector_app.ui.sync.enrol_dialog import EnrolDialog, read_key_file
from inspector_app.ui.sync.identity import (
    SyncContext,
    fingerprint_font,
    fingerprint_lines,
    inform,
    keyring_banner_style,
    keyring_problem,
    role_label,
)

if TYPE_CHECKING:
    from inspector_app.ui.tasks import TaskRunner

KEY_SUFFIX = ".inspkey"


def _key_row(key: TrustedKey) -> dict[str, Any]:
    return {"fingerprint": key.fingerprint, "name": key.name, "role": key.role, "revoked": key.revoked,
            "enrolled_at": key.enrolled_at[:16], "revoked_at": key.revoked_at[:16],
            "encryption": key.x25519_public is not None}


def load_keys(context: SyncContext) -> dict[str, Any]:
    """Keyring status, this installation's fingerprint (created on first use), role and enrolled keys."""
    status = context.status()
    fingerprint, name, error = "", "", ""
    if status.secure:
        try:
            identity = context.identity()
            fingerprint, name = identity.signer.fingerprint, identity.name
        except SecretsError as exc:
            error = str(exc)
    keys = [_key_row(k) for k in sync_queries.trusted_keys(context.workspace)]
    return {"status": status, "fingerprint": fingerprint, "name": name, "error": error,
            "role": context.role(), "keys": keys}


class KeysDialog(QDialog):
    def __init__(self, context: SyncContext, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("KeysDialog")
        self.context, self.runner = context, runner
        self.data: dict[str, Any] = {}
        self.message: Any = None
        self.exported_path: Path | None = None
        self.keyring = QLabel()
        self.keyring.setWordWrap(True)
        self.own = QGroupBox()
        self.role_label = QLabel()
        self.role = QComboBox()
        self.role.addItem("", "inspector")
        self.role.addItem("", "office")
        self.role.activated.connect(self._role_chosen)
        self.fingerprint_label = QLabel()
        self.fingerprint = QLabel()
        self.fingerprint.setObjectName("ownFingerprint")
        self.fingerprint.setFont(fingerprint_font(self.font()))
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_button, self.export_button = QPushButton(), QPushButton()
        self.copy_button.clicked.connect(self._copy)
        self.export_button.clicked.connect(self.export_dialog)
        role_row = QHBoxLayout()
        role_row.addWidget(self.role_label)
        role_row.addWidget(self.role)
        role_row.addStretch(1)
        own_buttons = QVBoxLayout()
        own_buttons.addWidget(self.copy_button)
        own_buttons.addWidget(self.export_button)
        own_buttons.addStretch(1)
        print_row = QHBoxLayout()
        print_row.addWidget(self.fingerprint, 1)
        print_row.addLayout(own_buttons)
        own_layout = QVBoxLayout(self.own)
        own_layout.addLayout(role_row)
        own_layout.addWidget(self.fingerprint_label)
        own_layout.addLayout(print_row)

        self.trusted = QGroupBox()
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("trustedKeys")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.enrol_button, self.revoke_button, self.unrevoke_button = QPushButton(), QPushButton(), QPushButton()
        self.enrol_button.clicked.connect(self.enrol_dialog)
        self.revoke_button.clicked.connect(lambda: self.revoke_selected())
        self.unrevoke_button.clicked.connect(lambda: self.unrevoke_selected())
        trusted_buttons = QHBoxLayout()
        trusted_buttons.addWidget(self.enrol_button)
        trusted_buttons.addWidget(self.revoke_button)
        trusted_buttons.addWidget(self.unrevoke_button)
        trusted_buttons.addStretch(1)
        trusted_layout = QVBoxLayout(self.trusted)
        trusted_layout.addWidget(self.table)
        trusted_layout.addLayout(trusted_buttons)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.keyring)
        layout.addWidget(self.own)
        layout.addWidget(self.trusted, 1)
        layout.addWidget(self.buttons)
        self.resize(860, 640)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("密钥与信任"))
        self.own.setTitle(self.tr("本机"))
        self.role_label.setText(self.tr("本机角色："))
        self.role.setItemText(0, role_label("inspector"))
        self.role.setItemText(1, role_label("office"))
        self.fingerprint_label.setText(self.tr("本机密钥指纹（登记时请对方逐组核对，可在电话中读出）："))
        self.copy_button.setText(self.tr("复制指纹"))
        self.export_button.setText(self.tr("导出公钥…"))
        self.trusted.setTitle(self.tr("已登记（信任）的密钥"))
        self.table.setHorizontalHeaderLabels([self.tr("名称"), self.tr("角色"), self.tr("指纹"), self.tr("状态")])
        self.enrol_button.setText(self.tr("登记公钥…"))
        self.revoke_button.setText(self.tr("吊销"))
        self.unrevoke_button.setText(self.tr("恢复信任…"))
        self._fill()

    # -- data ------------------------------------------------------------------------------------
    def load(self) -> None:
        self.runner.write(lambda _p, _c: load_keys(self.context), self.set_data,
                          lambda error: show_error(self, error, self.tr("无法读取密钥")))

    def set_data(self, data: dict[str, Any]) -> None:
        self.data = data
        self._fill()

    def _fill(self) -> None:

        data = self.data
        if not data:
            self.keyring.setText(self.tr("正在读取…"))
            self.fingerprint.setText("")
            self._update_buttons()
            return
        status = data["status"]
        problem = keyring_problem(status)
        in_file = status.backend.endswith("PassphraseFileKeyring")  # secrets.filekey
        where = (self.tr("本机的签名密钥保存在用口令保护的密钥文件中（%1）。") if in_file
                 else self.tr("本机的签名密钥保存在系统密钥环中（%1）。"))
        file = getattr(self.context.keyring, "path", None) if in_file else None
        self.keyring.setText(problem or where.replace("%1", str(file) if file is not None
                                                      else labels.store_description(status.backend)))
        self.keyring.setStyleSheet(keyring_banner_style(bool(problem)))
        self.role.setCurrentIndex(max(0, self.role.findData(data["role"])))
        self.fingerprint.setFont(fingerprint_font(self.font()) if data["fingerprint"] else self.font())
        if data["fingerprint"]:
            self.fingerprint.setText(fingerprint_lines(data["fingerprint"]))
        else:
            self.fingerprint.setText(self.tr("（没有可用的密钥：%1）").replace(
                "%1", data["error"] or self.tr("系统密钥环不可用")))
        keys = data["keys"]
        self.table.setRowCount(len(keys))
        for r, key in enumerate(keys):
            state = (self.tr("已吊销 %1").replace("%1", key["revoked_at"]) if key["revoked"]
                     else self.tr("信任（%1 登记）").replace("%1", key["enrolled_at"]))
            cells = [key["name"], role_label(key["role"]), fingerprint_lines(key["fingerprint"], 8), state]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, key["fingerprint"])
                if key["revoked"]:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        self._update_buttons()

    def _update_buttons(self) -> None:
        key = self.selected_key()
        self.revoke_button.setEnabled(key is not None and not key["revoked"])
        self.unrevoke_button.setEnabled(key is not None and bool(key["revoked"]))
        self.export_button.setEnabled(bool(self.data.get("fingerprint")))
        self.copy_button.setEnabled(bool(self.data.get("fingerprint")))

    def selected_key(self) -> dict[str, Any] | None:
        row = self.table.currentRow()
        keys = self.data.get("keys", [])
        return keys[row] if 0 <= row < len(keys) and self.table.selectionModel().hasSelection() else None

    # -- actions ---------------------------------------------------------------------------------
    def _copy(self) -> None:
        if self.data.get("fingerprint"):
            QGuiApplication.clipboard().setText(format_fingerprint(self.data["fingerprint"]))

    def _role_chosen(self, _index: int) -> None:
        value = str(self.role.currentData())
        if value == self.data.get("role"):
            return
        answer = QMessageBox.question(self, self.tr("更改本机角色"), self.tr(
            "把本机角色改为“%1”吗？\n检查人员向市局导出完成的检查；市局向检查人员导出任务分配和审核结果。"
            "导入时只接受对方角色的数据包。").replace("%1", role_label(value)))
        if answer != QMessageBox.StandardButton.Yes:
            self.role.setCurrentIndex(max(0, self.role.findData(self.data.get("role"))))
            return
        self.change_role(value)

    def change_role(self, value: str) -> None:
        workspace, actor = self.context.workspace, self.context.actor
        self.runner.write(lambda _p, _c: sync_ops.set_role(workspace, value, actor), self._changed,
                          lambda error: show_error(self, error, self.tr("角色未更改")), initiator=self)

    def _changed(self, _changes: Any) -> None:
        """An operation of this dialog went through (the runner told everyone): show the keys as they are now."""
        self.load()

    def export_dialog(self) -> None:
        name = self.data.get("name") or "inspector"
        path, _ = file_dialogs.save_file(self, "keys", self.tr("导出公钥"), f"{name}{KEY_SUFFIX}",
                                         self.tr("Inspector 公钥文件 (*.inspkey)"))
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        context = self.context
        name = context.name or self.data.get("name", "")

        def done(key: PublicKeyFile) -> None:
            fingerprint = key.fingerprint
            self.exported_path = path
            self.message = inform(self, self.tr("公钥已导出"), self.tr(
                "公钥已保存到\n%1\n\n把这个文件交给对方（U 盘或电子邮件均可）。对方登记时，请在电话中或当面"
                "与其核对指纹：\n%2").replace("%1", str(path)).replace("%2", fingerprint_lines(fingerprint)))

        self.runner.write(lambda _p, _c: sync_ops.export_public_key(context.workspace, path, keyring=context.keyring,
                                                                    name=name),
                          done, lambda error: show_error(self, error, self.tr("公钥未导出")), initiator=self)

    def enrol_dialog(self) -> None:
        path = file_dialogs.open_file(self, "keys", self.tr("选择对方的公钥文件"),
                                      self.tr("Inspector 公钥文件 (*.inspkey *.txt);;所有文件 (*)"))
        if not path:
            return
        key = read_key_file(self, Path(path))
        if key is None:
            return
        dialog = EnrolDialog(key, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.enrol(key, dialog.name(), dialog.role())

    def enrol(self, key: PublicKeyFile, name: str, role: str) -> None:
        workspace, actor = self.context.workspace, self.context.actor
        self.runner.write(lambda _p, _c: sync_ops.enrol_key(workspace, key, actor, name=name, role=role),
                          self._changed, lambda error: show_error(self, error, self.tr("密钥未登记")), initiator=self)

    def revoke_selected(self, confirm: bool = True) -> None:
        key = self.selected_key()
        if key is None or key["revoked"]:
            return
        if confirm:
            answer = QMessageBox.question(self, self.tr("吊销密钥"), self.tr(
                "吊销“%1”的密钥吗？此后由该密钥签名的数据包都将被拒绝。\n如对方换了电脑或密钥丢失，"
                "请在吊销后重新登记其新公钥。").replace("%1", key["name"]))
            if answer != QMessageBox.StandardButton.Yes:
                return
        workspace, actor, fingerprint = self.context.workspace, self.context.actor, key["fingerprint"]
        self.runner.write(lambda _p, _c: sync_ops.revoke_key(workspace, fingerprint, actor), self._changed,
                          lambda error: show_error(self, error, self.tr("密钥未吊销")), initiator=self)

    def unrevoke_selected(self, confirm: bool = True) -> None:
        """Trust a revoked key again: an explicit, audited decision (a revoked key is never re-enrolled)."""
        key = self.selected_key()
        if key is None or not key["revoked"]:
            return
        if confirm:
            answer = QMessageBox.question(self, self.tr("恢复信任"), self.tr(
                "重新信任“%1”的密钥吗？只有确认该密钥从未落入他人之手（例如误吊销）时才这样做；"
                "密钥丢失或电脑被盗时，请让对方生成新密钥并重新登记。此操作会记入审计记录。")
                .replace("%1", key["name"]))
            if answer != QMessageBox.StandardButton.Yes:
                return
        workspace, actor, fingerprint = self.context.workspace, self.context.actor, key["fingerprint"]
        self.runner.write(lambda _p, _c: sync_ops.unrevoke_key(workspace, fingerprint, actor), self._changed,
                          lambda error: show_error(self, error, self.tr("未恢复信任")), initiator=self)
