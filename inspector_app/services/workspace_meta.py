"""Workspace-level settings kept in the database (they travel with the workspace, not the user):
the issuing authority printed on sheets, the workspace's role (field / office)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.domain.errors import ValidationError
from inspector_app.storage.models import Meta

# key → (description, example)
KNOWN_KEYS: dict[str, tuple[str, str]] = {
    "authority_name": ("执法机关全称，印在检查记录抬头", "常州市应急管理局"),
    "authority_short": ("文书编号中的机关简称，如（常）应急检记、（常武）应急责改", "常"),
    # Named in the 行政复议 / 行政诉讼 sentences of the enforcement documents (resources/legal/texts.json).
    "government_name": ("本级人民政府（行政复议机关，2024-01-01 起）", "常州市人民政府"),
    "superior_authority": ("上一级主管部门（2024 年前可向其申请行政复议）", "江苏省应急管理厅"),
    "court_name": ("行政诉讼的人民法院", "常州市天宁区人民法院"),
}


def get(session: Session, key: str, default: str = "") -> str:
    row = session.get(Meta, key)
    return row.value if row is not None and row.value else default


def set_value(session: Session, key: str, value: str) -> None:
    if key not in KNOWN_KEYS:
        raise ValidationError(f"未知的工作区设置“{key}”，可用：{'、'.join(KNOWN_KEYS)}")
    row = session.get(Meta, key)
    if row is None:
        session.add(Meta(key=key, value=value.strip()))
    else:
        row.value = value.strip()


def all_values(session: Session) -> dict[str, str]:
    return {row.key: row.value for row in session.scalars(select(Meta).where(Meta.key.in_(KNOWN_KEYS)))}
