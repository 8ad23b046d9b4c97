"""Who signs and the on-site measures from the command line (issue 11): ``inspectors set-role CERT
officer|expert`` and ``inspections finding add … --measures evacuate,suspend``, through the same
operations as the editor (the same audit rows), with clear refusals that write nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from inspector_app.cli import main
from inspector_app.demo.workspace import build_demo
from inspector_app.services.ops import inspections as inspection_ops
from inspector_app.storage.engine import open_workspace
from inspector_app.storage.models import AuditEvent, Finding, Inspector

ACTOR = "检查员甲"
PAIR = [("王明", "苏应急执法QZ-0101"), ("李强", "苏应急执法QZ-0102")]


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[tuple[str, int]]:
    ws = open_workspace(tmp_path / "ws")
    with ws.sessions.begin() as session:
        build_demo(session, enterprises=10)
    with ws.engine.connect() as con:  # an enterprise the demo left without an inspection
        enterprise_id = con.exec_driver_sql("SELECT id FROM enterprises WHERE cert_grade IN ('二级', '三级') AND id NOT IN "
                                            "(SELECT enterprise_id FROM inspections) LIMIT 1").scalar()
    inspection_id = inspection_ops.assign(ws, enterprise_id, "lookback-2020", PAIR, "科长丙").value
    ws.close()
    yield str(tmp_path / "ws"), inspection_id


def _cli(root: str, *args: str) -> int:
    return main(["--data-dir", root, *args])


def _read(root: str, model: type, *where: object) -> list:
    ws = open_workspace(Path(root))
    try:
        with ws.sessions() as session:
            return list(session.scalars(select(model).where(*where)))
    finally:
        ws.close()


def test_set_role_by_certificate_is_audited_on_the_inspection(setup: tuple[str, int],
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    root, iid = setup
    assert _cli(root, "inspectors", "set-role", "苏应急执法QZ-0102", "expert", "--by", ACTOR) == 0
    out = capsys.readouterr().out
    assert "评审专家" in out and "1 次" in out
    person = _read(root, Inspector, Inspector.cert_number == "苏应急执法QZ-0102")[0]
    assert person.role == "expert"
    trail = _read(root, AuditEvent, AuditEvent.inspection_id == iid, AuditEvent.field == "role")
    assert [(e.old_value, e.new_value, e.actor) for e in trail] == [("行政执法人员", "评审专家", ACTOR)]
    assert _cli(root, "inspectors", "set-role", "苏应急执法QZ-0102", "officer", "--by", ACTOR) == 0
    assert _read(root, Inspector, Inspector.cert_number == "苏应急执法QZ-0102")[0].role == "officer"


def test_set_role_refusals(setup: tuple[str, int], capsys: pytest.CaptureFixture[str]) -> None:
    root, _iid = setup
    capsys.readouterr()
    assert _cli(root, "inspectors", "set-role", "苏应急执法无此人", "expert") == 1
    assert "没有证件号为" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:  # argparse: a role that does not exist
        _cli(root, "inspectors", "set-role", "苏应急执法QZ-0101", "chief")
    assert usage.value.code == 2


def test_major_finding_with_on_site_measures(setup: tuple[str, int], capsys: pytest.CaptureFixture[str]) -> None:
    root, iid = setup
    assert _cli(root, "inspections", "finding", "add", str(iid), "--severity", "重大", "--text",
                "液氨储罐区未设置泄漏报警装置", "--measures", "evacuate, suspend", "--by", ACTOR) == 0
    assert "已登记隐患" in capsys.readouterr().out
    rows = _read(root, Finding, Finding.inspection_id == iid)
    assert [(f.severity, f.measures) for f in rows] == [("重大", "evacuate,suspend")]


def test_measures_are_refused_for_a_general_finding_and_unknown_codes(setup: tuple[str, int],
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    root, iid = setup
    capsys.readouterr()
    assert _cli(root, "inspections", "finding", "add", str(iid), "--text", "灭火器过期",
                "--measures", "stop_use") == 1
    assert "只用于重大事故隐患" in capsys.readouterr().err
    assert _cli(root, "inspections", "finding", "add", str(iid), "--severity", "重大", "--text", "x",
                "--measures", "evacuate,close_all") == 1
    assert "close_all" in capsys.readouterr().err
    assert _read(root, Finding, Finding.inspection_id == iid) == []
