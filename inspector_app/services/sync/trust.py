"""The workspace's trust store: the enrolled public keys (``storage.models_sync.TrustedKeyRecord``) seen
as ``bundle.signing.TrustedKey`` values, so the bundle verifier can ask it without knowing the database.

A key is bound to one device, one person (its name) and one role (docs/bundle-format.md §5 and §10;
issue 10, "Trust behind the signature"). Enrolling refuses, with a ``KeyFileError`` whose ``code`` is one
of ``bundle.errors.KEY_CODES``: this workspace's own key or device (``own_key``); a revoked key
(``revoked_key``: only ``unrevoke``, explicit and audited, trusts it again); a key already enrolled under
another name, role or device (``key_enrolled_otherwise``); a device bound to another person's or role's
unrevoked key (``device_taken``); a person whose unrevoked key has the other role (``person_other_role``).
An office enrols another office's key only when the key's signed jurisdiction is directly below this
office's area or directly above it (``not_in_jurisdiction``, ``services.sync.offices``).
Enrolling, revoking and unrevoking are audited (who trusted which key, and when it stopped)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.bundle.errors import KeyFileError
from inspector_app.bundle.signing import (
    DEVICE_ID,
    ROLES,
    TrustedKey,
    format_fingerprint,
    normalize_fingerprint,
    person_name,
)
from inspector_app.domain.errors import NotFoundError
from inspector_app.services import audit
from inspector_app.services.sync import offices
from inspector_app.services.sync.identity import key_fingerprint, meta_get, role
from inspector_app.storage.models import now
from inspector_app.storage.models_sync import META_DEVICE_ID, TrustedKeyRecord
from inspector_app.translation import _

KEY_LENGTH = 32  # an audit row's key holds 60 characters: half the fingerprint (the full one is in the value)


def to_key(record: TrustedKeyRecord) -> TrustedKey:
    return TrustedKey(
        fingerprint=record.fingerprint, public_key=bytes(record.public_key), name=record.name, role=record.role,
        device_id=record.device_id,
        x25519_public=bytes(record.x25519_public) if record.x25519_public is not None else None,
        revoked=record.revoked, enrolled_at=record.enrolled_at.isoformat(sep=" "),
        revoked_at=record.revoked_at.isoformat(sep=" ") if record.revoked_at else "",
        level=record.level, jurisdiction=record.jurisdiction,
    )


def _shown(name: str, role: str) -> str:
    return f"{name}（{role}）"


def _check_others(session: Session, fp: str, name: str, role: str, device_id: str) -> None:
    """No other unrevoked key may hold the same device for another person or role, and one person has
    one role (docs/bundle-format.md §5, "Enrolment")."""
    others = session.scalars(select(TrustedKeyRecord).where(TrustedKeyRecord.fingerprint != fp,
                                                            TrustedKeyRecord.revoked.is_(False)))
    for other in others:
        if other.device_id == device_id and (other.name, other.role) != (name, role):
            raise KeyFileError(_("设备 {device_id} 已绑定 {shown} 的密钥（{fingerprint}）：一台设备只属于一个人、一个角色。如确已换人，请先吊销旧密钥").format(device_id=device_id, shown=_shown(other.name, other.role), fingerprint=format_fingerprint(other.fingerprint)), code="device_taken")
        if other.name == name and other.role != role:
            raise KeyFileError(_("{name} 已有一把角色为 {role} 的密钥（{fingerprint}）：同一人不能同时以 {role2} 的身份登记").format(name=name, role=other.role, fingerprint=format_fingerprint(other.fingerprint), role2=role), code="person_other_role")


def _check_enrolment(session: Session, key: TrustedKey, name: str) -> TrustedKeyRecord | None:
    """The rules of enrolling (see the module); the record of the same key with the same binding, if any."""
    shown = format_fingerprint(key.fingerprint)
    if key.role not in ROLES:
        raise KeyFileError(_("角色必须是 {ROLES} 之一，而不是 {role!r}").format(ROLES='、'.join(ROLES), role=key.role))
    if not name:
        raise KeyFileError(_("登记密钥须写明其主人的姓名或单位"))
    if not DEVICE_ID.fullmatch(key.device_id):
        raise KeyFileError(_("密钥没有有效的设备号（Device-Id）：{device_id!r}").format(device_id=key.device_id))
    own_device = meta_get(session, META_DEVICE_ID) or ""
    if key.fingerprint == key_fingerprint(session) or key.device_id == own_device:
        raise KeyFileError(_("这是本机自己的密钥或设备（{shown}）：本机不能登记自己，应把公钥交给对方登记").format(shown=shown),
                           code="own_key")
    record = session.get(TrustedKeyRecord, key.fingerprint)
    if record is not None:
        if record.revoked:
            raise KeyFileError(_("密钥 {shown}（{shown2}）已在本机吊销，不能重新登记；如确需恢复信任，请用“撤销吊销”（keys unrevoke），该操作会记入审计记录").format(shown=shown, shown2=_shown(record.name, record.role)),
                               code="revoked_key")
        if (record.name, record.role) != (name, key.role) or record.device_id not in ("", key.device_id) \
                or record.jurisdiction not in ("", key.jurisdiction):
            where = _("、辖区 {jurisdiction}").format(jurisdiction=record.jurisdiction) if record.jurisdiction else ""
            raise KeyFileError(_("密钥 {shown} 已登记为 {shown2}、设备 {device_id}{where}：不能再以 {shown3}、设备 {device_id2}{area} 登记").format(shown=shown, shown2=_shown(record.name, record.role), device_id=record.device_id, where=where, shown3=_shown(name, key.role), device_id2=key.device_id, area=_('、辖区 {jurisdiction}').format(jurisdiction=key.jurisdiction) if key.jurisdiction else ''),
                               code="key_enrolled_otherwise")
    _check_others(session, key.fingerprint, name, key.role, key.device_id)
    if key.role == "office" and key.jurisdiction and role(session) == "office":
        offices.relation(session, key.level, key.jurisdiction)  # a child or the parent, else refused
    return record


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
        """Trust ``key`` under its name, role and device – or refuse (``KeyFileError``, see the module).
        Enrolling the same key with the same binding again only takes a new X25519 key (audited)."""
        name = person_name(key.name)
        record = _check_enrolment(self.session, key, name)
        area = f", {key.level} {key.jurisdiction}" if key.jurisdiction else ""
        described = f"{name} ({key.role}, device {key.device_id}{area}) {format_fingerprint(key.fingerprint)}"
        if record is not None:
            if key.x25519_public is not None and key.x25519_public != record.x25519_public:
                record.x25519_public = key.x25519_public
                self._audit(key.fingerprint, "x25519", described)
            if not record.device_id:  # enrolled before keys were bound to devices
                record.device_id = key.device_id
                self._audit(key.fingerprint, "device", described)
            if key.jurisdiction and not record.jurisdiction:  # enrolled before office keys named their area
                record.level, record.jurisdiction = key.level, key.jurisdiction
                self._audit(key.fingerprint, "jurisdiction", described)
            self.session.flush()
            return
        record = TrustedKeyRecord(fingerprint=key.fingerprint, public_key=key.public_key,
                                  x25519_public=key.x25519_public, name=name, role=key.role,
                                  device_id=key.device_id, level=key.level, jurisdiction=key.jurisdiction,
                                  enrolled_at=now(), revoked=False, revoked_at=None)
        self.session.add(record)
        self._audit(key.fingerprint, "enrolled", described)
        self.session.flush()

    def revoke(self, fp: str, when: str = "") -> None:
        record = self._record(fp)
        record.revoked = True
        record.revoked_at = now()
        self._audit(record.fingerprint, "revoked", f"{record.name} ({record.role}) {format_fingerprint(fp)}")
        self.session.flush()

    def unrevoke(self, fp: str) -> None:
        """Trust a revoked key again – explicit and audited; the binding rules of enrolment still apply
        (the device or the person may meanwhile have another key)."""
        record = self._record(fp)
        shown = format_fingerprint(record.fingerprint)
        if not record.revoked:
            raise KeyFileError(_("密钥 {shown}（{shown2}）没有被吊销").format(shown=shown, shown2=_shown(record.name, record.role)), code="not_revoked")
        _check_others(self.session, record.fingerprint, record.name, record.role, record.device_id)
        was = record.revoked_at.isoformat(sep=" ", timespec="seconds") if record.revoked_at else ""
        record.revoked = False
        record.revoked_at = None
        audit.record(self.session, None, "trusted_key", record.fingerprint[:KEY_LENGTH], "unrevoked",
                     f"revoked {was}", f"{record.name} ({record.role}) {shown}", self.actor)
        self.session.flush()

    def all(self) -> list[TrustedKey]:
        return [to_key(r) for r in self.session.scalars(select(TrustedKeyRecord).order_by(TrustedKeyRecord.name))]

    def _record(self, fp: str) -> TrustedKeyRecord:
        canonical = normalize_fingerprint(fp)
        record = self.session.get(TrustedKeyRecord, canonical)
        if record is None:
            raise NotFoundError(f"no enrolled key has fingerprint {format_fingerprint(canonical)}")
        return record

    def _audit(self, fp: str, what: str, described: str) -> None:
        audit.record(self.session, None, "trusted_key", fp[:KEY_LENGTH], what, "", described, self.actor)
