"""Read-only list queries for large workspaces, in plain SQL on the DB-API cursor.

Lists of 50,000 inspections are read here: SQLAlchemy's per-value type processing (date parsing) costs
more than the query itself, and the stored ISO text is what is shown and printed anyway. The same
function serves a Session (GUI, services) and a bare ``sqlite3`` connection (the CLI's fast path).

This module must stay importable without SQLAlchemy (the fast path's start-up): the detail of one
inspection, which needs the ORM, is in ``queries.inspection_detail``.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inspector_app.services.outcome_stamp import STAMP_KEY, refreshed_today
from inspector_app.storage import rawsql
from inspector_app.storage.schema_version import connect_current

if TYPE_CHECKING:  # imported lazily: the CLI's fast path must not pay for SQLAlchemy's import
    from sqlalchemy.orm import Session

INSPECTION_COLUMNS = ("id", "uid", "enterprise", "uscc", "district", "template", "status", "score",
                      "grade", "outcome", "due_date", "answered", "updated_at")

_EXPRESSIONS = ("i.id", "i.uid", "e.name", "e.uscc", "e.district", "t.title", "i.status", "i.score", "i.grade",
                "i.outcome", "i.due_date", "i.answered", "substr(CAST(i.updated_at AS TEXT), 1, 19)")
_FROM = ("FROM inspections i JOIN enterprises e ON e.id = i.enterprise_id "
         "JOIN templates t ON t.pk = i.template_pk")
_SELECT = f"SELECT {', '.join(_EXPRESSIONS)} {_FROM}"
_JSON_OBJECT = ", ".join(f"'{key}', {expr}" for key, expr in zip(INSPECTION_COLUMNS, _EXPRESSIONS, strict=True))


def _pg_json_value(key: str, expr: str) -> str:
    """``expr`` as JSON text the way ``json.dumps`` writes the row's value: ``to_json`` escapes text as
    Python does; a float with no fraction keeps its ``.0`` (the score)."""
    if key == "score":
        return f"CASE WHEN {expr} IS NULL THEN 'null' WHEN {expr} = trunc({expr}) THEN {expr}::text || '.0' " \
               f"ELSE {expr}::text END"
    return f"COALESCE(to_json({expr})::text, 'null')"


# PostgreSQL: each row as one compact JSON object (the keys of INSPECTION_COLUMNS in order), built by
# the server in its parallel workers – ``inspection_list_json`` of 1,000,000 inspections streams text
# instead of building a million dicts (benchmarks/bench_office_pg.py).
_PG_JSON_OBJECT = "'{' || " + " || ',' || ".join(
    f"'\"{key}\":' || {_pg_json_value(key, expr)}" for key, expr in zip(INSPECTION_COLUMNS, _EXPRESSIONS, strict=True)
) + " || '}'"


@dataclass(frozen=True)
class InspectionFilter:
    text: str = ""
    district: str = ""
    cert_grade: str = ""
    status: str = ""
    due_before: date | None = None
    enterprise_id: int | None = None

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if self.text:
            clauses.append("(e.name LIKE ? OR e.uscc LIKE ? OR e.district LIKE ?)")
            params += [f"%{self.text}%"] * 3
        for column, value in (("e.district", self.district), ("e.cert_grade", self.cert_grade),
                              ("i.status", self.status)):
            if value:
                clauses.append(f"{column} = ?")
                params.append(value)
        if self.due_before is not None:
            clauses.append("i.due_date <= ?")
            params.append(self.due_before.isoformat())
        if self.enterprise_id is not None:
            clauses.append("i.enterprise_id = ?")
            params.append(self.enterprise_id)
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def inspection_rows(source: Session | sqlite3.Connection,
                    filters: InspectionFilter | None = None) -> list[dict[str, Any]]:
    """One dict per inspection with the stable keys of ``INSPECTION_COLUMNS`` (dates as ISO text)."""
    where, params = (filters or InspectionFilter()).where()
    sql = f"{_SELECT}{where} ORDER BY i.id"
    if isinstance(source, sqlite3.Connection):
        fetched: list[Any] = source.execute(sql, params).fetchall()
    else:
        fetched = list(rawsql.execute(source.connection(), sql, tuple(params)).fetchall())
    return [dict(zip(INSPECTION_COLUMNS, values, strict=True)) for values in fetched]


def inspection_rows_json(con: sqlite3.Connection, filters: InspectionFilter | None = None) -> str:
    """The same rows as a JSON array, built by SQLite's json_object (no Python objects per value):
    the CLI's ``--format json`` on 50,000 inspections costs little more than the query."""
    where, params = (filters or InspectionFilter()).where()
    sql = f"SELECT json_object({_JSON_OBJECT}) {_FROM}{where} ORDER BY i.id"
    return "[" + ",\n".join(row[0] for row in con.execute(sql, params)) + "]"


def inspection_json_sql_pg(filters: InspectionFilter | None = None) -> tuple[str, list[Any]]:
    """The SQL (``?`` placeholders) and parameters of the rows as JSON text, one object per row, on
    PostgreSQL: what ``json.dumps(row, ensure_ascii=False, separators=(",", ":"))`` writes for each of
    ``inspection_rows``."""
    where, params = (filters or InspectionFilter()).where()
    return f"SELECT {_PG_JSON_OBJECT} {_FROM}{where} ORDER BY i.id", params


def current_connection(data_dir: Path) -> sqlite3.Connection | None:
    """A plain ``sqlite3`` connection to the workspace in ``data_dir`` when its schema is current (no
    migration due), else None: then the workspace must be opened the full way first."""
    return connect_current(data_dir)


def fast_connection(data_dir: Path) -> sqlite3.Connection | None:
    """``current_connection`` when, in addition, today's outcome refresh has run (a deadline passing
    turns cached outcomes: ``ops.workspace.refresh_outcomes``); None when either is due."""
    con = connect_current(data_dir)
    if con is None:
        return None
    row = con.execute("SELECT value FROM workspace_meta WHERE key = ?", (STAMP_KEY,)).fetchone()
    if refreshed_today(row[0] if row else None):
        return con
    con.close()
    return None
