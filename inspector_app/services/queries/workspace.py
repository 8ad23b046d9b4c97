"""Read model of the workspace's settings (``services.workspace_meta.KNOWN_KEYS``) and of who it signs as."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from inspector_app.services import workspace_meta
from inspector_app.services.unit import reading
from inspector_app.storage.engine import Workspace
from inspector_app.storage.models_sync import META_DEVICE_NAME


@dataclass(frozen=True)
class Setting:
    key: str
    value: str  # "" when not set
    description: str
    example: str


def settings(ws: Workspace) -> list[Setting]:
    """Every known setting with its current value and its description in the interface language, in the
    order of ``KNOWN_KEYS``."""
    with reading(ws) as session:
        values = workspace_meta.all_values(session)
    return [Setting(key, values.get(key, ""), workspace_meta.description(key), example)
            for key, (_description, example) in workspace_meta.KNOWN_KEYS.items()]


def schema_revision(ws: Workspace) -> str:
    """The database's schema revision (Alembic's ``alembic_version``; the About box names it), "" if none."""
    with reading(ws) as session:
        try:
            value = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except SQLAlchemyError:
            return ""
    return str(value or "")


def signing_name(ws: Workspace) -> str:
    """The person this installation signs as (the name in the public-key file it exported), or "" before
    a key file was exported: what an inspector's audit rows must name for the office to accept them. (Here
    rather than with the sync read models: every command asks it, and those bring the bundle code.)"""
    with reading(ws) as session:
        return workspace_meta.get(session, META_DEVICE_NAME, "")
