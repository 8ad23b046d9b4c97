"""The photo pool dies with the command: a ``photos add`` killed with SIGKILL leaves no forkserver, resource
tracker or worker behind (they used to wait for ever)."""

from __future__ import annotations

import contextlib
import io
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from inspector_app.domain import uscc
from inspector_app.photos.ingest import PARENT_POLL, _parent_alive, _start_time
from inspector_app.services import inspections
from inspector_app.services.enterprises import EnterpriseData, upsert
from inspector_app.services.templates import latest_templates, sync_shipped_templates
from inspector_app.storage.engine import open_workspace

REPO = Path(__file__).resolve().parents[2]
MARK = "INSPECTOR_TEST_POOL_MARK"

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")


def _marked(mark: str) -> list[tuple[int, str, str]]:
    """Every live process carrying ``MARK=mark`` in its environment (inherited by all it starts):
    (pid, state, command line). Zombies – ended, only not yet reaped by whoever adopted them – are left out."""
    found = []
    needle = f"{MARK}={mark}".encode()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            if needle not in Path(f"/proc/{entry}/environ").read_bytes().split(b"\0"):
                continue
            state = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[0]
            command = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if state not in ("Z", "X"):
            found.append((int(entry), state, command))
    return found


def _kill_left_over(mark: str) -> None:
    for pid, _state, _command in _marked(mark):  # only processes this test started (they carry its mark)
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)


@pytest.fixture
def mark() -> Iterator[str]:
    value = uuid.uuid4().hex
    yield value
    _kill_left_over(value)


def _workspace_with_inspection(root: Path) -> int:
    ws = open_workspace(root)
    with ws.sessions.begin() as s:
        sync_shipped_templates(s)
        enterprise, _ = upsert(s, EnterpriseData(name="常州恒达机械制造有限公司",
                                                 uscc=uscc.make_code("9", "1", "320412", "MA1W2X3Y4")))
        inspection_id = inspections.assign(s, enterprise, latest_templates(s)[0], [("陈示范", "苏应急执法32040001"), ("吴敏", "苏应急执法32040002")],
                                           "科长", due_date=date(2026, 12, 31)).id
    ws.close()
    return inspection_id


def _slow_photos(folder: Path, count: int) -> None:
    """Noisy 1600×1200 JPEGs (slow to decode and resize), each different in one pixel."""
    folder.mkdir(parents=True)
    base = Image.effect_noise((1600, 1200), 80).convert("RGB")
    for n in range(count):
        base.putpixel((n % 1600, 0), (n % 256, 0, 0))
        buffer = io.BytesIO()
        base.save(buffer, "JPEG", quality=90)
        (folder / f"IMG_{n:04d}.jpg").write_bytes(buffer.getvalue())


@pytest.mark.slow
def test_a_killed_photos_add_leaves_no_process_behind(tmp_path: Path, mark: str) -> None:
    inspection_id = _workspace_with_inspection(tmp_path / "ws")
    _slow_photos(tmp_path / "card", 60)
    command = subprocess.Popen(
        [sys.executable, "-m", "inspector_app", "--data-dir", str(tmp_path / "ws"), "photos", "add",
         str(inspection_id), str(tmp_path / "card"), "--workers", "2"],
        cwd=REPO, env=os.environ | {MARK: mark}, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # the forkserver and both workers are up (the tracker too)
            pool = [p for p in _marked(mark) if p[0] != command.pid]
            if sum("forkserver" in c for _p, _s, c in pool) >= 3:
                break
            assert command.poll() is None, "the command ended before it could be killed"
            time.sleep(0.05)
        else:
            pytest.fail(f"the photo pool did not start: {_marked(mark)}")
        time.sleep(0.5)  # mid-way: photos are being decoded
        assert command.poll() is None, "the command ended before it could be killed"
        assert any("resource_tracker" in c for _p, _s, c in _marked(mark))
        command.kill()
        assert command.wait(10) == -signal.SIGKILL
        time.sleep(5)
        assert _marked(mark) == []
    finally:
        if command.poll() is None:
            command.kill()
            command.wait(10)


def test_a_parent_that_ended_or_was_replaced_counts_as_gone() -> None:
    child = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    started = _start_time(child.pid)
    assert started is not None and _parent_alive(child.pid, started) is True
    assert child.stdin is not None
    child.stdin.close()  # it ends now
    deadline = time.monotonic() + 10
    while Path(f"/proc/{child.pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z":
        assert time.monotonic() < deadline
        time.sleep(0.01)
    assert _parent_alive(child.pid, started) is False  # ended, not yet reaped: a zombie
    child.wait()
    assert _parent_alive(child.pid, started) is False  # reaped: no such process
    assert _parent_alive(os.getpid(), _start_time(os.getpid())) is True
    assert _parent_alive(os.getpid(), "1") is False  # the pid now names another process
    assert PARENT_POLL <= 1
