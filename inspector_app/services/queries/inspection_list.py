"""The inspections list through the workspace's engine, whichever it is: the portable way of
``queries.inspections`` (the CLI's fast path reads SQLite directly; an office database on PostgreSQL
is read here)."""

from __future__ import annotations

import json
from typing import Any

from inspector_app.services.queries.inspections import InspectionFilter, inspection_rows
from inspector_app.services.unit import reading
from inspector_app.storage.engine import Workspace


def inspection_list(ws: Workspace, filters: InspectionFilter | None = None) -> list[dict[str, Any]]:
    """``inspection_rows`` of the workspace (dates as ISO text on either engine)."""
    with reading(ws) as session:
        return inspection_rows(session, filters)


def inspection_list_json(ws: Workspace, filters: InspectionFilter | None = None) -> str:
    """The same rows as ``inspection_rows_json`` writes them (one compact object a line)."""
    rows = inspection_list(ws, filters)
    return "[" + ",\n".join(json.dumps(row, ensure_ascii=False, separators=(",", ":")) for row in rows) + "]"
