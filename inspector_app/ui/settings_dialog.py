"""Settings: the interface language (applied at once), who the person is (name, 行政执法人员 / 评审专家 / 机关,
certificate number – the audit "actor"), and – with a workspace open – what the first-run wizard asked of it:
an office's level and area, the issuing authority and document-number prefix, and where the signing key is
kept (the system keyring or the passphrase-protected file). The workspace's part is read in a worker and
changed by operations on the writer (``first_run.apply``), each change audited."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from inspector_app.ui import labels
from inspector_app.ui.first_run.forms import AuthorityForm, KeyStoreForm, PersonForm
from inspector_app.ui.i18n import install_translators
from inspector_app.ui.lazy import LazyModule
from inspector_app.ui.settings import AppSettings

if TYPE_CHECKING:
    from inspector_app.secrets import filekey
    from inspector_app.storage.engine import Workspace
    from inspector_app.ui import errors
    from inspector_app.ui.first_run import apply as first_run
    from inspector_app.ui.first_run.apply import SetupData
    from inspector_app.ui.first_run.key_file import KeyFileAccess
    from inspector_app.ui.tasks import TaskRunner
else:  # the core loads in the worker that reads the workspace's settings
    filekey = LazyModule("inspector_app.secrets.filekey")
    errors = LazyModule("inspector_app.ui.errors")
    first_run = LazyModule("inspector_app.ui.first_run.apply")

LANGUAGE_NAMES = (("zh_CN", "中文（简体）"), ("en", "English"))  # each in its own language, never translated


class SettingsDialog(QDialog):
    def __init__(self, settings: AppSettings, parent: QWidget | None = None, *, workspace: Workspace | None = None,
                 runner: TaskRunner | None = None, key_access: KeyFileAccess | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.settings = settings
        self.workspace, self.runner, self.key_access = workspace, runner, key_access
        self.data: SetupData | None = None
        self.setWindowTitle(self.tr("设置"))
        self.language = QComboBox()
        self.language.setObjectName("language")
        for code, name in LANGUAGE_NAMES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.person = PersonForm()
        self.name, self.cert = self.person.name, self.person.cert
        self.name.setText(settings.inspector_name)
        self.cert.setText(settings.inspector_cert)
        self.person.set_role(settings.inspector_role)

        look = QGroupBox(self.tr("界面"))
        QFormLayout(look).addRow(self.tr("语言："), self.language)
        who = QGroupBox(self.tr("检查人员身份"))
        who_layout = QVBoxLayout(who)
        who_layout.addWidget(self.person)
        hint = QLabel(self.tr("姓名和证书编号记入每一项修改的审计记录（谁在何时改了什么）。"))
        hint.setWordWrap(True)
        who_layout.addWidget(hint)
        personal = QWidget()
        personal_layout = QVBoxLayout(personal)
        personal_layout.addWidget(look)
        personal_layout.addWidget(who)
        personal_layout.addStretch(1)

        self.authority = AuthorityForm()
        self.keys = KeyStoreForm()
        self.state = QLabel()
        self.state.setObjectName("workspaceState")
        self.state.setWordWrap(True)
        office = QWidget()
        office_layout = QVBoxLayout(office)
        authority_box = QGroupBox(self.tr("执法机关与文书编号"))
        QVBoxLayout(authority_box).addWidget(self.authority)
        keys_box = QGroupBox(self.tr("签名密钥"))
        QVBoxLayout(keys_box).addWidget(self.keys)
        office_layout.addWidget(self.state)
        office_layout.addWidget(authority_box)
        office_layout.addWidget(keys_box, 1)
        self.workspace_page = office

        scroll = QScrollArea()  # the key's advice can be long: never taller than a 768-pixel screen
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(office)
        self.tabs = QTabWidget()
        self.tabs.addTab(personal, self.tr("本人与界面"))
        if workspace is not None and runner is not None:
            self.tabs.addTab(scroll, self.tr("机关与密钥"))
            office.setEnabled(False)
            self.state.setText(self.tr("正在读取工作区的设置…"))
        self.problem_label = QLabel()
        self.problem_label.setObjectName("settingsProblem")
        self.problem_label.setStyleSheet("color: #a33;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.problem_label)
        layout.addWidget(buttons)
        self.resize(680, 620)
        if workspace is not None and runner is not None:
            runner.run(lambda _p, _c: first_run.load_setup(workspace), self.show_setup,
                       lambda error: self.state.setText(self.tr("无法读取工作区的设置：%1").replace("%1", str(error))))

    def show_setup(self, data: SetupData) -> None:
        """The workspace's settings, read in a worker."""
        self.data = data
        setup = data.setup
        self.person.set_areas(data.areas, setup.settings.get("level", ""), setup.settings.get("jurisdiction", ""))
        if setup.role == "office":
            self.person.set_role("office")
        elif self.person.role() == "office":
            self.person.set_role("officer")
        self.authority.name.setText(setup.settings.get("authority_name", ""))
        self.authority.short.setText(setup.settings.get("authority_short", ""))
        advice = labels.keyring_advice(data.keyring)
        self.keys.set_status(data.keyring, advice.split("\n")[0])  # the advice as tooltip
        self.keys.status.setToolTip(advice)
        self.keys.set_store(setup.key_store)
        where = "\n" + self.tr("密钥文件：%1").replace("%1", str(setup.key_file)) \
            if setup.key_store == "passphrase-file" else ""
        self.state.setText(self.tr("这些设置属于本工作区（%1）。更改密钥的保存位置时，已有的密钥会一并移过去，"
                                   "指纹不变。").replace("%1", str(setup.key_file.parent.parent)) + where)
        self.workspace_page.setEnabled(True)

    # -- applying --------------------------------------------------------------------------------
    def problem(self) -> str:
        if self.person.problem() and self.person.name.text().strip():
            return self.person.problem()
        if self.data is not None and self.keys.store() != self.data.setup.key_store:
            return self.keys.problem()
        return ""

    def accept(self) -> None:
        problem = self.problem()
        self.problem_label.setText(problem)
        if problem:
            return
        self.apply()
        super().accept()

    def apply(self) -> None:
        self.settings.inspector_name = self.name.text()
        self.settings.inspector_cert = self.cert.text()
        self.settings.inspector_role = self.person.role()
        language = str(self.language.currentData())
        changed = language != self.settings.language
        self.settings.language = language
        self.settings.sync()
        if changed:
            install_translators(language)  # open windows retranslate on the LanguageChange event
        self._apply_workspace()

    def _apply_workspace(self) -> None:
        data, workspace, runner = self.data, self.workspace, self.runner
        if data is None or workspace is None or runner is None or not self.name.text().strip():
            return
        area = self.person.selected_area()
        office = self.person.role() == "office"
        answers = first_run.Answers(
            name=self.name.text().strip(), person_role=self.person.role(), cert=self.cert.text().strip(),
            level=area.level if office and area is not None else data.setup.settings.get("level", ""),
            jurisdiction=area.path if office and area is not None else data.setup.settings.get("jurisdiction", ""),
            authority_name=self.authority.name.text(), authority_short=self.authority.short.text(),
            key_store=self.keys.store(), settings=dict(data.setup.settings))
        source: Any = self.key_access.keyring() if self.key_access is not None else None
        target: Any = None
        if answers.key_store == "passphrase-file":
            target = filekey.PassphraseFileKeyring(data.setup.key_file, self.keys.passphrase.text() or None,
                                                   kdf_n=filekey.DEFAULT_N)
            if answers.key_store == data.setup.key_store:
                target = source  # unchanged: the session's file (its passphrase asked when needed)
        parent, key_access, title = self.parentWidget(), self.key_access, self.tr("设置未保存")

        def done(_result: Any) -> None:
            if key_access is not None:
                if isinstance(target, filekey.PassphraseFileKeyring):
                    key_access.adopt(target)
                else:
                    key_access.set_store("keyring", None)

        runner.write(lambda _p, _c: first_run.apply_answers(workspace, answers, source, target), done,
                     lambda error: errors.show_error(parent, error, title))
