"""The passphrase-protected key file (``secrets.filekey``): keys survive a reopening, a wrong passphrase is
refused, any change to the file is detected, the file is written atomically and readable by its owner only,
and nothing in it is plaintext."""

from __future__ import annotations

import base64
import json
import os
import stat
import sys
from pathlib import Path

import pytest

from inspector_app.secrets import (
    BackendState,
    InMemoryKeyring,
    KeyFileError,
    KeyKind,
    KeyStore,
    PassphraseFileKeyring,
    PassphraseMissingError,
    WrongPassphraseError,
    backend_status,
)

pytestmark = pytest.mark.both_engines

N = 2**10  # fast scrypt for tests; the application writes 2**17
PASS = "一句只有我知道的话 42"


def _store(path: Path, passphrase: object = PASS) -> KeyStore:
    return KeyStore("device-1", PassphraseFileKeyring(path, passphrase, kdf_n=N))  # type: ignore[arg-type]


def test_keys_are_stored_encrypted_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "private-keys.json"
    raw = _store(path).ensure_private_key(KeyKind.SIGNING)
    enc = _store(path).ensure_private_key(KeyKind.ENCRYPTION)
    again = _store(path)
    assert again.load_private_key(KeyKind.SIGNING) == raw and again.load_private_key(KeyKind.ENCRYPTION) == enc
    text = path.read_text("utf-8")
    document = json.loads(text)
    assert document["kdf"]["name"] == "scrypt" and document["cipher"] == "chacha20-poly1305"
    assert base64.b64encode(raw).decode() not in text and "device-1" not in text  # nothing in plaintext
    assert not list(path.parent.glob(".*.tmp"))  # the temporary file was renamed


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_the_file_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "private-keys.json"
    old = os.umask(0o022)
    try:
        _store(path).ensure_private_key(KeyKind.SIGNING)
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_wrong_passphrase_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "private-keys.json"
    raw = _store(path).ensure_private_key(KeyKind.SIGNING)
    wrong = PassphraseFileKeyring(path, "not the passphrase", kdf_n=N)
    with pytest.raises(WrongPassphraseError, match="口令不正确"):
        KeyStore("device-1", wrong).load_private_key(KeyKind.SIGNING)
    assert wrong.rejected
    answers = iter(["still wrong", PASS])  # a dialog is asked again after a wrong answer
    asking = PassphraseFileKeyring(path, lambda: next(answers), kdf_n=N)
    with pytest.raises(WrongPassphraseError):
        asking.unlock()
    assert not asking.rejected
    assert KeyStore("device-1", asking).load_private_key(KeyKind.SIGNING) == raw


def test_no_passphrase_no_key(tmp_path: Path) -> None:
    path = tmp_path / "private-keys.json"
    with pytest.raises(PassphraseMissingError):
        _store(path, lambda: None).ensure_private_key(KeyKind.SIGNING)
    with pytest.raises(KeyFileError, match="口令太短"):
        _store(path, "short").ensure_private_key(KeyKind.SIGNING)
    assert not path.exists()


@pytest.mark.parametrize("field", ["ciphertext", "nonce", "kdf", "check", "extra"])
def test_any_change_to_the_file_is_detected(tmp_path: Path, field: str) -> None:
    path = tmp_path / "private-keys.json"
    _store(path).ensure_private_key(KeyKind.SIGNING)
    document = json.loads(path.read_text("utf-8"))
    if field in ("ciphertext", "nonce", "check"):
        data = bytearray(base64.b64decode(document[field]))
        data[len(data) // 2] ^= 0x01
        document[field] = base64.b64encode(bytes(data)).decode()
    elif field == "kdf":
        document["kdf"]["n"] = N * 2
    else:
        document["comment"] = "added"
    path.write_text(json.dumps(document), "utf-8")
    with pytest.raises(KeyFileError) as error:
        _store(path).load_private_key(KeyKind.SIGNING)
    # a changed salt, cost or check reads as a wrong passphrase; a changed body as a changed file
    assert ("改动" in str(error.value)) or isinstance(error.value, WrongPassphraseError)


def test_damaged_files_are_refused_in_words(tmp_path: Path) -> None:
    path = tmp_path / "private-keys.json"
    path.write_text("{not json", "utf-8")
    with pytest.raises(KeyFileError, match="已损坏"):
        _store(path).load_private_key(KeyKind.SIGNING)
    path.write_text(json.dumps({"format": "something else"}), "utf-8")
    with pytest.raises(KeyFileError, match="不是 Inspector 的密钥文件"):
        _store(path).load_private_key(KeyKind.SIGNING)


def test_the_backend_is_secure_named_by_its_file_and_never_chosen_on_its_own(tmp_path: Path) -> None:
    backend = PassphraseFileKeyring(tmp_path / "k.json", PASS, kdf_n=N)
    status = backend_status(backend)
    assert status.state is BackendState.SECURE and "口令" in status.message and "k.json" in status.message
    with pytest.raises(RuntimeError):
        PassphraseFileKeyring.priority  # noqa: B018 - keyring's viability probe
    with pytest.raises(ValueError):
        PassphraseFileKeyring(tmp_path / "k.json", PASS, kdf_n=1000)


def test_keys_move_between_stores_keeping_the_fingerprint(tmp_path: Path) -> None:
    system = KeyStore("device-1", InMemoryKeyring())
    raw = system.ensure_private_key(KeyKind.SIGNING)
    target = _store(tmp_path / "k.json")
    assert system.copy_to(target) == 1
    assert _store(tmp_path / "k.json").load_private_key(KeyKind.SIGNING) == raw
    assert system.copy_to(target) == 0  # nothing overwritten
