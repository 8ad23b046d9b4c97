"""``campaigns list | show | import``, the office's level and jurisdiction, and ``inspections assign``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from inspector_app.cli import main
from inspector_app.demo.workspace import build_demo
from inspector_app.domain.campaign import shipped_campaign_paths
from inspector_app.storage.engine import open_workspace


def _cli(root: Path, *args: str) -> int:
    return main(["--data-dir", str(root), *args])


def test_campaigns_list_show_and_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "ws"
    assert _cli(root, "campaigns", "list", "--format", "json") == 0
    assert [r["id"] for r in json.loads(capsys.readouterr().out)] == ["jiangsu-changzhou-2020"]
    assert _cli(root, "campaigns", "show", "jiangsu-changzhou-2020", "--format", "json") == 0
    doc = json.loads(capsys.readouterr().out)
    assert {d["id"]: d["due"] for d in doc["duties"]}["city-progress-2"] == "2020-06-30"
    data = json.loads(shipped_campaign_paths()[0].read_text(encoding="utf-8"))
    data.update(id="jiangsu-changzhou-2021", version="1.0.0", title="2021年“回头看”")
    new = tmp_path / "2021.json"
    new.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert _cli(root, "campaigns", "import", str(new)) == 0
    assert "已导入" in capsys.readouterr().out
    assert _cli(root, "campaigns", "import", str(new)) == 0
    assert "已存在" in capsys.readouterr().out
    data["title"] = "改过的标题"
    new.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert _cli(root, "campaigns", "import", str(new)) == 1
    assert "新的版本号" in capsys.readouterr().err
    data["duties"][0]["due"] = "2/29"
    new.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert _cli(root, "campaigns", "import", str(new)) == 1
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_level_and_jurisdiction_must_agree_with_the_campaign(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "ws"
    assert _cli(root, "workspace", "set", "level", "district") == 0
    assert _cli(root, "workspace", "set", "jurisdiction", "常州市武进区") == 0
    assert _cli(root, "workspace", "set", "jurisdiction", "常州市") == 1
    assert "与层级" in capsys.readouterr().err
    assert _cli(root, "workspace", "set", "jurisdiction", "南京市玄武区") == 1
    assert "不在活动" in capsys.readouterr().err
    assert _cli(root, "workspace", "set", "level", "county") == 1
    capsys.readouterr()
    assert _cli(root, "workspace", "show") == 0
    out = capsys.readouterr().out
    assert "jurisdiction = 常州市武进区" in out and "level = district" in out


def test_assign_needs_two_officers_and_belongs_to_the_campaign(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "ws"
    ws = open_workspace(root)
    with ws.sessions.begin() as session:
        build_demo(session, enterprises=8)
    with ws.engine.connect() as con:
        uscc = con.exec_driver_sql("SELECT uscc FROM enterprises WHERE cert_grade = '三级' AND id NOT IN "
                                   "(SELECT enterprise_id FROM inspections) LIMIT 1").scalar()
    ws.close()
    base = ["inspections", "assign", "--enterprise", str(uscc), "--template", "lookback-2020"]
    assert _cli(root, *base, "--inspector", "王明:苏执-0001", "--expert", "李专:苏评审-01") == 1
    assert "至少两名行政执法人员" in capsys.readouterr().err
    assert _cli(root, *base, "--inspector", "王明") == 2
    capsys.readouterr()
    assert _cli(root, *base, "--inspector", "王明:苏执-0001", "--inspector", "赵亮:苏执-0002",
                "--expert", "李专:苏评审-01", "--due", "2020-04-30") == 0
    new_id = int(capsys.readouterr().out.split("检查")[1].split()[0])
    ws = open_workspace(root)
    with ws.engine.connect() as con:
        campaign = con.exec_driver_sql(f"SELECT campaign_id FROM inspections WHERE id = {new_id}").scalar()
        roles = con.exec_driver_sql(
            "SELECT i.role FROM inspectors i JOIN inspection_inspectors l ON l.inspector_id = i.id "
            f"WHERE l.inspection_id = {new_id} ORDER BY l.position").scalars().all()
    ws.close()
    assert campaign == "jiangsu-changzhou-2020"
    assert roles == ["officer", "officer", "expert"]
    assert _cli(root, "inspections", "assign", "--enterprise", "91320000000000000X", "--template",
                "lookback-2020", "--inspector", "王明:苏执-0001", "--inspector", "赵亮:苏执-0002") == 1
    assert "没有统一社会信用代码" in capsys.readouterr().err
