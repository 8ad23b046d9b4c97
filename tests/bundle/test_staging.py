"""Staging folders of concurrent imports: a running import's folder is never removed by another import;
a killed import's folder is removed by the next one."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from inspector_app.services.sync import staging

pytestmark = pytest.mark.both_engines


def test_a_held_folder_survives_the_sweep_and_is_removed_after(tmp_path: Path) -> None:
    with staging.staging_folder(tmp_path) as first:
        (first / "payload").write_text("x")
        with staging.staging_folder(tmp_path) as second:  # a second import starting meanwhile sweeps
            assert first.is_dir() and second.is_dir() and first != second
        assert not second.exists()
        assert (first / "payload").read_text() == "x"
    assert list(tmp_path.iterdir()) == []


def test_a_folder_locked_by_another_process_is_left_alone(tmp_path: Path) -> None:
    code = ("import sys, time\nfrom pathlib import Path\nfrom inspector_app.services.sync import staging\n"
            "with staging.staging_folder(Path(sys.argv[1])) as s:\n    print(s, flush=True)\n    time.sleep(30)\n")
    child = subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    try:
        held = Path(child.stdout.readline().strip())  # type: ignore[union-attr]
        assert staging.remove_stale(tmp_path) == [] and held.is_dir()
        child.kill()  # killed like a SIGKILLed import: its lock goes with it, its folder stays
        child.wait()
        assert held.is_dir()
        assert staging.remove_stale(tmp_path) == [held] and not held.exists()
    finally:
        child.kill()
        child.wait()


def test_a_folder_without_a_lock_file_is_removed_only_when_old(tmp_path: Path) -> None:
    young, old = tmp_path / ".import-young", tmp_path / ".import-old"
    young.mkdir()
    old.mkdir()
    past = time.time() - 2 * staging.ORPHAN_AGE
    os.utime(old, (past, past))
    assert staging.remove_stale(tmp_path) == [old]
    assert young.is_dir()
