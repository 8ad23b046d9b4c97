"""Keys, fingerprints, public key files, the keyring layer and bundle encryption."""

from __future__ import annotations

import base64
import os
import uuid
from pathlib import Path
from typing import ClassVar

import pytest
from jaraco.classes import properties
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null

from inspector_app.bundle.crypto import decrypt_file, encrypt_file, is_encrypted, x25519_public
from inspector_app.bundle.errors import DecryptionError, KeyFileError, UnsupportedVersionError
from inspector_app.bundle.signing import (
    PublicKeyFile,
    Signer,
    format_fingerprint,
    normalize_fingerprint,
)
from inspector_app.secrets import (
    BackendState,
    InMemoryKeyring,
    InsecureKeyringError,
    KeyKind,
    KeyStore,
    backend_status,
)

pytestmark = pytest.mark.both_engines


def test_fingerprint_is_read_in_groups_of_four(signer: Signer) -> None:
    shown = format_fingerprint(signer.fingerprint)
    assert len(shown.split()) == 16 and all(len(g) == 4 for g in shown.split())
    assert normalize_fingerprint(shown) == signer.fingerprint
    with pytest.raises(ValueError):
        normalize_fingerprint("1234")


def test_public_key_file_round_trip(signer: Signer) -> None:
    key = PublicKeyFile.signed(signer, " 王 检查 ", "inspector", str(uuid.uuid4()), x25519_public(os.urandom(32)))
    assert key.name == "王 检查" and PublicKeyFile.parse(key.to_text()) == key


def test_public_key_file_with_an_altered_key_is_refused(signer: Signer, other_signer: Signer) -> None:
    text = PublicKeyFile.signed(signer, "王检查", "inspector", str(uuid.uuid4())).to_text()
    forged = text.replace(base64.b64encode(signer.public_raw).decode(),
                          base64.b64encode(other_signer.public_raw).decode())
    with pytest.raises(KeyFileError, match="文件被改动过"):
        PublicKeyFile.parse(forged)
    with pytest.raises(KeyFileError, match="Role（角色）必须是"):
        PublicKeyFile.parse(text.replace("Role: inspector", "Role: admin"))


class _AltPlaintext(KeyringBackend):
    """Stands in for keyrings.alt.file.PlaintextKeyring (same module name is what matters)."""

    @properties.classproperty
    def priority(cls) -> float:  # never viable, so keyring never picks it for other tests
        raise RuntimeError("test double")

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        pass

    def delete_password(self, service: str, username: str) -> None:
        pass


_AltPlaintext.__module__ = "keyrings.alt.file"


def _chain(*members: KeyringBackend) -> chainer.ChainerBackend:
    class Chain(chainer.ChainerBackend):
        viable = False  # never picked by keyring itself
        backends: ClassVar[list[KeyringBackend]] = list(members)

    return Chain()


@pytest.mark.parametrize(
    ("backend", "state"),
    [
        (fail.Keyring(), BackendState.MISSING),
        (null.Keyring(), BackendState.MISSING),
        (_AltPlaintext(), BackendState.INSECURE),
        (InMemoryKeyring(), BackendState.SECURE),
    ],
)
def test_backend_status(backend: KeyringBackend, state: BackendState) -> None:
    status = backend_status(backend, platform="linux")
    assert status.state is state
    # Where the keys are in words, never the class name (it stays in ``backend`` for logs and support).
    assert status.backend.startswith(("keyring.", "keyrings.", "inspector_app.")) and status.store
    assert "keyring.backends" not in status.message + status.message_en and "Keyring" not in status.store
    if state is not BackendState.SECURE:
        assert "密钥环" in status.message and ("不能签名" in status.message or "明文" in status.message)
        assert "GNOME Keyring" in status.message and "KWallet" in status.message
        assert "GNOME Keyring" in status.message_en
        assert "cannot sign" in status.message_en or "plaintext" in status.message_en


def test_the_store_is_named_in_words_in_the_interface_language() -> None:
    from inspector_app import translation
    from inspector_app.secrets.backends import store_words

    assert store_words("keyring.backends.fail.Keyring") == "没有可用的系统密钥环"
    assert store_words("keyring.backends.Windows.WinVaultKeyring") == "Windows 凭据管理器"
    translation.set_language("en")
    try:
        assert store_words("keyring.backends.fail.Keyring") == "no system keyring available"
        status = backend_status(fail.Keyring(), platform="linux")
        assert status.message.startswith("No system keyring is available") and "GNOME Keyring" in status.message
        assert "密钥环" not in status.message
    finally:
        translation.set_language(translation.DEFAULT_LANGUAGE)


