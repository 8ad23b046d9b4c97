"""The rows an inspection's sheets are made from (``sheet_build.SheetSource``), read with plain SQL on a
``sqlite3`` connection to the workspace's file: the command line's quick print (``ops.sheet_quick``),
which so imports neither SQLAlchemy nor the ORM's models (a quarter of a second of every ``inspector-app
sheet`` process). The ORM reads the same rows for everyone else (``services.sheets.sheet_source``);
``tests/reports/test_sheet_quick.py`` holds the two to the same sheet.

Values come back as the ORM gives them: a column declared ``DATETIME`` as a ``datetime`` (SQLAlchemy
stores ``2020-03-22 09:17:00.000000``), ``DATE`` as a ``date``, ``BOOLEAN`` as a ``bool``; rows are
objects with the columns as attributes. An inspection an office below holds (``origin``) is not read
here: its sheets use that office's settings from the roll-up (``services.campaigns``), and printing it
is refused – the full way says so.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from datetime import date, datetime
from types import SimpleNamespace
from typing import Any

from inspector_app.domain.scoring import stored_answer
from inspector_app.domain.template import stored_template
from inspector_app.services.sheet_build import SheetSource
from inspector_app.services.sheet_numbers import numbers_of

# sync.device_name (storage.models_sync.META_DEVICE_NAME): the name this installation signs as.
META_DEVICE_NAME = "sync.device_name"


def _convert(declared: str) -> Callable[[Any], Any] | None:
    kind = declared.upper()
    if kind == "DATETIME":
        return lambda v: datetime.fromisoformat(v) if isinstance(v, str) else v
    if kind == "DATE":
        return lambda v: date.fromisoformat(v) if isinstance(v, str) else v
    if kind == "BOOLEAN":
        return lambda v: bool(v) if v is not None else None
    return None


class RowReader:
    """``SELECT *`` of a table as row objects, each column converted by its declared type."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con
        self._converters: dict[str, dict[str, Callable[[Any], Any]]] = {}

    def _columns(self, table: str) -> dict[str, Callable[[Any], Any]]:
        if table not in self._converters:
            found = {}
            for _cid, name, declared, *_rest in self.con.execute(f"PRAGMA table_info({table})"):
                convert = _convert(declared or "")
                if convert is not None:
                    found[name] = convert
            self._converters[table] = found
        return self._converters[table]

    def rows(self, table: str, where: str, params: Sequence[Any], order: str = "") -> list[SimpleNamespace]:
        converters = self._columns(table)
        cursor = self.con.execute(f"SELECT * FROM {table} WHERE {where}{f' ORDER BY {order}' if order else ''}",
                                  tuple(params))
        names = [d[0] for d in cursor.description]
        out = []
        for values in cursor:
            row = dict(zip(names, values, strict=True))
            for name, convert in converters.items():
                if name in row:
                    row[name] = convert(row[name])
            out.append(SimpleNamespace(**row))
        return out

    def one(self, table: str, where: str, params: Sequence[Any]) -> SimpleNamespace | None:
        found = self.rows(table, where, params)
        return found[0] if found else None


def workspace_settings(con: sqlite3.Connection) -> dict[str, str]:
    """Every workspace setting (``workspace_meta``), "" for one without a value."""
    return {str(key): str(value or "") for key, value in con.execute("SELECT key, value FROM workspace_meta")}


def read_source(con: sqlite3.Connection, inspection_id: int, settings: dict[str, str]) -> SheetSource | None:
    """The rows of inspection ``inspection_id``'s sheets, or None when there is no such inspection or an
    office below holds it (the full way reports either). ``settings``: ``workspace_settings(con)``."""
    read = RowReader(con)
    inspection = read.one("inspections", "id = ?", (inspection_id,))
    if inspection is None or inspection.origin:
        return None
    inspection.enterprise = read.one("enterprises", "id = ?", (inspection.enterprise_id,))
    links = [row[0] for row in con.execute(
        "SELECT inspector_id FROM inspection_inspectors WHERE inspection_id = ? ORDER BY position", (inspection_id,))]
    people = {p.id: p for p in read.rows("inspectors", f"id IN ({', '.join('?' * len(links))})", links)} if links else {}
    inspection.inspectors = [people[i] for i in links if i in people]
    inspection.findings = read.rows("findings", "inspection_id = ?", (inspection_id,), "id")
    record = con.execute("SELECT sha256, content, template_id, version FROM templates WHERE pk = ?",
                         (inspection.template_pk,)).fetchone()
    template = stored_template(record[0], record[1], f"{record[2]}@{record[3]}")
    answers = {a.item_code: stored_answer(a.result, a.deductions, a.extra_deduction, a.extra_reason, a.note)
               for a in read.rows("answers", "inspection_id = ?", (inspection_id,))}
    trail = con.execute("SELECT entity_key, new_value FROM audit_events WHERE entity = 'sheet' AND field = 'number' "
                        "AND inspection_id = ? ORDER BY id", (inspection_id,)).fetchall()
    register = con.execute("SELECT kind, authority, year, serial FROM document_numbers WHERE inspection_uid = ? "
                           "ORDER BY id", (inspection.uid,)).fetchall()
    recheck = read.one("rechecks", "inspection_id = ?", (inspection_id,))
    officers = [read.one("inspectors", "id = ?", (i,)) for i in (recheck.officer1_id, recheck.officer2_id)
                if i is not None] if recheck else []

    def setting(key: str) -> str:
        return settings.get(key, "")

    return SheetSource(
        inspection=inspection, template=template, answers=answers, setting=setting, workspace_setting=setting,
        numbers=numbers_of(trail, register),
        signatures=read.rows("signatures", "inspection_id = ?", (inspection_id,), "id"),
        photos=read.rows("photos", "inspection_id = ?", (inspection_id,), "position, id"),
        recheck=recheck, recheck_officers=officers)
