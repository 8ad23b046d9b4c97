"""``inspections sign``: a signature transcribed from a signing pad's export or recorded as refused, for
scripted checks and for pads that are not the window's. Through the same operations as the signature
dialog (``services.ops.evidence``), so the audit trail is the same.

``--strokes FILE.json`` holds the pen strokes as the window keeps them: a list of strokes, each a list of
``[x, y]`` points in 0–1 of the pad (``[[[0.1, 0.5], [0.3, 0.4]], …]``)."""

from __future__ import annotations

import argparse
import json
from datetime import datetime

from inspector_app.cli.common import actor, fail, workspace, write_out
from inspector_app.services.ops import evidence as ops
from inspector_app.translation import _

ROLES = ("inspector", "enterprise_rep", "witness")


def sign(args: argparse.Namespace) -> int:
    when = None
    if args.at:
        try:
            when = datetime.fromisoformat(args.at)
        except ValueError:
            fail(_("--at：时间“{at}”应写成 YYYY-MM-DD HH:MM").format(at=args.at), 2)
    if bool(args.refused) == bool(args.strokes):
        fail(_("须给出 --strokes FILE.json（签名笔迹）或 --refused 理由（拒绝签名）之一"), 2)
    ws = workspace(args)
    if args.refused:
        ops.record_refusal(ws, args.id, args.signer, args.refused, actor(args), role=args.role)
        write_out(_("已记录：{signer} 拒绝签名\n").format(signer=args.signer))
        return 0
    try:
        strokes = json.loads(args.strokes.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        fail(_("{strokes}：不是签名笔迹 JSON 文件（{exc}）").format(strokes=args.strokes, exc=exc), 2)
    ok = isinstance(strokes, list) and all(
        isinstance(s, list) and all(isinstance(p, list) and len(p) == 2 and
                                    all(isinstance(v, (int, float)) and 0 <= v <= 1 for v in p) for p in s)
        for s in strokes)
    if not ok:
        fail(_("{strokes}：笔迹应为笔画列表，每笔为 [x, y] 点的列表，坐标在 0–1 之间").format(strokes=args.strokes), 2)
    ops.save_signature(ws, args.id, args.role, args.signer, strokes, actor(args), signed_at=when)
    write_out(_("已签名：{signer}\n").format(signer=args.signer))
    return 0
