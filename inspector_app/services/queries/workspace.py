"""Read model of the workspace's settings (``services.workspace_meta.KNOWN_KEYS``)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from inspector_app.services import workspace_meta
from inspector_app.services.unit import reading
from inspector_app.storage.engine import Workspace


@dataclass(frozen=True)
class Setting:
    key: str
    value: str  # "" when not set
    description: str
    example: str


def settings(ws: Workspace) -> list[Setting]:
    """Every known setting with its current value, in the order of ``KNOWN_KEYS``."""
    with reading(ws) as session:
        values = workspace_meta.all_values(session)
    return [Setting(key, values.get(key, ""), description, example)
            for key, (description, example) in workspace_meta.KNOWN_KEYS.items()]


def schema_revision(ws: Workspace) -> str:
    """The database's schema revision (Alembic's ``alembic_version``; the About box names it), "" if none."""
    with reading(ws) as session:
        try:
            value = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except SQLAlchemyError:
            return ""
    return str(value or "")
