"""Tables of the bundle sync: this installation's identity, the trust store, imported and exported
bundles, per-inspection sync state and the conflict list.  Plus ``SqlTrustStore``, the trust store of
``inspector_app.bundle.signing`` kept in the workspace.

Revision numbers: every inspection carries ``revision`` (bumped by ``services.audit.touch``).  A sync
moves a revision number unchanged from one workspace to the other, so both sides name the same
content by the same number.  ``InspectionSync.synced_revision`` is the revision at the last exchange
(sent and confirmed, or received); ``acked_revision`` the newest revision the other side confirmed.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Boolean, DateTime, Integer, LargeBinary, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from inspector_app.bundle.signing import TrustedKey, format_fingerprint, normalize_fingerprint
from inspector_app.domain.errors import NotFoundError
from inspector_app.storage.models import Base, Meta, now

META_DEVICE_ID = "sync.device_id"
META_DEVICE_NAME = "sync.device_name"
META_KEY_FINGERPRINT = "sync.key_fingerprint"  # this installation's signing key
META_ROLE = "sync.role"  # "inspector" (field laptop) or "office"


class TrustedKeyRecord(Base):
    """An enrolled public key (fingerprint confirmed in person or by phone), possibly revoked."""

    __tablename__ = "sync_trusted_keys"
    fingerprint: Mapped[str] = mapped_column(String(64), primary_key=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    x25519_public: Mapped[bytes | None] = mapped_column(LargeBinary(32), nullable=True)
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))  # inspector / office
    device_id: Mapped[str] = mapped_column(String(64), default="")
    enrolled_at: Mapped[datetime] = mapped_column(DateTime, default=now)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class ImportedBundle(Base):
    """Every bundle applied here: importing the same bundle id again changes nothing."""

    __tablename__ = "sync_imported_bundles"
    bundle_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(64), index=True)
    key_fingerprint: Mapped[str] = mapped_column(String(64))
    sequence: Mapped[int] = mapped_column(Integer)
    direction: Mapped[str] = mapped_column(String(30))
    created_at: Mapped[str] = mapped_column(String(40))
    imported_at: Mapped[datetime] = mapped_column(DateTime, default=now)
    file_name: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")  # JSON counts of the import report


class PeerSequence(Base):
    """The highest sequence number imported from each producing device (replay protection)."""

    __tablename__ = "sync_peer_sequences"
    device_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    last_sequence: Mapped[int] = mapped_column(Integer, default=0)
    last_bundle_id: Mapped[str] = mapped_column(String(36), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=now)


class OutgoingBundle(Base):
    """Sequence numbers handed out by this installation; reserved before a bundle is written."""

    __tablename__ = "sync_outgoing_bundles"
    sequence: Mapped[int] = mapped_column(Integer, primary_key=True)
    bundle_id: Mapped[str] = mapped_column(String(36), unique=True)
    direction: Mapped[str] = mapped_column(String(30))
    state: Mapped[str] = mapped_column(String(10), default="reserved")  # reserved / written
    created_at: Mapped[datetime] = mapped_column(DateTime, default=now)
    file_name: Mapped[str] = mapped_column(Text, default="")
    inspections: Mapped[str] = mapped_column(Text, default="[]")  # JSON [[uid, revision], ...]


class InspectionSync(Base):
    """Per inspection (by uid): the revision of the last exchange and the newest one acknowledged."""

    __tablename__ = "sync_inspection_state"
    inspection_uid: Mapped[str] = mapped_column(String(36), primary_key=True)
    synced_revision: Mapped[int | None] = mapped_column(Integer, nullable=True)
    acked_revision: Mapped[int | None] = mapped_column(Integer, nullable=True)
    peer_device: Mapped[str] = mapped_column(String(64), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=now)


class SyncConflict(Base):
    """An incoming revision that does not follow the local one; kept for a person to decide."""

    __tablename__ = "sync_conflicts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    inspection_uid: Mapped[str] = mapped_column(String(36), index=True)
    bundle_id: Mapped[str] = mapped_column(String(36))
    device_id: Mapped[str] = mapped_column(String(64))
    local_revision: Mapped[int] = mapped_column(Integer)
    incoming_revision: Mapped[int] = mapped_column(Integer)
    base_revision: Mapped[int | None] = mapped_column(Integer, nullable=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    record: Mapped[str] = mapped_column(Text)  # the incoming inspection record (JSON)
    detected_at: Mapped[datetime] = mapped_column(DateTime, default=now)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    resolution: Mapped[str] = mapped_column(String(20), default="")  # kept-local / took-incoming


# -- identity -------------------------------------------------------------------------------------
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


# -- trust store ----------------------------------------------------------------------------------
def _to_key(record: TrustedKeyRecord) -> TrustedKey:
    return TrustedKey(
        fingerprint=record.fingerprint, public_key=bytes(record.public_key), name=record.name, role=record.role,
        device_id=record.device_id,
        x25519_public=bytes(record.x25519_public) if record.x25519_public is not None else None,
        revoked=record.revoked, enrolled_at=record.enrolled_at.isoformat(sep=" "),
        revoked_at=record.revoked_at.isoformat(sep=" ") if record.revoked_at else "",
    )


class SqlTrustStore:
    """The workspace's trust store; the caller owns the session and the transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, fp: str) -> TrustedKey | None:
        record = self.session.get(TrustedKeyRecord, fp)
        return _to_key(record) if record is not None else None

    def enrol(self, key: TrustedKey) -> None:
        record = self.session.get(TrustedKeyRecord, key.fingerprint)
        if record is None:
            record = TrustedKeyRecord(fingerprint=key.fingerprint)
            self.session.add(record)
        record.public_key = key.public_key
        record.x25519_public = key.x25519_public
        record.name = key.name
        record.role = key.role
        record.device_id = key.device_id
        record.enrolled_at = now()
        record.revoked = False
        record.revoked_at = None
        self.session.flush()

    def revoke(self, fp: str, when: str = "") -> None:
        canonical = normalize_fingerprint(fp)
        record = self.session.get(TrustedKeyRecord, canonical)
        if record is None:
            raise NotFoundError(f"no enrolled key has fingerprint {format_fingerprint(canonical)}")
        record.revoked = True
        record.revoked_at = now()
        self.session.flush()

    def all(self) -> list[TrustedKey]:
        return [_to_key(r) for r in self.session.scalars(select(TrustedKeyRecord).order_by(TrustedKeyRecord.name))]
