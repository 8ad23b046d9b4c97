"""The desk's start-up and filter speed on a workspace of 10,000 enterprises and 50,000 inspections.

Usage: .venv/bin/python benchmarks/bench_gui.py [--enterprises 10000] [--inspections 50000] [--runs 3]
       [--bytecode both|cached|invoked] [--start-only]

1. Cold start to a shown main window, as a ratio to a bare PySide6 QMainWindow started the same way
   (a fresh ``python`` subprocess, offscreen, best of N, interleaved in the same run). The clock runs
   from just before the subprocess is spawned to the timestamp the child prints from a
   ``QTimer.singleShot(0)`` after ``show()`` – the first turn of the event loop, when the window is
   exposed. The app is started through its real entry points:
     * ``python -m inspector_app --data-dir DIR gui`` (the command line),
     * ``python -m inspector_app.app`` (the GUI entry, workspace from ``INSPECTOR_DATA_DIR``).
   The same runs also report when the desk has settled (icons, column widths: ``settled``) and when the
   50,065 rows are in the list (``loaded``).
   Two conditions, each measured for every contender alike:
     * ``cached``: Python's bytecode caches in a temporary folder (``PYTHONPYCACHEPREFIX``), written by a
       warm-up run – as an installed copy (pip compiles on install) or any second start of a checkout;
     * ``as invoked``: the environment as given. With ``PYTHONDONTWRITEBYTECODE=1`` and no
       ``__pycache__`` in the tree (this sandbox), every start compiles the app's modules from source.
2. A filter keystroke over 10,000 rows (and over all 50,065): the text set in the filter box, the
   debounce flushed, the model filtered and the view repainted (``processEvents``); median and worst
   of a typed sequence. Goal: ≤ 30 ms.

Not part of pytest. Settings go to a temporary folder (XDG_CONFIG_HOME), never the user's.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

BARE = """
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow()
w.resize(1280, 720)
w.show()
def shown():
    print("shown %.6f %.6f" % (time.time(), time.process_time()), flush=True)
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""


def build(root: Path, enterprises: int, inspections: int) -> Path:
    from inspector_app.demo.workspace import fill_bulk
    from inspector_app.storage.engine import open_workspace

    start = time.perf_counter()
    workspace = open_workspace(root / "ws")
    with workspace.sessions.begin() as session:
        fill_bulk(session, enterprises, inspections)
    workspace.close()
    print(f"workspace: {enterprises} enterprises, {inspections} inspections in {time.perf_counter() - start:.1f} s")
    return root / "ws"


def timed(command: list[str], env: dict[str, str]) -> dict[str, float]:
    start = time.time()
    out = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, cwd=ROOT)
    stamps = {}
    for line in out.stdout.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] in ("shown", "settled", "loaded"):
            stamps[parts[0]] = float(parts[1]) - start
            stamps[parts[0] + "_cpu"] = float(parts[2])
    if "shown" not in stamps:
        raise RuntimeError(f"{command} printed no timestamp:\n{out.stdout}\n{out.stderr}")
    stamps["exit"] = time.time() - start
    return stamps


def conditions(root: Path, which: str) -> dict[str, dict[str, str]]:
    base = dict(os.environ, XDG_CONFIG_HOME=str(root / "config"), INSPECTOR_STARTUP_PROBE="1")
    cached = {k: v for k, v in base.items() if k != "PYTHONDONTWRITEBYTECODE"}
    cached["PYTHONPYCACHEPREFIX"] = str(root / "pycache")
    found = {"cached": cached, "invoked": base}
    return {name: env for name, env in found.items() if which in ("both", name)}


