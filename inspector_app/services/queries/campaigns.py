"""Read model of campaigns: the list, and one campaign in full as plain data."""

from __future__ import annotations

from typing import Any

from inspector_app.domain.campaign import CHECK_KINDS, DUTY_KINDS, LEVELS, PARTIES, Campaign, Jurisdiction
from inspector_app.domain.errors import NotFoundError
from inspector_app.services import campaigns
from inspector_app.services.unit import reading
from inspector_app.storage.engine import Workspace

CAMPAIGN_COLUMNS = ("id", "version", "title", "authority", "notices", "current")


def campaign_rows(ws: Workspace) -> list[dict[str, Any]]:
    with reading(ws) as session:
        try:
            current_id = campaigns.current(session).id
        except NotFoundError:
            current_id = ""
        rows = []
        for record in campaigns.latest(session):
            campaign = campaigns.campaign_of(record)
            rows.append({"id": campaign.id, "version": campaign.version, "title": campaign.title,
                         "authority": campaign.authority, "notices": campaign.basis,
                         "current": "是" if campaign.id == current_id else ""})
        return rows


def _area(area: Jurisdiction) -> dict[str, Any]:
    return {"name": area.name, "level": area.level, "level_label": LEVELS[area.level], "office": area.office,
            "path": area.path, "children": [_area(c) for c in area.children]}


def campaign_document(campaign: Campaign) -> dict[str, Any]:
    """A campaign as JSON-ready data (dates as ISO text)."""
    return {
        "id": campaign.id, "version": campaign.version, "title": campaign.title, "authority": campaign.authority,
        "notices": [{"number": n.number, "title": n.title, "authority": n.authority,
                     "date": n.date.isoformat() if n.date else None} for n in campaign.notices],
        "rules": [{"id": r.id, "title": r.title, "number": r.number, "why": r.why} for r in campaign.rules],
        "scope": {"cert_grades": list(campaign.scope.cert_grades), "industries": list(campaign.scope.industries),
                  "valid_on": campaign.scope.valid_on.isoformat(), "jurisdiction": campaign.scope.jurisdiction,
                  "basis": campaign.scope.basis},
        "templates": [{"kind": k, "kind_label": CHECK_KINDS[k], "template": t} for k, t in campaign.templates.items()],
        "duties": [{"id": d.id, "what": d.what, "what_label": DUTY_KINDS[d.what], "from": d.sender,
                    "from_label": PARTIES[d.sender], "to": d.receiver, "to_label": PARTIES[d.receiver],
                    "due": d.due.isoformat() if d.due else None, "title": d.title, "basis": d.basis}
                   for d in campaign.duties],
        "jurisdictions": _area(campaign.root),
    }


def campaign_detail(ws: Workspace, campaign_id: str) -> dict[str, Any]:
    with reading(ws) as session:
        return campaign_document(campaigns.get(session, campaign_id))
