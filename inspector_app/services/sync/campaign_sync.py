"""Campaigns in an office's bundles for its inspectors (docs/bundle-format.md §6, §10): the export carries
the campaign version each assignment belongs to (the newest the office holds of the inspection's
``campaign_id``), the import on a laptop stores it (``services.campaigns.store``: the size limit, the same
version with other content refused) and the inspection keeps its ``campaign_id``.

The record was checked before the import's transaction (``bundle.campaign_records``); only an office's
key may send one (``services.sync.authorize``). An inspector's bundle never changes the office's
campaign of an inspection: the office keeps its own."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.bundle.campaign_records import campaign_key
from inspector_app.bundle.profile import Direction
from inspector_app.domain.errors import InspectorError
from inspector_app.services import campaigns
from inspector_app.services.sync.report import Rejected, ReportLine, titled
from inspector_app.storage.models import Inspection
from inspector_app.storage.models_campaigns import CampaignRecord
from inspector_app.translation import _


def campaign_record(record: CampaignRecord) -> dict[str, Any]:
    return {"campaign_id": record.campaign_id, "version": record.version, "title": record.title,
            "sha256": record.sha256, "content": record.content}


def campaign_records(session: Session, chosen: Iterable[Inspection]) -> dict[str, dict[str, Any]]:
    """SHA-256 → record of the campaigns the chosen inspections belong to (the newest version held of
    each; a campaign the office no longer holds travels as the inspections' ``campaign_id`` alone)."""
    wanted = {insp.campaign_id for insp in chosen if insp.campaign_id}
    if not wanted:
        return {}
    return {r.sha256: campaign_record(r) for r in campaigns.latest(session) if r.campaign_id in wanted}


def apply_campaign(session: Session, rec: dict[str, Any]) -> ReportLine:
    """A campaign record: added, or unchanged when the same version is here; another content of the same
    version refuses the bundle (``bad_record``)."""
    key = campaign_key(str(rec["campaign_id"]), str(rec["version"]))
    existing = session.scalar(select(CampaignRecord).where(CampaignRecord.campaign_id == rec["campaign_id"],
                                                           CampaignRecord.version == rec["version"]))
    if existing is not None and existing.sha256 == rec["sha256"]:
        return ReportLine("campaign", key, "unchanged", title=titled(existing.title, existing.version))
    try:
        record, created = campaigns.store(session, str(rec["content"]).encode("utf-8"), _("活动 {key}").format(key=key))
    except InspectorError as exc:
        raise Rejected(_("活动 {key} 无效或与本机已有的同版本活动内容不同：{exc}").format(key=key, exc=exc), code="bad_record") from None
    if record.sha256 != rec["sha256"]:
        raise Rejected(_("活动 {key} 的内容与其 SHA-256 不符").format(key=key), code="bad_record")
    return ReportLine("campaign", key, "added" if created else "unchanged", title=titled(record.title, record.version))


def take_campaign(insp: Inspection, rec: dict[str, Any], direction: Direction) -> None:
    """An office's record names the campaign of the inspection; an inspector's record does not change it
    (nor does an older office bundle without the field)."""
    if direction is Direction.OFFICE_TO_INSPECTOR and rec.get("campaign_id") is not None:
        insp.campaign_id = str(rec["campaign_id"])
