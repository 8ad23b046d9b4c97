"""The first-run wizard (QWizard), offered when the workspace has no user yet – nobody signs in it, as no
public key was exported (``queries.sync.OwnSetup.has_user``):

1. who you are: name, 行政执法人员 / 评审专家 / 机关 (an office with its level and area), certificate number;
2. the issuing authority and the document-number prefix;
3. where the signing key is kept: the system keyring, checked first, or – where none runs – a file
   protected by a passphrase;
4. the settings saved and the key created (in the writer), its fingerprint shown in groups of four for
   reading over the phone, and the public key saved for the office;
5. demo data, offered last (built in a worker with progress once the wizard closes).

Every answer can be changed later in 设置 → 设置…. Cancelling before step 4 changes nothing; the wizard
is not offered again for this workspace (设置 → 首次设置向导… opens it again).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from inspector_app.bundle.signing import format_fingerprint
from inspector_app.domain.errors import InspectorError
from inspector_app.secrets import filekey as filekey_module
from inspector_app.ui import file_dialogs, labels
from inspector_app.ui.first_run.apply import OFFICE, Answers, SetupData, apply_answers
from inspector_app.ui.first_run.forms import AuthorityForm, KeyStoreForm, PersonForm

if TYPE_CHECKING:
    from inspector_app.bundle.signing import PublicKeyFile
    from inspector_app.storage.engine import Workspace
    from inspector_app.ui.first_run.key_file import KeyFileAccess
    from inspector_app.ui.settings import AppSettings
    from inspector_app.ui.tasks import TaskRunner

KEY_SUFFIX = ".inspkey"


def _page(title: str, subtitle: str, *widgets: QWidget) -> QWizardPage:
    page = QWizardPage()
    page.setTitle(title)
    page.setSubTitle(subtitle)
    layout = QVBoxLayout(page)
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch(1)
    return page


class _CheckedPage(QWizardPage):
    """A page whose Next button waits for ``check()`` to return "" (the problem is shown under the form)."""

    def __init__(self, check: Any, *widgets: QWidget) -> None:
        super().__init__()
        self.check = check
        self.problem = QLabel()
        self.problem.setObjectName("pageProblem")
        self.problem.setStyleSheet("color: #a33;")
        layout = QVBoxLayout(self)
        for widget in widgets:
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.problem)

    def isComplete(self) -> bool:
        problem = self.check()
        self.problem.setText(problem)
        return not problem


class _KeyPage(QWizardPage):
    """Saves the answers and creates the key on entry (in the writer); complete once that succeeded."""

    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.done = False
        self.state = QLabel()
        self.state.setObjectName("keyState")
        self.state.setWordWrap(True)
        self.fingerprint = QLabel()
        self.fingerprint.setObjectName("wizardFingerprint")
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.font())
        font.setFamilies(["DejaVu Sans Mono", "Consolas", "Menlo", "Courier New", *font.families()])
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.fingerprint.setFont(font)
        self.saved = QLabel()
        self.saved.setObjectName("publicKeySaved")
        self.saved.setWordWrap(True)
        self.saved.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_copy = QPushButton()
        self.save_copy.clicked.connect(wizard.save_public_copy)
        self.retry = QPushButton()
        self.retry.clicked.connect(self.initializePage)
        layout = QVBoxLayout(self)
        for widget in (self.state, self.fingerprint, self.saved):
            layout.addWidget(widget)
        for button in (self.save_copy, self.retry):
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def initializePage(self) -> None:
        self.done = False
        self.fingerprint.clear()
        self.saved.clear()
        self.save_copy.hide()
        self.retry.hide()
        self.state.setText(self.tr("正在保存设置并创建签名密钥…"))
        self.completeChanged.emit()
        self.wizard_.apply()

    def show_result(self, key: PublicKeyFile, path: Path) -> None:
        self.done = True
        self.state.setText(self.tr("设置已保存，签名密钥已创建。请把公钥文件交给市局（或上级机关），"
                                   "并在对方登记时当面或电话核对下面的指纹（16 组，每组 4 位）："))
        groups = format_fingerprint(key.fingerprint).split()
        self.fingerprint.setText("\n".join(" ".join(groups[i:i + 4]) for i in range(0, len(groups), 4)))
        self.saved.setText(self.tr("公钥文件已保存到：%1").replace("%1", str(path)))
        self.save_copy.show()
        self.completeChanged.emit()

    def show_error(self, message: str) -> None:
        self.state.setText(self.tr("未能完成：%1\n可以返回上一步修改，或点“重试”。").replace("%1", message))
        self.retry.show()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.done


class FirstRunWizard(QWizard):
    PERSON, AUTHORITY, KEYS, RESULT, DEMO = range(1, 6)

    def __init__(self, workspace: Workspace, data: SetupData, settings: AppSettings, runner: TaskRunner,
                 key_access: KeyFileAccess, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunWizard")
        self.workspace, self.data, self.settings, self.runner = workspace, data, settings, runner
        self.key_access = key_access
        self.key: PublicKeyFile | None = None
        self.public_key_path: Path | None = None
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage)
        self.setWindowTitle(self.tr("首次设置 – Inspector"))

        self.person = PersonForm()
        self.person.name.setText(settings.inspector_name)
        self.person.cert.setText(settings.inspector_cert)
        self.person.set_areas(data.areas, data.setup.settings.get("level", ""),
                              data.setup.settings.get("jurisdiction", ""))
        self.person.set_role(settings.inspector_role or (OFFICE if data.setup.role == "office" else ""))
        self.authority = AuthorityForm()
        self.authority.name.setText(data.setup.settings.get("authority_name", ""))
        self.authority.short.setText(data.setup.settings.get("authority_short", ""))
        self.keys = KeyStoreForm()
        self.keys.set_status(data.keyring, _keyring_problem(data))
        self.keys.set_store(data.setup.key_store if data.keyring.secure else "passphrase-file")

        intro = QLabel(self.tr(
            "<p>这个向导帮助您完成第一次使用前的设置：</p><ol><li>您的姓名、身份和证书编号；</li>"
            "<li>执法机关和文书编号；</li><li>签名密钥（数据包和公钥文件用它签名）；</li>"
            "<li>演示数据（可选）。</li></ol><p>每一项以后都可以在“设置 → 设置…”中修改。</p>"))
        intro.setWordWrap(True)
        self.setPage(0, _page(self.tr("欢迎使用 Inspector"), self.tr("安全生产标准化“回头看”现场检查工具"), intro))
        person = _CheckedPage(self.person.problem, self.person)
        person.setTitle(self.tr("您是谁"))
        person.setSubTitle(self.tr("姓名和证书编号记入每一项修改的审计记录，也是数据包和公钥文件上的署名。"))
        self.person.changed.connect(person.completeChanged)
        self.setPage(self.PERSON, person)
        self.setPage(self.AUTHORITY, _page(self.tr("执法机关与文书编号"),
                                           self.tr("印在文书上的机关名称和文书编号的前缀。"), self.authority))
        keys = _CheckedPage(self.keys.problem, self.keys)
        keys.setTitle(self.tr("签名密钥保存在哪里"))
        keys.setSubTitle(self.tr("签名密钥证明数据包出自本机；它只保存在本机，绝不以明文保存。"))
        self.keys.changed.connect(keys.completeChanged)
        self.setPage(self.KEYS, keys)
        self.result_page = _KeyPage(self)
        self.result_page.setTitle(self.tr("签名密钥与公钥"))
        self.result_page.setSubTitle(self.tr("设置已经生效；下面是本机签名密钥的指纹。"))
        self.setPage(self.RESULT, self.result_page)
        self.demo = QCheckBox()
        self.demo.setObjectName("offerDemo")
        self.demo.setChecked(data.enterprises == 0)
        demo_hint = QLabel()
        demo_hint.setWordWrap(True)
        self.demo.setText(self.tr("生成常州市的演示数据（约 240 家企业及其检查），先熟悉操作"))
        demo_hint.setText((self.tr("演示数据中的企业和人员都是虚构的。已有数据不会被删除；"
                                   "以后可以通过“文件 → 导入企业…”导入真实名单。") if data.enterprises == 0 else
                           self.tr("工作区中已有 %1 家企业；演示数据会添加在它们旁边。").replace("%1", str(data.enterprises)))
                          + "\n\n" + self.tr("这份演示数据只在本工作区。培训时要让办公室和检查员的电脑使用同一批企业、分配和密钥，"
                                               "请不要在两边分别生成，而是改用命令 inspector-app demo --pair 办公室文件夹 检查员文件夹。"))
        self.setPage(self.DEMO, _page(self.tr("演示数据"), self.tr("最后一步：要不要先用演示数据试一试？"),
                                      self.demo, demo_hint))
        self.currentIdChanged.connect(self._entered)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("完成"))
        self.result_page.save_copy.setText(self.tr("另存一份公钥…"))
        self.result_page.retry.setText(self.tr("重试"))
        self.resize(760, 560)

    def _entered(self, page: int) -> None:
        """An office's issuing authority is its area's office (常州市武进区应急管理局) unless one was typed."""
        area = self.person.selected_area()
        if page == self.AUTHORITY and self.person.role() == OFFICE and area is not None \
                and not self.authority.name.text().strip():
            self.authority.name.setText(area.office)

    # -- the answers ------------------------------------------------------------------------------
    def answers(self) -> Answers:
        area = self.person.selected_area()
        office = self.person.role() == OFFICE
        return Answers(name=self.person.name.text().strip(), person_role=self.person.role(),
                       cert=self.person.cert.text().strip(),
                       level=area.level if office and area is not None else "",
                       jurisdiction=area.path if office and area is not None else "",
                       authority_name=self.authority.name.text().strip(),
                       authority_short=self.authority.short.text().strip(), key_store=self.keys.store(),
                       public_key_path=self.default_key_path(), settings=dict(self.data.setup.settings))

    def default_key_path(self) -> Path:
        """The public key for the office: in the keys' last folder or Documents (``file_dialogs``), named after whom it belongs to."""
        name = self.person.name.text().strip() or "inspector"
        return file_dialogs.start_folder("keys") / f"{name}-公钥{KEY_SUFFIX}"

    def apply(self) -> None:
        """Store the person in the settings (GUI thread), then the workspace's part in the writer."""
        answers = self.answers()
        self.settings.inspector_name = answers.name
        self.settings.inspector_cert = answers.cert
        self.settings.inspector_role = answers.person_role
        self.settings.sync()
        source = self.key_access.keyring()  # the store before (None: the system keyring)
        target = None
        if answers.key_store == "passphrase-file":
            target = filekey_module.PassphraseFileKeyring(self.data.setup.key_file, self.keys.passphrase.text(),
                                                          kdf_n=filekey_module.DEFAULT_N)
        workspace = self.workspace

        def done(key: PublicKeyFile | None) -> None:
            if target is not None:
                self.key_access.adopt(target)
            else:
                self.key_access.set_store("keyring", None)
            self.key, self.public_key_path = key, answers.public_key_path
            if key is not None and answers.public_key_path is not None:
                self.result_page.show_result(key, answers.public_key_path)

        def failed(error: BaseException) -> None:
            from_user = not self._unexpected(error)
            self.result_page.show_error(str(error) if from_user else type(error).__name__)
            if not from_user:
                self.runner.error.emit(error)

        self.runner.write(lambda _p, _c: apply_answers(workspace, answers, source, target), done, failed,
                          title=self.tr("正在创建签名密钥…"), parent=self)

    @staticmethod
    def _unexpected(error: BaseException) -> bool:
        return not isinstance(error, InspectorError | OSError)

    def save_public_copy(self) -> None:
        if self.public_key_path is None:
            return
        path, _ = file_dialogs.save_file(self, "keys", self.tr("另存公钥文件"), self.public_key_path.name,
                                         self.tr("Inspector 公钥 (*.inspkey)"))
        if path:
            try:
                Path(path).write_bytes(self.public_key_path.read_bytes())
            except OSError as exc:
                self.result_page.saved.setText(self.tr("无法保存 %1：%2").replace("%1", path)
                                               .replace("%2", exc.strerror or str(exc)))

    def wants_demo(self) -> bool:
        return self.result() == int(QWizard.DialogCode.Accepted) and self.demo.isChecked()


def _keyring_problem(data: SetupData) -> str:
    """What is wrong with the system keyring, in the interface language (cf. ``ui.sync.identity``)."""
    text = labels.keyring_advice(data.keyring)
    if not text:
        return ""
    return text + "\n\n" + QCoreApplication.translate("FirstRun", "请改用下面的“用口令保护的密钥文件”。")
