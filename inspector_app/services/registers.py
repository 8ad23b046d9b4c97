"""The registers of review organisations (评审单位), consultancies (咨询服务单位) and reviewers (评审人员/专家),
with the staff lists, the declared links between organisations and what stands behind each certificate
(issue 13; models in ``storage.models_registers``).

Every change is audited (``services.audit``; inspection None, entity ``organisation`` / ``reviewer`` /
``certification``, key the record's uid or the enterprise's USCC). An edit from a form names the
``version`` it read and is refused (``StaleEditError``) when the record moved since; every write bumps
``version``. Statuses (暂停评审活动, 黑名单 …) follow the sanctions (``services.sanctions.refresh_status``);
edits and imports leave them alone. ``set_org_status`` / ``set_reviewer_status`` set one where no
sanction is recorded (the demo's planted statuses), audited.

Relations between organisations (相关方) are *declared* (``OrgLink`` rows) or *found*: the same legal
representative, one a shareholder of the other, or a shareholder in common (``related_parties``)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from inspector_app.domain import uscc
from inspector_app.domain.errors import NotFoundError, StaleEditError, ValidationError
from inspector_app.services import audit
from inspector_app.storage.models import Enterprise, now
from inspector_app.storage.models_registers import (
    ORG_KINDS,
    ORG_STATUSES,
    RELATIONS,
    REVIEWER_STATUSES,
    Certification,
    CertificationReviewer,
    ConsultancyStaff,
    Organisation,
    OrgLink,
    Reviewer,
)
from inspector_app.translation import N_, _, listing

# What a form (or an import) may change, labelled as people read them (N_: shown in the interface language where
# they are shown); the statuses follow from sanctions.
ORG_FIELDS: dict[str, str] = {
    "name": N_("名称"), "uscc": N_("统一社会信用代码"), "kind": N_("类别"), "legal_rep": N_("法定代表人"), "shareholders": N_("股东"),
    "qualification": N_("资质"), "qualification_scope": N_("资质范围"), "note": N_("备注")}
REVIEWER_FIELDS: dict[str, str] = {"name": N_("姓名"), "cert_number": N_("证书号"), "org_id": N_("所属单位"),
                                   "specialities": N_("专业")}
LIST_JOINER = "、"


def normalise_text(value: object) -> str:
    """NFKC (full-width digits and letters as typed by a Chinese input method), trimmed."""
    return unicodedata.normalize("NFKC", "" if value is None else str(value)).strip()


def names_of(text: str) -> list[str]:
    """The parts of a stored list (shareholders, scope, specialities), joined by “、”."""
    return [part for part in (p.strip() for p in text.split(LIST_JOINER)) if part]


def join_names(parts: Iterable[str]) -> str:
    return LIST_JOINER.join(dict.fromkeys(p.strip() for p in parts if p.strip()))


def kind_of(text: str) -> str | None:
    """“评审单位”, “评审机构”, “review” → review; “咨询服务单位”, “咨询”, “consulting” → consulting."""
    value = normalise_text(text).lower()
    if value in ORG_KINDS:
        return value
    if "评审" in value:
        return "review"
    if "咨询" in value:
        return "consulting"
    return None


# --- look-ups ------------------------------------------------------------------------------------

def get_org(session: Session, org_id: int) -> Organisation:
    found = session.get(Organisation, org_id)
    if found is None:
        raise NotFoundError(_("没有编号为 {org_id} 的单位").format(org_id=org_id))
    return found


def org_by_key(session: Session, key: str) -> Organisation | None:
    """An organisation by its exact name or its credit code."""
    text = normalise_text(key)
    if not text:
        return None
    found = session.scalar(select(Organisation).where(Organisation.name == text))
    if found is None and (code := uscc.normalise(text)):
        found = session.scalars(select(Organisation).where(Organisation.uscc == code)).first()
    return found


def find_org(session: Session, key: str) -> Organisation:
    found = org_by_key(session, key)
    if found is None:
        raise NotFoundError(_("单位名录中没有“{key}”（名称或统一社会信用代码；先用 orgs import 导入）").format(key=key))
    return found


def get_reviewer(session: Session, reviewer_id: int) -> Reviewer:
    found = session.get(Reviewer, reviewer_id)
    if found is None:
        raise NotFoundError(_("没有编号为 {reviewer_id} 的评审人员").format(reviewer_id=reviewer_id))
    return found


def reviewer_by_cert(session: Session, cert_number: str) -> Reviewer | None:
    return session.scalar(select(Reviewer).where(Reviewer.cert_number == normalise_text(cert_number)))


# --- checks and edits ----------------------------------------------------------------------------

def org_problems(session: Session, values: Mapping[str, Any], org: Organisation | None = None) -> list[tuple[str, str]]:
    """(field, problem) pairs for an organisation's new values (a new one when ``org`` is None)."""
    found: list[tuple[str, str]] = []
    name = values.get("name", org.name if org is not None else "")
    if "name" in values or org is None:
        if not name:
            found.append(("name", _("单位名称不能为空")))
        else:
            other = session.scalar(select(Organisation.id).where(Organisation.name == name))
            if other is not None and (org is None or other != org.id):
                found.append(("name", _("单位名录中已有名为“{name}”的单位").format(name=name)))
    code = values.get("uscc", "")
    if code:
        check = uscc.check(code)
        if not check.valid:
            found.append(("uscc", check.problem))
        holder = session.execute(select(Organisation.id, Organisation.name).where(Organisation.uscc == code)
                                 .limit(1)).first()
        if holder is not None and (org is None or holder.id != org.id):
            found.append(("uscc", _("统一社会信用代码 {code} 已属于“{name}”").format(code=code, name=holder.name)))
    if "kind" in values or org is None:
        kind = values.get("kind", "")
        if kind not in ORG_KINDS:
            found.append(("kind", _("类别“{kind}”无效，应为 {items}").format(
                kind=kind, items='/'.join(ORG_KINDS.values()))))
    return found


