"""``inspector-app photos check | accept``: the plausibility warnings of an inspection's photos (capture time
far from the inspection, position outside the enterprise's district or far from the other photos) and the
inspector's acceptance of a photo's warnings. No Qt; arguments in ``cli/commands.py``.

``photos check`` lists every photo with its warnings and notes (``--format json``: the read model's
document, ``services.queries.plausibility.document``); exit status 1 while any warning is not accepted,
so a script can stop before printing. ``photos accept`` accepts the photo's current warnings (audited;
the same twice changes nothing); nothing is ever rejected.
"""

from __future__ import annotations

import argparse
import json

from inspector_app.cli.common import actor, render, workspace, write_out
from inspector_app.domain.plausibility import RULES, PhotoCheck, parse_ack
from inspector_app.services.ops.plausibility import accept_warnings
from inspector_app.services.queries.plausibility import PhotoVerdict, check_inspection, document
from inspector_app.translation import _

COLUMNS = ("photo", "file", "captured_at", "gps", "warnings", "accepted", "notes")


def _findings(check: PhotoCheck, level: str, accepted: bool | None = None) -> str:
    chosen = [f for f in check.findings if f.level == level
              and (accepted is None or (f.code in check.accepted) == accepted)]
    return _("；").join(f.reason() for f in chosen)


def _row(verdict: PhotoVerdict) -> dict[str, object]:
    check = verdict.check
    gps = f"{verdict.gps[0]:.5f},{verdict.gps[1]:.5f}" if verdict.gps else ""
    when = verdict.captured_at.isoformat(sep=" ", timespec="seconds") if verdict.captured_at else ""
    return {"photo": verdict.photo_id, "file": verdict.file_name, "captured_at": when, "gps": gps,
            "warnings": _findings(check, "warning", accepted=False),
            "accepted": _findings(check, "warning", accepted=True), "notes": _findings(check, "note")}


def check_command(args: argparse.Namespace) -> int:
    report = check_inspection(workspace(args), args.inspection)
    if args.format == "json":
        write_out(json.dumps(document(report), ensure_ascii=False, indent=2) + "\n")
    else:
        write_out(render([_row(v) for v in report.photos], COLUMNS, args.format))
        if args.format == "table":
            limits = report.thresholds
            area = report.area or _("未知（企业所在区和本机关辖区都不在辖区范围数据中，不核对是否在辖区内）")
            write_out(_("核对依据：辖区 {area}；拍摄时间早于检查开始超过 {days} 天、晚于完成锁定；"
                        "位置距其他照片中心超过 {km} km；辖区范围外放 {margin} km\n").format(
                area=area, days=f"{limits.days_before:g}", km=f"{limits.distance_km:g}",
                margin=f"{limits.margin_km:g}"))
            write_out(_("{photos} 张照片，{open} 条提示尚未确认\n").format(photos=len(report.photos),
                                                                open=report.open_warnings))
    return 1 if report.open_warnings else 0


def accept_command(args: argparse.Namespace) -> int:
    ws = workspace(args)
    result = accept_warnings(ws, args.photo, actor(args), inspection_id=args.inspection)
    codes = sorted(parse_ack(result.value))
    if not result.changes.kinds:
        write_out(_("照片 {photo} 没有新的提示需要确认（已确认：{codes}）\n").format(
            photo=args.photo, codes=_worded(codes) or _("无")))
    else:
        write_out(_("已确认照片 {photo} 的提示：{codes}（已记入审计记录）\n").format(
            photo=args.photo, codes=_worded(codes)))
    return 0


def _worded(codes: list[str]) -> str:
    """The accepted warnings by their titles, each once (two time rules share one title)."""
    titles = dict.fromkeys(_(RULES[c].title) if c in RULES else c for c in codes)
    return _("、").join(titles)
