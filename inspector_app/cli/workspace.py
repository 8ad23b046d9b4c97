"""``workspace show | set``: where the workspace is and its settings (the issuing authority…)."""

from __future__ import annotations

import argparse

from inspector_app.cli.common import actor, workspace, write_out
from inspector_app.services.ops.workspace import set_setting
from inspector_app.services.queries.workspace import settings
from inspector_app.translation import _


def show(args: argparse.Namespace) -> int:
    ws = workspace(args)
    lines = [_("工作区：{root}").format(root=ws.root), _("数据库：{database}").format(database=ws.database or ws.db_path)]
    if ws.shared is not None:
        lines.append(_("照片与文书：{shared}").format(shared=ws.shared))
    for row in settings(ws):
        lines.append(_("{key} = {value}    # {description}（例：{example}）").format(
            key=row.key, value=row.value, description=row.description, example=row.example))
    write_out("\n".join(lines) + "\n")
    return 0


def set_value(args: argparse.Namespace) -> int:
    set_setting(workspace(args), args.key, args.value, actor(args))
    write_out(f"{args.key} = {args.value.strip()}\n")
    return 0
