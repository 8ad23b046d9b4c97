"""Inspection records: the JSON shape of enterprises, templates and inspections in a bundle – the field
lists, how values are written (ISO text) and read back, and the record file names.

Pure format: the mapping between these records and a workspace's tables (and the merge rules applied on
import) is ``services.sync.mapping``. Documented in ``docs/bundle-format.md``.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime
from typing import Any

from inspector_app.bundle.errors import BagInvalidError

ENTERPRISE_FIELDS = ("uscc", "uscc_override", "name", "address", "district", "industry", "sub_speciality",
                     "cert_grade", "cert_number", "cert_issued", "cert_expires", "scoring_standard", "review_org",
                     "consulting_org", "legal_rep", "contact_person", "contact_phone")
INSPECTION_FIELDS = ("due_date", "assigned_at", "started_at", "ended_at", "completed_at", "location", "rep_name",
                     "rep_title", "rep_phone", "reviewer_comment", "created_at", "updated_at")
FINDING_FIELDS = ("item_code", "severity", "description", "requirement", "deadline", "responsible_person",
                  "status", "recheck_note", "rechecked_at", "created_at", "updated_at")
AUDIT_FIELDS = ("entity", "entity_key", "field", "old_value", "new_value", "actor", "at", "reason")
DATE_FIELDS = {"due_date", "cert_issued", "cert_expires", "deadline"}


def iso(value: date | datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def plain(value: Any) -> Any:
    """A field value as it is written into a record: dates and times as ISO text, the rest unchanged."""
    return value.isoformat() if isinstance(value, date) else value


def fields_of(obj: Any, names: tuple[str, ...]) -> dict[str, Any]:
    """The named attributes of ``obj`` as record values."""
    return {name: plain(getattr(obj, name)) for name in names}


def file_key(text: str) -> str:
    """A record file name for ``text`` within the path grammar ([A-Za-z0-9_-]{1,80})."""
    return text if re.fullmatch(r"[A-Za-z0-9_-]{1,80}", text) else "x" + hashlib.sha256(text.encode()).hexdigest()


def parse_field(rec: dict[str, Any], name: str) -> Any:
    """A record's value read back: dates for the date fields, date-times for ``*_at`` and ``at``."""
    value = rec.get(name)
    if value is None or (name not in DATE_FIELDS and not name.endswith("_at") and name != "at"):
        return value
    try:
        return date.fromisoformat(value) if name in DATE_FIELDS else datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise BagInvalidError(f"字段 {name} 的日期 {value!r} 无效", code="bad_record") from None


def audit_key(values: dict[str, Any]) -> tuple[str, ...]:
    """What makes two audit events the same event (the trails of both sides are merged as a union)."""
    return tuple("" if values.get(n) is None else str(values[n]) for n in AUDIT_FIELDS)
