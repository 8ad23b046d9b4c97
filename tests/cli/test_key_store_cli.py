"""``keys store``: where no system keyring runs, the keys live in a file protected by a passphrase, which
the command line reads from ``INSPECTOR_KEY_PASSPHRASE`` (or asks on a terminal) and refuses without."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from inspector_app.cli import main
from inspector_app.secrets import PASSPHRASE_ENV, InMemoryKeyring, filekey

FINGERPRINT = re.compile(r"(?:fingerprint: |指纹：)((?:[0-9A-F]{4} ){15}[0-9A-F]{4})")


@pytest.fixture
def system_keyring() -> Iterator[list[keyring.backend.KeyringBackend]]:
    previous = keyring.get_keyring()
    holder: list[keyring.backend.KeyringBackend] = [fail.Keyring()]
    keyring.set_keyring(holder[0])
    yield holder
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def fast_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    """scrypt at 2**10 instead of 2**17: the tests open the file many times."""
    original = filekey.PassphraseFileKeyring.__init__

    def fast(self: filekey.PassphraseFileKeyring, path: Path, passphrase: filekey.Passphrase,
             *, kdf_n: int = 2**10) -> None:
        original(self, path, passphrase, kdf_n=min(kdf_n, 2**10))

    monkeypatch.setattr(filekey.PassphraseFileKeyring, "__init__", fast)


def run(capsys: pytest.CaptureFixture[str], root: Path, *argv: str, expect: int = 0) -> str:
    code = main(["--data-dir", str(root), *argv])
    out, err = capsys.readouterr()
    assert code == expect, f"{argv}: exit {code}\n{out}\n{err}"
    return out + err


def test_a_passphrase_protected_key_where_no_keyring_runs(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          system_keyring: list[object]) -> None:
    ws = tmp_path / "ws"
    assert "没有安全的系统密钥环" in run(capsys, ws, "keys", "show")
    monkeypatch.setenv(PASSPHRASE_ENV, "现场检查用的口令 2020")
    assert "passphrase-file" in run(capsys, ws, "keys", "store", "passphrase-file", "--by", "测试")
    key_file = ws / "keys" / "private-keys.json"
    first = FINGERPRINT.search(run(capsys, ws, "keys", "export-public", "-o", str(tmp_path / "a.pub"),
                                   "--name", "王示范"))
    assert first and key_file.is_file()
    again = FINGERPRINT.search(run(capsys, ws, "keys", "show"))
    assert again and again.group(1) == first.group(1)  # the same key, read from the file
    monkeypatch.setenv(PASSPHRASE_ENV, "wrong passphrase")
    assert "口令不正确" in run(capsys, ws, "keys", "export-public", "-o", str(tmp_path / "b.pub"), expect=1)
    monkeypatch.delenv(PASSPHRASE_ENV)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    refused = run(capsys, ws, "keys", "export-public", "-o", str(tmp_path / "b.pub"), expect=1)
    assert PASSPHRASE_ENV in refused and not (tmp_path / "b.pub").exists()


def test_moving_to_the_file_keeps_the_fingerprint(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  system_keyring: list[object]) -> None:
    keyring.set_keyring(InMemoryKeyring())
    ws = tmp_path / "ws"
    before = FINGERPRINT.search(run(capsys, ws, "keys", "show"))
    monkeypatch.setenv(PASSPHRASE_ENV, "现场检查用的口令 2020")
    assert "已复制 1 个私钥" in run(capsys, ws, "keys", "store", "passphrase-file")
    keyring.set_keyring(fail.Keyring())  # the keyring is gone: the file still signs with the same key
    after = FINGERPRINT.search(run(capsys, ws, "keys", "show"))
    assert before and after and before.group(1) == after.group(1)
