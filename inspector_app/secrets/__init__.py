"""Secrets: the installation's private keys behind one interface over the OS keyring.

``KeyStore(installation_id)`` loads/creates the Ed25519 signing key and the X25519 encryption key;
``backend_status()`` tells whether the keyring is secure, missing or insecure and what to do;
``InMemoryKeyring`` is the backend tests pass explicitly; ``PassphraseFileKeyring`` keeps the keys in a
file protected by a passphrase where no system keyring runs (chosen per workspace, passed explicitly).
"""

from __future__ import annotations

from inspector_app.secrets.backends import BackendState, BackendStatus, InMemoryKeyring, backend_status
from inspector_app.secrets.filekey import (
    PASSPHRASE_ENV,
    KeyFileError,
    PassphraseFileKeyring,
    PassphraseMissingError,
    WrongPassphraseError,
    check_new_passphrase,
)
from inspector_app.secrets.keystore import InsecureKeyringError, KeyKind, KeyStore, SecretsError

__all__ = [
    "PASSPHRASE_ENV",
    "BackendState",
    "BackendStatus",
    "InMemoryKeyring",
    "InsecureKeyringError",
    "KeyFileError",
    "KeyKind",
    "KeyStore",
    "PassphraseFileKeyring",
    "PassphraseMissingError",
    "SecretsError",
    "WrongPassphraseError",
    "backend_status",
    "check_new_passphrase",
]
