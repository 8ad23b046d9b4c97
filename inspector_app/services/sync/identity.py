"""This installation's sync identity: device id, role (inspector / office), display name and the keys
(the private keys live in the OS keyring, ``secrets.KeyStore``; the workspace keeps the fingerprint)."""

from __future__ import annotations

import getpass
import uuid
from dataclasses import dataclass, replace
from pathlib import Path

from keyring.backend import KeyringBackend
from sqlalchemy.orm import Session

from inspector_app.bundle.profile import Direction
from inspector_app.bundle.signing import ROLES, Signer, person_name
from inspector_app.domain.errors import ValidationError
from inspector_app.secrets import KeyKind, KeyStore, PassphraseMissingError
from inspector_app.services import audit
from inspector_app.services.unit import unit_of_work
from inspector_app.storage.engine import Workspace
from inspector_app.storage.models import Meta
from inspector_app.storage.models_sync import (
    META_DEVICE_ID,
    META_DEVICE_NAME,
    META_KEY_FINGERPRINT,
    META_ROLE,
)
from inspector_app.translation import _


@dataclass(frozen=True)
class Identity:
    """Who signs: this installation's device id, display name and signing key."""

    device_id: str
    name: str
    signer: Signer
    encryption_private: bytes | None = None


def meta_get(session: Session, key: str) -> str | None:
    row = session.get(Meta, key)
    return row.value if row is not None else None


def meta_set(session: Session, key: str, value: str) -> None:
    row = session.get(Meta, key)
    if row is None:
        session.add(Meta(key=key, value=value))
    else:
        row.value = value


def device_id(session: Session) -> str:
    """This installation's device id, created (and stored) the first time it is asked for."""
    value = meta_get(session, META_DEVICE_ID)
    if not value:
        value = str(uuid.uuid4())
        meta_set(session, META_DEVICE_ID, value)
        session.flush()
    return value


def role(session: Session) -> str:
    return meta_get(session, META_ROLE) or "inspector"


def set_role(session: Session, value: str, actor: str) -> None:
    """The workspace's role decides the direction of its bundles (audited: it changes what it accepts)."""
    if value not in ROLES:
        raise ValidationError(_("角色必须是 {ROLES} 之一，而不是 {value!r}").format(ROLES='、'.join(ROLES), value=value))
    old = role(session)
    meta_set(session, META_ROLE, value)
    audit.record(session, None, "workspace", "sync", "role", old, value, actor)


def key_fingerprint(session: Session) -> str:
    """The fingerprint of this installation's signing key, as last recorded ("" before the first use)."""
    return meta_get(session, META_KEY_FINGERPRINT) or ""


def set_device_name(session: Session, name: str) -> None:
    """The name this installation signs with when none is given (the CLI): the name of the key file it
    last exported, so its bundles and audit rows name the person the other side enrolled."""
    meta_set(session, META_DEVICE_NAME, person_name(name))


# Where the private keys are kept, chosen per workspace: the system keyring (the default) or a file protected
# by a passphrase (``secrets.filekey``) where no system keyring runs.
META_KEY_STORE = "sync.key_store"
KEYRING, PASSPHRASE_FILE = "keyring", "passphrase-file"
KEY_STORES = (KEYRING, PASSPHRASE_FILE)
KEY_FILE = Path("keys") / "private-keys.json"


def key_store(session: Session) -> str:
    value = meta_get(session, META_KEY_STORE) or KEYRING
    return value if value in KEY_STORES else KEYRING


def set_key_store(session: Session, value: str, actor: str) -> None:
    """Keep the private keys in the system keyring or in the passphrase-protected file (audited)."""
    if value not in KEY_STORES:
        raise ValidationError(_("密钥保存方式必须是 {KEY_STORES} 之一，而不是 {value!r}").format(KEY_STORES='、'.join(KEY_STORES), value=value))
    old = key_store(session)
    meta_set(session, META_KEY_STORE, value)
    audit.record(session, None, "workspace", "sync", "key_store", old, value, actor)


def key_file(ws: Workspace) -> Path:
    """The passphrase-protected key file of this workspace (used when the key store is ``passphrase-file``)."""
    return ws.root / KEY_FILE


def default_direction(session: Session) -> Direction:
    return Direction.OFFICE_TO_INSPECTOR if role(session) == "office" else Direction.INSPECTOR_TO_OFFICE


def load_identity(ws: Workspace, keyring: KeyringBackend | None = None, *, with_encryption: bool = False,
                  name: str = "") -> Identity:
    """The installation's identity; creates the device id and keys on first use. ``keyring``: the backend
    (``None``: the system's); ``name``: who signs (default: the workspace's device name, else the login).

    Raises ``secrets.InsecureKeyringError`` (with what to do) when the keyring is not secure, and
    ``secrets.PassphraseMissingError`` when the workspace keeps its keys in the passphrase-protected file
    and no backend was given (the caller opens the file: ``secrets.PassphraseFileKeyring``).
    """
    with unit_of_work(ws) as session:
        dev = device_id(session)
        stored_name = meta_get(session, META_DEVICE_NAME) or getpass.getuser()
        if keyring is None and key_store(session) == PASSPHRASE_FILE:  # never a second key beside the file's
            raise PassphraseMissingError(_("本工作区的私钥保存在用口令保护的密钥文件中（{key_file}），需要输入口令才能使用。").format(key_file=key_file(ws)))
    store = KeyStore(dev, keyring)
    signer = Signer.from_raw(store.ensure_private_key(KeyKind.SIGNING))
    enc = store.ensure_private_key(KeyKind.ENCRYPTION) if with_encryption else None
    with unit_of_work(ws) as session:
        if meta_get(session, META_KEY_FINGERPRINT) != signer.fingerprint:
            meta_set(session, META_KEY_FINGERPRINT, signer.fingerprint)
    identity = Identity(dev, stored_name, signer, enc)
    return replace(identity, name=name) if name else identity
