"""A keyring backend in one file protected by a passphrase, for machines without a system keyring.

Used only when the user chose it for a workspace (the first-run wizard, the settings, ``inspector-app
keys store passphrase-file``); never picked by ``keyring`` on its own. The file holds the private keys
encrypted with ChaCha20-Poly1305 under a key derived from the passphrase by scrypt (memory-hard:
n = 2^17, r = 8 – 128 MiB and about half a second, once per session). Nothing is ever written in
plaintext.

The file is JSON::

    {"format": "inspector-private-keys", "version": 1,
     "kdf": {"name": "scrypt", "n": 131072, "r": 8, "p": 1, "salt": "<base64>"},
     "check": "<base64>", "cipher": "chacha20-poly1305", "nonce": "<base64>", "ciphertext": "<base64>"}

scrypt derives 64 bytes: the first 32 are the cipher key, the last 32 key an HMAC-SHA256 of a fixed text
stored as ``check`` – so a wrong passphrase is told apart from a damaged or altered file. Every field but
the ciphertext is the cipher's associated data: changing any of them (or the ciphertext) is detected.
The file is replaced atomically (temporary file, fsync, rename) and readable by its owner only (0600).

``passphrase`` may be a text or a function asked on first need (the GUI shows a dialog, the CLI reads
``INSPECTOR_KEY_PASSPHRASE`` or asks on the terminal); a function is asked again after a wrong answer.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import secrets
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from jaraco.classes import properties
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from inspector_app.secrets.keystore import SecretsError
from inspector_app.storage.files import atomic_writer
from inspector_app.translation import _

FORMAT = "inspector-private-keys"
VERSION = 1
DEFAULT_N = 2**17  # scrypt cost: 128 MiB with r = 8
MIN_N, MAX_N = 2**10, 2**22  # what a file may state (tests write small ones; more would take minutes)
MIN_PASSPHRASE = 8
PASSPHRASE_ENV = "INSPECTOR_KEY_PASSPHRASE"
_CHECK_TEXT = b"inspector-private-keys passphrase check"

Passphrase = str | Callable[[], str | None] | None


class KeyFileError(SecretsError):
    """The key file cannot be used (damaged, altered, unreadable, or of an unknown format)."""


class WrongPassphraseError(KeyFileError):
    """The passphrase does not open the key file."""


class PassphraseMissingError(KeyFileError):
    """No passphrase was given (the dialog was cancelled, or the CLI had neither a terminal nor the variable)."""


def check_new_passphrase(passphrase: str) -> None:
    """Refuse a passphrase too short to protect a signing key (``KeyFileError``)."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise KeyFileError(_("口令太短：至少需要 {min_passphrase} 个字符（建议使用一句只有自己知道的话）").format(
            min_passphrase=MIN_PASSPHRASE))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object, what: str) -> bytes:
    if not isinstance(text, str):
        raise KeyFileError(_("密钥文件已损坏：缺少 {what}").format(what=what))
    try:
        return base64.b64decode(text, validate=True)
    except (ValueError, binascii.Error):
        raise KeyFileError(_("密钥文件已损坏：{what} 不是有效的 base64").format(what=what)) from None


def _aad(header: dict[str, Any]) -> bytes:
    return json.dumps(header, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> tuple[bytes, bytes]:
    """(cipher key, check key) from the passphrase."""
    raw = Scrypt(salt=salt, length=64, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))
    return raw[:32], raw[32:]


def _check_value(check_key: bytes) -> bytes:
    return hmac.new(check_key, _CHECK_TEXT, hashlib.sha256).digest()


