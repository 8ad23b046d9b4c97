"""Tables of the bundle sync: this installation's identity (``workspace_meta`` keys), the trust store,
imported and exported bundles, per-inspection sync state and the conflict list.  The rules that use them
(the trust store the bundle verifier asks, the device id, the role) are in ``services.sync``.

Revision numbers: every inspection carries ``revision`` (bumped by ``services.audit.touch``).  A sync
moves a revision number unchanged from one workspace to the other, so both sides name the same
content by the same number.  ``InspectionSync.synced_revision`` is the revision at the last exchange
(sent and confirmed, or received); ``acked_revision`` the newest revision the other side confirmed.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from inspector_app.storage.models import Base, now

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
    # An office key's level and area (jurisdiction path) as its signed key file states them ("" otherwise):
    # an office below sends roll-ups under that area (docs/bundle-format.md §5, §12).
    level: Mapped[str] = mapped_column(String(20), default="")
    jurisdiction: Mapped[str] = mapped_column(String(200), default="")
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