def bench_start(data_dir: Path, runs: int, root: Path, which: str) -> None:
    python = sys.executable
    commands = {
        "bare QMainWindow": [python, "-c", BARE],
        "app: -m inspector_app gui": [python, "-m", "inspector_app", "--data-dir", str(data_dir), "gui"],
        "app: -m inspector_app.app": [python, "-m", "inspector_app.app"],
    }
    for condition, env in conditions(root, which).items():
        env = dict(env, INSPECTOR_DATA_DIR=str(data_dir))
        for command in commands.values():  # warm the file cache (and write the bytecode) for every contender
            timed(command, env)
        results: dict[str, list[dict[str, float]]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, command in commands.items():
                results[name].append(timed(command, env))
        bare = min(r["shown"] for r in results["bare QMainWindow"])
        bare_cpu = min(r["shown_cpu"] for r in results["bare QMainWindow"])
        label = "bytecode cached" if condition == "cached" else "environment as invoked"
        print(f"\ncold start ({label}), best of {runs}: wall seconds from spawn, and the child's CPU seconds "
              f"(all threads)\n  {'':28} {'shown':>7} {'ratio':>6} {'CPU':>7} {'ratio':>6} {'settled':>8} "
              f"{'rows in':>8}")
        for name, rows in results.items():
            shown = min(r["shown"] for r in rows)
            cpu = min(r["shown_cpu"] for r in rows)
            settled = min((r["settled"] for r in rows if "settled" in r), default=float("nan"))
            loaded = min((r["loaded"] for r in rows if "loaded" in r), default=float("nan"))
            print(f"  {name:28} {shown:7.3f} {shown / bare:5.2f}× {cpu:7.3f} {cpu / bare_cpu:5.2f}× {settled:8.3f} "
                  f"{loaded:8.3f}")


def bench_filter(data_dir: Path) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from inspector_app.services.queries.desk import desk_rows
    from inspector_app.storage.engine import open_workspace
    from inspector_app.ui.i18n import ensure_cjk_font
    from inspector_app.ui.main_window import MainWindow
    from inspector_app.ui.settings import AppSettings
    from inspector_app.ui.tasks import InlineTaskRunner

    app = QApplication.instance() or QApplication([])
    ensure_cjk_font()
    workspace = open_workspace(data_dir)
    start = time.perf_counter()
    with workspace.sessions() as session:
        rows = desk_rows(session)
    print(f"\nreading {len(rows)} rows (desk_rows): {(time.perf_counter() - start) * 1000:.0f} ms")
    tmp = Path(tempfile.mkdtemp())
    window = MainWindow(InlineTaskRunner(), AppSettings(QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat)))
    window.set_workspace(workspace)
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    sample = rows[len(rows) // 3]
    sequences = {
        "name": [sample["enterprise"][:n] for n in range(1, 6)],
        "uscc": [sample["uscc"][-n:].lower() for n in range(1, 7)],
        "district": ["武", "武进", "武进区"],
    }
    for label, subset in (("10,000 rows", rows[:10_000]), (f"{len(rows):,} rows", rows)):
        start = time.perf_counter()
        window.model.set_rows(subset)
        app.processEvents()
        load_ms = (time.perf_counter() - start) * 1000
        times, cpu = [], []
        for _round in range(3):
            for sequence in sequences.values():
                for text in [*sequence, *reversed(sequence[:-1]), ""]:  # type, then delete back to empty
                    start, start_cpu = time.perf_counter(), time.process_time()
                    window.filter_bar.text.setText(text)
                    window.filter_bar.flush()
                    app.processEvents()
                    times.append((time.perf_counter() - start) * 1000)
                    cpu.append((time.process_time() - start_cpu) * 1000)
        print(f"filter keystroke over {label}: wall median {statistics.median(times):.1f} ms, "
              f"p90 {statistics.quantiles(times, n=10)[-1]:.1f} ms, worst {max(times):.1f} ms; "
              f"CPU median {statistics.median(cpu):.1f} ms ({len(times)} keystrokes); "
              f"set_rows + paint {load_ms:.0f} ms")
    window.close()
    workspace.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enterprises", type=int, default=10_000)
    parser.add_argument("--inspections", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--bytecode", choices=("both", "cached", "invoked"), default="both",
                        help="start-up with bytecode caches, as invoked, or both (default)")
    parser.add_argument("--start-only", action="store_true", help="skip the filter benchmark")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="inspector-bench-gui-") as tmp:
        root = Path(tmp)
        data_dir = build(root, args.enterprises, args.inspections)
        bench_start(data_dir, args.runs, root, args.bytecode)
        if not args.start_only:
            bench_filter(data_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