class PassphraseFileKeyring(KeyringBackend):
    """A keyring in one encrypted file. Pass it explicitly (``KeyStore(device, backend)``): it is never
    chosen automatically. ``rejected`` is true after a wrong passphrase (a fixed text stays wrong)."""

    inspector_secure = True  # secrets.backends: the keys are encrypted under the user's passphrase

    @properties.classproperty
    def priority(cls) -> float:
        raise RuntimeError("the passphrase-protected key file is chosen per workspace and passed explicitly")

    def __init__(self, path: Path, passphrase: Passphrase, *, kdf_n: int = DEFAULT_N) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        if not MIN_N <= kdf_n <= MAX_N or kdf_n & (kdf_n - 1):
            raise ValueError("kdf_n must be a power of two between 2**10 and 2**22")
        self.path = Path(path)
        self._passphrase = passphrase
        self._kdf_n = kdf_n
        self._lock = threading.RLock()
        self._entries: dict[str, str] | None = None
        self._header: dict[str, Any] | None = None  # the KDF parameters and check of the open file
        self._key: bytes | None = None
        self.rejected = False

    # -- the passphrase --------------------------------------------------------------------------
    def _ask(self) -> str:
        given = self._passphrase() if callable(self._passphrase) else self._passphrase
        if not given:
            raise PassphraseMissingError(_("没有输入密钥文件的口令，不能使用本机的签名密钥。"))
        return given

    @property
    def inspector_key_file(self) -> Path:
        """Where the keys are (``backend_status`` names the file instead of a system keyring)."""
        return self.path

    @property
    def unlocked(self) -> bool:
        return self._entries is not None

    def unlock(self) -> None:
        """Open the file now (or prepare a new one): ``WrongPassphraseError`` when the passphrase is
        wrong, ``KeyFileError`` when the file is damaged or altered."""
        with self._lock:
            self._load()

    # -- reading and writing the file --------------------------------------------------------------
    def _load(self) -> dict[str, str]:
        if self._entries is not None:
            return self._entries
        passphrase = self._ask()
        try:
            text = self.path.read_text("utf-8")
        except FileNotFoundError:
            check_new_passphrase(passphrase)
            salt = secrets.token_bytes(16)
            self._key, check_key = _derive(passphrase, salt, self._kdf_n, 8, 1)
            self._header = {"format": FORMAT, "version": VERSION, "cipher": "chacha20-poly1305",
                            "kdf": {"name": "scrypt", "n": self._kdf_n, "r": 8, "p": 1, "salt": _b64(salt)},
                            "check": _b64(_check_value(check_key))}
            self._entries = {}
            return self._entries
        except (OSError, UnicodeDecodeError) as exc:
            raise KeyFileError(_("无法读取密钥文件 {path}：{exc}").format(path=self.path, exc=exc)) from exc
        self._entries = self._decrypt(text, passphrase)
        return self._entries

    def _decrypt(self, text: str, passphrase: str) -> dict[str, str]:
        try:
            document = json.loads(text)
        except ValueError:
            raise KeyFileError(_("密钥文件 {path} 已损坏（不是 JSON）").format(path=self.path)) from None
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise KeyFileError(_("{path} 不是 Inspector 的密钥文件").format(path=self.path))
        if document.get("version") != VERSION or document.get("cipher") != "chacha20-poly1305":
            raise KeyFileError(_("密钥文件 {path} 的版本或加密方式未知，请使用更新的 Inspector").format(path=self.path))
        kdf = document.get("kdf")
        if not isinstance(kdf, dict) or kdf.get("name") != "scrypt":
            raise KeyFileError(_("密钥文件已损坏：密钥派生参数无效"))
        n, r, p = kdf.get("n"), kdf.get("r"), kdf.get("p")
        if not (isinstance(n, int) and MIN_N <= n <= MAX_N and isinstance(r, int) and 1 <= r <= 32
                and isinstance(p, int) and 1 <= p <= 16):
            raise KeyFileError(_("密钥文件已损坏：密钥派生参数超出范围"))
        salt = _unb64(kdf.get("salt"), "salt")
        nonce = _unb64(document.get("nonce"), "nonce")
        ciphertext = _unb64(document.get("ciphertext"), "ciphertext")
        key, check_key = _derive(passphrase, salt, n, r, p)
        if not hmac.compare_digest(_check_value(check_key), _unb64(document.get("check"), "check")):
            self.rejected = not callable(self._passphrase)  # a function is asked again next time
            raise WrongPassphraseError(_("密钥文件的口令不正确。"))
        header = {k: v for k, v in document.items() if k not in ("nonce", "ciphertext")}
        try:
            plain = ChaCha20Poly1305(key).decrypt(nonce, ciphertext, _aad({**header, "nonce": document["nonce"]}))
        except (InvalidTag, ValueError):
            raise KeyFileError(_("密钥文件 {path} 已被改动或损坏：口令正确，但内容未通过完整性校验。请从备份恢复该文件，或删除后重新生成密钥（需重新把公钥交给市局登记）。").format(
                path=self.path)) from None
        try:
            entries = json.loads(plain.decode("utf-8"))
        except ValueError:
            raise KeyFileError(_("密钥文件的内容无法读取")) from None
        if not isinstance(entries, dict) or not all(isinstance(v, str) for v in entries.values()):
            raise KeyFileError(_("密钥文件的内容无法读取"))
        self._key, self._header = key, header
        return {str(k): v for k, v in entries.items()}

    def _save(self) -> None:
        assert self._entries is not None and self._key is not None and self._header is not None
        nonce = secrets.token_bytes(12)
        header = {**self._header, "nonce": _b64(nonce)}
        plain = json.dumps(self._entries, sort_keys=True).encode("utf-8")
        ciphertext = ChaCha20Poly1305(self._key).encrypt(nonce, plain, _aad(header))
        document = {**header, "ciphertext": _b64(ciphertext)}
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with atomic_writer(self.path) as handle:  # mkstemp: created 0600, then renamed over the old file
            handle.write(json.dumps(document, indent=1).encode("utf-8"))
        os.chmod(self.path, 0o600)

    # -- the keyring interface -----------------------------------------------------------------------
    @staticmethod
    def _name(service: str, username: str) -> str:
        return f"{service}\n{username}"

    def get_password(self, service: str, username: str) -> str | None:
        with self._lock:
            return self._load().get(self._name(service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        with self._lock:
            entries = self._load()
            old = entries.get(self._name(service, username))
            entries[self._name(service, username)] = password
            try:
                self._save()
            except BaseException:
                if old is None:
                    entries.pop(self._name(service, username), None)
                else:
                    entries[self._name(service, username)] = old
                raise

    def delete_password(self, service: str, username: str) -> None:
        with self._lock:
            entries = self._load()
            if self._name(service, username) not in entries:
                raise PasswordDeleteError("no such password")
            old = entries.pop(self._name(service, username))
            try:
                self._save()
            except BaseException:
                entries[self._name(service, username)] = old
                raise
