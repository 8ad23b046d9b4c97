"""Template records in the workspace: shipped templates are copied in on start, a bureau imports its own
(a template workbook or JSON file, checked first), and inspections load the exact version they were
answered with. A changed template carries a new version: the same id and version with other content is
refused."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.domain.errors import NotFoundError, TemplateError, ValidationError
from inspector_app.domain.template import Template, parse_template, shipped_template_paths, stored_template
from inspector_app.storage.models import TemplateRecord
from inspector_app.translation import _, listing


def sync_shipped_templates(session: Session) -> list[TemplateRecord]:
    """Make sure every shipped template version has a record; existing versions are left alone."""
    records = []
    existing = {(r.template_id, r.version): r for r in session.scalars(select(TemplateRecord))}
    for path in shipped_template_paths():
        raw = path.read_bytes()
        digest = hashlib.sha256(raw).hexdigest()
        template = parse_template(json.loads(raw.decode("utf-8-sig")), path.name)
        record = existing.get((template.id, template.version))
        if record is None:
            record = TemplateRecord(
                template_id=template.id, version=template.version, kind=template.kind,
                title=template.title, content=raw.decode("utf-8-sig"), sha256=digest,
                item_count=len(template.items))
            session.add(record)
        records.append(record)
    session.flush()
    return records


def template_of(record: TemplateRecord) -> Template:
    """The parsed template of a record, cached by content hash (``domain.template.stored_template``)."""
    return stored_template(record.sha256, record.content, f"{record.template_id}@{record.version}")


def latest_templates(session: Session) -> list[TemplateRecord]:
    """The newest version of each template id (versions compared numerically)."""
    best: dict[str, TemplateRecord] = {}
    for record in session.scalars(select(TemplateRecord)):
        current = best.get(record.template_id)
        if current is None or _version_key(record.version) > _version_key(current.version):
            best[record.template_id] = record
    return sorted(best.values(), key=lambda r: r.template_id)


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def template_record(session: Session, template_id: str) -> TemplateRecord:
    """The newest stored version of a template id (shipped templates are synced in first)."""
    sync_shipped_templates(session)
    for record in latest_templates(session):
        if record.template_id == template_id:
            return record
    raise NotFoundError(_("没有检查表模板 {template_id}").format(template_id=template_id))


def stored(session: Session, template_id: str, version: str | None = None) -> TemplateRecord:
    """A stored template version (the newest when ``version`` is None); shipped ones are synced in first."""
    if version is None:
        return template_record(session, template_id)
    sync_shipped_templates(session)
    record = session.scalar(select(TemplateRecord).where(TemplateRecord.template_id == template_id,
                                                         TemplateRecord.version == version))
    if record is None:
        known = [r.version for r in session.scalars(select(TemplateRecord).where(
            TemplateRecord.template_id == template_id))]
        have = _("，已有版本：{versions}").format(versions=listing(sorted(known, key=_loose_key))) if known else ""
        raise NotFoundError(_("没有检查表模板 {template_id} 的版本 {version}{have}").format(
            template_id=template_id, version=version, have=have))
    return record


def content_of(record: TemplateRecord) -> dict[str, Any]:
    """The stored JSON data of a template version."""
    data: dict[str, Any] = json.loads(record.content)
    return data


def _loose_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else 0 for p in version.split("."))


def _same(old: dict[str, Any], new: dict[str, Any]) -> bool:
    """The same template: the same data, or data meaning the same (a setting written out as its default)."""
    if old == new:
        return True
    try:
        return (parse_template(old, "", check_schema=False) == parse_template(new, "", check_schema=False)
                and old.get("description") == new.get("description"))
    except (TemplateError, KeyError, TypeError, ValueError):
        return False


def existing_version(session: Session, data: dict[str, Any], label: str) -> TemplateRecord | None:
    """The stored record of this template's id and version when it holds the same template; None when the
    version is new. The same version with other content is refused (a changed template needs a new one)."""
    template = parse_template(data, label)
    sync_shipped_templates(session)
    record = session.scalar(select(TemplateRecord).where(TemplateRecord.template_id == template.id,
                                                         TemplateRecord.version == template.version))
    if record is None or _same(content_of(record), data):
        return record
    versions = sorted((r.version for r in session.scalars(select(TemplateRecord).where(
        TemplateRecord.template_id == template.id))), key=_loose_key)
    parts = versions[-1].split(".")
    suggestion = ".".join([*parts[:-1], str(int(parts[-1]) + 1)]) if parts[-1].isdigit() else ""
    hint = (_("（已有版本 {versions}，例如改为 {suggestion}）").format(versions=listing(versions), suggestion=suggestion)
            if suggestion else "")
    raise ValidationError(_("{label}：检查表模板 {id} 的版本 {version} 已存在且内容不同；修改后的模板须使用新的版本号"
                            "{hint}。已按旧版本作答的检查仍使用旧版本").format(
        label=label, id=template.id, version=template.version, hint=hint))


def store(session: Session, data: dict[str, Any], label: str) -> tuple[TemplateRecord, bool]:
    """Keep a template version, checked as a template file is (schema and rules); the flag says whether
    the record is new (the same version with the same content is kept as it was)."""
    record = existing_version(session, data, label)
    if record is not None:
        return record, False
    template = parse_template(data, label, check_schema=False)
    content = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    record = TemplateRecord(template_id=template.id, version=template.version, kind=template.kind,
                            title=template.title, content=content,
                            sha256=hashlib.sha256(content.encode("utf-8")).hexdigest(), item_count=len(template.items))
    session.add(record)
    session.flush()
    return record, True
