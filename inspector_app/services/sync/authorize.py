"""Who may send what: the rules an import applies behind a valid signature, before a record is written.

Source of every rule here: docs/bundle-format.md §10 ("Who may send what"), written for issue 10
("Trust behind the signature"). In short:

* a signing key is bound to one device, one person (the name it was enrolled under) and one role; a
  bundle naming another device than its key's is refused (``device_mismatch``), so nobody can raise
  another device's sequence number;
* an inspector's bundle may only bring back inspections this office assigned to the key's person
  (``not_assigned``), with the changes an inspector makes – answers, header, inspectors, findings,
  evidence, completion – and nothing else: no templates, no enterprises the office does not have, no
  other enterprise or template, no renamed person, nothing once the office accepted it
  (``not_permitted``), no re-check officer the office does not know (``unknown_officer``); the office's
  own fields (``OFFICE_FIELDS``) and its people's roles (``services.sync.documents``) stay as it has them;
* the audit events an inspector's bundle adds are the key's person's own, and none is an office action
  (``forged_audit``); the records another workspace wrote when it imported *this* office's bundles are
  mirrors of what happened here and are left out, not merged, and so are changes of a person's role
  (the office's register decides roles);
* an office's bundle carries enterprises, templates, campaigns and inspections (assigned, returned,
  accepted – ``services.sync.export.SENDABLE``); an inspector's bundle carrying a campaign, or a record
  kind outside the format, is refused (``not_permitted``).

Every refusal is a ``Rejected`` with its code, the signing key's fingerprint and the record it is about;
the import then rolls the whole bundle back (``services.sync.importing``).
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.bundle.bag_verify import VerifiedBundle
from inspector_app.bundle.evidence import CASE_FILES, REPORTS
from inspector_app.bundle.profile import Direction
from inspector_app.bundle.records import AUDIT_FIELDS, audit_key, fields_of
from inspector_app.bundle.signing import TrustedKey, format_fingerprint, person_name
from inspector_app.domain.lifecycle import InspectionStatus
from inspector_app.services import audit
from inspector_app.services.enterprises import by_uscc
from inspector_app.services.sync.report import Rejected
from inspector_app.storage.models import Inspection, Inspector, TemplateRecord
from inspector_app.storage.models_sync import OutgoingBundle
from inspector_app.translation import _

S = InspectionStatus
#: The record kinds of format version 1 (docs/bundle-format.md §6); campaigns only from an office.
RECORD_KINDS = ("enterprises", "templates", "campaigns", "inspections")
#: Statuses only an office sets (assignment, receipt, review): never by an inspector (§10).
OFFICE_STATUSES = frozenset({S.ASSIGNED.value, S.RECEIVED.value, S.ACCEPTED.value, S.RETURNED.value})
#: Fields of an inspection the office keeps as it has them when an inspector's record replaces its copy
#: (§10): an inspector does not set them, and after a conflict kept locally their copy may hold old values.
OFFICE_FIELDS = ("assigned_at", "created_at", "reviewer_comment")
#: What an inspection's audit trail is about (the ``entity`` of ``services.audit.record`` calls).
INSPECTION_ENTITIES = frozenset({"inspection", "answer", "finding", "photo", "signature", "sheet", "inspector"})
# The reasons an import and a conflict resolution write (services.sync.importing / .conflicts).
_IMPORTED = re.compile(r"bundle ([0-9a-f-]{36}) \(sequence \d+\)")
_RESOLVED = re.compile(r"conflict resolved, bundle ([0-9a-f-]{36})")


def _refuse(bundle: VerifiedBundle, record: str, message: str, code: str) -> Rejected:
    return Rejected(f"[{record}] {message}", code=code, fingerprint=bundle.signer_fingerprint)


def _signer(bundle: VerifiedBundle) -> TrustedKey:
    if bundle.signer is None:  # the import always verifies against the trust store
        raise Rejected(_("数据包未经信任库核验"), code="unknown_key", fingerprint=bundle.signer_fingerprint)
    return bundle.signer


def is_person(actor: str, name: str) -> bool:
    """Whether an audit actor is the person ``name``: the name itself, or the name with the certificate
    number as the application writes it ("陈示范（苏应急执法32040001）")."""
    actor = person_name(actor)
    return actor == name or actor.startswith((f"{name}（", f"{name}("))


# -- the bundle as a whole ----------------------------------------------------------------------------
def check_device(bundle: VerifiedBundle) -> None:
    """The device a bundle names is the one its key is bound to (§10: the sequence is kept per device)."""
    key, header = _signer(bundle), bundle.header
    if not key.device_id or header.device_id != key.device_id:
        bound = key.device_id or _("（未绑定设备：请吊销后让对方用新版本重新导出公钥并登记）")
        raise Rejected(_("数据包声称来自设备 {device_id}，而签名密钥 {fingerprint}（{key_name}）绑定的设备是 {bound}：一把密钥只能代表它登记时的设备（device mismatch）").format(device_id=header.device_id, fingerprint=format_fingerprint(key.fingerprint), key_name=key.name, bound=bound),
                       code="device_mismatch", fingerprint=key.fingerprint)


def check_bundle(session: Session, bundle: VerifiedBundle) -> None:
    """The record kinds, and for an inspector's bundle its templates and enterprises: references to what
    this office already has, never new ones (templates travel only from an office)."""
    for path in bundle.records:
        kind = path.split("/")[2]
        if kind not in RECORD_KINDS:
            raise _refuse(bundle, path, _("不认识的记录种类 {kind!r}（本版本只接受 {RECORD_KINDS}）").format(kind=kind, RECORD_KINDS='、'.join(RECORD_KINDS)),
                          "not_permitted")
    for path in bundle.payload:
        if path.startswith((REPORTS, CASE_FILES)):
            what = _("报告文件") if path.startswith(REPORTS) else _("摘牌案卷的附件")
            raise _refuse(bundle, path, _("{what}只随机关之间的汇总数据包（office-to-parent）传送").format(what=what), "not_permitted")
    if bundle.header.direction is not Direction.INSPECTOR_TO_OFFICE:
        return
    for key, rec in bundle.records_of("campaigns"):
        raise _refuse(bundle, f"campaigns/{key}", _("活动 {campaign_id}@{version}：活动只能由市局（办公室）下发，检查人员的数据包不能带来活动").format(campaign_id=rec.get('campaign_id'), version=rec.get('version')), "not_permitted")
    for key, rec in bundle.records_of("templates"):
        found = session.scalar(select(TemplateRecord).where(TemplateRecord.template_id == rec.get("template_id"),
                                                            TemplateRecord.version == rec.get("version")))
        if found is None or found.sha256 != rec.get("sha256"):
            raise _refuse(bundle, f"templates/{key}", _("检查表 {template_id}@{version} 不是本局下发的（或内容不同）：检查表只能由市局（办公室）下发，检查人员的数据包不能带来检查表").format(template_id=rec.get('template_id'), version=rec.get('version')),
                          "not_permitted")
    for key, rec in bundle.records_of("enterprises"):
        if by_uscc(session, str(rec.get("uscc"))) is None:
            raise _refuse(bundle, f"enterprises/{key}", _("企业 {uscc}（{name}）不在本局的企业名录中：企业名录由市局维护，检查人员的数据包不能新增企业").format(uscc=rec.get('uscc'), name=rec.get('name')), "not_permitted")
    _check_officers(session, bundle)


def _check_officers(session: Session, bundle: VerifiedBundle) -> None:
    """A re-check's officers are people the office knows: in its register, or listed on an inspection
    the bundle carries (a person an inspector added to a team, as the editor allows). The re-check is an
    enforcement act, and who is an enforcement officer is the office's register to say."""
    records = [rec for _key, rec in bundle.records_of("inspections")]
    listed = {str(p["cert_number"]).strip() for rec in records for p in rec["inspectors"]}
    for rec in records:
        for officer in (rec.get("recheck") or {}).get("officers", []):
            cert = str(officer["cert_number"]).strip()
            if cert in listed or session.scalar(select(Inspector.id).where(Inspector.cert_number == cert)) is not None:
                continue
            raise _refuse(bundle, f"inspections/{rec['uid']}", _("复查人员 {name}（{cert}）既不在本局人员名录中，也不是本数据包所列检查的检查人员：复查须由本局登记的行政执法人员进行").format(name=officer['name'], cert=cert), "unknown_officer")


