"""``enterprises import | list``."""

from __future__ import annotations

import argparse

from inspector_app.cli.common import render, workspace, write_out
from inspector_app.services.ops.enterprises import import_register
from inspector_app.services.queries.enterprises import ENTERPRISE_COLUMNS, enterprise_rows


def import_file(args: argparse.Namespace) -> int:
    """All or nothing: a file with any problem raises ``ImportFileError`` (every problem printed)."""
    report = import_register(workspace(args), args.file, dry_run=args.dry_run,
                             allow_invalid_uscc=args.allow_invalid_uscc)
    write_out(report.summary() + "\n")
    return 0


def list_enterprises(args: argparse.Namespace) -> int:
    rows = enterprise_rows(workspace(args))
    # Scripts (csv, json) get every field; the table shows the columns that fit a terminal.
    columns = list(rows[0]) if rows and args.format != "table" else list(ENTERPRISE_COLUMNS)
    write_out(render(rows, columns, args.format))
    return 0
