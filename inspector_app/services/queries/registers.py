"""Read models of the registers (issue 13): organisations and reviewers as lists, one organisation or
reviewer in full, and the certifications with their review teams. Plain dicts, dates as ISO text; keys in
English (docs/registers.md), with the Chinese headings the command line's tables and CSV use."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from inspector_app.domain.errors import NotFoundError
from inspector_app.services import registers
from inspector_app.services.unit import reading
from inspector_app.storage.engine import Workspace
from inspector_app.storage.models import Enterprise
from inspector_app.storage.models_registers import (
    ORG_KINDS,
    RELATIONS,
    SANCTION_KINDS,
    Certification,
    CertificationReviewer,
    ConsultancyStaff,
    Organisation,
    OrgLink,
    Reviewer,
    Sanction,
)
from inspector_app.translation import NP_, _

ORG_HEADINGS: dict[str, str] = {
    "id": NP_("heading", "编号"), "kind_label": NP_("heading", "类别"), "name": NP_("heading", "名称"),
    "uscc": NP_("heading", "统一社会信用代码"), "legal_rep": NP_("heading", "法定代表人"), "qualification": NP_("heading", "资质"),
    "status": NP_("heading", "状态"), "status_since": NP_("heading", "状态起始"), "reviewers": NP_("heading", "评审人员"),
    "staff": NP_("heading", "咨询人员"), "reviewed": NP_("heading", "评审企业"), "consulted": NP_("heading", "咨询企业"),
}
REVIEWER_HEADINGS: dict[str, str] = {
    "id": NP_("heading", "编号"), "name": NP_("heading", "姓名"), "cert_number": NP_("heading", "证书号"),
    "org": NP_("heading", "所属单位"), "specialities": NP_("heading", "专业"), "status": NP_("heading", "状态"),
    "status_since": NP_("heading", "状态起始"), "reviews": NP_("heading", "参与评审"),
}


def _pairs(session: Session, stmt: Any) -> dict[Any, Any]:
    return {key: value for key, value in session.execute(stmt)}


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _org_dict(org: Organisation) -> dict[str, Any]:
    return {"id": org.id, "uid": org.uid, "kind": org.kind, "kind_label": ORG_KINDS.get(org.kind, org.kind),
            "name": org.name, "uscc": org.uscc, "legal_rep": org.legal_rep,
            "shareholders": registers.names_of(org.shareholders), "qualification": org.qualification,
            "qualification_scope": registers.names_of(org.qualification_scope), "status": org.status,
            "status_since": _iso(org.status_since), "status_until": _iso(org.status_until), "note": org.note,
            "origin": org.origin, "version": org.version}


def _counts(session: Session, column: Any, group: Any) -> dict[int, int]:
    return {k: n for k, n in session.execute(select(group, func.count(column)).group_by(group)) if k is not None}


def org_rows(ws: Workspace, kind: str | None = None) -> list[dict[str, Any]]:
    """Every organisation (or those of one ``kind``), by kind then name, with how many reviewers and staff it
    has and how many enterprises it reviewed and consulted for. Lists (shareholders, scope) as lists."""
    with reading(ws) as session:
        stmt = select(Organisation).order_by(Organisation.kind.desc(), Organisation.name)
        if kind is not None:
            stmt = stmt.where(Organisation.kind == kind)
        reviewers = _counts(session, Reviewer.id, Reviewer.org_id)
        staff = _counts(session, ConsultancyStaff.id, ConsultancyStaff.org_id)
        reviewed = _counts(session, Certification.id, Certification.review_org_id)
        consulted = _counts(session, Certification.id, Certification.consulting_org_id)
        return [{**_org_dict(org), "reviewers": reviewers.get(org.id, 0), "staff": staff.get(org.id, 0),
                 "reviewed": reviewed.get(org.id, 0), "consulted": consulted.get(org.id, 0)}
                for org in session.scalars(stmt)]


def _team(session: Session, certification_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    teams: dict[int, list[dict[str, Any]]] = {i: [] for i in certification_ids}
    if not certification_ids:
        return teams
    stmt = (select(CertificationReviewer.certification_id, CertificationReviewer.leader, Reviewer.id, Reviewer.name,
                   Reviewer.cert_number)
            .join(Reviewer, Reviewer.id == CertificationReviewer.reviewer_id)
            .where(CertificationReviewer.certification_id.in_(certification_ids))
            .order_by(CertificationReviewer.leader.desc(), Reviewer.cert_number))
    for cert_id, leader, reviewer_id, name, number in session.execute(stmt):
        teams[cert_id].append({"reviewer_id": reviewer_id, "name": name, "cert_number": number, "leader": bool(leader)})
    return teams


def _certifications(session: Session, where: Any) -> list[dict[str, Any]]:
    names = _pairs(session, select(Organisation.id, Organisation.name))
    stmt = (select(Certification, Enterprise).join(Enterprise, Enterprise.id == Certification.enterprise_id)
            .where(where).order_by(Enterprise.name, Enterprise.id))
    found = [(c, e) for c, e in session.execute(stmt)]
    teams = _team(session, [c.id for c, _ in found])
    return [{"id": c.id, "enterprise_id": e.id, "enterprise": e.name, "uscc": e.uscc, "industry": e.industry,
             "cert_grade": e.cert_grade, "cert_issued": _iso(e.cert_issued),
             "review_org_id": c.review_org_id, "review_org": names.get(c.review_org_id or 0, ""),
             "consulting_org_id": c.consulting_org_id, "consulting_org": names.get(c.consulting_org_id or 0, ""),
             "review_date": _iso(c.review_date), "review_score": c.review_score, "team": teams[c.id]}
            for c, e in found]


def certification_rows(ws: Workspace, enterprise_id: int | None = None) -> list[dict[str, Any]]:
    """What stands behind each certificate (or one enterprise's): the organisations, date, score and team."""
    with reading(ws) as session:
        return _certifications(session, Certification.enterprise_id == enterprise_id if enterprise_id is not None
                               else Certification.id.is_not(None))


def _org(session: Session, key: int | str) -> Organisation:
    if isinstance(key, int):
        return registers.get_org(session, key)
    return registers.find_org(session, key)


def org_detail(ws: Workspace, key: int | str) -> dict[str, Any]:
    """One organisation (by id, name or credit code) in full: its fields, declared links (``links``) and
    the relations found in the register (``relations``), staff, reviewers, sanctions and the certificates it
    stands behind as review organisation or consultant."""
    with reading(ws) as session:
        org = _org(session, key)
        names = _pairs(session, select(Organisation.id, Organisation.name))
        result = _org_dict(org)
        result["links"] = [
            {"id": link.id, "relation": link.relation, "relation_label": RELATIONS.get(link.relation, link.relation),
             "other_id": other, "other": names.get(other, ""), "note": link.note}
            for link in session.scalars(select(OrgLink).where(or_(OrgLink.org_id == org.id, OrgLink.other_id == org.id))
                                        .order_by(OrgLink.id))
            for other in [link.other_id if link.org_id == org.id else link.org_id]]
        result["relations"] = [
            {"relation": r.relation, "relation_label": RELATIONS.get(r.relation, r.relation), "other_id": other,
             "other": names.get(other, ""), "detail": r.detail}
            for r in registers.related_parties(session, [org.id]) if not r.declared
            for other in [r.other_id if r.org_id == org.id else r.org_id]]
        firms = _pairs(session, select(Enterprise.id, Enterprise.name))
        uscc = _pairs(session, select(Enterprise.id, Enterprise.uscc))
        result["staff"] = [{"id": s.id, "name": s.name, "cert_number": s.cert_number,
                            "enterprise": firms.get(s.enterprise_id or 0, ""),
                            "enterprise_uscc": uscc.get(s.enterprise_id or 0, ""), "note": s.note}
                           for s in registers.staff_of(session, org.id)]
        result["reviewers"] = [_reviewer_dict(r, names) for r in session.scalars(
            select(Reviewer).where(Reviewer.org_id == org.id).order_by(Reviewer.cert_number))]
        result["sanctions"] = [_sanction_dict(s) for s in session.scalars(
            select(Sanction).where(Sanction.org_id == org.id).order_by(Sanction.decided_on, Sanction.id))]
        result["reviewed"] = _certifications(session, Certification.review_org_id == org.id)
        result["consulted"] = _certifications(session, Certification.consulting_org_id == org.id)
        return result


def _reviewer_dict(r: Reviewer, names: dict[int, str]) -> dict[str, Any]:
    return {"id": r.id, "uid": r.uid, "name": r.name, "cert_number": r.cert_number, "org_id": r.org_id,
            "org": names.get(r.org_id or 0, ""), "specialities": registers.names_of(r.specialities),
            "status": r.status, "status_since": _iso(r.status_since), "status_reason": r.status_reason,
            "origin": r.origin, "version": r.version}


def _sanction_dict(s: Sanction) -> dict[str, Any]:
    return {"id": s.id, "kind": s.kind, "kind_label": SANCTION_KINDS.get(s.kind, s.kind), "grounds": s.grounds,
            "deciding_body": s.deciding_body, "decided_on": _iso(s.decided_on), "document_number": s.document_number,
            "period_from": _iso(s.period_from), "period_until": _iso(s.period_until), "lifted_on": _iso(s.lifted_on)}


def reviewer_rows(ws: Workspace) -> list[dict[str, Any]]:
    """Every reviewer by certificate number, with their organisation, specialities (a list), status and how
    many reviews they took part in."""
    with reading(ws) as session:
        names = _pairs(session, select(Organisation.id, Organisation.name))
        reviews = _counts(session, CertificationReviewer.certification_id, CertificationReviewer.reviewer_id)
        return [{**_reviewer_dict(r, names), "reviews": reviews.get(r.id, 0)}
                for r in session.scalars(select(Reviewer).order_by(Reviewer.cert_number))]


def reviewer_detail(ws: Workspace, reviewer_id: int) -> dict[str, Any]:
    """One reviewer in full: fields, the reviews they took part in, the consultancy staff entries under their
    certificate number or name, and their sanctions."""
    with reading(ws) as session:
        reviewer = registers.get_reviewer(session, reviewer_id)
        names = _pairs(session, select(Organisation.id, Organisation.name))
        result = _reviewer_dict(reviewer, names)
        ids = select(CertificationReviewer.certification_id).where(CertificationReviewer.reviewer_id == reviewer.id)
        result["reviews"] = _certifications(session, Certification.id.in_(ids))
        firms = _pairs(session, select(Enterprise.id, Enterprise.name))
        match = ConsultancyStaff.cert_number == reviewer.cert_number
        result["staff_of"] = [
            {"org": names.get(s.org_id or 0, ""), "enterprise": firms.get(s.enterprise_id or 0, ""), "note": s.note}
            for s in session.scalars(select(ConsultancyStaff).where(
                or_(match, (ConsultancyStaff.cert_number == "") & (ConsultancyStaff.name == reviewer.name))))]
        result["sanctions"] = [_sanction_dict(s) for s in session.scalars(
            select(Sanction).where(Sanction.reviewer_id == reviewer.id).order_by(Sanction.decided_on, Sanction.id))]
        return result


def reviewer_id_by_cert(ws: Workspace, cert_number: str) -> int:
    with reading(ws) as session:
        found = registers.reviewer_by_cert(session, cert_number)
        if found is None:
            raise NotFoundError(_("评审人员名录中没有证书号 {cert_number}（先用 reviewers import 导入）").format(
                cert_number=cert_number))
        return found.id
