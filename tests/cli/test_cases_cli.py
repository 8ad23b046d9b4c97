"""``cases``, ``sanctions`` and ``suspensions`` on the command line: a city opens a case from a 建议摘牌
inspection, serves the 告知 with its own last day, records that no defence came, decides, announces and
withdraws; a sanction suspends a review organisation and is lifted; the register of suspended
applications. Messages in Chinese, refusals without a traceback."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pg_support
import pytest

from inspector_app.cli import main
from inspector_app.storage.engine import open_workspace

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
from case_helpers import CITY, delist_inspection, make_office, organisation, pdf

pytestmark = pytest.mark.both_engines


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "ws"
    ws = open_workspace(pg_support.prepare(folder))
    make_office(ws, CITY)
    delist_inspection(ws)
    organisation(ws)
    ws.close()
    return folder


def _run(root: Path, capsys: pytest.CaptureFixture[str], *argv: str, code: int = 0) -> str:
    assert main(["--data-dir", str(root), *argv]) == code
    captured = capsys.readouterr()
    return captured.out if code == 0 else captured.err


def test_a_case_from_opening_to_withdrawal(root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "已立案：摘牌案卷 1" in _run(root, capsys, "cases", "open", "1", "--on", "2020-03-01", "--by", "科长")
    out = _run(root, capsys, "cases", "advance", "1", "notify", "--on", "2020-03-02", "--until", "2020-03-12",
               "--number", "常应急告〔2020〕1号", "--file", str(pdf(tmp_path / "告知书.pdf", "gaozhi")), "--by", "科长")
    assert "陈述申辩期限至 2020-03-12" in out
    err = _run(root, capsys, "cases", "advance", "1", "decide", "--on", "2020-03-10", "--number", "撤1", code=1)
    assert "期限届满前不能作出决定" in err and "Traceback" not in err
    _run(root, capsys, "cases", "advance", "1", "defence", "--no-defence", "--on", "2020-03-13", "--by", "科长")
    _run(root, capsys, "cases", "advance", "1", "decide", "--on", "2020-03-16", "--number", "常应急撤〔2020〕1号")
    _run(root, capsys, "cases", "advance", "1", "announce", "--on", "2020-03-18", "--note", "市局网站")
    assert "2021-03-20 起方可重新申请" in _run(root, capsys, "cases", "advance", "1", "withdraw", "--on", "2020-03-20")
    text = _run(root, capsys, "cases", "show", "1")
    assert "否决项 A.5-1" in text and "逾期未陈述申辩" in text and "告知书.pdf" in text and "已撤销证书" in text
    doc = json.loads(_run(root, capsys, "cases", "show", "1", "--format", "json"))
    assert (doc["stage_code"], doc["reapply_after"], doc["defence_until"]) == ("closed", "2021-03-20", "2020-03-12")
    table = _run(root, capsys, "cases", "list")
    assert "决定机关" in table and "常州恒达机械制造有限公司" in table and "设区市" in table
    rows = json.loads(_run(root, capsys, "cases", "list", "--format", "json"))
    assert rows[0]["decision_number"] == "常应急撤〔2020〕1号"
    assert "没有编号为 9 的摘牌案卷" in _run(root, capsys, "cases", "show", "9", code=1)


def test_sanctions_and_suspensions(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = _run(root, capsys, "sanctions", "add", "suspension", "--org", "江苏示范安全评审有限公司", "--grounds",
               "抽查发现评审报告与企业实际不符", "--body", "常州市应急管理局", "--on", "2020-04-01", "--until",
               "2020-09-30", "--number", "常应急〔2020〕9号", "--case", "1", code=1)
    assert "没有编号为 1 的摘牌案卷" in out  # nothing recorded: the case named does not exist
    out = _run(root, capsys, "sanctions", "add", "suspension", "--org", "江苏示范安全评审有限公司", "--grounds",
               "抽查发现评审报告与企业实际不符", "--body", "常州市应急管理局", "--on", "2020-04-01", "--until",
               "2020-09-30", "--number", "常应急〔2020〕9号", "--inspection", "1")
    assert "已记录：处理决定 1" in out and "暂停评审活动" in out
    table = _run(root, capsys, "sanctions", "list")
    assert "暂停评审活动" in table and "常应急〔2020〕9号" in table and "检查 " in table
    assert "已解除" in _run(root, capsys, "sanctions", "lift", "1", "--on", "2020-05-01", "--note", "整改到位")
    assert json.loads(_run(root, capsys, "sanctions", "list", "--format", "json"))[0]["status_now"] == "已解除"
    assert "处理对象" in _run(root, capsys, "sanctions", "add", "criticism", "--grounds", "x", "--body", "y", code=2)

    assert "已登记" in _run(root, capsys, "suspensions", "add", "二级", "--area", "江苏省", "--since", "2020-01-19",
                            "--body", "江苏省应急管理厅", "--basis", "苏应急电〔2020〕3号 第一条")
    assert "已登记恢复" in _run(root, capsys, "suspensions", "add", "二级", "--area", "江苏省", "--since",
                               "2020-01-19", "--resumed", "2020-08-01", "--body", "江苏省应急管理厅")
    csv_text = _run(root, capsys, "suspensions", "list", "--format", "csv")
    assert "等级" in csv_text and "江苏省,2020-01-19,2020-08-01" in csv_text
