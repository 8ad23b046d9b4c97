"""The office on PostgreSQL at a province's size (issue 15): 1,000,000 inspections of 300,000 enterprises.

Three measures, each a ratio to a reference run in the same invocation on the same data, interleaved,
median of ``--repeat`` runs (default 5):

* **import**: ``services.ops.sync.import_bundle`` of a 200-photo result bundle (and of a records-only
  one) into the office of 1,000,000 inspections, against the same import into the empty office.
  Each import gets a fresh copy of its database (``CREATE DATABASE … TEMPLATE``, then ``sync``, not
  timed) and a fresh workspace folder; the workspace is opened before the clock starts.  Goal ≤ 1.2×.
* **list**: ``inspector-app --database URL inspections list --format json`` (the whole process) against
  ``psql`` running the list's raw SQL (``services.queries.inspections``) with unaligned output.  Goal ≤ 3×.
* **progress**: ``inspector-app --database URL report progress --format json`` (today, and as of
  2020-04-15) against ``psql`` running the report's two SQL statements (``services.progress``: the
  scope and the aggregate) with the same parameters.  Goal ≤ 3×.

Outcomes count as refreshed today in the big office (``outcomes_refreshed_on``), as in
benchmarks/bench_progress.py: the daily refresh is the same before both contenders and measured apart.

The cluster: ``--url`` or ``$INSPECTOR_TEST_PG_URL``, else the throwaway cluster of
``scripts/office-db.sh`` in build/bench-office-pg/ (started here, stopped at the end unless
``--keep-running``). The databases are built once (benchmarks/office_pg_data.py) and reused.

Usage: .venv/bin/python benchmarks/bench_office_pg.py [--inspections 1000000] [--repeat 5] [--only list]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import office_pg_data as data

ROOT = data.ROOT
CLUSTER = ROOT / "build" / "bench-office-pg"
AS_OF = date(2020, 4, 15)


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def medians(contenders: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """Each contender once as a warm-up, then ``repeat`` interleaved rounds; the median of each."""
    for fn in contenders.values():
        fn()
    times: dict[str, list[float]] = {k: [] for k in contenders}
    for _ in range(repeat):
        for name, fn in contenders.items():
            times[name].append(timed(fn))
    for name, values in times.items():
        print(f"    {name:44s} " + " ".join(f"{v:6.2f}" for v in values) + f"   median {statistics.median(values):6.2f} s")
    return {k: statistics.median(v) for k, v in times.items()}


def psql_url(url: str, name: str) -> str:
    from sqlalchemy.engine import make_url

    u = make_url(url)
    return f"postgresql://{u.username}@{u.host}:{u.port}/{name}"


def literal(sql: str, params: dict[str, Any]) -> str:
    """``sql`` with each ``:name`` replaced by its value as an SQL literal (``::`` casts kept), for psql."""
    out, i = [], 0
    while i < len(sql):
        if sql[i] == ":" and sql[i + 1:i + 2] == ":":
            out.append("::")
            i += 2
        elif sql[i] == ":" and (sql[i + 1:i + 2].isalpha() or sql[i + 1:i + 2] == "_"):
            end = i + 1
            while end < len(sql) and (sql[end].isalnum() or sql[end] == "_"):
                end += 1
            value = params[sql[i + 1:end]]
            out.append("NULL" if value is None else "'" + str(value).replace("'", "''") + "'")
            i = end
        else:
            out.append(sql[i])
            i += 1
    return "".join(out)


def import_bench(url: str, cache: Path, big: str, repeat: int) -> dict[str, float]:
    from inspector_app.services.ops.sync import import_bundle
    from inspector_app.storage.engine import open_workspace

    tmp = Path(tempfile.mkdtemp(prefix="bench-office-pg-"))
    ratios: dict[str, float] = {}
    try:
        for label, bundle in (("200 photos", cache / "result.inspbundle"),
                              ("records only", cache / "records-only.inspbundle")):
            times: dict[str, list[float]] = {"empty": [], "big": []}
            for run in range(repeat + 1):  # the first round warms up and is not counted
                for kind, template in (("empty", "bench_empty"), ("big", big)):
                    name = f"bench_run_{kind}"
                    data.clone(url, template, name)
                    os.sync()  # the copy's 2.4 GB reach the disk before the clock starts, not during the import
                    time.sleep(2)
                    folder = tmp / f"{kind}-{run}"
                    folder.mkdir()
                    (folder / "database.url").write_text(data.url_for(url, name) + "\n", "utf-8")
                    ws = open_workspace(folder)
                    try:
                        took = timed(lambda ws=ws, bundle=bundle: import_bundle(ws, bundle))  # type: ignore[misc]
                    finally:
                        ws.close()
                    if run:
                        times[kind].append(took)
                    shutil.rmtree(folder)
                    data.drop(url, name)
            e, b = statistics.median(times["empty"]), statistics.median(times["big"])
            print(f"  import {label}: empty " + " ".join(f"{v:.2f}" for v in times["empty"]) +
                  "  big " + " ".join(f"{v:.2f}" for v in times["big"]))
            print(f"  import of {label} into the big office vs the empty one: {b:.2f} s / {e:.2f} s = {b / e:.2f}x"
                  "  (goal <= 1.2x)", flush=True)
            ratios[f"import {label}"] = b / e
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return ratios


def stamp_today(url: str, name: str) -> None:
    from inspector_app.services.outcome_stamp import STAMP_KEY

    with data.connect(url, name) as con:
        con.execute("INSERT INTO workspace_meta (key, value) VALUES (%s, %s) ON CONFLICT (key) DO UPDATE "
                    "SET value = EXCLUDED.value", (STAMP_KEY, date.today().isoformat()))


def cli(folder: Path, url: str, *args: str) -> bytes:
    argv = [sys.executable, "-m", "inspector_app", "--data-dir", str(folder), "--database", url, *args]
    done = subprocess.run(argv, capture_output=True, cwd=ROOT, check=False)
    if done.returncode:
        raise SystemExit(f"{' '.join(argv)} failed: {done.stderr.decode(errors='replace')[-2000:]}")
    return done.stdout


def psql(url: str, sql: str) -> bytes:
    argv = [data.psql_binary(), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql]
    return subprocess.run(argv, check=True, capture_output=True).stdout


def list_bench(url: str, big: str, folder: Path, count: int, repeat: int) -> dict[str, float]:
    from inspector_app.services.queries.inspections import _SELECT

    sql = f"{_SELECT} ORDER BY i.id"
    db_url, ref_url = data.url_for(url, big), psql_url(url, big)

    def ours() -> None:
        out = cli(folder, db_url, "inspections", "list", "--format", "json")
        assert out.count(b'"uid"') == count, out[:200]

    def reference() -> None:
        assert psql(ref_url, sql).count(b"\n") == count

    t = medians({"inspector-app inspections list --format json": ours, "psql -A -t, the list's SQL": reference},
                repeat)
    ours_t, ref_t = t["inspector-app inspections list --format json"], t["psql -A -t, the list's SQL"]
    print(f"  list: {ours_t:.2f} s / {ref_t:.2f} s = {ours_t / ref_t:.2f}x  (goal <= 3x)", flush=True)
    return {"list": ours_t / ref_t}


def progress_sql(url: str, big: str, as_of: date) -> str:
    """The report's two statements with their parameters, as ``services.progress.build`` runs them."""
    from inspector_app.domain.campaign import parse_campaign, shipped_campaign_paths
    from inspector_app.services import progress

    path = next(p for p in shipped_campaign_paths() if p.stem == data.CAMPAIGN)
    campaign = parse_campaign(json.loads(path.read_text(encoding="utf-8")), path.name)
    kinds = {template: kind for kind, template in campaign.templates.items()}
    with data.connect(url, big) as con:
        kind_of = {pk: kinds[tid] for pk, tid in con.execute("SELECT pk, template_id FROM templates")
                   if tid in kinds}
    sql = progress.inspections_sql(kind_of, current=as_of >= date.today())
    scope, params = progress.scope_sql(campaign)
    params.update(campaign=data.CAMPAIGN, end=(as_of + timedelta(days=1)).isoformat(), as_of=as_of.isoformat())
    return literal(scope, params) + ";\n" + literal(sql, params) + ";"


