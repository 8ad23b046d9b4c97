"""Who signs, signatures and refusals to sign: strokes kept as data and rendered to PNG, one current
signature per signer and role, every change audited. Completing an inspection needs them (see
``services.completion``).

Who signs (DOMAIN.md §2, §6): every person on an inspection has a role, given by the certificate they
hold – 行政执法人员 (执法证) or 评审专家 (评审员证). At least two officers sign the enforcement documents;
experts sign the score sheet only. A signature is made within or after the inspection, never before."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.domain.errors import NotFoundError, ValidationError
from inspector_app.photos.signature import is_blank, store_signature, strokes_from_json, strokes_to_json
from inspector_app.photos.store import PhotoStore
from inspector_app.services import audit
from inspector_app.services.inspections import get as get_inspection
from inspector_app.services.inspections import require_editable
from inspector_app.storage.models import OFFICER, PERSON_ROLES, Inspection, InspectionInspector, Inspector
from inspector_app.storage.models_evidence import SIGNER_ROLES, Signature
from inspector_app.translation import N_, _
from inspector_app.translation import listing as join_words

ROLE_LABELS = {"inspector": N_("检查人员"), "enterprise_rep": N_("被检查单位负责人"), "witness": N_("见证人")}


def officers_of(inspection: Inspection) -> list[Inspector]:
    return [p for p in inspection.inspectors if p.role == OFFICER]


def team_problems(inspection: Inspection) -> list[str]:
    """Why the people on the inspection cannot sign its enforcement documents ([] when they can)."""
    officers = officers_of(inspection)
    if len(officers) >= 2:
        return []
    experts = [p.name for p in inspection.inspectors if p.role != OFFICER]
    have = _("现有 {count} 名").format(count=len(officers)) + (
        _("（{names} 是评审专家，只在评分表上签名）").format(names=join_words(experts)) if experts else "")
    return [_("执法文书须由至少两名行政执法人员（持执法证）签名，{have}").format(have=have)]


def set_role(session: Session, cert_number: str, role: str, actor: str) -> list[Inspection]:
    """The role of the person holding ``cert_number`` (``PERSON_ROLES``); audited on every inspection that
    lists them, which are returned. An inspection that is locked keeps the role it was completed with
    in its audit trail; the change applies to documents printed from now on."""
    if role not in PERSON_ROLES:
        raise ValidationError(_("角色“{role}”无效，应为 {roles}").format(
            role=role, roles=join_words(f"{k}（{_(v)}）" for k, v in PERSON_ROLES.items())))
    person = session.scalar(select(Inspector).where(Inspector.cert_number == cert_number.strip()))
    if person is None:
        raise NotFoundError(_("没有证件号为 {number} 的人员").format(number=cert_number))
    listing = list(session.scalars(select(Inspection).join(InspectionInspector)
                                   .where(InspectionInspector.inspector_id == person.id)))
    if person.role != role:
        for inspection in listing:
            audit.record(session, inspection, "inspector", person.cert_number, "role",
                         PERSON_ROLES.get(person.role, person.role), PERSON_ROLES[role], actor)
            audit.touch(inspection)
        person.role = role
    return listing


def check_signing_time(inspection: Inspection, signed_at: datetime) -> None:
    """A signature is made within or after the inspection, never before it started."""
    if inspection.started_at is not None and signed_at < inspection.started_at:
        raise ValidationError(_("签名时间（{signed}）早于检查开始时间（{start}）").format(
            signed=f"{signed_at:%Y-%m-%d %H:%M}", start=f"{inspection.started_at:%Y-%m-%d %H:%M}"))


def list_signatures(session: Session, inspection_id: int) -> list[Signature]:
    stmt = select(Signature).where(Signature.inspection_id == inspection_id).order_by(Signature.id)
    return list(session.scalars(stmt))


def _inspector_id_for(inspection: Inspection, signer_name: str, inspector_id: int | None) -> int:
    for person in inspection.inspectors:
        if (inspector_id is not None and person.id == inspector_id) or \
                (inspector_id is None and person.name == signer_name):
            return person.id
    raise ValidationError(_("{name} 不是检查 {id} 的检查人员").format(name=signer_name, id=inspection.id))


def save_signature(session: Session, store: PhotoStore | None, inspection_id: int, role: str, signer_name: str,
                   strokes: Sequence[Sequence[Sequence[float]]] | str, actor: str, *,
                   inspector_id: int | None = None, signed_at: datetime | None = None) -> Signature:
    """Store a signature (strokes as a list or their JSON) with its PNG; a new signature by the same
    signer in the same role replaces the earlier one. With ``store`` None only the strokes are kept
    (the image can be rendered from them at any time with ``photos.signature.render_signature``)."""
    inspection = get_inspection(session, inspection_id)
    require_editable(inspection)
    if role not in SIGNER_ROLES:
        raise ValidationError(_("签名角色“{role}”无效，应为 {roles}").format(role=role, roles=", ".join(SIGNER_ROLES)))
    name = signer_name.strip()
    if not name:
        raise ValidationError(_("签名人姓名不能为空"))
    parsed = strokes_from_json(strokes) if isinstance(strokes, str) else strokes
    if is_blank(parsed):
        raise ValidationError(_("{name} 的签名是空白的").format(name=name))
    if role == "inspector":
        inspector_id = _inspector_id_for(inspection, name, inspector_id)
    when = signed_at or datetime.now().replace(microsecond=0)
    check_signing_time(inspection, when)
    image_sha = store_signature(store, parsed).sha256 if store is not None else ""
    for old in list_signatures(session, inspection_id):
        if old.role == role and old.signer_name == name and role != "witness":
            audit.record(session, inspection, "signature", old.uid, "replaced", old.signed_at, "", actor)
            session.delete(old)
    row = Signature(inspection_id=inspection_id, role=role, signer_name=name, inspector_id=inspector_id,
                    signed_at=when,
                    strokes_json=strokes_to_json(parsed), image_sha256=image_sha, recorded_by=actor)
    session.add(row)
    session.flush()
    audit.record(session, inspection, "signature", row.uid, "signed", "", f"{ROLE_LABELS[role]} {name}", actor)
    audit.touch(inspection)
    return row


def record_refusal(session: Session, store: PhotoStore | None, inspection_id: int, signer_name: str, reason: str,
                   actor: str, *, role: str = "enterprise_rep", witness_name: str = "",
                   witness_strokes: Sequence[Sequence[Sequence[float]]] | str | None = None,
                   signed_at: datetime | None = None) -> Signature:
    """Record that ``signer_name`` refused to sign (at ``signed_at``, default now), why, and optionally a
    witness's signature."""
    inspection = get_inspection(session, inspection_id)
    require_editable(inspection)
    if role not in ("enterprise_rep", "witness"):
        raise ValidationError(_("只能记录被检查单位负责人或见证人拒绝签名"))
    if not reason.strip():
        raise ValidationError(_("须填写拒绝签名的理由或情况"))
    when = signed_at or datetime.now().replace(microsecond=0)
    check_signing_time(inspection, when)
    witness = None
    if witness_strokes is not None:
        witness = save_signature(session, store, inspection_id, "witness", witness_name or "见证人",
                                 witness_strokes, actor, signed_at=when)
    name = signer_name.strip() or ROLE_LABELS[role]
    for old in list_signatures(session, inspection_id):
        if old.role == role and old.signer_name == name:
            audit.record(session, inspection, "signature", old.uid, "replaced", old.signed_at, "", actor)
            session.delete(old)
    row = Signature(inspection_id=inspection_id, role=role, signer_name=name,
                    refused=True, refusal_reason=reason.strip(), witness_id=witness.id if witness else None,
                    signed_at=when, recorded_by=actor)
    session.add(row)
    session.flush()
    audit.record(session, inspection, "signature", row.uid, "refused", "", reason.strip(), actor)
    audit.touch(inspection)
    return row


def get_signature(session: Session, signature_id: int) -> Signature:
    row = session.get(Signature, signature_id)
    if row is None:
        raise NotFoundError(_("没有编号为 {id} 的签名").format(id=signature_id))
    return row


def remove_signature(session: Session, signature_id: int, actor: str) -> None:
    row = get_signature(session, signature_id)
    inspection = get_inspection(session, row.inspection_id)
    require_editable(inspection)
    audit.record(session, inspection, "signature", row.uid, "deleted", f"{row.role} {row.signer_name}", "", actor)
    session.delete(row)
    audit.touch(inspection)


def signature_document(row: Signature) -> dict[str, Any]:
    return {"id": row.id, "uid": row.uid, "role": row.role, "signer_name": row.signer_name,
            "inspector_id": row.inspector_id, "signed_at": row.signed_at.isoformat() if row.signed_at else None,
            "image_sha256": row.image_sha256 or None, "refused": row.refused,
            "refusal_reason": row.refusal_reason or None, "witness_id": row.witness_id}
