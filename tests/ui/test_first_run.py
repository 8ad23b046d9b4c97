"""The first run: a workspace without a user gets the wizard once; its pages driven like a person would
(names, an office with its level and area, the passphrase-protected key file) end with the settings saved,
the key created and its public key written; the key file's passphrase is asked once per session, from a
worker too; the settings change the same answers later."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QInputDialog, QWizard
from pytestqt.qtbot import QtBot

from inspector_app.bundle.signing import PublicKeyFile, format_fingerprint
from inspector_app.secrets import InMemoryKeyring, WrongPassphraseError, filekey
from inspector_app.services.ops import sync as sync_ops
from inspector_app.services.queries import sync as sync_queries
from inspector_app.storage.engine import Workspace, open_workspace
from inspector_app.ui import main as ui_main
from inspector_app.ui.first_run import start
from inspector_app.ui.first_run.apply import load_setup
from inspector_app.ui.first_run.key_file import KeyFileAccess
from inspector_app.ui.first_run.wizard import FirstRunWizard
from inspector_app.ui.i18n import install_translators
from inspector_app.ui.main_window import MainWindow
from inspector_app.ui.settings import AppSettings
from inspector_app.ui.settings_dialog import SettingsDialog
from inspector_app.ui.tasks import InlineTaskRunner, TaskRunner

PASSPHRASE = "现场检查用的口令 2020"


@pytest.fixture
def no_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A machine without a system keyring, and a fast scrypt (2**10 instead of 2**17)."""
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    monkeypatch.setattr(filekey, "DEFAULT_N", 2**10)
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def memory_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A system keyring that works (in memory), and a fast scrypt."""
    previous = keyring.get_keyring()
    keyring.set_keyring(InMemoryKeyring())
    monkeypatch.setattr(filekey, "DEFAULT_N", 2**10)
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    return AppSettings(QSettings(str(tmp_path / "inspector.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = open_workspace(tmp_path / "ws")
    yield workspace
    workspace.close()


@pytest.fixture
def window(qtbot: QtBot, ws: Workspace, settings: AppSettings, tmp_path: Path,
           monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    install_translators("zh_CN")
    monkeypatch.setattr(FirstRunWizard, "default_key_path", lambda self: tmp_path / "out" / "王示范-公钥.inspkey")
    win = MainWindow(InlineTaskRunner(), settings)
    qtbot.addWidget(win)
    win.set_workspace(ws)
    return win


def _no_prompt(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: Any, **_kwargs: Any) -> tuple[str, bool]:
        raise AssertionError("the passphrase was asked again")

    monkeypatch.setattr(QInputDialog, "getText", refuse)


def test_a_workspace_without_a_user_gets_the_wizard_once(qtbot: QtBot, tmp_path: Path, settings: AppSettings,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    offered: list[int] = []
    asked: list[object] = []
    monkeypatch.setattr("inspector_app.ui.actions.DeskActions.offer_demo", lambda self: asked.append(self))
    win = MainWindow(InlineTaskRunner(), settings)
    qtbot.addWidget(win)
    ui_main.open_and_load(win, tmp_path / "new", settings, first_run=lambda _ws, rows: offered.append(rows))
    assert offered == [0] and not asked  # the wizard offers the demo itself
    assert settings.first_run_offered(win.workspace.root) and settings.demo_offered(win.workspace.root)
    ui_main.open_and_load(win, tmp_path / "new", settings, first_run=lambda _ws, rows: offered.append(rows))
    assert offered == [0]  # not again for this folder (设置 → 首次设置向导… opens it)
    win.workspace.close()


def test_the_wizard_sets_up_an_office_with_a_passphrase_protected_key(qtbot: QtBot, window: MainWindow,
                                                                      ws: Workspace, settings: AppSettings,
                                                                      tmp_path: Path, no_keyring: None,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    wizard = start.open_wizard(window, load_setup(ws, 0))
    assert wizard is not None and wizard.isVisible() and start.last_wizard is wizard
    wizard.next()
    assert wizard.currentId() == FirstRunWizard.PERSON and not wizard.currentPage().isComplete()
    qtbot.keyClicks(wizard.person.name, "")  # nothing typed yet: Next stays disabled
    wizard.person.name.setText("王示范")
    wizard.person.office.click()
    assert wizard.person.level.isVisible() and wizard.person.cert_label.text() == "执法证号："
    wizard.person.level.setCurrentIndex(wizard.person.level.findData("district"))
    wizard.person.jurisdiction.setCurrentIndex(wizard.person.jurisdiction.findData("江苏省常州市武进区"))
    wizard.person.cert.setText("苏应急执法32040001")
    assert wizard.currentPage().isComplete()
    wizard.next()
    assert wizard.currentId() == FirstRunWizard.AUTHORITY
    assert wizard.authority.name.text() == "常州市武进区应急管理局"  # the area's office, to start from
    wizard.authority.short.setText("常武")
    assert "（常武）应急检记〔2020〕1号" in wizard.authority.example.text()
    wizard.next()
    assert wizard.currentId() == FirstRunWizard.KEYS
    keys = wizard.keys
    assert not keys.use_keyring.isEnabled() and keys.use_file.isChecked()  # no keyring: only the file
    assert "没有可用的系统密钥环" in keys.status.text()
    keys.passphrase.setText(PASSPHRASE)
    keys.again.setText(PASSPHRASE + "x")
    assert not wizard.currentPage().isComplete() and "两次输入的口令不同" in wizard.currentPage().problem.text()
    keys.again.setText(PASSPHRASE)
    assert wizard.currentPage().isComplete()
    wizard.next()  # saves the answers and creates the key (inline here; in the writer in the app)
    page = wizard.result_page
    assert wizard.currentId() == FirstRunWizard.RESULT and page.isComplete(), page.state.text()

    setup = sync_queries.own_setup(ws)
    assert setup.has_user and setup.signing_name == "王示范" and setup.role == "office"
    assert setup.key_store == "passphrase-file" and setup.key_file.is_file()
    assert {k: setup.settings[k] for k in ("level", "jurisdiction", "authority_name", "authority_short")} == {
        "level": "district", "jurisdiction": "江苏省常州市武进区", "authority_name": "常州市武进区应急管理局",
        "authority_short": "常武"}
    if sys.platform != "win32":
        assert stat.S_IMODE(os.stat(setup.key_file).st_mode) == 0o600
    key = PublicKeyFile.parse((tmp_path / "out" / "王示范-公钥.inspkey").read_text("utf-8"))
    assert key.name == "王示范" and key.role == "office" and key.jurisdiction.endswith("武进区")
    groups = format_fingerprint(key.fingerprint).split()
    assert page.fingerprint.text().splitlines() == [" ".join(groups[i:i + 4]) for i in range(0, 16, 4)]
    assert (settings.inspector_name, settings.inspector_cert, settings.inspector_role) == (
        "王示范", "苏应急执法32040001", "office")
    assert settings.actor == "王示范（苏应急执法32040001）"

    wizard.next()
    assert wizard.currentId() == FirstRunWizard.DEMO and wizard.demo.isChecked()  # an empty workspace
    built: list[bool] = []
    monkeypatch.setattr(window.actions_, "build_demo", lambda: built.append(True))
    wizard.demo.setChecked(False)
    wizard.accept()
    assert not built
    # The session keeps the file the wizard opened: signing needs no second passphrase.
    _no_prompt(monkeypatch)
    assert window.sync is not None
    identity = window.sync.context().identity()
    assert identity.signer.fingerprint == key.fingerprint


def test_demo_data_is_built_when_chosen(qtbot: QtBot, window: MainWindow, ws: Workspace, memory_keyring: None,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[bool] = []
    monkeypatch.setattr(window.actions_, "build_demo", lambda: built.append(True))
    wizard = start.open_wizard(window, load_setup(ws, 0))
    assert wizard is not None
    wizard.next()
    wizard.person.name.setText("李示例")
    wizard.person.expert.click()
    assert wizard.person.cert_label.text() == "评审员证书编号：" and not wizard.person.level.isVisible()
    wizard.next()
    wizard.next()
    assert wizard.keys.use_keyring.isEnabled() and wizard.keys.use_keyring.isChecked()
    wizard.next()
    assert wizard.result_page.isComplete(), wizard.result_page.state.text()
    assert sync_queries.own_setup(ws).key_store == "keyring" and sync_queries.role(ws) == "inspector"
    wizard.next()
    wizard.accept()
    assert built == [True] and wizard.result() == int(QWizard.DialogCode.Accepted)


def test_the_passphrase_is_asked_once_per_session_from_a_worker(qtbot: QtBot, ws: Workspace, no_keyring: None,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    path = sync_queries.key_store(ws)[1]
    creator = filekey.PassphraseFileKeyring(path, PASSPHRASE, kdf_n=2**10)
    sync_ops.set_key_store(ws, "passphrase-file", "测试", target=creator)
    fingerprint = sync_ops.load_identity(ws, creator).signer.fingerprint
    answers = iter([("wrong passphrase", True), (PASSPHRASE, True)])
    asked: list[str] = []

    def get_text(*_args: Any, **_kwargs: Any) -> tuple[str, bool]:
        asked.append("asked")
        return next(answers)

    monkeypatch.setattr(QInputDialog, "getText", get_text)
    access = KeyFileAccess()
    access.set_store("passphrase-file", path)
    runner = TaskRunner()
    results: list[Any] = []
    try:
        for attempt in range(1, 4):
            runner.run(lambda _p, _c: sync_ops.load_identity(ws, access.keyring()).signer.fingerprint,
                       results.append, results.append)
            qtbot.waitUntil(lambda attempt=attempt: len(results) == attempt, timeout=10000)
    finally:
        runner.shutdown()
    assert isinstance(results[0], WrongPassphraseError)
    assert results[1:] == [fingerprint, fingerprint] and len(asked) == 2  # asked again after a wrong answer only


def test_the_settings_change_the_same_answers(qtbot: QtBot, window: MainWindow, ws: Workspace,
                                              settings: AppSettings, memory_keyring: None,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    before = sync_ops.load_identity(ws).signer.fingerprint  # a key in the system keyring
    assert window.sync is not None
    dialog = SettingsDialog(settings, window, workspace=ws, runner=window.runner, key_access=window.sync.key_access)
    qtbot.addWidget(dialog)
    assert dialog.workspace_page.isEnabled()  # read (inline here)
    dialog.name.setText("陈示范")
    dialog.person.office.click()
    dialog.person.level.setCurrentIndex(dialog.person.level.findData("city"))
    dialog.person.jurisdiction.setCurrentIndex(dialog.person.jurisdiction.findData("江苏省常州市"))
    dialog.authority.name.setText("常州市应急管理局")
    dialog.authority.short.setText("常")
    dialog.keys.use_file.click()
    dialog.keys.passphrase.setText("short")
    dialog.accept()
    assert "口令至少需要" in dialog.problem_label.text()  # refused, nothing saved
    assert sync_queries.own_setup(ws).role == "inspector" and dialog.result() != int(QDialog.DialogCode.Accepted)
    dialog.keys.passphrase.setText(PASSPHRASE)
    dialog.keys.again.setText(PASSPHRASE)
    dialog.accept()
    setup = sync_queries.own_setup(ws)
    assert setup.role == "office" and setup.settings["level"] == "city"
    assert setup.settings["jurisdiction"] == "江苏省常州市" and setup.settings["authority_short"] == "常"
    assert setup.key_store == "passphrase-file" and settings.inspector_role == "office"
    keyring.set_keyring(fail.Keyring())  # the keys moved into the file: the same fingerprint without a keyring
    _no_prompt(monkeypatch)
    assert window.sync.context().identity().signer.fingerprint == before