def _check_version(record: Organisation | Reviewer, expected_version: int, what: str) -> None:
    if record.version != expected_version:
        raise StaleEditError(_("{what}已被他人修改（您看到的是第 {expected_version} 版，现在是第 {version} 版），未保存您的修改；请重新打开后再改").format(
            what=what, expected_version=expected_version, version=record.version))


def _apply(session: Session, record: Organisation | Reviewer, entity: str, values: Mapping[str, Any],
           labels: Mapping[str, str], actor: str, reason: str = "") -> list[str]:
    """Set the values that differ, one audit row each; bump version and time. Returns the changed fields."""
    changed = []
    for name, new in values.items():
        old = getattr(record, name)
        if old == new:
            continue
        audit.record(session, None, entity, record.uid, name, old, new, actor, reason)
        setattr(record, name, new)
        changed.append(labels.get(name, name))
    if changed:
        record.version = (record.version or 1) + 1
        record.updated_at = now()
    return changed


def clean_org_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """A form's or a file's values as stored: texts trimmed, the code normalised, lists joined by “、”."""
    unknown = set(values) - set(ORG_FIELDS)
    if unknown:
        raise ValidationError(_("单位没有这些可修改的字段：{items}").format(items=listing(sorted(unknown))))
    cleaned: dict[str, Any] = {}
    for name, value in values.items():
        if name == "uscc":
            cleaned[name] = uscc.normalise(normalise_text(value))
        elif name == "kind":
            cleaned[name] = kind_of(str(value)) or str(value)
        elif name in ("shareholders", "qualification_scope") and isinstance(value, list | tuple):
            cleaned[name] = join_names(str(v) for v in value)
        else:
            cleaned[name] = str(value or "").strip()
    return cleaned


def create_org(session: Session, values: Mapping[str, Any], actor: str, reason: str = "") -> Organisation:
    cleaned = clean_org_values(values)
    issues = org_problems(session, cleaned)
    if issues:
        raise ValidationError("；".join(message for _, message in issues))
    org = Organisation(**cleaned)
    session.add(org)
    session.flush()
    audit.record(session, None, "organisation", org.uid, "created", "", f"{ORG_KINDS[org.kind]} {org.name}", actor,
                 reason)
    return org


