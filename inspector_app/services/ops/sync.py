"""Operations of sync by bundle: export, import, resolve a conflict, keys and trust, the workspace's role.

The GUI runs them through its task runner (export and import with progress and cancel), the CLI calls
them directly; both get the same audit rows. Export and import commit in their own transactions (the
sequence number first, then the bundle: see ``services.sync.export``; one transaction per imported
file); their results carry ``.changes``: the inspections an import added or updated (a bulk change
above ``services.sync.report.BULK_INSPECTIONS``), those an export marked "exported".
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from keyring.backend import KeyringBackend

from inspector_app.bundle.crypto import x25519_public
from inspector_app.bundle.errors import KeyFileError
from inspector_app.bundle.profile import Direction
from inspector_app.bundle.signing import PublicKeyFile, TrustedKey, person_name
from inspector_app.domain.errors import ValidationError
from inspector_app.domain.progress import CancelToken, Progress, no_progress
from inspector_app.secrets import KeyStore
from inspector_app.services.changes import ChangeKind, Changes, OpResult
from inspector_app.services.sync import conflicts, export, importing, offices, rollup_export
from inspector_app.services.sync import identity as own_identity
from inspector_app.services.sync.export import ExportResult
from inspector_app.services.sync.identity import Identity
from inspector_app.services.sync.report import ImportReport, ImportResult, ReportLine, combined
from inspector_app.services.sync.trust import SqlTrustStore
from inspector_app.services.unit import unit_of_work
from inspector_app.storage.engine import Workspace
from inspector_app.storage.files import atomic_write_text
from inspector_app.translation import N_, _

__all__ = ["ExportResult", "Identity", "ImportReport", "ImportResult", "ReportLine", "enrol_key", "export_bundle",
           "export_public_key", "export_rollup", "import_bundle", "import_paths", "load_identity", "resolve_conflict",
           "revoke_key", "set_key_store", "set_role", "unrevoke_key"]


def load_identity(ws: Workspace, keyring: KeyringBackend | None = None, *, with_encryption: bool = False,
                  name: str = "") -> Identity:
    """This installation's identity (device id and keys), created on first use. The value itself, not
    ``Changes``: creating the keys changes nothing another screen shows. Raises
    ``secrets.InsecureKeyringError`` (with what to do) when the keyring is not secure."""
    return own_identity.load_identity(ws, keyring, with_encryption=with_encryption, name=name)


def export_bundle(ws: Workspace, identity: Identity, target: Path, *, inspection_ids: Sequence[int] | None = None,
                  direction: Direction | None = None, encrypt_to: bytes | None = None,
                  progress: Progress = no_progress, cancel: CancelToken | None = None) -> ExportResult:
    """Write one signed bundle with the selected (or all pending) inspections; ``encrypt_to``: the other
    side's X25519 public key (``queries.sync.encryption_key``). Inspector → office marks them "exported".
    A roll-up for the office above is ``export_rollup``."""
    if direction is Direction.OFFICE_TO_PARENT:
        raise ValidationError(_("汇总数据包（office-to-parent）请用 bundle export --to-parent 导出"))
    return export.export_bundle(ws, identity, target, inspection_ids=inspection_ids, direction=direction,
                                encrypt_to=encrypt_to, progress=progress, cancel=cancel)


def export_rollup(ws: Workspace, identity: Identity, target: Path, *, with_photos: bool = False,
                  encrypt_to: bytes | None = None, progress: Progress = no_progress,
                  cancel: CancelToken | None = None) -> ExportResult:
    """Write this office's signed roll-up for the office directly above (docs/bundle-format.md §12):
    its enterprises, inspections with their outcomes, findings, people, signatures, printed sheets,
    numbers and audit trail, its filed reports, and the records it holds from the offices below – photos
    only ``with_photos``. Changes nothing but the sequence number it takes. ``ValidationError`` in a
    workspace that is not an office with an area below another."""
    return rollup_export.export_rollup(ws, identity, target, with_photos=with_photos, encrypt_to=encrypt_to,
                                       progress=progress, cancel=cancel)


def import_bundle(ws: Workspace, path: Path, *, identity: Identity | None = None, progress: Progress = no_progress,
                  cancel: CancelToken | None = None) -> ImportReport:
    """Import one bundle (``identity``: this installation's identity with its decryption key, for an
    encrypted bundle). Raises the ``BundleError`` that says why it cannot be imported; nothing written."""
    return importing.import_bundle(ws, path, identity=identity, progress=progress, cancel=cancel)


def import_paths(ws: Workspace, paths: Sequence[Path], *, identity: Identity | None = None,
                 progress: Progress = no_progress, cancel: CancelToken | None = None) -> ImportResult:
    """Import files and every bundle in folders: one report per file (a bad file is reported rejected and
    the others go on; on cancel, what was imported stays), and what they changed together."""
    reports = importing.import_paths(ws, paths, identity=identity, progress=progress, cancel=cancel)
    return ImportResult(tuple(reports), combined(reports))


def resolve_conflict(ws: Workspace, conflict_id: int, take_incoming: bool, actor: str) -> Changes:
    """Keep the local version or take the incoming one (audited either way)."""
    with unit_of_work(ws) as session:
        local = conflicts.resolve(session, conflict_id, take_incoming, actor)
        if local is None:
            return Changes.of(ChangeKind.CONFLICTS)
        kinds = [ChangeKind.CONFLICTS, ChangeKind.SYNC, ChangeKind.STATUS]
        if take_incoming:
            kinds += [ChangeKind.ANSWERS, ChangeKind.HEADER, ChangeKind.INSPECTORS, ChangeKind.FINDINGS,
                      ChangeKind.PHOTOS, ChangeKind.SIGNATURES, ChangeKind.SHEETS]
        return Changes.of(*kinds, inspections=[local.id], enterprises=[local.enterprise_id])


def enrol_key(ws: Workspace, key: PublicKeyFile, actor: str, *, name: str = "", role: str = "") -> Changes:
    """Trust another installation's public key – after its fingerprint was compared with its owner in
    person or by phone. The key is bound to the name, role and device its (self-signed) file states:
    ``name`` and ``role``, when given, must be the file's (``KeyFileError`` ``key_binding`` otherwise), and
    the rules of ``services.sync.trust`` apply (own key, revoked key, another binding: refused; an office
    key at an office only from the office directly below or above, ``not_in_jurisdiction``)."""
    for given, stated, what in ((person_name(name), key.name, N_("姓名")), (role, key.role, N_("角色"))):
        if given and given != stated:
            raise KeyFileError(_("登记时的{what}“{given}”与公钥文件中经签名的{what}“{stated}”不同：密钥绑定其文件"
                                 "所写的姓名、角色和设备。如文件写错了，请对方改正后重新导出公钥").format(
                what=_(what), given=given, stated=stated), code="key_binding")
    with unit_of_work(ws) as session:
        SqlTrustStore(session, actor).enrol(TrustedKey(key.fingerprint, key.public_key, key.name, key.role,
                                                       key.device_id, key.x25519_public, level=key.level,
                                                       jurisdiction=key.jurisdiction))
    return Changes.of(ChangeKind.KEYS)


def revoke_key(ws: Workspace, fingerprint: str, actor: str) -> Changes:
    """Stop trusting a key: its bundles are refused from now on. ``ValueError`` for a malformed
    fingerprint, ``NotFoundError`` when no key has it."""
    with unit_of_work(ws) as session:
        SqlTrustStore(session, actor).revoke(fingerprint)
    return Changes.of(ChangeKind.KEYS)


def unrevoke_key(ws: Workspace, fingerprint: str, actor: str) -> Changes:
    """Trust a revoked key again (audited, naming ``actor``) – the only way back: enrolling a revoked key
    is refused. ``KeyFileError`` (``not_revoked``, ``device_taken``, ``person_other_role``),
    ``ValueError`` for a malformed fingerprint, ``NotFoundError`` when no key has it."""
    with unit_of_work(ws) as session:
        SqlTrustStore(session, actor).unrevoke(fingerprint)
    return Changes.of(ChangeKind.KEYS)


def set_role(ws: Workspace, role: str, actor: str) -> Changes:
    """This workspace's role (inspector / office): which bundles it writes and which it accepts."""
    with unit_of_work(ws) as session:
        own_identity.set_role(session, role, actor)
    return Changes.of(ChangeKind.KEYS, ChangeKind.SYNC)


