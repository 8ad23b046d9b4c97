"""Read model of the office's assignment planning (分配计划): the enterprises of the campaign's scope in
this office's area that have no inspection of a kind of check yet.

In scope and in the area exactly as the progress report counts them (``services.progress``, so that the
page and the dashboard agree): the campaign's ``scope.covers`` (certificate grade, industry, a
certificate still valid on the scope's date), placed in this office's area by ``progress.Areas`` (a
roll-up record's ``origin``, else ``Enterprise.district`` – for a district office its own area's name).
An enterprise has an inspection of the kind when one of its inspections in the campaign uses the kind's
template (any version, any status). So ``in_scope = planned + len(rows)``, ``in_scope`` is the
progress report's 纳入范围企业 of the 合计 row, and ``unplaced`` counts the rows under 其他（未归属辖区）.
Each row says what would stop or be noted at assignment (``domain.fit``).

A kind whose template checks a review organisation (评审质量自查, subject 评审单位) lists the organisations
registered as 评审单位 instead (``subject`` = 评审单位): those without a check of the kind in the campaign,
each with how many certificates it reviewed (the sample is drawn from them) and its status."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.domain.campaign import CHECK_KINDS
from inspector_app.domain.errors import ValidationError
from inspector_app.domain.fit import template_fit
from inspector_app.domain.template import ENTERPRISE, REVIEW_ORG
from inspector_app.services import campaigns, progress
from inspector_app.services.templates import template_of, template_record
from inspector_app.services.unit import reading
from inspector_app.storage.engine import Workspace
from inspector_app.storage.models import Enterprise, Inspection, TemplateRecord
from inspector_app.storage.models_registers import Certification, Organisation
from inspector_app.translation import _, listing

PLANNING_COLUMNS = ("name", "uscc", "district", "industry", "cert_grade", "cert_expires", "problems")


@dataclass(frozen=True)
class Planning:
    campaign_id: str
    campaign_title: str
    kind: str
    kind_label: str
    template_id: str
    template_title: str
    area: str  # the path of this office's area ("" when not set: the whole workspace)
    in_scope: int  # enterprises of the scope in the area
    planned: int  # of which have an inspection of this kind in the campaign
    unplaced: int  # of the in-scope ones, those whose district is in no area below this office (其他)
    rows: tuple[dict[str, Any], ...]  # the others, to assign (PLANNING_COLUMNS + id, warnings)
    subject: str = ENTERPRISE  # 评审单位: the rows are review organisations (ORG_PLANNING_COLUMNS + id, warnings)


ORG_PLANNING_COLUMNS = ("name", "uscc", "status", "certified", "problems")


def planning(ws: Workspace, kind: str, campaign_id: str = "", today: date | None = None) -> Planning:
    """The enterprises still to assign for a kind of check (``lookback`` / ``audit`` / ``review_quality``)
    of the current (or given) campaign, in this office's area, by district and name."""
    with reading(ws) as session:
        return read_planning(session, kind, campaign_id, today)


def read_planning(session: Session, kind: str, campaign_id: str = "", today: date | None = None) -> Planning:
    office = campaigns.office(session, campaign_id)
    campaign = office.campaign
    if kind not in campaign.templates:
        raise ValidationError(_("活动“{id}”没有“{value}”检查，可用：{items}").format(
            id=campaign.id, value=_(CHECK_KINDS.get(kind, kind)), items=listing(CHECK_KINDS.get(k, k) for k in campaign.templates)))
    template_id = campaign.templates[kind]
    record = template_record(session, template_id)
    template = template_of(record)
    if template.subject == REVIEW_ORG:
        return _org_planning(session, campaign, kind, template_id, record.title, office.label)
    areas = progress.Areas(campaign, office.area)
    with_kind = set(session.scalars(
        select(Inspection.enterprise_id).join(TemplateRecord, TemplateRecord.pk == Inspection.template_pk)
        .where(TemplateRecord.template_id == template_id, Inspection.campaign_id == campaign.id)))
    on = today or date.today()
    in_scope = planned = unplaced = 0
    rows: list[dict[str, Any]] = []
    for enterprise in session.scalars(select(Enterprise).order_by(Enterprise.district, Enterprise.name)):
        if not campaign.scope.covers(enterprise.cert_grade or "", enterprise.industry or "", enterprise.cert_expires):
            continue
        placed = areas.place(enterprise.origin or "", enterprise.district or "")
        if placed is None or not areas.in_scope(placed[2]):
            continue
        in_scope += 1
        unplaced += placed[0] == progress.OTHER
        if enterprise.id in with_kind:
            planned += 1
            continue
        fit = template_fit(template, cert_grade=enterprise.cert_grade or "", industry=enterprise.industry or "",
                           cert_expires=enterprise.cert_expires, on=on)
        rows.append({"id": enterprise.id, "name": enterprise.name, "uscc": enterprise.uscc,
                     "district": enterprise.district or "", "area": placed[0], "industry": enterprise.industry or "",
                     "cert_grade": enterprise.cert_grade or "",
                     "cert_expires": enterprise.cert_expires.isoformat() if enterprise.cert_expires else "",
                     "problems": "；".join(fit.problems), "warnings": "；".join(fit.warnings)})
    return Planning(campaign.id, campaign.title, kind, CHECK_KINDS.get(kind, kind), template_id, record.title,
                    office.label, in_scope, planned, unplaced, tuple(rows))


def _org_planning(session: Session, campaign: Any, kind: str, template_id: str, title: str, area: str) -> Planning:
    """The review organisations still to check with a template whose subject is 评审单位, by name."""
    checked = set(session.scalars(
        select(Inspection.review_org_id).join(TemplateRecord, TemplateRecord.pk == Inspection.template_pk)
        .where(TemplateRecord.template_id == template_id, Inspection.campaign_id == campaign.id,
               Inspection.review_org_id.is_not(None))))
    certified: dict[int, int] = {}
    for org_id in session.scalars(select(Certification.review_org_id).where(Certification.review_org_id.is_not(None))):
        if org_id is not None:  # excluded by the query; the column's type allows None
            certified[org_id] = certified.get(org_id, 0) + 1
    orgs = list(session.scalars(select(Organisation).where(Organisation.kind == "review").order_by(Organisation.name)))
    rows = []
    for org in orgs:
        if org.id in checked:
            continue
        count = certified.get(org.id, 0)
        status = org.status or "正常"
        rows.append({"id": org.id, "name": org.name, "uscc": org.uscc, "status": status, "certified": count,
                     "problems": "" if count else "没有登记的评审记录，无法抽取样本企业",
                     "warnings": "" if status == "正常" else f"状态：{status}"})
    return Planning(campaign.id, campaign.title, kind, CHECK_KINDS.get(kind, kind), template_id, title, area,
                    len(orgs), sum(1 for org in orgs if org.id in checked), 0, tuple(rows), REVIEW_ORG)
