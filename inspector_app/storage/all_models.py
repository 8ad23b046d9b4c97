"""Import every model module so that ``Base.metadata`` knows all tables (Alembic, tests)."""

from __future__ import annotations

import importlib

from sqlalchemy import MetaData

from inspector_app.storage.models import Base

_OPTIONAL = ("models_evidence", "models_sheets", "models_sync")


def metadata() -> MetaData:
    for name in _OPTIONAL:
        try:
            importlib.import_module(f"inspector_app.storage.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"inspector_app.storage.{name}":
                raise
    return Base.metadata