def may_acknowledge(session: Session, uid: str, bundle: VerifiedBundle) -> bool:
    """Whether the bundle's acknowledgement of ``uid`` counts: an inspector acknowledges only what was
    assigned to its key's person (an office's bundles go to every inspector, so everybody's laptop holds
    everybody's assignments; only the assignee's acknowledgement takes one off the office's pending list)."""
    if bundle.header.direction is not Direction.INSPECTOR_TO_OFFICE:
        return True
    local = session.scalar(select(Inspection).where(Inspection.uid == uid))
    return local is not None and _signer(bundle).name in [p.name for p in local.inspectors]


# -- one inspection -----------------------------------------------------------------------------------
def check_inspection(session: Session, rec: dict[str, Any], local: Inspection | None,
                     bundle: VerifiedBundle) -> None:
    """An inspector's inspection record, whatever the import then does with it (update, conflict or
    nothing): assigned to the key's person, same enterprise and template, no renamed person, and audit
    events of the key's person only. Removes from ``rec["audit"]`` the mirrors of this office's own
    events (see the module)."""
    if bundle.header.direction is not Direction.INSPECTOR_TO_OFFICE:
        return
    key, where = _signer(bundle), f"inspections/{rec['uid']}"
    if local is None:
        raise _refuse(bundle, where, _("检查 {uid} 不是本局分配的检查：检查人员的数据包不能新建检查（须由本局先分配，再随数据包下发）").format(uid=rec['uid']), "not_assigned")
    if local.origin:
        raise _refuse(bundle, where, _("检查 {id} 由下级机关（{origin}）持有，随其汇总数据包而来：检查人员的数据包不能更改它").format(id=local.id, origin=local.origin), "not_permitted")
    names = [p.name for p in local.inspectors]
    if key.name not in names:
        raise _refuse(bundle, where, _("检查 {id}（{enterprise_name}）分配给 {names}，而数据包由 {key_name} 的密钥签名：检查人员只能交回分配给自己的检查").format(id=local.id, enterprise_name=local.enterprise.name, names='、'.join(names) or _('（无人）'), key_name=key.name), "not_assigned")
    tpl = rec["template"]
    if rec["enterprise_uscc"] != local.enterprise.uscc:
        raise _refuse(bundle, where, _("检查 {id} 的企业是 {uscc}，数据包却写作 {enterprise_uscc}：检查人员不能更改受检企业").format(id=local.id, uscc=local.enterprise.uscc, enterprise_uscc=rec['enterprise_uscc']), "not_permitted")
    mine = (local.template.template_id, local.template.version, local.template.sha256)
    if (tpl["template_id"], tpl["version"], tpl["sha256"]) != mine:
        raise _refuse(bundle, where, _("检查 {id} 使用检查表 {mine}@{mine2}，数据包却写作 {template_id}@{version}：检查人员不能更换检查表").format(id=local.id, mine=mine[0], mine2=mine[1], template_id=tpl['template_id'], version=tpl['version']), "not_permitted")
    for person in [*rec["inspectors"], *(rec.get("recheck") or {}).get("officers", [])]:
        cert, name = str(person["cert_number"]).strip(), str(person["name"]).strip()
        known = session.scalar(select(Inspector).where(Inspector.cert_number == cert))
        if known is not None and known.name != name:
            raise _refuse(bundle, where, _("证件号 {cert} 在本局名录中是 {known_name}，数据包却写作 {name}：检查人员不能更改人员名录").format(cert=cert, known_name=known.name, name=name), "not_permitted")
    rec["audit"] = _own_events(session, rec, local, bundle, key)


