"""``inspections answer | finding add | complete``: a checklist transcribed from paper by command line,
through the same operations as the editor (the same audit rows), with clear refusals and nothing half
written."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from inspector_app.cli import main
from inspector_app.demo.workspace import build_demo
from inspector_app.services.ops import inspections as inspection_ops
from inspector_app.services.queries.inspection_detail import inspection_detail
from inspector_app.services.sync.identity import set_device_name
from inspector_app.storage.engine import open_workspace

ACTOR = "检查员甲"
PAIR = [("检查员甲", "苏应急执法JC-0001"), ("检查员乙", "苏应急执法JC-0002")]


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


def _answers(root: str, inspection_id: int) -> dict[str, dict[str, object]]:
    ws = open_workspace(Path(root))
    try:
        return {a["item_code"]: a for a in inspection_detail(ws, inspection_id)["answers"]}
    finally:
        ws.close()


def test_one_answer_with_a_deduction_clause_and_a_note(setup: tuple[str, int],
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    root, iid = setup
    assert _cli(root, "inspections", "answer", str(iid), "A.1", "部分符合", "--deduct", "A.1-2",
                "--note", "领导小组成员未及时调整", "--by", ACTOR) == 0
    answer = _answers(root, iid)["A.1"]
    assert answer["result"] == "部分符合" and answer["deductions"] == [["A.1-2", 1]]
    assert answer["note"] == "领导小组成员未及时调整"
    assert _cli(root, "inspections", "answer", str(iid), "A.1", "2", "--deduct", "A.1-2x2") in (0, 1)
    assert "已记录" in capsys.readouterr().out


def test_refusals_are_clear_and_write_nothing(setup: tuple[str, int], capsys: pytest.CaptureFixture[str]) -> None:
    root, iid = setup
    assert _cli(root, "inspections", "answer", str(iid), "A.1", "maybe") == 2
    assert "结果“maybe”无效" in capsys.readouterr().err
    assert _cli(root, "inspections", "answer", str(iid), "A.1", "不符合", "--deduct", "Z.9-1") == 1
    assert "Z.9-1" in capsys.readouterr().err
    assert _cli(root, "inspections", "answer", str(iid), "A.1", "不符合", "--extra", "2") == 2
    assert "--reason" in capsys.readouterr().err
    assert "A.1" not in _answers(root, iid)


def test_many_answers_from_a_file_all_or_nothing(setup: tuple[str, int], tmp_path: Path) -> None:
    root, iid = setup
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"answers": [
        {"item": "A.2", "result": "符合"},
        {"item": "A.3", "result": "不符合", "deduct": ["A.3-1"], "note": "未建立全员安全生产责任制"},
        {"item": "A.4", "result": "conform"}]}, ensure_ascii=False), encoding="utf-8")
    assert _cli(root, "inspections", "answer", str(iid), "--from", str(good), "--by", ACTOR) == 0
    answers = _answers(root, iid)
    assert {code: answers[code]["result"] for code in ("A.2", "A.3", "A.4")} == {
        "A.2": "符合", "A.3": "不符合", "A.4": "符合"}
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{"item": "A.5", "result": "符合"}, {"item": "NOPE", "result": "符合"}]),
                   encoding="utf-8")
    assert _cli(root, "inspections", "answer", str(iid), "--from", str(bad)) == 1
    assert "A.5" not in _answers(root, iid)  # the good first answer was not written either
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    assert _cli(root, "inspections", "answer", str(iid), "--from", str(broken)) == 2


def test_finding_and_completion(setup: tuple[str, int], capsys: pytest.CaptureFixture[str]) -> None:
    root, iid = setup
    assert _cli(root, "inspections", "finding", "add", str(iid), "--item", "A.3", "--severity", "一般",
                "--text", "安全生产责任制未建立", "--deadline", "2099-01-15", "--requirement", "建立并公示") == 0
    assert _cli(root, "inspections", "finding", "add", str(iid), "--text", "x", "--deadline", "15.1.2099") == 2
    capsys.readouterr()
    assert _cli(root, "inspections", "complete", str(iid)) == 1  # nothing answered yet: the list
    err = capsys.readouterr().err
    assert "还不能完成" in err and "尚未检查" in err
    ws = open_workspace(Path(root))
    try:
        document = inspection_detail(ws, iid)
    finally:
        ws.close()
    assert [f["description"] for f in document["findings"]] == ["安全生产责任制未建立"]
    assert document["status"] == "assigned"


def test_without_by_the_cli_acts_as_the_person_the_workspace_signs_as(setup: tuple[str, int]) -> None:
    """An inspector's bundle is accepted only with audit rows under the name in its key file
    (docs/bundle-format.md §10), so that name – not the login name – is who the CLI records."""
    root, iid = setup
    ws = open_workspace(Path(root))
    with ws.sessions.begin() as session:
        set_device_name(session, "检查员乙")
    ws.close()
    assert _cli(root, "inspections", "answer", str(iid), "A.2", "符合") == 0
    ws = open_workspace(Path(root))
    try:
        trail = inspection_detail(ws, iid)["audit"]
    finally:
        ws.close()
    assert [e["actor"] for e in trail if e["field"] == "answer" and e["key"] == "A.2"] == ["检查员乙"]
