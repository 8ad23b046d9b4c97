"""Template records in the workspace: shipped templates are copied in on start, and inspections
load the exact version they were answered with."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.domain.errors import NotFoundError
from inspector_app.domain.template import Template, parse_template, shipped_template_paths
from inspector_app.storage.models import TemplateRecord


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


@lru_cache(maxsize=64)
def _parse_cached(content_sha: str, content: str, label: str) -> Template:
    return parse_template(json.loads(content), label, check_schema=False)


def template_of(record: TemplateRecord) -> Template:
    """The parsed template of a record, cached by content hash. The schema was checked when the record
    was stored (shipped files are validated, bundles verify theirs); the semantic rules run again."""
    return _parse_cached(record.sha256, record.content, f"{record.template_id}@{record.version}")


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
    raise NotFoundError(f"没有检查表模板 {template_id}")
