"""The office database's password in the OS keyring (docs/office-database.md), for offices that keep
it there rather than in libpq's password file.

Stored under the service ``inspector-office-database`` and the account ``user@host:port/database``
(``storage.office_db.password_key``), e.g. with ``python -m keyring set inspector-office-database
zhang@db.example:5432/inspector``. Only a secure backend is asked (``backend_status``); an insecure or
missing keyring, or one that fails, is no password – libpq's own sources still apply.
"""

from __future__ import annotations

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError

from inspector_app.secrets.backends import BackendState, backend_status

SERVICE = "inspector-office-database"


def lookup(account: str, backend: KeyringBackend | None = None) -> str | None:
    """The password stored for ``account``, or None."""
    chosen = backend if backend is not None else keyring.get_keyring()
    if backend_status(chosen).state is not BackendState.SECURE:
        return None
    try:
        return chosen.get_password(SERVICE, account)
    except KeyringError:
        return None


def store(account: str, password: str, backend: KeyringBackend | None = None) -> None:
    """Keep ``password`` for ``account`` (the secure backend only; raises ``KeyringError`` otherwise)."""
    chosen = backend if backend is not None else keyring.get_keyring()
    if backend_status(chosen).state is not BackendState.SECURE:
        raise KeyringError(backend_status(chosen).message)
    chosen.set_password(SERVICE, account, password)
