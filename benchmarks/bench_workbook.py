"""Benchmark: the bureau's workbook (``report export``) of 100,000 rows vs openpyxl's write-only mode
writing the same rows, already in memory.

    .venv/bin/python benchmarks/bench_workbook.py [--repeat K]

Workspace (built once, cached in benchmarks/.data/): 10,000 enterprises and 50,000 inspections of the
campaign (``demo.workspace.fill_bulk``), with 30,000 findings and 10,000 photo records (rows only, no
image files) added here – 100,000 rows in the four data sheets. In the same process, best of K (default 3),
alternating:
- export: ``services.queries.workbook.export_workbook`` – the campaign looked up, the read transaction,
  the SQL, dates parsed, the text rule, widths and frozen headings, the write and the rename;
- reference: the same rows read into lists first (not timed), then ``Workbook(write_only=True)``,
  ``ws.append(row)`` for every row of four sheets, ``save``;
- for information, the reference with the empty texts made ``None`` first: the cells the export writes
  (it leaves out an empty text's cell, which openpyxl would write as an empty string).
Also, once: ``inspector-app report export`` as a fresh process (wall time and peak RSS), against the
peak RSS of a process holding the rows in memory for the reference. Goal: export ≤ 1.5 × reference.
Not part of pytest.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import CACHE, ROOT, big_workspace, python

sys.path.insert(0, str(ROOT))
import openpyxl
from sqlalchemy import insert, select

from inspector_app.services import campaigns
from inspector_app.services.queries.workbook import export_workbook, read_sheets
from inspector_app.services.unit import reading, unit_of_work
from inspector_app.storage.engine import open_workspace
from inspector_app.storage.models import Finding, Inspection
from inspector_app.storage.models_evidence import Photo

GOAL = 1.5
FINDINGS, PHOTOS = 30_000, 10_000
HAZARDS = ("配电箱门未关闭，内部线路裸露", "粉尘涉爆区域除尘系统未设置泄爆装置", "叉车司机无证驾驶",
           "应急预案未按规定演练", "=SUM(A1:A9) 样式的描述", "-2米平台护栏缺失")


def workspace() -> Path:
    folder = CACHE / "ws-workbook-10000-50000"
    if (folder / "done").exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(big_workspace(), folder)
    rng = random.Random(12)
    ws = open_workspace(folder)
    try:
        with unit_of_work(ws) as session:
            ids = list(session.scalars(select(Inspection.id)))
            campaigns.latest(session)  # the shipped campaign stored, as any assignment does
            at = datetime(2026, 3, 1, 9, 30)
            session.execute(insert(Finding), [{
                "uid": f"00000000-0000-4000-9000-{n:012d}", "inspection_id": rng.choice(ids),
                "item_code": f"A.{rng.randint(1, 9)}", "severity": "重大" if rng.random() < 0.1 else "一般",
                "description": rng.choice(HAZARDS), "requirement": "立即整改并报送整改情况",
                "deadline": date(2026, 3, 1) + timedelta(days=rng.randrange(300)), "responsible_person": "某负责人",
                "status": rng.choice(("待整改", "已整改待复查", "复查合格")), "recheck_note": "",
                "rechecked_at": None, "measures": "", "created_at": at, "updated_at": at,
            } for n in range(FINDINGS)])
            session.execute(insert(Photo), [{
                "uid": f"00000000-0000-4000-a000-{n:012d}", "inspection_id": rng.choice(ids),
                "sha256": f"{rng.getrandbits(256):064x}", "original_name": f"IMG_{n:05d}.jpg",
                "captured_at": at + timedelta(minutes=n), "captured_offset": "+08:00", "time_source": "exif",
                "gps_lat": 31.7 + rng.random() / 10, "gps_lon": 119.9 + rng.random() / 10, "caption": "现场照片",
                "position": n, "added_by": "某检查员", "added_at": at,
            } for n in range(PHOTOS)])
    finally:
        ws.close()
    (folder / "done").write_text("built\n", "utf-8")
    return folder


def rows_in_memory(folder: Path) -> list[tuple[str, list[Any]]]:
    ws = open_workspace(folder)
    try:
        with reading(ws) as session:
            office = campaigns.office(session)
            return [(s.title, list(s.rows)) for s in read_sheets(session, office, date.today())]
    finally:
        ws.close()


def reference(sheets: list[tuple[str, list[Any]]], path: Path) -> None:
    book = openpyxl.Workbook(write_only=True)
    for title, rows in sheets:
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
    book.save(path)


def ours(folder: Path, path: Path) -> dict[str, int]:
    ws = open_workspace(folder)
    try:
        return export_workbook(ws, path).counts
    finally:
        ws.close()


def run_alone(cmd: list[str]) -> tuple[float, float]:
    """Wall time and the peak resident size of ``cmd`` run alone (a fresh process)."""
    code = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
            "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
            "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([python(), "-c", code, *cmd], check=True, capture_output=True, text=True).stdout.split()
    return float(out[0]), int(out[1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    start = time.perf_counter()
    folder = workspace()
    print(f"workspace ready in {time.perf_counter() - start:.1f} s: {folder}")
    sheets = rows_in_memory(folder)
    total = sum(len(rows) for _, rows in sheets)
    print("rows: " + ", ".join(f"{title} {len(rows)}" for title, rows in sheets) + f" = {total}")
    tmp = Path(tempfile.mkdtemp(prefix="bench-workbook-"))
    cells = [(title, [[None if v == "" else v for v in row] for row in rows]) for title, rows in sheets]
    t_cells: list[float] = []
    cpu_cells: list[float] = []
    t_ours: list[float] = []
    t_ref: list[float] = []
    cpu_ours: list[float] = []
    cpu_ref: list[float] = []
    for _ in range(args.repeat):
        for fn, times, cpus in ((lambda: ours(folder, tmp / "ours.xlsx"), t_ours, cpu_ours),
                                (lambda: reference(sheets, tmp / "ref.xlsx"), t_ref, cpu_ref),
                                (lambda: reference(cells, tmp / "cells.xlsx"), t_cells, cpu_cells)):
            c0, w0 = time.process_time(), time.perf_counter()
            fn()
            times.append(time.perf_counter() - w0)
            cpus.append(time.process_time() - c0)
    counts = ours(folder, tmp / "ours.xlsx")
    assert sum(counts.values()) - counts["说明"] == total, counts
    best_ours, best_ref = min(t_ours), min(t_ref)
    print(f"export_workbook (database → xlsx)        : {best_ours:6.2f} s wall, {min(cpu_ours):6.2f} s CPU")
    print(f"openpyxl write-only, rows in memory      : {best_ref:6.2f} s wall, {min(cpu_ref):6.2f} s CPU")
    print(f"ratio: {best_ours / best_ref:.2f}x wall, {min(cpu_ours) / min(cpu_ref):.2f}x CPU (goal ≤ {GOAL}x)")
    print(f"openpyxl write-only, same cells (no \"\")  : {min(t_cells):6.2f} s wall, {min(cpu_cells):6.2f} s CPU"
          f"  → ratio {best_ours / min(t_cells):.2f}x wall, {min(cpu_ours) / min(cpu_cells):.2f}x CPU")
    print(f"file sizes: ours {(tmp / 'ours.xlsx').stat().st_size / 1e6:.1f} MB, "
          f"reference {(tmp / 'ref.xlsx').stat().st_size / 1e6:.1f} MB")
    wall, rss = run_alone([python(), "-m", "inspector_app", "--data-dir", str(folder), "report", "export", "-o",
                             str(tmp / "cli.xlsx")])
    print(f"inspector-app report export (process)    : {wall:6.2f} s wall, peak RSS {rss:.0f} MB")
    hold = (f"import sys; sys.path[:0] = [{str(ROOT / 'benchmarks')!r}, {str(ROOT)!r}]; "
            f"from bench_workbook import rows_in_memory; from pathlib import Path; "
            f"rows_in_memory(Path({str(folder)!r}))")
    _, rss_hold = run_alone([python(), "-c", hold])
    print(f"(a process holding the same rows in memory: peak RSS {rss_hold:.0f} MB)")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