def check_update(rec: dict[str, Any], local: Inspection, bundle: VerifiedBundle) -> None:
    """An inspector's record that is about to replace the office's copy: not once the office accepted it
    (its own fields, ``OFFICE_FIELDS``, the import keeps as the office has them whatever the record says)."""
    if bundle.header.direction is not Direction.INSPECTOR_TO_OFFICE:
        return
    if local.status == S.ACCEPTED:
        raise _refuse(bundle, f"inspections/{rec['uid']}", _("检查 {id}（{enterprise_name}）已由本局验收：检查人员不能再更改（如需修改，须由本局先退回）").format(id=local.id, enterprise_name=local.enterprise.name), "not_permitted")


def _own_events(session: Session, rec: dict[str, Any], local: Inspection, bundle: VerifiedBundle,
                key: TrustedKey) -> list[dict[str, Any]]:
    """The record's audit events without the mirrors; refuses an event that is neither known here, nor
    the key's person's own inspector action, nor a mirror."""
    known = {audit_key(fields_of(event, AUDIT_FIELDS)) for event in audit.trail(session, local.id)}
    kept = []
    for event in rec["audit"]:
        if audit_key(event) in known:
            kept.append(event)
            continue
        verdict = _judge(session, event, rec["uid"], key)
        if verdict == "mirror":
            continue
        if verdict:
            shown = (f"{event.get('actor')}：{event.get('entity')}.{event.get('field')} "
                     f"{event.get('old_value') or '∅'} → {event.get('new_value') or '∅'}（{event.get('at')}）")
            raise _refuse(bundle, f"inspections/{rec['uid']}", _("审计记录“{shown}”{verdict}").format(shown=shown, verdict=verdict), "forged_audit")
        kept.append(event)
    return kept


