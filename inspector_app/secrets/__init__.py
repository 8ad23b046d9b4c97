"""Secrets: the installation's private keys behind one interface over the OS keyring.

``KeyStore(installation_id)`` loads/creates the Ed25519 signing key and the X25519 encryption key;
``backend_status()`` tells whether the keyring is secure, missing or insecure and what to do;
``InMemoryKeyring`` is the backend tests pass explicitly.
"""

from __future__ import annotations

from inspector_app.secrets.backends import BackendState, BackendStatus, InMemoryKeyring, backend_status
from inspector_app.secrets.keystore import InsecureKeyringError, KeyKind, KeyStore, SecretsError

__all__ = [
    "BackendState",
    "BackendStatus",
    "InMemoryKeyring",
    "InsecureKeyringError",
    "KeyKind",
    "KeyStore",
    "SecretsError",
    "backend_status",
]
