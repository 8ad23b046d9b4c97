"""The inspections list through the workspace's engine, whichever it is: the portable way of
``queries.inspections`` (the CLI's fast path reads SQLite directly; an office database on PostgreSQL
is read here)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from inspector_app.services.queries.inspections import (
    InspectionFilter,
    inspection_json_sql_pg,
    inspection_rows,
)
from inspector_app.services.unit import reading
from inspector_app.storage import rawsql
from inspector_app.storage.engine import Workspace

_PART_ROWS = 5000


def inspection_list(ws: Workspace, filters: InspectionFilter | None = None) -> list[dict[str, Any]]:
    """``inspection_rows`` of the workspace (dates as ISO text on either engine)."""
    with reading(ws) as session:
        return inspection_rows(session, filters)


def inspection_list_json(ws: Workspace, filters: InspectionFilter | None = None) -> str:
    """The same rows as ``inspection_rows_json`` writes them (one compact object a line)."""
    return "".join(inspection_list_json_parts(ws, filters))


def inspection_list_json_parts(ws: Workspace, filters: InspectionFilter | None = None) -> Iterator[str]:
    """``inspection_list_json`` in parts of a few thousand rows, for writing out as they come. On
    PostgreSQL the server writes each row's JSON and sends the rows as it finds them (1,000,000
    inspections: benchmarks/bench_office_pg.py); on SQLite the rows go through ``json.dumps``."""
    with reading(ws) as session:
        connection = session.connection()
        if rawsql.is_sqlite(connection):
            objects: Iterator[str] = (json.dumps(row, ensure_ascii=False, separators=(",", ":"))
                                      for row in inspection_rows(session, filters))
        else:
            sql, params = inspection_json_sql_pg(filters)
            objects = (row[0] for row in rawsql.stream(connection, sql, params, _PART_ROWS))
        yield "["
        part: list[str] = []
        separator = ""
        for text in objects:
            part.append(text)
            if len(part) == _PART_ROWS:
                yield separator + ",\n".join(part)
                separator = ",\n"
                part.clear()
        if part:
            yield separator + ",\n".join(part)
        yield "]"
