"""Which keyring backend is in use, whether it keeps secrets safe, and an in-memory one for tests.

``keyring`` silently falls back to backends that do not protect anything: ``fail`` (headless Linux
without a Secret Service), ``null`` (explicitly disabled), and – once ``keyrings.alt`` is installed – a
plaintext or weakly encrypted file that becomes the default.  ``backend_status()`` classifies the
backend as secure, missing or insecure and says what to do, in plain words: ``message`` in the interface
language (the CLI and the GUI show it; Chinese msgids through the catalogue), English in ``message_en``.
Neither names the backend's class (``keyring.backends.fail.Keyring`` means nothing to an inspector): the
store is described in words (``store_words``: 桌面密钥环服务, Windows 凭据管理器, 没有可用的系统密钥环 …);
``backend`` keeps the dotted class name for logs and support.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from enum import StrEnum

import keyring
from jaraco.classes import properties
from keyring.backend import KeyringBackend
from keyring.backends.chainer import ChainerBackend
from keyring.errors import PasswordDeleteError

from inspector_app.translation import N_, _

# Backends that store secrets encrypted under the user's login (or an unlocked wallet).
SECURE_BACKENDS = frozenset(
    {
        "keyring.backends.SecretService.Keyring",
        "keyring.backends.libsecret.Keyring",
        "keyring.backends.kwallet.DBusKeyring",
        "keyring.backends.kwallet.DBusKeyringKWallet4",
        "keyring.backends.Windows.WinVaultKeyring",
        "keyring.backends.macOS.Keyring",
    }
)
MISSING_BACKENDS = frozenset({"keyring.backends.fail.Keyring", "keyring.backends.null.Keyring"})


class BackendState(StrEnum):
    SECURE = "secure"
    MISSING = "missing"
    INSECURE = "insecure"


@dataclass(frozen=True)
class BackendStatus:
    state: BackendState
    backend: str  # the backend's dotted class name (English, as ``keyring`` names it; logs and support)
    message: str  # what it means and what to do, for people, in the interface language (no class name)
    message_en: str = ""  # the same in English (logs, an English interface)
    store: str = ""  # where the keys are kept, in words (``store_words``), in the interface language

    @property
    def secure(self) -> bool:
        return self.state is BackendState.SECURE


def _qualified(backend: KeyringBackend) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


# Where a backend keeps secrets, in the words its users know: (prefix of the dotted class name, Chinese, English).
_STORES: tuple[tuple[str, str, str], ...] = (
    ("keyring.backends.SecretService.", N_("桌面密钥环服务"), "the desktop's Secret Service keyring"),
    ("keyring.backends.libsecret.", N_("桌面密钥环服务"), "the desktop's Secret Service keyring"),
    ("keyring.backends.kwallet.", N_("KDE 钱包"), "KDE Wallet"),
    ("keyring.backends.Windows.", N_("Windows 凭据管理器"), "Windows Credential Manager"),
    ("keyring.backends.macOS.", N_("macOS 钥匙串"), "macOS Keychain"),
    ("keyring.backends.fail.", N_("没有可用的系统密钥环"), "no system keyring available"),
    ("keyring.backends.null.", N_("密钥环已被停用"), "the keyring is switched off"),
    ("keyrings.alt.", N_("明文或弱加密的密钥文件"), "a plaintext or weakly encrypted file"),
    ("keyring.backends.chainer.", N_("多个密钥环后端的组合"), "a chain of keyring backends"),
    ("inspector_app.secrets.backends.InMemoryKeyring", N_("内存中的密钥环（测试用）"), "an in-memory keyring (tests)"),
)
_OTHER_STORE = (N_("其他密钥环后端"), "another keyring backend")


def _store(name: str) -> tuple[str, str]:
    """(Chinese, English) words for the store of the backend named ``name``."""
    return next(((zh, en) for prefix, zh, en in _STORES if name.startswith(prefix)), _OTHER_STORE)


def store_words(name: str) -> str:
    """Where the backend named ``name`` (a dotted class name) keeps secrets, in the interface language –
    never the class name: "keyring.backends.fail.Keyring" → 没有可用的系统密钥环 / no system keyring available."""
    return _(_store(name)[0])


def _advice(platform: str) -> tuple[str, str]:
    """What to do on ``platform``: (Chinese msgid, English)."""
    if platform.startswith("win"):
        return (N_("Windows 自带的“凭据管理器”（Credential Manager）即可使用；请删除选择其他密钥环后端的配置"
                   "（keyringrc.cfg 或环境变量 PYTHON_KEYRING_BACKEND），然后重新启动 Inspector。"),
                "On Windows the Credential Manager works out of the box; remove any keyring configuration"
                " (keyringrc.cfg, PYTHON_KEYRING_BACKEND) that selects another backend.")
    if platform == "darwin":
        return (N_("macOS 自带的“钥匙串”（Keychain）即可使用；请删除选择其他密钥环后端的配置"
                   "（keyringrc.cfg 或环境变量 PYTHON_KEYRING_BACKEND），然后重新启动 Inspector。"),
                "On macOS the Keychain works out of the box; remove any keyring configuration"
                " (keyringrc.cfg, PYTHON_KEYRING_BACKEND) that selects another backend.")
    return (N_("请在桌面会话中安装并解锁系统密钥环——GNOME Keyring（GNOME 密钥环，软件包 gnome-keyring 和 libsecret）"
               "或 KWallet（需要运行 D-Bus），然后重新启动 Inspector。如需帮助，请联系信息化管理人员。"
               "没有桌面会话时（服务器、命令行），也可以把密钥保存在用口令保护的密钥文件中："
               "inspector-app keys store passphrase-file，命令行的口令取自环境变量 INSPECTOR_KEY_PASSPHRASE。"),
            "Install and unlock a secret store – GNOME Keyring (packages gnome-keyring and libsecret) or"
            " KWallet – in a desktop session with D-Bus running, then restart Inspector. Ask your IT staff if you"
            " need help. Without a desktop session (a server, the command line) the keys can instead be kept in a"
            " passphrase-protected key file: inspector-app keys store passphrase-file; the command line reads the"
            " passphrase from INSPECTOR_KEY_PASSPHRASE.")


def _classify(backend: KeyringBackend) -> BackendState:
    name = _qualified(backend)
    if getattr(backend, "inspector_secure", False) is True:
        return BackendState.SECURE
    if name in SECURE_BACKENDS:
        return BackendState.SECURE
    if name in MISSING_BACKENDS:
        return BackendState.MISSING
    if isinstance(backend, ChainerBackend):
        members: list[KeyringBackend] = list(getattr(backend, "backends", []))
        if not members:
            return BackendState.MISSING
        states = {_classify(member) for member in members}
        if states == {BackendState.SECURE}:
            return BackendState.SECURE
        return BackendState.INSECURE if BackendState.INSECURE in states else BackendState.MISSING
    # keyrings.alt (plaintext / "encrypted" files) and anything unrecognised
    return BackendState.INSECURE


def backend_status(backend: KeyringBackend | None = None, platform: str | None = None) -> BackendStatus:
    """Classify ``backend`` (default: the one ``keyring`` selected) and explain what to do."""
    backend = backend if backend is not None else keyring.get_keyring()
    platform = platform or sys.platform
    name = _qualified(backend)
    state = _classify(backend)
    zh, en = _advice(platform)
    advice = _(zh)
    store_zh, store_en = _store(name)
    store = _(store_zh)
    described = getattr(backend, "inspector_key_file", None)  # secrets.filekey: the passphrase-protected file
    if state is BackendState.SECURE and described is not None:
        message = _("密钥保存在用口令保护的密钥文件中（{file}）。").format(file=described)
        message_en = f"Keys are kept in a passphrase-protected key file ({described})."
        store, store_en = _("用口令保护的密钥文件"), "a passphrase-protected key file"
    elif state is BackendState.SECURE:
        message = _("密钥保存在系统密钥环中（{store}）。").format(store=store)
        message_en = f"Keys are kept in the system keyring ({store_en})."
    elif state is BackendState.MISSING:
        message = _("本机没有可用的系统密钥环，无法保存本机的签名密钥，因此不能签名和导出数据包，也不能打开加密的数据包。"
                    "\n{advice}").format(advice=advice)
        message_en = ("No system keyring is available, so this installation cannot keep its signing key and"
                      f" cannot sign bundles, nor open encrypted ones. {en}")
    else:
        alt = name.startswith("keyrings.alt") or ".alt." in name
        message = (_("当前的密钥环后端（{store}）把密钥存放在明文或保护很弱的文件中，Inspector 拒绝在其中保存签名密钥。"
                     "请卸载该后端或改用系统密钥环。\n{advice}") if alt else
                   _("当前的密钥环后端（{store}）不是 Inspector 认可的安全保存方式，Inspector 拒绝在其中保存签名密钥。"
                     "请卸载该后端或改用系统密钥环。\n{advice}")).format(store=store, advice=advice)
        what_en = ("keeps secrets in a plaintext or weakly protected file" if alt
                   else "is not one Inspector knows to protect secrets")
        message_en = (f"The keyring backend ({store_en}) {what_en}, so Inspector refuses to keep its signing key"
                      f" there. Uninstall that backend or configure a system one. {en}")
    return BackendStatus(state, name, message, message_en, store)


class InMemoryKeyring(KeyringBackend):
    """A keyring in a dict, for tests.  Never picked automatically: use it by passing it explicitly."""

    inspector_secure = True

    @properties.classproperty
    def priority(cls) -> float:
        # Raising makes the backend "not viable", so keyring never selects it on its own.
        raise RuntimeError("the in-memory keyring is for tests only and must be passed explicitly")

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self._store[(service, username)]
        except KeyError:
            raise PasswordDeleteError("no such password") from None