def update_org(session: Session, org: Organisation, expected_version: int | None, actor: str,
               values: Mapping[str, Any], reason: str = "") -> list[str]:
    """Change an organisation's fields (``ORG_FIELDS``); ``expected_version`` None skips the version check
    (an import, which holds the write lock). Returns the labels of the fields that changed."""
    if expected_version is not None:
        _check_version(org, expected_version, f"单位“{org.name}”")
    cleaned = clean_org_values(values)
    issues = org_problems(session, cleaned, org)
    if issues:
        raise ValidationError("；".join(message for _, message in issues))
    return _apply(session, org, "organisation", cleaned, ORG_FIELDS, actor, reason)


def reviewer_values(session: Session, values: Mapping[str, Any], reviewer: Reviewer | None = None) -> dict[str, Any]:
    """A form's values as stored, checked: ``org`` (a name or code) becomes ``org_id``."""
    allowed = {*REVIEWER_FIELDS, "org"}
    unknown = set(values) - allowed
    if unknown:
        raise ValidationError(_("评审人员没有这些可修改的字段：{items}").format(items=listing(sorted(unknown))))
    cleaned: dict[str, Any] = {}
    for name, value in values.items():
        if name == "org":
            cleaned["org_id"] = find_org(session, str(value)).id if value else None
        elif name == "org_id":
            cleaned["org_id"] = get_org(session, int(value)).id if value is not None else None
        elif name == "specialities" and isinstance(value, list | tuple):
            cleaned[name] = join_names(str(v) for v in value)
        else:
            cleaned[name] = normalise_text(value) if name == "cert_number" else str(value or "").strip()
    if "name" in cleaned and not cleaned["name"]:
        raise ValidationError(_("评审人员姓名不能为空"))
    if "cert_number" in cleaned:
        cert = cleaned["cert_number"]
        if not cert:
            raise ValidationError(_("证书号不能为空"))
        other = reviewer_by_cert(session, cert)
        if other is not None and (reviewer is None or other.id != reviewer.id):
            raise ValidationError(_("证书号 {cert} 已属于评审人员“{name}”").format(cert=cert, name=other.name))
    return cleaned


def create_reviewer(session: Session, values: Mapping[str, Any], actor: str, reason: str = "") -> Reviewer:
    cleaned = reviewer_values(session, values)
    if not cleaned.get("name") or not cleaned.get("cert_number"):
        raise ValidationError(_("评审人员须有姓名和证书号"))
    reviewer = Reviewer(**cleaned)
    session.add(reviewer)
    session.flush()
    audit.record(session, None, "reviewer", reviewer.uid, "created", "", f"{reviewer.name} {reviewer.cert_number}",
                 actor, reason)
    return reviewer


def update_reviewer(session: Session, reviewer: Reviewer, expected_version: int | None, actor: str,
                    values: Mapping[str, Any], reason: str = "") -> list[str]:
    """Change a reviewer's name, certificate number, organisation (``org``: name or code, or ``org_id``)
    or specialities; as ``update_org``."""
    if expected_version is not None:
        _check_version(reviewer, expected_version, f"评审人员“{reviewer.name}”")
    cleaned = reviewer_values(session, values, reviewer)
    return _apply(session, reviewer, "reviewer", cleaned, REVIEWER_FIELDS, actor, reason)


def set_org_status(session: Session, org: Organisation, status: str, since: date | None, until: date | None,
                   actor: str, reason: str = "") -> None:
    """An organisation's standing as its sanctions give it (暂停评审活动 since … until …)."""
    if status not in ORG_STATUSES:
        raise ValidationError(_("单位状态“{status}”无效，应为 {items}").format(
            status=status, items='/'.join(ORG_STATUSES)))
    _apply(session, org, "organisation", {"status": status, "status_since": since, "status_until": until},
           {"status": "状态", "status_since": "状态起始", "status_until": "状态截止"}, actor, reason)


def set_reviewer_status(session: Session, reviewer: Reviewer, status: str, since: date | None, actor: str,
                        reason: str = "") -> None:
    """A reviewer's standing as the sanctions give it (黑名单 since …, with its reason)."""
    if status not in REVIEWER_STATUSES:
        raise ValidationError(_("评审人员状态“{status}”无效，应为 {items}").format(
            status=status, items='/'.join(REVIEWER_STATUSES)))
    _apply(session, reviewer, "reviewer", {"status": status, "status_since": since, "status_reason": reason},
           {"status": "状态", "status_since": "状态起始", "status_reason": "原因"}, actor, reason)


