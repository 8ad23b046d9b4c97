"""Settings: the interface language (applied at once) and the inspector's identity (the audit "actor")."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from inspector_app.ui.i18n import install_translators
from inspector_app.ui.settings import AppSettings

LANGUAGE_NAMES = (("zh_CN", "中文（简体）"), ("en", "English"))  # each in its own language, never translated


class SettingsDialog(QDialog):
    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.settings = settings
        self.setWindowTitle(self.tr("设置"))
        self.language = QComboBox()
        self.language.setObjectName("language")
        for code, name in LANGUAGE_NAMES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.name = QLineEdit(settings.inspector_name)
        self.name.setObjectName("inspectorName")
        self.cert = QLineEdit(settings.inspector_cert)
        self.cert.setObjectName("inspectorCert")
        self.name.setPlaceholderText(self.tr("例如：张三"))
        self.cert.setPlaceholderText(self.tr("执法证或评审员证书编号"))

        look = QGroupBox(self.tr("界面"))
        look_form = QFormLayout(look)
        look_form.addRow(self.tr("语言："), self.language)
        who = QGroupBox(self.tr("检查人员身份"))
        who_form = QFormLayout(who)
        who_form.addRow(self.tr("姓名："), self.name)
        who_form.addRow(self.tr("证书编号："), self.cert)
        hint = QLabel(self.tr("姓名和证书编号记入每一项修改的审计记录（谁在何时改了什么）。"))
        hint.setWordWrap(True)
        who_form.addRow(hint)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(look)
        layout.addWidget(who)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(480, 300)

    def accept(self) -> None:
        self.apply()
        super().accept()

    def apply(self) -> None:
        self.settings.inspector_name = self.name.text()
        self.settings.inspector_cert = self.cert.text()
        language = str(self.language.currentData())
        changed = language != self.settings.language
        self.settings.language = language
        self.settings.sync()
        if changed:
            install_translators(language)  # open windows retranslate on the LanguageChange event
