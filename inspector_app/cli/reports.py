"""``report districts | deadlines``: the figures for the reporting deadlines."""

from __future__ import annotations

import argparse
from datetime import date

from inspector_app.cli.common import refreshed_workspace, render, write_out
from inspector_app.services.queries.reports import (
    DEADLINE_COLUMNS,
    DISTRICT_COLUMNS,
    deadline_rows,
    district_rows,
)


def districts(args: argparse.Namespace) -> int:
    # Outcomes first brought up to date: a deadline that passed since the last refresh turns some.
    write_out(render(district_rows(refreshed_workspace(args)), DISTRICT_COLUMNS, args.format))
    return 0


def deadlines(args: argparse.Namespace) -> int:
    write_out(render(deadline_rows(date.today()), DEADLINE_COLUMNS, "table"))
    return 0