# --- links, staff, certifications ----------------------------------------------------------------

def relation_of(text: str) -> str:
    """A declared relation's kind from its description: shareholding, the same legal representative,
    or any other relation (declared)."""
    value = normalise_text(text)
    if value in RELATIONS:
        return value
    if any(word in value for word in ("股东", "控股", "持股", "参股", "出资")):
        return "shareholder"
    if "法定代表人" in value or "法人" in value:
        return "same_legal_rep"
    return "declared"


def link_between(session: Session, org: Organisation, other: Organisation, relation: str) -> OrgLink | None:
    """The declared link of this kind between the two, in either direction."""
    return session.scalar(select(OrgLink).where(
        OrgLink.relation == relation,
        or_((OrgLink.org_id == org.id) & (OrgLink.other_id == other.id),
            (OrgLink.org_id == other.id) & (OrgLink.other_id == org.id))))


def add_link(session: Session, org: Organisation, other: Organisation, relation: str, note: str, actor: str,
             ) -> tuple[OrgLink, bool]:
    """Declare a relation (``RELATIONS``) between two organisations. Returns (link, created); an existing
    link of the same kind takes the new note."""
    if relation not in RELATIONS:
        raise ValidationError(_("关联关系“{relation}”无效，应为 {items}").format(
            relation=relation, items='/'.join(RELATIONS)))
    if org.id == other.id:
        raise ValidationError(_("“{name}”不能与自身关联").format(name=org.name))
    link = link_between(session, org, other, relation)
    if link is not None:
        if note and link.note != note:
            audit.record(session, None, "organisation", org.uid, "link_note", link.note, note, actor)
            link.note = note
        return link, False
    link = OrgLink(org_id=org.id, other_id=other.id, relation=relation, note=note)
    session.add(link)
    session.flush()
    audit.record(session, None, "organisation", org.uid, "link", "",
                 f"{RELATIONS[relation]}：{other.name}{'（' + note + '）' if note else ''}", actor)
    return link, True


def remove_link(session: Session, link_id: int, actor: str) -> OrgLink:
    link = session.get(OrgLink, link_id)
    if link is None:
        raise NotFoundError(_("没有编号为 {link_id} 的关联关系").format(link_id=link_id))
    org, other = get_org(session, link.org_id), get_org(session, link.other_id)
    audit.record(session, None, "organisation", org.uid, "link", f"{RELATIONS[link.relation]}：{other.name}", "", actor)
    session.delete(link)
    return link


CERT_FIELDS: dict[str, str] = {"review_org_id": N_("评审单位"), "consulting_org_id": N_("咨询单位"), "review_date": N_("评审日期"),
                               "review_score": N_("评审得分")}


def certification_of(session: Session, enterprise_id: int) -> Certification | None:
    return session.scalar(select(Certification).where(Certification.enterprise_id == enterprise_id))


def save_certification(session: Session, enterprise: Enterprise, values: Mapping[str, Any],
                       team: list[tuple[Reviewer, bool]] | None, actor: str, reason: str = "",
                       ) -> tuple[Certification, bool, list[str]]:
    """Record (or change) what stands behind an enterprise's certificate: ``CERT_FIELDS`` and, when
    given, the whole review team. Returns (certification, created, labels of what changed)."""
    unknown = set(values) - set(CERT_FIELDS)
    if unknown:
        raise ValidationError(_("评审记录没有这些字段：{items}").format(items=listing(sorted(unknown))))
    cert = certification_of(session, enterprise.id)
    created = cert is None
    if cert is None:
        cert = Certification(enterprise_id=enterprise.id)
        session.add(cert)
        session.flush()
        audit.record(session, None, "certification", enterprise.uscc, "created", "", enterprise.name, actor, reason)
    changed = []
    for name, new in values.items():
        old = getattr(cert, name)
        if old == new:
            continue
        if name.endswith("_org_id"):
            audit.record(session, None, "certification", enterprise.uscc, name, _org_name(session, old),
                         _org_name(session, new), actor, reason)
        else:
            audit.record(session, None, "certification", enterprise.uscc, name, old, new, actor, reason)
        setattr(cert, name, new)
        changed.append(CERT_FIELDS[name])
    if team is not None and set_team(session, cert, team, actor):
        changed.append("评审组")
    if changed:
        cert.updated_at = now()
    return cert, created, changed


