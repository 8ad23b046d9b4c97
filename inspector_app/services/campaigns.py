"""Campaign records in the workspace: the shipped campaigns are copied in, a bureau imports new ones,
inspections and filed reports name the campaign they belong to; the office's level and jurisdiction
(workspace settings ``level`` and ``jurisdiction``) place it in the campaign's chain of offices."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.domain.campaign import (
    LEVELS,
    Campaign,
    Jurisdiction,
    parse_campaign,
    shipped_campaign_paths,
)
from inspector_app.domain.errors import ImportFileError, NotFoundError, ValidationError
from inspector_app.services import workspace_meta
from inspector_app.storage.models_campaigns import CampaignRecord, RollupOffice
from inspector_app.tabular.campaign_book import read_campaign_book
from inspector_app.translation import _, listing

MAX_CAMPAIGN_BYTES = 1_000_000


@lru_cache(maxsize=32)
def _parsed(sha256: str, content: str, label: str) -> Campaign:
    return parse_campaign(json.loads(content), label)


def campaign_of(record: CampaignRecord) -> Campaign:
    return _parsed(record.sha256, record.content, f"{record.campaign_id}@{record.version}")


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else 0 for p in version.split("."))


def store(session: Session, raw: bytes, label: str) -> tuple[CampaignRecord, bool]:
    """Keep a campaign version (checked first); the same version with other content is refused – a changed
    campaign carries a new version. The flag says whether the record is new."""
    if len(raw) > MAX_CAMPAIGN_BYTES:
        raise ValidationError(_("{label}：文件过大（{count} 字节，上限 {max_campaign_bytes}）").format(
            label=label, count=len(raw), max_campaign_bytes=MAX_CAMPAIGN_BYTES))
    try:
        text = raw.decode("utf-8-sig")
        campaign = parse_campaign(json.loads(text), label)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError(_("{label}：不是 UTF-8 JSON 文件（{exc}）").format(label=label, exc=exc)) from None
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    existing = session.scalar(select(CampaignRecord).where(CampaignRecord.campaign_id == campaign.id,
                                                           CampaignRecord.version == campaign.version))
    if existing is not None:
        if existing.sha256 != digest and campaign_of(existing) != campaign:  # the same campaign, written otherwise
            raise ValidationError(_("{label}：活动 {id} 的版本 {version} 已存在且内容不同；修改后的活动须使用新的版本号").format(
                label=label, id=campaign.id, version=campaign.version))
        return existing, False
    record = CampaignRecord(campaign_id=campaign.id, version=campaign.version, title=campaign.title,
                            content=text, sha256=digest)
    session.add(record)
    session.flush()
    return record, True


def sync_shipped_campaigns(session: Session) -> None:
    known = {(r.campaign_id, r.version) for r in session.scalars(select(CampaignRecord))}
    for path in shipped_campaign_paths():
        raw = path.read_bytes()
        data = json.loads(raw.decode("utf-8-sig"))
        if (data.get("id"), data.get("version")) not in known:
            store(session, raw, path.name)


def latest(session: Session) -> list[CampaignRecord]:
    """The newest version of each campaign, by id."""
    sync_shipped_campaigns(session)
    best: dict[str, CampaignRecord] = {}
    for record in session.scalars(select(CampaignRecord)):
        current = best.get(record.campaign_id)
        if current is None or _version_key(record.version) > _version_key(current.version):
            best[record.campaign_id] = record
    return sorted(best.values(), key=lambda r: r.campaign_id)


def get(session: Session, campaign_id: str) -> Campaign:
    for record in latest(session):
        if record.campaign_id == campaign_id:
            return campaign_of(record)
    raise NotFoundError(_("没有活动“{campaign_id}”").format(campaign_id=campaign_id))


def current(session: Session, campaign_id: str = "") -> Campaign:
    """The campaign asked for, else the workspace's ``campaign`` setting, else the only / newest one."""
    wanted = campaign_id or workspace_meta.get(session, "campaign")
    if wanted:
        return get(session, wanted)
    records = latest(session)
    if not records:
        raise NotFoundError(_("工作区中没有任何活动"))
    return campaign_of(max(records, key=lambda r: r.imported_at))


def for_template(session: Session, template_id: str) -> str:
    """The campaign an inspection with this template belongs to: the current campaign when it names the
    template, else the newest that does ("" when none)."""
    records = latest(session)
    try:
        first = current(session)
    except NotFoundError:
        return ""
    ordered = [first] + [campaign_of(r) for r in records if r.campaign_id != first.id]
    return next((c.id for c in ordered if template_id in c.templates.values()), "")


@dataclass(frozen=True)
class Office:
    """Where this office sits: its level (district / city / province) and area in a campaign."""

    level: str
    area: Jurisdiction | None
    campaign: Campaign

    @property
    def label(self) -> str:
        return self.area.path if self.area is not None else ""


def office(session: Session, campaign_id: str = "") -> Office:
    campaign = current(session, campaign_id)
    name = workspace_meta.get(session, "jurisdiction")
    area = campaign.find(name) if name else None
    if name and area is None:
        raise ValidationError(_("本工作区的辖区“{name}”不在活动“{id}”的辖区表中").format(name=name, id=campaign.id))
    level = workspace_meta.get(session, "level") or (area.level if area is not None else "")
    return Office(level, area, campaign)


def check_office(session: Session) -> Office:
    """The level, jurisdiction and campaign settings agree: the level is a known one and the area
    named is in the campaign's chain at that level."""
    level = workspace_meta.get(session, "level")
    if level and level not in LEVELS:
        raise ValidationError(_("层级“{level}”无效，应为 {items}").format(
            level=level, items=listing(f'{k}（{v}）' for k, v in LEVELS.items())))
    found = office(session)
    if found.area is not None and level and found.area.level != level:
        raise ValidationError(_("辖区“{path}”是{level}级，与层级“{level2}”不符").format(
            path=found.area.path, level=_(LEVELS[found.area.level]), level2=level))
    return found


def import_file(session: Session, path: Path) -> tuple[CampaignRecord, bool]:
    """A campaign file (JSON) or campaign workbook (.xlsx, ``docs/template-workbook.md``), checked whole
    first: a workbook's problems are listed at their sheet, row and column."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        sync_shipped_campaigns(session)  # a shipped campaign written out and read back is the shipped one
        book = read_campaign_book(path)
        if book.problems:
            raise ImportFileError(_("{name}：活动工作簿有 {count} 处问题，未导入任何内容").format(
                name=path.name, count=len(book.problems)),
                                  [str(p) for p in book.problems])
        raw = (json.dumps(book.data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        return store(session, raw, path.name)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ValidationError(_("无法读取 {path}：{value}").format(path=path, value=exc.strerror or exc)) from None
    return store(session, raw, path.name)


def office_settings(session: Session, jurisdiction: str) -> dict[str, str] | None:
    """The document settings of an office below (by its area's path) as its roll-up carried them, for
    the sheets of the records it holds (``None``: none arrived)."""
    row = session.get(RollupOffice, jurisdiction) if jurisdiction else None
    if row is None:
        return None
    values = json.loads(row.settings or "{}")
    return {str(k): str(v) for k, v in values.items()} if isinstance(values, dict) else {}
