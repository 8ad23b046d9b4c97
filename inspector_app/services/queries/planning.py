"""Read model of the office's assignment planning (分配计划): the enterprises of the campaign's scope in
this office's area that have no inspection of a kind of check yet.

In scope means the campaign's ``scope.covers`` (certificate grade, industry, a certificate still valid
on the scope's date) and an enterprise in the area both the campaign's scope and this office cover:
``Enterprise.district`` is the name of a district-level area (辖市区) under it – the office's own name
for a district office. An enterprise whose district is in no area of the campaign's chain is counted
apart (``unplaced``), so that the figures add up: ``in_scope = planned + len(rows)``.

An enterprise has an inspection of the kind when any of its inspections uses the kind's template (any
version, any status). Each row says what would stop or be noted at assignment (``domain.fit``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.domain.campaign import CHECK_KINDS, Campaign, Jurisdiction
from inspector_app.domain.errors import ValidationError
from inspector_app.domain.fit import template_fit
from inspector_app.services import campaigns
from inspector_app.services.templates import template_of, template_record
from inspector_app.services.unit import reading
from inspector_app.storage.engine import Workspace
from inspector_app.storage.models import Enterprise, Inspection, TemplateRecord

PLANNING_COLUMNS = ("name", "uscc", "district", "industry", "cert_grade", "cert_expires", "problems")


@dataclass(frozen=True)
class Planning:
    campaign_id: str
    campaign_title: str
    kind: str
    kind_label: str
    template_id: str
    template_title: str
    area: str  # the path of the area planned (the office's within the scope's)
    districts: tuple[str, ...]  # the district-level areas counted
    in_scope: int  # enterprises of the scope in the area
    planned: int  # of which have an inspection of this kind
    unplaced: int  # enterprises of the scope whose district is in no area of the campaign
    rows: tuple[dict[str, Any], ...]  # the others, to assign (PLANNING_COLUMNS + id, warnings)


def planned_area(campaign: Campaign, office_area: Jurisdiction | None) -> Jurisdiction | None:
    """The smaller of the office's area and the scope's when one contains the other; None when they do
    not overlap (nothing of the campaign is this office's)."""
    scope_area = campaign.find(campaign.scope.jurisdiction) or campaign.root
    if office_area is None:
        return scope_area
    if office_area.path.startswith(scope_area.path):
        return office_area
    if scope_area.path.startswith(office_area.path):
        return scope_area
    return None


def districts_of(area: Jurisdiction | None) -> tuple[str, ...]:
    if area is None:
        return ()
    return tuple(a.name for a in area.walk() if a.level == "district")


def planning(ws: Workspace, kind: str, campaign_id: str = "", today: date | None = None) -> Planning:
    """The enterprises still to assign for a kind of check (``lookback`` / ``audit`` / ``review_quality``)
    of the current (or given) campaign, in this office's area, by district and name."""
    with reading(ws) as session:
        return read_planning(session, kind, campaign_id, today)


def read_planning(session: Session, kind: str, campaign_id: str = "", today: date | None = None) -> Planning:
    office = campaigns.office(session, campaign_id)
    campaign = office.campaign
    if kind not in campaign.templates:
        raise ValidationError(f"活动“{campaign.id}”没有“{CHECK_KINDS.get(kind, kind)}”检查，"
                              f"可用：{'、'.join(CHECK_KINDS.get(k, k) for k in campaign.templates)}")
    template_id = campaign.templates[kind]
    record = template_record(session, template_id)
    template = template_of(record)
    area = planned_area(campaign, office.area)
    districts = districts_of(area)
    known = set(districts_of(campaign.root))
    with_kind = set(session.scalars(
        select(Inspection.enterprise_id).join(TemplateRecord, TemplateRecord.pk == Inspection.template_pk)
        .where(TemplateRecord.template_id == template_id)))
    on = today or date.today()
    in_scope = planned = unplaced = 0
    rows: list[dict[str, Any]] = []
    for enterprise in session.scalars(select(Enterprise).order_by(Enterprise.district, Enterprise.name)):
        if not campaign.scope.covers(enterprise.cert_grade or "", enterprise.industry or "", enterprise.cert_expires):
            continue
        district = enterprise.district or ""
        if district not in known:
            unplaced += 1
            continue
        if district not in districts:
            continue
        in_scope += 1
        if enterprise.id in with_kind:
            planned += 1
            continue
        fit = template_fit(template, cert_grade=enterprise.cert_grade or "", industry=enterprise.industry or "",
                           cert_expires=enterprise.cert_expires, on=on)
        rows.append({"id": enterprise.id, "name": enterprise.name, "uscc": enterprise.uscc, "district": district,
                     "industry": enterprise.industry or "", "cert_grade": enterprise.cert_grade or "",
                     "cert_expires": enterprise.cert_expires.isoformat() if enterprise.cert_expires else "",
                     "problems": "；".join(fit.problems), "warnings": "；".join(fit.warnings)})
    return Planning(campaign.id, campaign.title, kind, CHECK_KINDS.get(kind, kind), template_id, record.title,
                    area.path if area is not None else "", districts, in_scope, planned, unplaced, tuple(rows))
