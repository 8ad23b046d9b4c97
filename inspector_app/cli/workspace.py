"""``workspace show | set``: where the workspace is and its settings (the issuing authority…)."""

from __future__ import annotations

import argparse

from inspector_app.cli.common import actor, workspace, write_out
from inspector_app.services.ops.workspace import set_setting
from inspector_app.services.queries.workspace import settings


def show(args: argparse.Namespace) -> int:
    ws = workspace(args)
    lines = [f"workspace: {ws.root}", f"database: {ws.database or ws.db_path}"]
    if ws.shared is not None:
        lines.append(f"photos and sheets: {ws.shared}")
    for row in settings(ws):
        lines.append(f"{row.key} = {row.value}    # {row.description}（例：{row.example}）")
    write_out("\n".join(lines) + "\n")
    return 0


def set_value(args: argparse.Namespace) -> int:
    set_setting(workspace(args), args.key, args.value, actor(args))
    write_out(f"{args.key} = {args.value.strip()}\n")
    return 0
