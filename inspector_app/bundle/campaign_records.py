"""Campaign records in an office's bundle for its inspectors (``office-to-inspector``, docs/bundle-format.md
§6): ``data/records/campaigns/<key>.json`` – the campaign version each assignment belongs to, as the
office holds it (``CAMPAIGN_FIELDS``: id, version, title, the campaign JSON and its SHA-256) – and the
inspection record's ``campaign_id`` ("" = none).

Pure checks, before anything is written: the fields, at most ``MAX_CAMPAIGNS`` records, the content at
most ``MAX_CAMPAIGN_CHARS`` (the limit of ``campaigns import``), its SHA-256, strict JSON that
``domain.campaign.parse_campaign`` reads, naming the id and version of its record. Who may send one
(only an office key) is ``services.sync.authorize``; storing it, ``services.sync.campaign_sync``."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from inspector_app.bundle.records import RecordError, load_json
from inspector_app.bundle.validate import SHA, Schema, _fields, text
from inspector_app.domain.campaign import parse_campaign
from inspector_app.domain.errors import InspectorError
from inspector_app.translation import _

CAMPAIGN_FIELDS = ("campaign_id", "version", "title", "sha256", "content")
MAX_CAMPAIGNS = 100
MAX_CAMPAIGN_CHARS = 1_000_000  # as services.campaigns.MAX_CAMPAIGN_BYTES (UTF-8 bytes, checked again there)
CAMPAIGN: Schema = {"campaign_id": text(100, blank=False), "version": text(20, blank=False), "title": text(300),
                    "sha256": SHA, "content": text(MAX_CAMPAIGN_CHARS, blank=False)}
CAMPAIGN_REF: Schema = {"campaign_id": text(100, null=True)}  # missing or null: an older bundle


def campaign_key(campaign_id: str, version: str) -> str:
    """What a campaign record is about, in messages and report lines."""
    return f"{campaign_id}@{version}"


def check_campaign(key: str, rec: Any) -> None:
    record = f"campaigns/{key}"
    _fields(rec, CAMPAIGN, record)
    content = rec["content"]
    if hashlib.sha256(content.encode("utf-8")).hexdigest() != rec["sha256"]:
        raise RecordError(_("{record} 的字段 content 与其 SHA-256 不符").format(record=record), record=record, field="content")
    data = load_json(content, record, field="content")
    try:
        campaign = parse_campaign(data, record)
    except InspectorError as exc:
        raise RecordError(_("{record} 的字段 content 不是有效的活动：{exc}").format(record=record, exc=exc), record=record, field="content") from None
    if (campaign.id, campaign.version) != (rec["campaign_id"], rec["version"]):
        raise RecordError(_("{record}：内容是活动 {campaign_key}，记录却写作 {campaign_key2}").format(record=record, campaign_key=campaign_key(campaign.id, campaign.version), campaign_key2=campaign_key(rec['campaign_id'], rec['version'])), record=record, field="content")


def check_campaigns(records: Mapping[str, list[tuple[str, Any]]]) -> None:
    """The campaign records (each id once) and the inspections' ``campaign_id`` (``records``: kind →
    ``(file key, parsed JSON)``); raises ``RecordError`` on the first problem."""
    campaigns = records.get("campaigns", [])
    if len(campaigns) > MAX_CAMPAIGNS:
        raise RecordError(_("campaigns 有 {count} 条记录，超过 {MAX_CAMPAIGNS} 条的上限").format(count=len(campaigns), MAX_CAMPAIGNS=MAX_CAMPAIGNS),
                          code="too_many_records", record="campaigns")
    seen: dict[str, str] = {}
    for key, rec in campaigns:
        check_campaign(key, rec)
        first = seen.setdefault(rec["campaign_id"], key)
        if first != key:
            raise RecordError(_("campaigns/{key}：活动 {campaign_id} 在数据包中出现两次（又见 campaigns/{first}）").format(key=key, campaign_id=rec['campaign_id'], first=first),
                              record=f"campaigns/{key}", field="campaign_id")
    for key, rec in records.get("inspections", []):
        _fields(rec, CAMPAIGN_REF, f"inspections/{key}")
