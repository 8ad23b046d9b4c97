"""The forms the first-run wizard and the settings share: who the person is (name, 行政执法人员 / 评审专家 /
机关 with level and area, certificate number), the issuing authority and the document-number prefix, and
where the signing key is kept (the system keyring, or a file protected by a passphrase)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from inspector_app.secrets import BackendState, BackendStatus
from inspector_app.secrets.filekey import MIN_PASSPHRASE
from inspector_app.ui import labels
from inspector_app.ui.first_run.apply import EXPERT, KEYRING, OFFICE, OFFICER, PASSPHRASE_FILE, Area

LEVELS = ("district", "city", "province")  # domain.campaign.LEVELS


def _radio(group: QButtonGroup, layout: QVBoxLayout, value: int, name: str) -> QRadioButton:
    button = QRadioButton()
    button.setObjectName(name)
    group.addButton(button, value)
    layout.addWidget(button)
    return button


class PersonForm(QWidget):
    """Name, role and certificate; for an office its level and area (from the campaign's list)."""

    changed = Signal()
    ROLES = (OFFICER, EXPERT, OFFICE)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.areas: tuple[Area, ...] = ()
        self.name = QLineEdit()
        self.name.setObjectName("personName")
        self.name.setPlaceholderText(self.tr("例如：张三"))
        self.roles = QButtonGroup(self)
        role_box = QVBoxLayout()
        role_box.setContentsMargins(0, 0, 0, 0)
        self.officer = _radio(self.roles, role_box, 0, "roleOfficer")
        self.expert = _radio(self.roles, role_box, 1, "roleExpert")
        self.office = _radio(self.roles, role_box, 2, "roleOffice")
        self.officer.setChecked(True)
        self.cert_label = QLabel()
        self.cert = QLineEdit()
        self.cert.setObjectName("personCert")
        self.level = QComboBox()
        self.level.setObjectName("officeLevel")
        for code in LEVELS:
            self.level.addItem("", code)
        self.jurisdiction = QComboBox()
        self.jurisdiction.setObjectName("officeArea")
        self.level_label, self.area_label = QLabel(), QLabel()
        self.no_areas = QLabel()
        self.no_areas.setWordWrap(True)
        self.form = QFormLayout(self)
        self.role_label = QLabel()
        self.name_label = QLabel()
        self.form.addRow(self.name_label, self.name)
        self.form.addRow(self.role_label, role_box)
        self.form.addRow(self.cert_label, self.cert)
        self.form.addRow(self.level_label, self.level)
        self.form.addRow(self.area_label, self.jurisdiction)
        self.form.addRow(self.no_areas)
        self.roles.idToggled.connect(lambda _id, on: on and self._role_changed())
        self.level.currentIndexChanged.connect(self._fill_areas)
        for signal in (self.name.textChanged, self.cert.textChanged, self.jurisdiction.currentIndexChanged):
            signal.connect(lambda *_: self.changed.emit())
        self.retranslate()
        self._role_changed()

    def retranslate(self) -> None:
        self.name_label.setText(self.tr("姓名："))
        self.role_label.setText(self.tr("身份："))
        self.officer.setText(self.tr("行政执法人员（持执法证，签署执法文书）"))
        self.expert.setText(self.tr("评审专家（持评审员证书，只在检查评分表上签名）"))
        self.office.setText(self.tr("机关：区局、市局或省厅（分配和验收检查、汇总上报）"))
        self.level_label.setText(self.tr("层级："))
        self.area_label.setText(self.tr("辖区："))
        names = {"district": self.tr("辖市（区）"), "city": self.tr("设区市"), "province": self.tr("省")}
        for i in range(self.level.count()):
            self.level.setItemText(i, names[str(self.level.itemData(i))])
        self.no_areas.setText(self.tr("工作区中还没有活动文件，层级和辖区可以在导入活动后在“设置”中填写。"))
        self._role_changed()

    # -- values ----------------------------------------------------------------------------------
    def role(self) -> str:
        return self.ROLES[max(0, self.roles.checkedId())]

    def set_role(self, role: str) -> None:
        {OFFICER: self.officer, EXPERT: self.expert, OFFICE: self.office}.get(role, self.officer).setChecked(True)

    def set_areas(self, areas: tuple[Area, ...], level: str = "", jurisdiction: str = "") -> None:
        self.areas = areas
        if level in LEVELS:
            self.level.setCurrentIndex(LEVELS.index(level))
        self._fill_areas()
        if jurisdiction:
            self.jurisdiction.setCurrentIndex(max(0, self.jurisdiction.findData(jurisdiction)))

    def selected_area(self) -> Area | None:
        path = self.jurisdiction.currentData()
        return next((a for a in self.areas if a.path == path), None)

    def problem(self) -> str:
        """What still keeps the form from being accepted ("" when nothing)."""
        if not self.name.text().strip():
            return self.tr("请填写姓名。")
        if self.role() == OFFICE and self.areas and self.selected_area() is None:
            return self.tr("请选择本机关的辖区。")
        return ""

    # -- behaviour -------------------------------------------------------------------------------
    def _role_changed(self) -> None:
        role = self.role()
        self.cert_label.setText(self.tr("评审员证书编号：") if role == EXPERT else self.tr("执法证号："))
        self.cert.setPlaceholderText(self.tr("例如：苏应急执法32040001") if role != EXPERT
                                     else self.tr("例如：PS-2020-0815"))
        office = role == OFFICE
        for widget in (self.level_label, self.level, self.area_label, self.jurisdiction):
            widget.setVisible(office and bool(self.areas))
        self.no_areas.setVisible(office and not self.areas)
        self.changed.emit()

    def _fill_areas(self) -> None:
        level = self.level.currentData()
        current = self.jurisdiction.currentData()
        self.jurisdiction.blockSignals(True)
        self.jurisdiction.clear()
        for area in self.areas:
            if area.level == level:
                self.jurisdiction.addItem(area.path, area.path)
        self.jurisdiction.setCurrentIndex(max(0, self.jurisdiction.findData(current)))
        self.jurisdiction.blockSignals(False)
        self._role_changed()


class AuthorityForm(QWidget):
    """The issuing authority printed on the sheets and the short name in document numbers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLineEdit()
        self.name.setObjectName("authorityName")
        self.short = QLineEdit()
        self.short.setObjectName("authorityShort")
        self.short.setMaxLength(8)
        self.example = QLabel()
        self.example.setObjectName("numberExample")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.name_label, self.short_label = QLabel(), QLabel()
        form = QFormLayout(self)
        form.addRow(self.name_label, self.name)
        form.addRow(self.short_label, self.short)
        form.addRow("", self.example)
        form.addRow(self.hint)
        self.short.textChanged.connect(self._example)
        self.retranslate()

    def retranslate(self) -> None:
        self.name_label.setText(self.tr("执法机关全称："))
        self.short_label.setText(self.tr("文书编号中的机关简称："))
        self.name.setPlaceholderText(self.tr("例如：常州市武进区应急管理局"))
        self.short.setPlaceholderText(self.tr("例如：常武"))
        self.hint.setText(self.tr("全称印在检查记录等文书的抬头；简称是文书编号的前缀。"
                                  "由机关统一规定，不清楚时请向市局确认，以后可在“设置”中修改。"))
        self._example()

    def _example(self) -> None:
        short = self.short.text().strip() or "…"
        self.example.setText(self.tr("文书编号示例：%1").replace("%1", f"（{short}）应急检记〔2020〕1号"))


class KeyStoreForm(QWidget):
    """The system keyring (when it is safe) or a file protected by a passphrase, typed twice."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.keyring_state: BackendState | None = None
        self.status = QLabel()
        self.status.setObjectName("keyringStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.choice = QButtonGroup(self)
        box = QVBoxLayout()
        self.use_keyring = _radio(self.choice, box, 0, "useKeyring")
        self.use_file = _radio(self.choice, box, 1, "useKeyFile")
        self.passphrase, self.again = QLineEdit(), QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.again.setObjectName("passphraseAgain")
        for edit in (self.passphrase, self.again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.textChanged.connect(lambda *_: self.changed.emit())
        self.file_hint = QLabel()
        self.file_hint.setWordWrap(True)
        self.pass_label, self.again_label = QLabel(), QLabel()
        self.form = QFormLayout()
        self.form.addRow(self.pass_label, self.passphrase)
        self.form.addRow(self.again_label, self.again)
        self.form.addRow(self.file_hint)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addLayout(box)
        layout.addLayout(self.form)
        layout.addStretch(1)
        self.choice.idToggled.connect(lambda _id, on: on and self._update())
        self.use_keyring.setChecked(True)
        self.retranslate()

    def retranslate(self) -> None:
        self.use_keyring.setText(self.tr("保存在系统密钥环中（推荐）"))
        self.use_file.setText(self.tr("保存在用口令保护的密钥文件中（本机没有系统密钥环时）"))
        self.pass_label.setText(self.tr("口令："))
        self.again_label.setText(self.tr("再输入一次："))
        self.file_hint.setText(self.tr("密钥文件经 scrypt 和 ChaCha20-Poly1305 加密，保存在工作区的 keys 文件夹中。"
                                       "每次启动后第一次签名或导出时询问一次口令。口令至少 %1 个字符，"
                                       "忘记口令就无法再使用这把密钥（需要生成新密钥并重新交给市局登记）。")
                               .replace("%1", str(MIN_PASSPHRASE)))
        self._update()

    def set_status(self, status: BackendStatus, problem: str) -> None:
        """The system keyring's state; without a safe one only the file can be chosen."""
        self.keyring_state = status.state
        secure = status.secure
        self.status.setText(self.tr("本机有可用的系统密钥环（%1）。").replace("%1", labels.store_description(status.backend)) if secure
                            else problem)
        self.use_keyring.setEnabled(secure)
        if not secure:
            self.use_file.setChecked(True)
        self._update()

    def store(self) -> str:
        return PASSPHRASE_FILE if self.use_file.isChecked() else KEYRING

    def set_store(self, store: str) -> None:
        (self.use_file if store == PASSPHRASE_FILE else self.use_keyring).setChecked(True)

    def problem(self, needs_passphrase: bool = True) -> str:
        if self.store() == KEYRING:
            return "" if self.use_keyring.isEnabled() else self.tr("本机没有可用的系统密钥环。")
        if not needs_passphrase:
            return ""
        if len(self.passphrase.text()) < MIN_PASSPHRASE:
            return self.tr("口令至少需要 %1 个字符。").replace("%1", str(MIN_PASSPHRASE))
        if self.passphrase.text() != self.again.text():
            return self.tr("两次输入的口令不同。")
        return ""

    def _update(self) -> None:
        on = self.use_file.isChecked()
        for widget in (self.pass_label, self.passphrase, self.again_label, self.again, self.file_hint):
            widget.setVisible(on)
        self.changed.emit()
