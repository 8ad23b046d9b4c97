"""The keyring backend a command uses: the system keyring, or the workspace's passphrase-protected key file
(``inspector-app keys store passphrase-file``), whose passphrase comes from ``INSPECTOR_KEY_PASSPHRASE`` or
is asked on the terminal. Without either the command is refused – a key is never kept or used in plaintext."""

from __future__ import annotations

import getpass
import os
import sys

from keyring.backend import KeyringBackend

from inspector_app.cli.output import fail
from inspector_app.secrets import PASSPHRASE_ENV, PassphraseFileKeyring
from inspector_app.secrets.filekey import MIN_PASSPHRASE
from inspector_app.services.queries import sync as sync_queries
from inspector_app.storage.engine import Workspace
from inspector_app.translation import _

PASSPHRASE_FILE = "passphrase-file"


def passphrase() -> str | None:
    """``INSPECTOR_KEY_PASSPHRASE``, else asked on the terminal (not echoed); refused without either."""
    given = os.environ.get(PASSPHRASE_ENV)
    if given:
        return given
    if sys.stdin.isatty():
        return getpass.getpass(_("密钥文件的口令（passphrase）：")) or None
    fail(_("本工作区的私钥保存在用口令保护的密钥文件中：请在终端上运行以输入口令，或设置环境变量 {PASSPHRASE_ENV}").format(PASSPHRASE_ENV=PASSPHRASE_ENV))


def new_passphrase() -> str | None:
    """The passphrase of a new key file: ``INSPECTOR_KEY_PASSPHRASE``, else asked twice on the terminal."""
    given = os.environ.get(PASSPHRASE_ENV)
    if given or not sys.stdin.isatty():
        return passphrase()
    first = getpass.getpass(_("新密钥文件的口令（至少 {MIN_PASSPHRASE} 个字符）：").format(MIN_PASSPHRASE=MIN_PASSPHRASE))
    if getpass.getpass(_("再输入一次：")) != first:
        fail(_("两次输入的口令不同，未更改"))
    return first or None


def keyring_for(ws: Workspace) -> KeyringBackend | None:
    """``None`` (the system keyring) or the workspace's key file, its passphrase asked on first use."""
    store, path = sync_queries.key_store(ws)
    if store != PASSPHRASE_FILE:
        return None
    return PassphraseFileKeyring(path, passphrase)
