"""Import every model module so that ``Base.metadata`` knows all tables (Alembic, tests)."""

from __future__ import annotations

from sqlalchemy import MetaData

from inspector_app.storage import (
    models_campaigns,
    models_evidence,
    models_registers,
    models_sheets,
    models_sync,
)
from inspector_app.storage.models import Base

_MODEL_MODULES = (models_campaigns, models_evidence, models_registers, models_sheets, models_sync)  # imported for their tables


def metadata() -> MetaData:
    return Base.metadata