def _org_name(session: Session, org_id: int | None) -> str:
    org = session.get(Organisation, org_id) if org_id is not None else None
    return org.name if org is not None else ""


def set_team(session: Session, certification: Certification, team: list[tuple[Reviewer, bool]], actor: str) -> bool:
    """Replace the review team behind a certificate (reviewer, leader?); audited when it changed."""
    current = list(session.scalars(select(CertificationReviewer)
                                   .where(CertificationReviewer.certification_id == certification.id)))
    old = {(m.reviewer_id, m.leader) for m in current}
    new = {(r.id, leader) for r, leader in team}
    if old == new:
        return False
    by_id = {r.id: r for r, _leader in team}
    for reviewer_id, _leader in old - set(new):
        by_id.setdefault(reviewer_id, get_reviewer(session, reviewer_id))
    for member in current:
        session.delete(member)
    session.flush()
    for reviewer, leader in team:
        session.add(CertificationReviewer(certification_id=certification.id, reviewer_id=reviewer.id, leader=leader))

    def shown(members: set[tuple[int, bool]]) -> str:
        return LIST_JOINER.join(sorted(by_id[i].cert_number + ("（组长）" if lead else "") for i, lead in members))

    audit.record(session, None, "certification", _cert_key(session, certification), "team", shown(old), shown(new),
                 actor)
    return True


def _cert_key(session: Session, certification: Certification) -> str:
    enterprise = session.get(Enterprise, certification.enterprise_id)
    return enterprise.uscc if enterprise is not None else str(certification.enterprise_id)


# --- relations between organisations -------------------------------------------------------------

@dataclass(frozen=True)
class Relation:
    """Two organisations that are related parties, how, and whether declared (an ``OrgLink``) or found
    in the register (the same legal representative, shareholdings)."""

    org_id: int
    other_id: int
    relation: str  # RELATIONS
    detail: str
    declared: bool
    link_id: int | None = None


def related_parties(session: Session, org_ids: Iterable[int] | None = None) -> list[Relation]:
    """Every related pair, declared or found, touching ``org_ids`` (all when None); each found pair once."""
    wanted = set(org_ids) if org_ids is not None else None
    orgs = list(session.scalars(select(Organisation).order_by(Organisation.id)))
    found: list[Relation] = []
    for link in session.scalars(select(OrgLink).order_by(OrgLink.id)):
        if wanted is None or link.org_id in wanted or link.other_id in wanted:
            found.append(Relation(link.org_id, link.other_id, link.relation, link.note, True, link.id))
    for i, org in enumerate(orgs):
        holders = set(names_of(org.shareholders))
        for other in orgs[i + 1:]:
            if wanted is not None and org.id not in wanted and other.id not in wanted:
                continue
            if org.legal_rep and org.legal_rep == other.legal_rep:
                found.append(Relation(org.id, other.id, "same_legal_rep", f"法定代表人均为{org.legal_rep}", False))
            others = set(names_of(other.shareholders))
            if org.name in others:
                found.append(Relation(org.id, other.id, "shareholder", f"“{org.name}”是“{other.name}”的股东", False))
            if other.name in holders:
                found.append(Relation(org.id, other.id, "shareholder", f"“{other.name}”是“{org.name}”的股东", False))
            if common := sorted((holders & others) - {org.name, other.name}):
                found.append(Relation(org.id, other.id, "shareholder", f"共同股东：{LIST_JOINER.join(common)}", False))
    return found


def staff_of(session: Session, org_id: int) -> list[ConsultancyStaff]:
    return list(session.scalars(select(ConsultancyStaff).where(ConsultancyStaff.org_id == org_id)
                                .order_by(ConsultancyStaff.id)))