def set_key_store(ws: Workspace, store: str, actor: str, *, source: KeyringBackend | None = None,
                  target: KeyringBackend | None = None, copy_keys: bool = True) -> OpResult[int]:
    """Keep this workspace's private keys in the system keyring (``keyring``) or in the passphrase-protected
    file (``passphrase-file``, ``services.sync.identity.key_file``). ``source`` / ``target``: the backends of
    the old and the new store (``None``: the system keyring). With ``copy_keys`` the keys already made are
    copied into the new store where it has none, so the fingerprint the other side enrolled stays; when the
    old store is no secure keyring nothing is copied and a new key is made on first use; a locked store or a
    wrong passphrase is raised (``SecretsError``) and nothing changes. The
    value is how many keys were copied. Audited."""
    copied = 0
    with unit_of_work(ws) as session:
        dev = own_identity.device_id(session)
        unchanged = own_identity.key_store(session) == store
    if copy_keys and not unchanged:
        old, new = KeyStore(dev, source), KeyStore(dev, target)
        new.require_secure()
        if old.status().secure:  # errors of a readable store (locked, wrong passphrase) are the user's to see
            copied = old.copy_to(new)
    with unit_of_work(ws) as session:
        own_identity.set_key_store(session, store, actor)
    return OpResult(copied, Changes.of(ChangeKind.KEYS))


def export_public_key(ws: Workspace, target: Path, *, keyring: KeyringBackend | None = None,
                      name: str = "") -> PublicKeyFile:
    """Write this installation's public key file (signing and encryption keys, name, role, device id,
    self-signed) for the other side to enrol; returns what was written (its ``fingerprint`` is to be read
    out to them). An office whose level and jurisdiction are set names them, signed, so that the offices
    above and below can enrol it (docs/bundle-format.md §5). A ``name`` given here is also the name later
    bundles are signed with by default."""
    own = own_identity.load_identity(ws, keyring, with_encryption=True, name=name)
    assert own.encryption_private is not None
    with unit_of_work(ws) as session:
        own_role = own_identity.role(session)
        if name.strip():
            own_identity.set_device_name(session, name)
        _campaign, area = offices.own_area(session) if own_role == "office" else (None, None)
    key = PublicKeyFile.signed(own.signer, own.name, own_role, own.device_id, x25519_public(own.encryption_private),
                               level=area.level if area is not None else "",
                               jurisdiction=area.path if area is not None else "")
    atomic_write_text(target, key.to_text())
    return key
