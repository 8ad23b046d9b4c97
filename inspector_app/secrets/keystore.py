"""The installation's private keys, kept only in a secure OS keyring.

One ``KeyStore`` per installation (``installation_id`` is the device id).  Keys are stored as
``v1:<base64 raw key>`` under the service ``inspector-app`` and the account
``<installation_id>/<kind>``.  Nothing is read from or written to a backend that ``backend_status``
does not call secure: the store raises ``InsecureKeyringError`` with the status message instead.
"""

from __future__ import annotations

import base64
import binascii
from enum import StrEnum

import keyring
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError, PasswordDeleteError

from inspector_app.domain.errors import InspectorError
from inspector_app.secrets.backends import BackendStatus, backend_status
from inspector_app.translation import _

SERVICE = "inspector-app"
_PREFIX = "v1:"


class SecretsError(InspectorError):
    """The keyring could not store or return a key (locked, broken, or the stored value is damaged)."""


class InsecureKeyringError(SecretsError):
    """No secure keyring backend: keys are neither stored nor used.  ``status.message`` says what to do
    (Chinese; ``status.message_en`` in English)."""

    def __init__(self, status: BackendStatus) -> None:
        super().__init__(status.message)
        self.status = status


class KeyKind(StrEnum):
    SIGNING = "ed25519"  # Ed25519: signs bundles
    ENCRYPTION = "x25519"  # X25519: receives encrypted bundles (the office)


def _generate(kind: KeyKind) -> bytes:
    if kind is KeyKind.SIGNING:
        return Ed25519PrivateKey.generate().private_bytes_raw()
    return X25519PrivateKey.generate().private_bytes_raw()


class KeyStore:
    """Load, create and store the installation's private keys through one keyring backend."""

    def __init__(self, installation_id: str, backend: KeyringBackend | None = None) -> None:
        if not installation_id or "/" in installation_id:
            raise ValueError("installation_id must be a non-empty id without '/'")
        self.installation_id = installation_id
        self._backend = backend

    @property
    def backend(self) -> KeyringBackend:
        return self._backend if self._backend is not None else keyring.get_keyring()

    def status(self) -> BackendStatus:
        return backend_status(self.backend)

    def require_secure(self) -> None:
        status = self.status()
        if not status.secure:
            raise InsecureKeyringError(status)

    def _account(self, kind: KeyKind) -> str:
        return f"{self.installation_id}/{kind.value}"

    def load_private_key(self, kind: KeyKind) -> bytes | None:
        """The stored raw 32-byte key, or ``None`` when there is none yet."""
        self.require_secure()
        try:
            value = self.backend.get_password(SERVICE, self._account(kind))
        except KeyringError as exc:
            raise SecretsError(_("密钥环拒绝读取 {value} 密钥（已锁定？）：{exc}").format(value=kind.value, exc=exc)) from exc
        if value is None:
            return None
        try:
            if not value.startswith(_PREFIX):
                raise ValueError("unknown format")
            raw = base64.b64decode(value[len(_PREFIX) :], validate=True)
            if len(raw) != 32:
                raise ValueError("wrong length")
        except (ValueError, binascii.Error) as exc:
            raise SecretsError(_("密钥环中保存的 {value} 密钥已损坏（{exc}）").format(value=kind.value, exc=exc)) from None
        return raw

    def store_private_key(self, kind: KeyKind, raw: bytes) -> None:
        self.require_secure()
        if len(raw) != 32:
            raise ValueError("a raw Ed25519/X25519 private key has 32 bytes")
        value = _PREFIX + base64.b64encode(raw).decode()
        try:
            self.backend.set_password(SERVICE, self._account(kind), value)
        except KeyringError as exc:
            raise SecretsError(_("密钥环拒绝保存 {value} 密钥（已锁定？）：{exc}").format(value=kind.value, exc=exc)) from exc

    def ensure_private_key(self, kind: KeyKind) -> bytes:
        """The stored key, creating and storing a new one the first time."""
        raw = self.load_private_key(kind)
        if raw is None:
            raw = _generate(kind)
            self.store_private_key(kind, raw)
        return raw

    def delete_private_key(self, kind: KeyKind) -> None:
        self.require_secure()
        try:
            self.backend.delete_password(SERVICE, self._account(kind))
        except PasswordDeleteError:
            return
        except KeyringError as exc:
            raise SecretsError(_("密钥环拒绝删除 {value} 密钥：{exc}").format(value=kind.value, exc=exc)) from exc

    def copy_to(self, other: KeyStore) -> int:
        """Copy this store's private keys into ``other`` where it has none yet (moving to another backend
        keeps the fingerprint the other side enrolled); returns how many were copied."""
        copied = 0
        for kind in KeyKind:
            raw = self.load_private_key(kind)
            if raw is not None and other.load_private_key(kind) is None:
                other.store_private_key(kind, raw)
                copied += 1
        return copied
