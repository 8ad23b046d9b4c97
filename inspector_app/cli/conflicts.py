"""``conflicts list``: the conflict-of-interest flags computed from the registers, each with the rule and
the clause it comes from (docs/registers.md). Table and CSV with Chinese headings; JSON with the English
keys of ``CONFLICT_KEYS``."""

from __future__ import annotations

import argparse
from typing import Any

from inspector_app.cli.common import render, workspace, write_out
from inspector_app.services.queries.conflicts import (
    CONFLICT_COLUMNS,
    CONFLICT_HEADINGS,
    CONFLICT_KEYS,
    conflict_rows,
)
from inspector_app.services.queries.enterprises import enterprise_id_by_uscc
from inspector_app.translation import _


def headed(rows: list[dict[str, Any]], columns: tuple[str, ...], headings: dict[str, str]) -> list[dict[str, Any]]:
    return [{headings[c]: row.get(c) for c in columns} for row in rows]


def list_conflicts(args: argparse.Namespace) -> int:
    ws = workspace(args)
    enterprise_id = enterprise_id_by_uscc(ws, args.enterprise) if args.enterprise else None
    rows = conflict_rows(ws, enterprise_id)
    if args.format == "json":
        write_out(render(rows, CONFLICT_KEYS, "json"))
        return 0
    if args.format == "table" and not rows:
        write_out(_("未发现利益冲突（依据已登记的评审单位、咨询服务单位、评审人员、证书和处理决定）。\n"))
        return 0
    columns = CONFLICT_COLUMNS if args.format == "table" else CONFLICT_KEYS
    write_out(render(headed(rows, columns, CONFLICT_HEADINGS), [CONFLICT_HEADINGS[c] for c in columns], args.format))
    if args.format == "table":
        write_out(_("共 {count} 条\n").format(count=len(rows)))
    return 0
