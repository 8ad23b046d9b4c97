"""``demo``: fill the workspace with realistic Changzhou demo data."""

from __future__ import annotations

import argparse

from inspector_app.cli.common import workspace, write_out
from inspector_app.demo.workspace import build


def demo(args: argparse.Namespace) -> int:
    ws = workspace(args)
    result = build(ws, enterprises=args.enterprises, seed=args.seed)
    write_out(f"演示数据已写入 {ws.root}：企业 {result.enterprises} 家，检查 {result.inspections} 项，"
              f"隐患 {result.findings} 条\n")
    return 0
