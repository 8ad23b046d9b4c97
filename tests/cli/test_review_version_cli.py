"""``inspections show`` names the inspection's version and ``inspections accept | return
--expected-version N`` refuse when it moved since (issue 15: a second supervisor at the command line),
on both engines; ``inspections list --format json`` on an office database is what ``json.dumps`` of the
read model's rows writes."""

from __future__ import annotations

import json
from pathlib import Path

import pg_support
import pytest

from inspector_app.cli import main
from inspector_app.demo.workspace import build
from inspector_app.domain.lifecycle import InspectionStatus
from inspector_app.services.queries.inspection_list import inspection_list
from inspector_app.storage.engine import open_workspace
from inspector_app.storage.models import Inspection

pytestmark = pytest.mark.both_engines


@pytest.fixture
def root(tmp_path: Path) -> tuple[Path, int]:
    """A small office with one received inspection."""
    folder = pg_support.prepare(tmp_path / "ws")
    ws = open_workspace(folder)
    build(ws, enterprises=6)
    with ws.sessions.begin() as session:
        inspection = session.query(Inspection).order_by(Inspection.id).first()
        assert inspection is not None
        inspection.status = InspectionStatus.RECEIVED.value
        session.flush()
        iid = inspection.id
    ws.close()
    return folder, iid


def _run(folder: Path, capsys: pytest.CaptureFixture[str], *argv: str, code: int = 0) -> str:
    assert main(["--data-dir", str(folder), *argv]) == code
    captured = capsys.readouterr()
    return captured.out if code == 0 else captured.err


def test_show_names_the_version_and_a_stale_one_is_refused(root: tuple[Path, int],
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    folder, iid = root
    version = json.loads(_run(folder, capsys, "inspections", "show", str(iid), "--format", "json"))["version"]
    assert isinstance(version, int) and version >= 1
    assert f"版本：{version}" in _run(folder, capsys, "inspections", "show", str(iid))
    refused = _run(folder, capsys, "inspections", "accept", str(iid), "--expected-version", str(version - 1),
                   "--by", "科长乙", code=1)
    assert "已被他人处理" in refused and f"第 {version} 版" in refused
    _run(folder, capsys, "inspections", "return", str(iid), "--expected-version", str(version),
         "--comment", "请补充现场照片", "--by", "科长甲")
    shown = json.loads(_run(folder, capsys, "inspections", "show", str(iid), "--format", "json"))
    assert (shown["status"], shown["version"]) == ("returned", version + 1)
    refused = _run(folder, capsys, "inspections", "return", str(iid), "--expected-version", str(version),
                   "--comment", "重复退回", "--by", "科长乙", code=1)
    assert "已被他人处理" in refused and "已退回" in refused


def test_list_json_is_the_read_models_rows(root: tuple[Path, int], capsys: pytest.CaptureFixture[str]) -> None:
    folder, _iid = root
    listed = json.loads(_run(folder, capsys, "inspections", "list", "--format", "json"))
    ws = open_workspace(folder)
    try:
        assert listed == inspection_list(ws) and len(listed) >= 2
    finally:
        ws.close()
