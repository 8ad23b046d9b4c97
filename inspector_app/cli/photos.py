"""``inspector-app photos …``: add photos to an inspection, list them, check their originals. No Qt.
Its arguments are in ``cli/commands.py``.

Exit status: 0 when every file was added (or was already there), 1 when any file was rejected or
any original fails verification (the others are still added), 2 for usage errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from inspector_app.cli.common import actor, fail, render, workspace, write_out
from inspector_app.domain.progress import Progress
from inspector_app.services.ops.evidence import add_photos
from inspector_app.services.queries.evidence import check_originals, photo_documents
from inspector_app.translation import N_, _

TIME_SOURCES = {"exif": N_("照片记录的拍摄时间"), "device_clock": N_("设备时钟")}
LIST_COLUMNS = ("id", "file_name", "sha256", "captured_at", "time_source", "gps", "camera", "size",
                "item_code", "finding_id", "caption")


def _progress_printer(enabled: bool) -> Progress:
    def progress(done: int, total: int, message: str) -> None:
        if enabled and total and message:
            print(f"\r[{done}/{total}] {message[:60]:<60}", end="" if done < total else "\n",
                  file=sys.stderr, flush=True)

    return progress


def add_command(args: argparse.Namespace) -> int:
    report = add_photos(workspace(args), args.inspection_id, args.paths, actor(args), item_code=args.item,
                        finding_id=args.finding, workers=args.workers,
                        progress=_progress_printer(args.format == "text" and sys.stderr.isatty()))
    if args.format == "json":
        document = {
            "added": [{"file": a.file_name, "photo_id": a.photo_id} for a in report.added],
            "duplicates": [{"file": a.file_name, "photo_id": a.photo_id} for a in report.duplicates],
            "rejected": [{"file": name, "reason": reason} for name, reason in report.rejected],
            "cancelled": report.cancelled,
        }
        write_out(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    else:
        for name, reason in report.rejected:
            print(f"inspector-app: {name}: {reason}", file=sys.stderr)
        write_out(report.summary() + "\n")
    if not (report.added or report.duplicates or report.rejected):
        fail(_("没有找到照片文件（JPEG、PNG、HEIC）"))
    return 1 if report.rejected or report.cancelled else 0


def _row(doc: dict[str, Any]) -> dict[str, Any]:
    gps = doc["gps"]
    camera = " ".join(v for v in (doc["camera"]["make"], doc["camera"]["model"]) if v)
    return {**doc, "gps": f"{gps['lat']:.5f},{gps['lon']:.5f}" if gps else "",
            "camera": camera, "size": f"{doc['width']}x{doc['height']}"}


def list_command(args: argparse.Namespace) -> int:
    documents = photo_documents(workspace(args), args.inspection_id)
    if args.format == "json":
        write_out(json.dumps(documents, ensure_ascii=False, indent=2) + "\n")
        return 0
    rows = [_row(d) for d in documents]
    if args.format == "table":  # for people: the time source by its label (CSV keeps exif / device_clock)
        rows = [{**r, "sha256": r["sha256"][:12] + "…",
                 "time_source": _(TIME_SOURCES.get(r["time_source"], r["time_source"]))} for r in rows]
    write_out(render(rows, LIST_COLUMNS, args.format))
    return 0


def verify_command(args: argparse.Namespace) -> int:
    checks = check_originals(workspace(args), args.inspection_id)
    bad = [c for c in checks if not c.intact]
    for c in bad:
        print(_("inspector-app: 照片 {photo_id} {file_name}: 原始文件缺失或已被改动 (sha256 {sha256})").format(photo_id=c.photo_id, file_name=c.file_name, sha256=c.sha256),
              file=sys.stderr)
    write_out(_("已核验 {count} 张照片的原始文件，{same} 张一致，{differ} 张不一致\n").format(count=len(checks), same=len(checks) - len(bad), differ=len(bad)))
    return 1 if bad else 0
