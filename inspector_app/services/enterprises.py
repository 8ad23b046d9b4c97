"""Enterprises: validation of one record, upsert by USCC, and listing."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.domain import uscc
from inspector_app.domain.errors import NotFoundError, ValidationError
from inspector_app.domain.template import GRADES
from inspector_app.storage.models import Enterprise, now
from inspector_app.translation import _

CHANGZHOU_DISTRICTS = ("溧阳市", "金坛区", "武进区", "新北区", "天宁区", "钟楼区", "常州经开区")


@dataclass
class EnterpriseData:
    """One enterprise as entered or imported, before it is stored."""

    name: str
    uscc: str
    address: str = ""
    district: str = ""
    industry: str = ""
    sub_speciality: str = ""
    cert_grade: str = ""
    cert_number: str = ""
    cert_issued: date | None = None
    cert_expires: date | None = None
    scoring_standard: str = ""
    review_org: str = ""
    consulting_org: str = ""
    legal_rep: str = ""
    contact_person: str = ""
    contact_phone: str = ""
    uscc_override: bool = False
    code_kind: str = "uscc"  # what ``uscc`` holds (domain.uscc: USCC, REG15, ORG9), set by the import
    extra: dict[str, str] = field(default_factory=dict)

    @classmethod
    def field_names(cls) -> list[str]:
        return [f.name for f in fields(cls) if f.name not in ("extra", "uscc_override", "code_kind")]


def problems(data: EnterpriseData) -> list[tuple[str, str]]:
    """(field, problem) pairs; an invalid USCC is a problem unless explicitly overridden."""
    found: list[tuple[str, str]] = []
    if not data.name.strip():
        found.append(("name", _("企业名称不能为空")))
    check = uscc.check(data.uscc)
    if not check.valid and not data.uscc_override:
        found.append(("uscc", check.problem))
    if data.cert_grade and data.cert_grade not in GRADES:
        found.append(("cert_grade", _("证书等级“{cert_grade}”无效，应为 {items}").format(
            cert_grade=data.cert_grade, items='/'.join(GRADES))))
    if data.cert_issued and data.cert_expires and data.cert_expires < data.cert_issued:
        found.append(("cert_expires", _("证书有效期早于发证日期")))
    return found


def upsert(session: Session, data: EnterpriseData) -> tuple[Enterprise, bool]:
    """Insert, or update the enterprise with the same USCC. Returns (record, created)."""
    issues = problems(data)
    if issues:
        raise ValidationError("；".join(msg for _, msg in issues))
    code = uscc.normalise(data.uscc)
    record = session.scalar(select(Enterprise).where(Enterprise.uscc == code))
    created = record is None
    if record is None:
        record = Enterprise(uscc=code)
        session.add(record)
    apply(record, data)
    return record, created


def apply(record: Enterprise, data: EnterpriseData) -> None:
    """Set the record's fields from ``data``. Only what differs is written (and then ``updated_at``): an
    enterprise whose details two bundles repeat is not updated, so imports running side by side do not
    collide on its version (optimistic locking) when neither changes it."""
    values: dict[str, Any] = {name: getattr(data, name) for name in EnterpriseData.field_names()}
    for name, value in values.items():
        if name == "uscc":
            values[name] = uscc.normalise(value)
        elif isinstance(value, str):
            values[name] = value.strip()
    found = uscc.check(data.uscc)
    values["uscc_override"] = data.uscc_override and not found.valid
    values["code_kind"] = found.kind if found.valid else uscc.USCC  # an old code is kept, flagged for update
    changed = False
    for name, value in values.items():
        if getattr(record, name) != value:
            setattr(record, name, value)
            changed = True
    if changed:
        record.updated_at = now()


def get(session: Session, enterprise_id: int) -> Enterprise:
    record = session.get(Enterprise, enterprise_id)
    if record is None:
        raise NotFoundError(_("没有编号为 {enterprise_id} 的企业").format(enterprise_id=enterprise_id))
    return record


def by_uscc(session: Session, code: str) -> Enterprise | None:
    return session.scalar(select(Enterprise).where(Enterprise.uscc == uscc.normalise(code)))


def to_dict(record: Enterprise) -> dict[str, Any]:
    """The stable JSON shape of an enterprise (documented in the README)."""
    out: dict[str, Any] = {"id": record.id}
    for name in EnterpriseData.field_names():
        value = getattr(record, name)
        out[name] = value.isoformat() if isinstance(value, date) else value
    found = uscc.check(record.uscc)
    out["uscc_valid"] = found.valid
    out["code_kind"] = found.kind if found.valid else uscc.USCC
    out["code_needs_update"] = found.needs_update
    return out


def list_all(session: Session) -> list[Enterprise]:
    return list(session.scalars(select(Enterprise).order_by(Enterprise.district, Enterprise.name)))
