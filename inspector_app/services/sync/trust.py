"""The workspace's trust store: the enrolled public keys (``storage.models_sync.TrustedKeyRecord``) seen
as ``bundle.signing.TrustedKey`` values, so the bundle verifier can ask it without knowing the database.
Enrolling and revoking are audited (who trusted which key, and when it stopped)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.bundle.signing import TrustedKey, format_fingerprint, normalize_fingerprint
from inspector_app.domain.errors import NotFoundError
from inspector_app.services import audit
from inspector_app.storage.models import now
from inspector_app.storage.models_sync import TrustedKeyRecord

KEY_LENGTH = 32  # an audit row's key holds 60 characters: half the fingerprint (the full one is in the value)


def to_key(record: TrustedKeyRecord) -> TrustedKey:
    return TrustedKey(
        fingerprint=record.fingerprint, public_key=bytes(record.public_key), name=record.name, role=record.role,
        device_id=record.device_id,
        x25519_public=bytes(record.x25519_public) if record.x25519_public is not None else None,
        revoked=record.revoked, enrolled_at=record.enrolled_at.isoformat(sep=" "),
        revoked_at=record.revoked_at.isoformat(sep=" ") if record.revoked_at else "",
    )


class SqlTrustStore:
    """The workspace's trust store (``bundle.signing.TrustStore``); the caller owns the session and the
    transaction. ``actor``: who enrols or revokes, for the audit trail."""

    def __init__(self, session: Session, actor: str = "") -> None:
        self.session = session
        self.actor = actor

    def get(self, fp: str) -> TrustedKey | None:
        record = self.session.get(TrustedKeyRecord, fp)
        return to_key(record) if record is not None else None

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
        audit.record(self.session, None, "trusted_key", key.fingerprint[:KEY_LENGTH], "enrolled", "",
                     f"{key.name} ({key.role}) {format_fingerprint(key.fingerprint)}", self.actor)
        self.session.flush()

    def revoke(self, fp: str, when: str = "") -> None:
        canonical = normalize_fingerprint(fp)
        record = self.session.get(TrustedKeyRecord, canonical)
        if record is None:
            raise NotFoundError(f"no enrolled key has fingerprint {format_fingerprint(canonical)}")
        record.revoked = True
        record.revoked_at = now()
        audit.record(self.session, None, "trusted_key", canonical[:KEY_LENGTH], "revoked", "",
                     f"{record.name} ({record.role}) {format_fingerprint(canonical)}", self.actor)
        self.session.flush()

    def all(self) -> list[TrustedKey]:
        return [to_key(r) for r in self.session.scalars(select(TrustedKeyRecord).order_by(TrustedKeyRecord.name))]
