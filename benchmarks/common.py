"""Shared helpers for the benchmarks: timing, workspaces of a given size, result files."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "benchmarks" / ".data"


def best_of(fn: Callable[[], object], repeat: int = 3) -> float:
    """The best wall time of ``repeat`` runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def run_quiet(cmd: Sequence[str], **kwargs: object) -> None:
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kwargs)  # type: ignore[call-overload]


def big_workspace(enterprises: int = 10_000, inspections: int = 50_000) -> Path:
    """A workspace of the given size, built once and cached in benchmarks/.data/."""
    from inspector_app.storage.schema_version import current_revision, known_revisions

    folder = CACHE / f"ws-{enterprises}-{inspections}"
    if (folder / "workspace.sqlite").exists():
        if current_revision(folder / "workspace.sqlite") == known_revisions()[1]:
            return folder
        import shutil

        shutil.rmtree(folder)  # built by an older schema: build it again
    from inspector_app.demo.workspace import fill_bulk
    from inspector_app.storage.engine import open_workspace

    ws = open_workspace(folder)
    with ws.sessions.begin() as session:
        fill_bulk(session, enterprises, inspections)
    ws.close()
    return folder


def python() -> str:
    return sys.executable