def _ours(session: Session, pattern: re.Pattern[str], reason: str) -> bool:
    """Whether ``reason`` (as an import or a conflict resolution writes it) names a bundle this office
    exported."""
    match = pattern.fullmatch(reason)
    return match is not None and session.scalar(
        select(OutgoingBundle.sequence).where(OutgoingBundle.bundle_id == match.group(1))) is not None


def _judge(session: Session, event: dict[str, Any], uid: str, key: TrustedKey) -> str:
    """"" to keep a new event, "mirror" to leave it out, else why it is refused."""
    entity, field = str(event.get("entity") or ""), str(event.get("field") or "")
    new, reason = str(event.get("new_value") or ""), str(event.get("reason") or "")
    if entity not in INSPECTION_ENTITIES:
        return _("不是关于检查的记录（{entity}）：检查人员的数据包不能带来这种审计记录").format(entity=entity)
    if entity == "inspector" and field == "role":
        return "mirror"  # roles come from this office: its import of ours, or a change the office ignores
    if field == "number_collision" and _ours(session, _IMPORTED, reason):
        return "mirror"  # their import of this office's bundle found a number taken
    status = entity == "inspection" and field == "status"
    office_action = (status and new in OFFICE_STATUSES) or (entity == "inspection" and field == "reviewer_comment")
    if is_person(str(event.get("actor") or ""), key.name):
        if not office_action or (status and new != S.RECEIVED and _ours(session, _RESOLVED, reason)):
            return ""  # the person's own work, or their taking this office's version of a conflict
        return _("是只有市局（办公室）才能作的操作（{field} → {new}）：检查人员的数据包不能记录它").format(field=field, new=new)
    if status and new != S.RECEIVED and _ours(session, _IMPORTED, reason):
        return "mirror"  # their import of this office's bundle: this office has its own record of it
    if entity == "inspector" and field == "name":
        person = session.scalar(select(Inspector).where(Inspector.cert_number == str(event.get("entity_key"))))
        if person is not None and person.name == new:
            return "mirror"  # their import adopted the name this office uses
    return (_("不是签名密钥的主人 {key_name} 所作：检查人员的数据包只能带来本人的审计记录（检查 {uid}）").format(key_name=key.name, uid=uid))
