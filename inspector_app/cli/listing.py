"""``inspections list``: the fast path. Lists of 50,000 inspections print in little more than the
query's time (benchmarks/bench_cli_list.py): a bare ``sqlite3`` connection, the read model's SQL, and –
for ``--format json`` – JSON built by SQLite itself. An office database on PostgreSQL is read the
portable way instead (``queries.inspection_list``, after opening the workspace the full way). This module imports neither SQLAlchemy nor any
ORM code; when the workspace needs a migration or today's outcome refresh, the handler named
``PREPARE`` (which does import them) opens it the full way first. Damage the plain connection meets
while reading (text that is not UTF-8, a malformed page) is the same refusal the full way gives."""

from __future__ import annotations

import argparse
import sqlite3
from contextlib import closing
from typing import Any

from inspector_app.cli import language
from inspector_app.cli.commands import PREPARE, load
from inspector_app.cli.output import fail, render, write_out
from inspector_app.config import resolve_data_dir
from inspector_app.domain.lifecycle import InspectionStatus
from inspector_app.domain.numbers import score_text
from inspector_app.domain.states import NOT_STARTED
from inspector_app.services.queries.inspections import (
    INSPECTION_COLUMNS,
    InspectionFilter,
    current_connection,
    fast_connection,
    inspection_rows,
    inspection_rows_json,
)
from inspector_app.storage.schema_version import (
    DATABASE_URL_FILE,
    DB_NAME,
    damage_reason,
    is_damage,
    not_a_workspace,
)
from inspector_app.translation import _

_PORTABLE = "inspector_app.services.queries.inspection_list:inspection_list"
TABLE_COLUMNS = ("id", "enterprise", "district", "template", "status", "score", "grade", "outcome", "due_date")


def list_inspections(args: argparse.Namespace) -> int:
    filters = InspectionFilter(status=args.status or "", district=args.district or "")
    if _office_database(args):  # PostgreSQL: the portable read model, through the full way
        ws = load(PREPARE)(args)
        try:
            _check_status(args)
            if args.format == "json":
                for part in load(_PORTABLE + "_json_parts")(ws, filters):
                    write_out(part)
                write_out("\n")
                return 0
            rows = load(_PORTABLE)(ws, filters)
        finally:
            ws.close()
        write_out(render(_shown(rows, args.format), INSPECTION_COLUMNS if args.format != "table" else TABLE_COLUMNS,
                         args.format))
        return 0
    with closing(_connection(args)) as con:
        _check_status(args)
        try:
            if args.format == "json":
                write_out(inspection_rows_json(con, filters) + "\n")
                return 0
            rows = inspection_rows(con, filters)
        except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
            if not is_damage(exc):
                raise
            where = resolve_data_dir(args.data_dir) / DB_NAME
            fail(str(not_a_workspace(where, damage_reason(exc), while_working=True)))
    write_out(render(_shown(rows, args.format), INSPECTION_COLUMNS if args.format != "table" else TABLE_COLUMNS,
                     args.format))
    return 0


def _shown(rows: list[dict[str, Any]], fmt: str) -> list[dict[str, Any]]:
    """The table as people read it: the status by its label (已接收 / Received), the score with one decimal
    (``domain.numbers``), "尚未作答" where nothing is concluded yet (``domain.states``), the grade and the
    outcome in the run's language where a catalogue has them. CSV and JSON keep the stored values."""
    if fmt != "table":
        return rows
    labels = {s.value: _(s.label) for s in InspectionStatus}
    return [{**row, "status": labels.get(row["status"], row["status"]), "score": score_text(row["score"]),
             "grade": _(row["grade"]) if row["grade"] else row["grade"],
             "outcome": _(row["outcome"]) if row["outcome"] else _(NOT_STARTED)} for row in rows]


def _check_status(args: argparse.Namespace) -> None:
    """Refuse an unknown --status (once the workspace's language is known: the refusal is in it)."""
    known = [s.value for s in InspectionStatus]
    if args.status and args.status not in known:
        fail(_("没有状态“{status}”；可用：{known}").format(status=args.status, known=_("、").join(known)), 2)


def _office_database(args: argparse.Namespace) -> bool:
    """Whether the workspace's database is an office database (--database, or the folder's database.url)."""
    return bool(getattr(args, "database", None)) or (resolve_data_dir(args.data_dir) / DATABASE_URL_FILE).is_file()


def _connection(args: argparse.Namespace) -> sqlite3.Connection:
    data_dir = resolve_data_dir(args.data_dir)
    try:
        con = fast_connection(data_dir)
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:  # reading today's refresh stamp
        if not is_damage(exc):
            raise
        con = None  # the full way names the damage (its integrity check) or reads past it
    if con is None:
        load(PREPARE)(args).close()  # create or migrate the workspace, refresh today's outcomes
        con = current_connection(data_dir)
    if con is None:
        fail(_("工作区 {data_dir} 无法读取").format(data_dir=data_dir))
    language.apply_setting(language.setting_on(con))  # on the connection already open: no second one
    return con
