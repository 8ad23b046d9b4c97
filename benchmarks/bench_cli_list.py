"""`inspections list --format json` on 10,000 enterprises and 50,000 inspections, against a raw
sqlite3 query of the same columns, run the same way (a fresh process each, best of 3).

Usage: .venv/bin/python benchmarks/bench_cli_list.py
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import best_of, big_workspace, python

SQL = ("SELECT i.id, i.uid, e.name AS enterprise, e.uscc, e.district, t.title AS template, i.status, "
       "i.score, i.grade, i.outcome, i.due_date, i.answered, i.updated_at "
       "FROM inspections i JOIN enterprises e ON e.id = i.enterprise_id "
       "JOIN templates t ON t.pk = i.template_pk ORDER BY i.id")


def main() -> None:
    start = time.perf_counter()
    folder = big_workspace()
    print(f"workspace ready in {time.perf_counter() - start:.1f} s: {folder}")
    db = folder / "workspace.sqlite"

    def ours() -> None:
        out = subprocess.run([python(), "-m", "inspector_app", "--data-dir", str(folder), "inspections", "list",
                              "--format", "json"], check=True, capture_output=True)
        assert len(json.loads(out.stdout)) == 50_000

    def sqlite_cli() -> None:
        out = subprocess.run(["sqlite3", "-json", str(db), SQL], check=True, capture_output=True)
        assert out.stdout.count(b'"uid"') == 50_000

    def sqlite_python() -> None:
        code = (f"import sqlite3, json, sys; rows = sqlite3.connect({str(db)!r}).execute({SQL!r}).fetchall(); "
                "sys.stdout.write(json.dumps(rows, ensure_ascii=False))")
        subprocess.run([python(), "-c", code], check=True, capture_output=True)

    ours()  # warm the OS cache
    t_ours, t_cli, t_py = best_of(ours), best_of(sqlite_cli), best_of(sqlite_python)
    con = sqlite3.connect(db)
    t_query = best_of(lambda: con.execute(SQL).fetchall())
    print(f"inspector-app inspections list --format json : {t_ours * 1000:7.0f} ms")
    print(f"sqlite3 -json (CLI shell)                     : {t_cli * 1000:7.0f} ms  ratio {t_ours / t_cli:.2f}x")
    print(f"python sqlite3 query + json.dumps (process)   : {t_py * 1000:7.0f} ms  ratio {t_ours / t_py:.2f}x")
    print(f"(in-process raw query alone: {t_query * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
