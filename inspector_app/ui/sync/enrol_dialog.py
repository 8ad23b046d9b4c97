"""Enrolling another installation's public key: its fingerprint shown big, the name and role it is bound
to, and an explicit confirmation that the fingerprint was compared with its owner in person or by phone.

Name, role and device are signed into the key file (docs/bundle-format.md §5): they are shown, not
edited – enrolling them under another name or role is refused by the core."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from inspector_app.bundle.errors import KeyFileError
from inspector_app.bundle.signing import PublicKeyFile
from inspector_app.ui.sync.identity import fingerprint_font, fingerprint_lines, inform, role_label


def read_key_file(parent: QWidget | None, path: Path) -> PublicKeyFile | None:
    """The parsed key file, or ``None`` after telling the user why it cannot be used."""
    try:  # a key file the user just picked is a few hundred bytes: read on the GUI thread
        return PublicKeyFile.parse(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, KeyFileError, ValueError) as exc:
        inform(parent, QCoreApplication.translate("SyncKeys", "无法读取公钥文件"),
               QCoreApplication.translate("SyncKeys", "%1 不是有效的 Inspector 公钥文件，或已被改动。\n\n%2")
               .replace("%1", path.name).replace("%2", str(exc)))
        return None


class EnrolDialog(QDialog):
    def __init__(self, key: PublicKeyFile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("EnrolDialog")
        self.key = key
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.fingerprint = QLabel(fingerprint_lines(key.fingerprint))
        self.fingerprint.setObjectName("enrolFingerprint")
        self.fingerprint.setFont(fingerprint_font(self.font()))
        self.name_edit = QLineEdit(key.name)
        self.name_edit.setReadOnly(True)  # signed into the key file
        self.role_combo = QComboBox()
        self.role_combo.addItem("", "inspector")
        self.role_combo.addItem("", "office")
        self.role_combo.setCurrentIndex(max(0, self.role_combo.findData(key.role)))
        self.role_combo.setEnabled(False)  # signed into the key file
        self.encryption = QLabel()
        self.confirm = QCheckBox()
        self.confirm.toggled.connect(self._update)
        self.name_edit.textChanged.connect(self._update)
        self.form = QFormLayout()
        self.name_label, self.role_label_, self.encryption_label = QLabel(), QLabel(), QLabel()
        self.form.addRow(self.name_label, self.name_edit)
        self.form.addRow(self.role_label_, self.role_combo)
        self.form.addRow(self.encryption_label, self.encryption)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.fingerprint)
        layout.addLayout(self.form)
        layout.addWidget(self.confirm)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(600)
        self.retranslate()
        self._update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("登记公钥"))
        self.intro.setText(self.tr(
            "请当面或打电话给密钥持有人，让对方打开“设置 → 密钥与信任”读出本机指纹，与下面的 16 组逐组核对。"
            "只要有一个字符不同，就不要登记——文件可能在传递途中被替换。"))
        self.name_label.setText(self.tr("姓名或单位（密钥文件所载）："))
        self.role_label_.setText(self.tr("角色："))
        self.encryption_label.setText(self.tr("加密公钥："))
        self.encryption.setText(self.tr("有（可向其发送加密数据包）") if self.key.x25519_public is not None
                                else self.tr("无"))
        self.role_combo.setItemText(0, role_label("inspector"))
        self.role_combo.setItemText(1, role_label("office"))
        self.confirm.setText(self.tr("我已当面或通过电话与密钥持有人核对了全部指纹，完全一致"))
        self.ok.setText(self.tr("登记"))

    def _update(self) -> None:
        self.ok.setEnabled(self.confirm.isChecked() and bool(self.name_edit.text().strip()))

    def name(self) -> str:
        return self.name_edit.text().strip()

    def role(self) -> str:
        return str(self.role_combo.currentData())
