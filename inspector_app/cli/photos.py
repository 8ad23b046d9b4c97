"""``inspector-app photos …``: add photos to an inspection, list them, check their originals.

Its arguments are in ``cli/commands.py``. No Qt. The photo entries of
``inspections show ID --format json`` come from ``services.photos.evidence_documents``.

Exit status: 0 when every file was added (or was already there), 1 when any file was rejected or
any original fails verification (the others are still added), 2 for usage errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from inspector_app.cli.common import default_actor, fail, render, workspace, write_out

LIST_COLUMNS = ("id", "file_name", "sha256", "captured_at", "time_source", "gps", "camera", "size",
                "item_code", "finding_id", "caption")


def _progress_printer(enabled: bool) -> Any:
    def progress(done: int, total: int, message: str) -> None:
        if enabled and total and message:
            print(f"\r[{done}/{total}] {message[:60]:<60}", end="" if done < total else "\n",
                  file=sys.stderr, flush=True)

    return progress


def add_command(args: argparse.Namespace) -> int:
    from inspector_app.services import photos as service

    ws = workspace(args)
    store = service.photo_store(ws.photo_dir)
    report = service.add_photos(
        ws.sessions, store, args.inspection_id, args.paths, args.by or default_actor(),
        item_code=args.item, finding_id=args.finding, workers=args.workers,
        progress=_progress_printer(args.format == "text" and sys.stderr.isatty()),
    )
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
        fail("没有找到照片文件（JPEG、PNG、HEIC）")
    return 1 if report.rejected or report.cancelled else 0


def _row(doc: dict[str, Any]) -> dict[str, Any]:
    gps = doc["gps"]
    camera = " ".join(v for v in (doc["camera"]["make"], doc["camera"]["model"]) if v)
    return {**doc, "gps": f"{gps['lat']:.5f},{gps['lon']:.5f}" if gps else "",
            "camera": camera, "size": f"{doc['width']}x{doc['height']}"}


def list_command(args: argparse.Namespace) -> int:
    from inspector_app.services import inspections
    from inspector_app.services import photos as service

    ws = workspace(args)
    with ws.sessions() as session:
        inspections.get(session, args.inspection_id)
        documents = [service.photo_document(p) for p in service.list_photos(session, args.inspection_id)]
    if args.format == "json":
        write_out(json.dumps(documents, ensure_ascii=False, indent=2) + "\n")
        return 0
    rows = [_row(d) for d in documents]
    if args.format == "table":
        rows = [{**r, "sha256": r["sha256"][:12] + "…"} for r in rows]
    write_out(render(rows, LIST_COLUMNS, args.format))
    return 0


def verify_command(args: argparse.Namespace) -> int:
    from inspector_app.photos.store import StoredFileMissing
    from inspector_app.services import inspections
    from inspector_app.services import photos as service

    ws = workspace(args)
    store = service.photo_store(ws.photo_dir)
    bad = 0
    with ws.sessions() as session:
        inspections.get(session, args.inspection_id)
        photos = service.list_photos(session, args.inspection_id)
        for photo in photos:
            try:
                ok = store.verify(photo.sha256)
            except StoredFileMissing:
                ok = False
            if not ok:
                bad += 1
                print(f"inspector-app: 照片 {photo.id} {photo.original_name}: 原始文件缺失或已被改动 "
                      f"(sha256 {photo.sha256})", file=sys.stderr)
    write_out(f"已核验 {len(photos)} 张照片的原始文件，{len(photos) - bad} 张一致，{bad} 张不一致\n")
    return 1 if bad else 0