def progress_bench(url: str, big: str, folder: Path, repeat: int) -> dict[str, float]:
    db_url, ref_url = data.url_for(url, big), psql_url(url, big)
    ratios = {}
    for label, as_of in (("today", None), ("as of 2020-04-15", AS_OF)):
        args = ["report", "progress", "--format", "json"] + (["--as-of", as_of.isoformat()] if as_of else [])
        sql = progress_sql(url, big, as_of or date.today())

        def ours(args: list[str] = args) -> None:
            assert json.loads(cli(folder, db_url, *args))["rows"]

        def reference(sql: str = sql) -> None:
            assert psql(ref_url, sql)

        t = medians({f"report progress {label}": ours, f"psql, the same two statements ({label})": reference},
                    repeat)
        o, r = t[f"report progress {label}"], t[f"psql, the same two statements ({label})"]
        print(f"  progress {label}: {o:.2f} s / {r:.2f} s = {o / r:.2f}x  (goal <= 3x)", flush=True)
        ratios[f"progress {label}"] = o / r
    return ratios


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default=os.environ.get("INSPECTOR_TEST_PG_URL", ""),
                        help="a cluster to build in (default: the throwaway cluster in build/bench-office-pg)")
    parser.add_argument("--inspections", type=int, default=1_000_000)
    parser.add_argument("--enterprises", type=int, default=0, help="default: 30 %% of the inspections")
    parser.add_argument("--photos", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", choices=("import", "list", "progress"), action="append")
    parser.add_argument("--keep-running", action="store_true", help="leave the throwaway cluster running")
    args = parser.parse_args()
    started_here = not args.url
    url = args.url or data.start_cluster(CLUSTER)
    try:
        began = time.perf_counter()
        cache = CLUSTER / f"cache-{data.head()}"
        token = data.build_empty(url, cache, args.photos)
        big = data.build_big(url, token, args.inspections, args.enterprises or args.inspections * 3 // 10)
        print(f"databases ready in {time.perf_counter() - began:.0f} s")
        print("cluster: " + ", ".join(f"{k}={v}" for k, v in data.settings(url).items()))
        print("big office: " + ", ".join(f"{k} {v:,}" if isinstance(v, int) else f"{k} {v}"
                                         for k, v in data.sizes(url, big).items()))
        stamp_today(url, big)
        ratios: dict[str, float] = {}
        folder = Path(tempfile.mkdtemp(prefix="bench-office-cli-"))
        try:
            if not args.only or "list" in args.only:
                ratios.update(list_bench(url, big, folder, args.inspections + 2, args.repeat))
            if not args.only or "progress" in args.only:
                ratios.update(progress_bench(url, big, folder, args.repeat))
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        if not args.only or "import" in args.only:
            ratios.update(import_bench(url, cache, big, args.repeat))
        print("ratios: " + ", ".join(f"{k} {v:.2f}x" for k, v in ratios.items()))
    finally:
        if started_here and not args.keep_running:
            data.stop_cluster(CLUSTER)


if __name__ == "__main__":
    main()
