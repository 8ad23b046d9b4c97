"""`report progress` on a province-sized workspace (100,000 enterprises, 300,000 inspections) against a
raw SQL aggregate of the same figures run with Python's sqlite3 module on the same file, each a fresh
process, best of 3. Goal: ≤ 3×.

The workspace (cached in benchmarks/.data/) is ``demo.workspace.fill_bulk`` plus what the figures read:
a ninth of the inspections audits and a twentieth review-quality checks, each inspection's status rows
in the audit trail (assigned → … → its status, February to June 2020) and five other audit rows,
about one finding per inspection (一般 / 重大, deadlines, some re-checked 合格). The office is the city
(常州市: a row per district). Two runs: as of today (current statuses) and as of 2020-04-15 (statuses
from the audit trail, the partial index of migration 0007).

Usage: .venv/bin/python benchmarks/bench_progress.py [--enterprises N] [--inspections N]
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import CACHE, best_of, python

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from inspector_app.services.outcome_stamp import STAMP_KEY  # noqa: E402

CHAIN = ["assigned", "in_progress", "completed", "exported", "received"]
CAMPAIGN = "jiangsu-changzhou-2020"


def _history(status: str) -> list[str]:
    if status in CHAIN:
        return CHAIN[:CHAIN.index(status) + 1]
    return [*CHAIN, status]  # accepted / returned


def build(enterprises: int, inspections: int) -> Path:
    from inspector_app.storage.schema_version import current_revision, known_revisions

    folder = CACHE / f"progress-{enterprises}-{inspections}"
    db = folder / "workspace.sqlite"
    if db.exists() and current_revision(db) == known_revisions()[1]:
        return folder
    if folder.exists():
        import shutil

        shutil.rmtree(folder)
    from inspector_app.demo.workspace import fill_bulk
    from inspector_app.services import campaigns, workspace_meta
    from inspector_app.storage.engine import open_workspace

    ws = open_workspace(folder)
    with ws.sessions.begin() as session:
        fill_bulk(session, enterprises, inspections)
        campaigns.sync_shipped_campaigns(session)
        workspace_meta.set_value(session, "level", "city")
        workspace_meta.set_value(session, "jurisdiction", "常州市")
    ws.close()
    con = sqlite3.connect(db)
    pks = dict(con.execute("SELECT template_id, max(pk) FROM templates GROUP BY template_id"))
    con.execute("UPDATE inspections SET template_pk = ? WHERE id % 9 = 4", (pks["operation-audit-2020"],))
    con.execute("UPDATE inspections SET template_pk = ? WHERE id % 20 = 7", (pks["review-quality-2020"],))
    con.execute("UPDATE inspections SET outcome = '合格' WHERE id % 20 = 7")
    rng = random.Random(11)
    start = datetime(2020, 2, 1, 9)
    events: list[tuple[object, ...]] = []
    findings: list[tuple[object, ...]] = []
    assigned: list[tuple[str, int]] = []
    for iid, uid, status in con.execute("SELECT id, uid, status FROM inspections").fetchall():
        when = start + timedelta(hours=rng.randrange(0, 24 * 40))
        assigned.append((when.isoformat(" "), iid))
        old = ""
        for step in _history(status):
            events.append((iid, "inspection", uid, "status", old, step, "演示", when.isoformat(" ")))
            old, when = step, when + timedelta(hours=rng.randrange(1, 24 * 12))
        for n in range(5):
            events.append((iid, "answer", f"A.{n}", "answer", "", "符合", "演示", when.isoformat(" ")))
        for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
            created = start + timedelta(days=rng.randrange(0, 60))
            deadline = (created + timedelta(days=rng.randrange(7, 45))).date()
            passed = rng.random() < 0.4
            findings.append((f"{iid}-{len(findings)}", iid, "重大" if rng.random() < 0.1 else "一般", "隐患",
                             deadline.isoformat(), "复查合格" if passed else "待整改",
                             (created + timedelta(days=30)).isoformat(" ") if passed else None,
                             created.isoformat(" "), created.isoformat(" ")))
        if len(events) > 200_000:
            con.executemany("INSERT INTO audit_events (inspection_id, entity, entity_key, field, old_value, "
                            "new_value, actor, at, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '')", events)
            events.clear()
    con.executemany("INSERT INTO audit_events (inspection_id, entity, entity_key, field, old_value, new_value, "
                    "actor, at, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '')", events)
    con.executemany("UPDATE inspections SET assigned_at = ? WHERE id = ?", assigned)
    con.executemany("INSERT INTO findings (uid, inspection_id, severity, description, deadline, status, rechecked_at, "
                    "created_at, item_code, requirement, responsible_person, recheck_note, measures, updated_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', '', '', '', '', ?)", findings)
    con.commit()
    con.execute("ANALYZE")
    con.close()
    return folder


def reference_code(db: Path, as_of: date) -> str:
    """A python -c program: the same aggregate SQL (services.progress) with sqlite3, the rows as JSON."""
    from inspector_app.domain.campaign import parse_campaign, shipped_campaign_paths
    from inspector_app.services import progress

    path = next(p for p in shipped_campaign_paths() if p.stem == "jiangsu-changzhou-2020")
    campaign = parse_campaign(json.loads(path.read_text(encoding="utf-8")), path.name)
    kinds = {template: kind for kind, template in campaign.templates.items()}
    con = sqlite3.connect(db)
    kind_of = {pk: kinds[tid] for pk, tid in con.execute("SELECT pk, template_id FROM templates") if tid in kinds}
    con.close()
    sql = progress.inspections_sql(kind_of, current=as_of >= date.today())
    scope, params = progress.scope_sql(campaign)
    params.update(campaign=CAMPAIGN, end=(as_of + timedelta(days=1)).isoformat(), as_of=as_of.isoformat())
    return (f"import sqlite3, json, sys; con = sqlite3.connect({str(db)!r}); p = {params!r}; "
            f"rows = con.execute({scope!r}, p).fetchall() + con.execute({sql!r}, p).fetchall(); "
            "sys.stdout.write(json.dumps(rows, ensure_ascii=False))")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--enterprises", type=int, default=100_000)
    parser.add_argument("--inspections", type=int, default=300_000)
    args = parser.parse_args()
    started = time.perf_counter()
    folder = build(args.enterprises, args.inspections)
    db = folder / "workspace.sqlite"
    print(f"workspace ready in {time.perf_counter() - started:.1f} s: {folder}")
    con = sqlite3.connect(db)
    counts = [con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("enterprises", "inspections", "audit_events", "findings")]
    # Outcomes count as refreshed today: the refresh is the same before both contenders and not measured.
    con.execute("INSERT OR REPLACE INTO workspace_meta (key, value) VALUES (?, ?)", (STAMP_KEY, date.today().isoformat()))
    con.commit()
    con.close()
    print("enterprises {:,}, inspections {:,}, audit rows {:,}, findings {:,}".format(*counts))
    for label, as_of in (("today", None), ("as of 2020-04-15", date(2020, 4, 15))):
        argv = [python(), "-m", "inspector_app", "--data-dir", str(folder), "report", "progress", "--format", "json"]
        if as_of is not None:
            argv += ["--as-of", as_of.isoformat()]
        code = reference_code(db, as_of or date.today())

        def ours(argv: list[str] = argv) -> None:
            out = subprocess.run(argv, check=True, capture_output=True)
            assert json.loads(out.stdout)["rows"]

        def reference(code: str = code) -> None:
            subprocess.run([python(), "-c", code], check=True, capture_output=True)

        ours()
        reference()  # warm the OS cache
        t_ours, t_ref = best_of(ours), best_of(reference)
        print(f"{label:18s} inspector-app report progress --format json : {t_ours * 1000:7.0f} ms")
        print(f"{label:18s} python sqlite3, the same SQL + json.dumps  : {t_ref * 1000:7.0f} ms  "
              f"ratio {t_ours / t_ref:.2f}x")


if __name__ == "__main__":
    main()