def test_chainer_backends() -> None:
    assert backend_status(_chain()).state is BackendState.MISSING
    assert backend_status(_chain(InMemoryKeyring())).state is BackendState.SECURE
    assert backend_status(_chain(InMemoryKeyring(), _AltPlaintext())).state is BackendState.INSECURE


def test_platform_advice() -> None:
    windows = backend_status(fail.Keyring(), platform="win32")
    assert "凭据管理器”（Credential Manager）" in windows.message and "out of the box" in windows.message_en
    mac = backend_status(fail.Keyring(), platform="darwin")
    assert "钥匙串”（Keychain）" in mac.message and "Keychain" in mac.message_en


def test_in_memory_keyring_is_never_chosen_automatically() -> None:
    assert not InMemoryKeyring.viable


def test_keystore_creates_and_reloads_keys() -> None:
    backend = InMemoryKeyring()
    store = KeyStore("device-1", backend)
    raw = store.ensure_private_key(KeyKind.SIGNING)
    assert KeyStore("device-1", backend).load_private_key(KeyKind.SIGNING) == raw
    assert store.load_private_key(KeyKind.ENCRYPTION) is None
    assert Signer.from_raw(raw).fingerprint == Signer.from_raw(store.ensure_private_key(KeyKind.SIGNING)).fingerprint


@pytest.mark.parametrize("backend", [fail.Keyring(), null.Keyring(), _AltPlaintext()])
def test_keystore_refuses_insecure_backends(backend: KeyringBackend) -> None:
    with pytest.raises(InsecureKeyringError, match=r"不能签名|明文") as err:
        KeyStore("device-1", backend).ensure_private_key(KeyKind.SIGNING)
    assert err.value.status.state is not BackendState.SECURE


# -- encryption ------------------------------------------------------------------------------------
@pytest.mark.parametrize("size", [0, 1, 1000, 4096, 3 * 4096, 3 * 4096 + 7])
def test_encrypt_round_trip(tmp_path: Path, size: int) -> None:
    private = os.urandom(32)
    plain = tmp_path / "b.zip"
    plain.write_bytes(os.urandom(size))
    encrypt_file(plain, tmp_path / "b.enc", x25519_public(private), chunk_size=4096)
    assert is_encrypted(tmp_path / "b.enc") and not is_encrypted(plain)
    decrypt_file(tmp_path / "b.enc", tmp_path / "out.zip", private)
    assert (tmp_path / "out.zip").read_bytes() == plain.read_bytes()


def _encrypted(tmp_path: Path, private: bytes) -> bytes:
    (tmp_path / "p").write_bytes(os.urandom(10_000))
    encrypt_file(tmp_path / "p", tmp_path / "e", x25519_public(private), chunk_size=4096)
    return (tmp_path / "e").read_bytes()


def test_decrypt_refuses_wrong_key_tampering_truncation_and_newer_version(tmp_path: Path) -> None:
    private = os.urandom(32)
    data = _encrypted(tmp_path, private)
    cases: list[tuple[bytes, bytes, type[Exception], str, str]] = [
        (data, os.urandom(32), DecryptionError, "encrypted_for_other", "另一把市局密钥"),
        (data[:200] + bytes([data[200] ^ 1]) + data[201:], private, DecryptionError, "bad_encryption", "未通过认证"),
        (data[: 96 + 4096 + 16], private, DecryptionError, "bad_encryption", "未通过认证"),  # cut at a chunk boundary
        (data[:-5], private, DecryptionError, "bad_encryption", "未通过认证"),
        (data[:10] + b"\x00\x07" + data[12:], private, DecryptionError, "bad_encryption", "算法组合"),
        (data[:8] + b"\x00\x02" + data[10:], private, UnsupportedVersionError, "newer_format", "加密格式版本为 2"),
    ]
    for blob, key, error, code, why in cases:
        (tmp_path / "x").write_bytes(blob)
        with pytest.raises(error, match=why) as err:
            decrypt_file(tmp_path / "x", tmp_path / "out", key)
        assert getattr(err.value, "code", None) == code, err.value
        assert not (tmp_path / "out").exists()
