"""Which keyring backend is in use, whether it keeps secrets safe, and an in-memory one for tests.

``keyring`` silently falls back to backends that do not protect anything: ``fail`` (headless Linux
without a Secret Service), ``null`` (explicitly disabled), and – once ``keyrings.alt`` is installed – a
plaintext or weakly encrypted file that becomes the default.  ``backend_status()`` classifies the
backend as secure, missing or insecure and says what to do, in plain words: Chinese in ``message`` (the
CLI and the GUI show it; the backend's English class name is kept), English in ``message_en``.
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
    backend: str  # the backend's dotted class name (English, as ``keyring`` names it)
    message: str  # what it means and what to do, for people: Chinese (the CLI prints it), backend name kept
    message_en: str = ""  # the same in English (logs, an English interface)

    @property
    def secure(self) -> bool:
        return self.state is BackendState.SECURE


def _qualified(backend: KeyringBackend) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def _advice(platform: str) -> tuple[str, str]:
    """What to do on ``platform``: (Chinese, English)."""
    if platform.startswith("win"):
        return ("Windows 自带的“凭据管理器”（Credential Manager）即可使用；请删除选择其他密钥环后端的配置"
                "（keyringrc.cfg 或环境变量 PYTHON_KEYRING_BACKEND），然后重新启动 Inspector。",
                "On Windows the Credential Manager works out of the box; remove any keyring configuration"
                " (keyringrc.cfg, PYTHON_KEYRING_BACKEND) that selects another backend.")
    if platform == "darwin":
        return ("macOS 自带的“钥匙串”（Keychain）即可使用；请删除选择其他密钥环后端的配置"
                "（keyringrc.cfg 或环境变量 PYTHON_KEYRING_BACKEND），然后重新启动 Inspector。",
                "On macOS the Keychain works out of the box; remove any keyring configuration"
                " (keyringrc.cfg, PYTHON_KEYRING_BACKEND) that selects another backend.")
    return ("请在桌面会话中安装并解锁系统密钥环——GNOME Keyring（GNOME 密钥环，软件包 gnome-keyring 和 libsecret）"
            "或 KWallet（需要运行 D-Bus），然后重新启动 Inspector。如需帮助，请联系信息化管理人员。",
            "Install and unlock a secret store – GNOME Keyring (packages gnome-keyring and libsecret) or"
            " KWallet – in a desktop session with D-Bus running, then restart Inspector. Ask your IT staff if you"
            " need help.")


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
    described = getattr(backend, "inspector_key_file", None)  # secrets.filekey: the passphrase-protected file
    if state is BackendState.SECURE and described is not None:
        message = f"密钥保存在用口令保护的密钥文件中（{described}）。"
        message_en = f"Keys are kept in a passphrase-protected key file ({described})."
    elif state is BackendState.SECURE:
        message = f"密钥保存在系统密钥环中（{name}）。"
        message_en = f"Keys are kept in the system keyring ({name})."
    elif state is BackendState.MISSING:
        message = f"本机没有可用的系统密钥环（{name}），无法保存本机的签名密钥，因此不能签名和导出数据包，也不能打开加密的数据包。\n{zh}"
        message_en = (f"No system keyring is available ({name}), so this installation cannot keep its signing key and"
                      f" cannot sign bundles, nor open encrypted ones. {en}")
    else:
        alt = name.startswith("keyrings.alt") or ".alt." in name
        what = "把密钥存放在明文或保护很弱的文件中（keyrings.alt）" if alt else "不是 Inspector 认可的安全保存方式"
        what_en = ("keeps secrets in a plaintext or weakly protected file (keyrings.alt)" if alt
                   else "is not one Inspector knows to protect secrets")
        message = (f"当前的密钥环后端 {name} {what}，Inspector 拒绝在其中保存签名密钥。请卸载该后端或改用系统密钥环。"
                   f"\n{zh}")
        message_en = (f"The keyring backend {name} {what_en}, so Inspector refuses to keep its signing key there."
                      f" Uninstall that backend or configure a system one. {en}")
    return BackendStatus(state, name, message, message_en)


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
