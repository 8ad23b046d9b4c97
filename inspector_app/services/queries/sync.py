"""Read models of sync by bundle: this installation's role and key, the trusted keys, what is pending
export, the open conflicts (both versions summarised), and a bundle checked against the trust store.
Plain frozen rows; ``TrustedKey`` (``bundle.signing``) is one already."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from inspector_app.bundle.bag_verify import verify_bundle
from inspector_app.bundle.crypto import decrypt_file, is_encrypted
from inspector_app.bundle.profile import BundleHeader, Direction
from inspector_app.bundle.signing import TrustedKey, normalize_fingerprint
from inspector_app.domain.lifecycle import InspectionStatus
from inspector_app.services import workspace_meta
from inspector_app.services.sync import authorize, identity
from inspector_app.services.sync.conflicts import open_conflicts as _open_conflicts
from inspector_app.services.sync.export import pending_inspections
from inspector_app.services.sync.report import collect_paths
from inspector_app.services.sync.trust import SqlTrustStore
from inspector_app.services.unit import reading
from inspector_app.storage.engine import Workspace
from inspector_app.storage.models import Inspection
from inspector_app.storage.models_sync import META_DEVICE_ID, META_DEVICE_NAME, SyncConflict

# An incoming inspector's version, taken here, becomes "received" (as an import would make it).
_ARRIVES_AS = {InspectionStatus.COMPLETED.value: InspectionStatus.RECEIVED.value,
               InspectionStatus.EXPORTED.value: InspectionStatus.RECEIVED.value}


@dataclass(frozen=True)
class SyncInfo:
    role: str  # inspector / office
    direction: Direction  # of the bundles this workspace writes
    device_id: str  # "" until the keys are first used
    key_fingerprint: str  # of this installation's signing key; "" until first used


@dataclass(frozen=True)
class PendingRow:
    id: int
    enterprise: str
    status: str
    revision: int
    inspectors: tuple[str, ...]
    due_date: str  # ISO date or ""


@dataclass(frozen=True)
class PendingExport:
    direction: Direction
    role: str
    rows: tuple[PendingRow, ...]
    recipients: tuple[TrustedKey, ...]  # the other side's trusted keys one may encrypt to


@dataclass(frozen=True)
class VersionSummary:
    """One side of a conflict, as the conflict list compares them."""

    status: str
    score: float | None
    grade: str
    outcome: str
    answered: int | None
    findings: int
    inspectors: tuple[str, ...]
    reviewer_comment: str


@dataclass(frozen=True)
class ConflictRow:
    id: int
    inspection_uid: str
    inspection_id: int | None  # the local inspection (None if it no longer exists)
    enterprise: str  # the local enterprise's name (the uid when there is no local inspection)
    local_revision: int
    incoming_revision: int
    base_revision: int | None
    detected_at: datetime
    reason: str
    local: VersionSummary | None
    incoming: VersionSummary


@dataclass(frozen=True)
class BundleCheck:
    """A bundle that passed every check, signed by a trusted key."""

    path: Path
    header: BundleHeader
    payload_files: int
    signer_name: str
    signer_fingerprint: str


@dataclass(frozen=True)
class OwnSetup:
    """What the first-run wizard and the settings show of this installation: who signs, its role, where its
    keys are kept, and the workspace settings they ask for. ``signing_name`` is "" until a key file was
    exported: the workspace has no user yet (the first-run wizard is offered)."""

    signing_name: str
    role: str  # inspector / office
    key_store: str  # keyring / passphrase-file
    key_file: Path  # the passphrase-protected file (whether or not it is used)
    key_fingerprint: str  # "" before the keys were first used
    settings: dict[str, str]  # authority_name, authority_short, level, jurisdiction, campaign (known keys)

    @property
    def has_user(self) -> bool:
        return bool(self.signing_name)


def own_setup(ws: Workspace) -> OwnSetup:
    with reading(ws) as session:
        return OwnSetup(identity.meta_get(session, META_DEVICE_NAME) or "", identity.role(session),
                        identity.key_store(session), identity.key_file(ws), identity.key_fingerprint(session),
                        workspace_meta.all_values(session))


def key_store(ws: Workspace) -> tuple[str, Path]:
    """Where this workspace keeps its private keys (``keyring`` / ``passphrase-file``) and the key file."""
    with reading(ws) as session:
        return identity.key_store(session), identity.key_file(ws)


def role(ws: Workspace) -> str:
    with reading(ws) as session:
        return identity.role(session)


def sync_info(ws: Workspace) -> SyncInfo:
    with reading(ws) as session:
        return SyncInfo(identity.role(session), identity.default_direction(session),
                        identity.meta_get(session, META_DEVICE_ID) or "", identity.key_fingerprint(session))


def trusted_keys(ws: Workspace) -> list[TrustedKey]:
    """Every enrolled key (revoked ones too), by name."""
    with reading(ws) as session:
        return SqlTrustStore(session).all()


def trusted_key(ws: Workspace, fingerprint: str) -> TrustedKey | None:
    """The enrolled key with this fingerprint (any spacing or case); ``ValueError`` if it is not one."""
    with reading(ws) as session:
        return SqlTrustStore(session).get(normalize_fingerprint(fingerprint))


def encryption_key(ws: Workspace, fingerprint: str) -> bytes | None:
    """The X25519 public key to encrypt to: of a trusted, unrevoked key that has one, else ``None``."""
    key = trusted_key(ws, fingerprint)
    return key.x25519_public if key is not None and not key.revoked else None


def pending_export(ws: Workspace, direction: Direction | None = None) -> PendingExport:
    """What an export would carry by default, and the keys it may be encrypted to."""
    with reading(ws) as session:
        direction = direction or identity.default_direction(session)
        own_role = identity.role(session)
        rows = tuple(PendingRow(i.id, i.enterprise.name, i.status, i.revision, tuple(p.name for p in i.inspectors),
                                i.due_date.isoformat() if i.due_date else "")
                     for i in pending_inspections(session, direction))
        other = "inspector" if own_role == "office" else "office"
        keys = tuple(k for k in SqlTrustStore(session).all()
                     if k.role == other and not k.revoked and k.x25519_public is not None)
    return PendingExport(direction, own_role, rows, keys)


def _incoming(record: dict[str, Any]) -> VersionSummary:
    status = str(record.get("status") or "")
    score = record.get("score")
    return VersionSummary(
        _ARRIVES_AS.get(status, status), float(score) if isinstance(score, int | float) else None,
        str(record.get("grade") or ""), str(record.get("outcome") or ""), record.get("answered"),
        len(record.get("findings", [])), tuple(str(p.get("name", "")) for p in record.get("inspectors", [])),
        str(record.get("reviewer_comment") or ""))


def _local(insp: Inspection) -> VersionSummary:
    return VersionSummary(insp.status, insp.score, insp.grade or "", insp.outcome or "", insp.answered,
                          len(insp.findings), tuple(p.name for p in insp.inspectors), insp.reviewer_comment or "")


def open_conflicts(ws: Workspace) -> list[ConflictRow]:
    """Open conflicts, oldest first, with the local and the incoming version summarised."""
    rows = []
    with reading(ws) as session:
        for conflict in _open_conflicts(session):
            local = session.scalar(select(Inspection).where(Inspection.uid == conflict.inspection_uid))
            rows.append(ConflictRow(
                conflict.id, conflict.inspection_uid, local.id if local is not None else None,
                local.enterprise.name if local is not None else conflict.inspection_uid, conflict.local_revision,
                conflict.incoming_revision, conflict.base_revision, conflict.detected_at, conflict.reason,
                _local(local) if local is not None else None, _incoming(json.loads(conflict.record))))
    return rows


def open_conflict_count(ws: Workspace) -> int:
    with reading(ws) as session:
        return session.scalar(select(func.count()).select_from(SyncConflict)
                              .where(SyncConflict.resolved_at.is_(None))) or 0


def inspections_by_uid(ws: Workspace, uids: Iterable[str]) -> dict[str, tuple[int, str]]:
    """uid → (local id, enterprise name) of the inspections here (an import report names them)."""
    wanted = sorted(set(uids))
    if not wanted:
        return {}
    with reading(ws) as session:
        return {i.uid: (i.id, i.enterprise.name)
                for i in session.scalars(select(Inspection).where(Inspection.uid.in_(wanted)))}


def bundle_files(paths: Iterable[Path]) -> list[Path]:
    """The files an import of ``paths`` tries: files as given, the bundle files of folders (sorted)."""
    return collect_paths(paths)


def check_bundle(ws: Workspace, path: Path, *, decryption_key: bytes | None = None) -> BundleCheck:
    """Verify a bundle completely against this workspace's trust store without importing it (an
    encrypted one is decrypted to a temporary file in the workspace first), including that it names the
    device its key is bound to (``device_mismatch``; what its records may change is checked on import,
    docs/bundle-format.md §10). Raises the ``BundleError`` that says what is wrong."""
    with reading(ws) as session, tempfile.TemporaryDirectory(dir=ws.root, prefix=".import-") as tmp:
        plain = Path(path)
        if plain.is_file() and is_encrypted(plain) and decryption_key is not None:
            plain = Path(tmp) / "decrypted.inspbundle"
            decrypt_file(path, plain, decryption_key)
        with verify_bundle(plain, SqlTrustStore(session)) as bundle:
            authorize.check_device(bundle)
            signer = bundle.signer
            return BundleCheck(Path(path), bundle.header, len(bundle.payload), signer.name if signer else "",
                               bundle.signer_fingerprint)
