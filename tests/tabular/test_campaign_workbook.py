"""Campaign workbooks (issue 14 item 3): the shipped campaign survives export → import unchanged; a
workbook's mistakes are named at their sheet, row and column; a bureau's edited workbook imports."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from inspector_app.cli import main
from inspector_app.domain.campaign import parse_campaign, shipped_campaign_paths
from inspector_app.tabular.campaign_book import read_campaign_book
from inspector_app.tabular.campaign_book_write import write_campaign_book

SHIPPED = json.loads(shipped_campaign_paths()[0].read_text(encoding="utf-8"))


def _rows(sheet: Any, column: int, value: str) -> int:
    return next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, column).value == value)


def test_the_shipped_campaign_survives_export_and_import(tmp_path: Path) -> None:
    path = tmp_path / "c.xlsx"
    write_campaign_book(SHIPPED, path)
    book = read_campaign_book(path)
    assert book.problems == []
    assert book.data == SHIPPED
    assert parse_campaign(book.data, "c.xlsx") == parse_campaign(SHIPPED, "shipped")
    sheet = openpyxl.load_workbook(path)["报送事项"]
    assert sheet.cell(_rows(sheet, 1, "city-progress-2"), 5).value == datetime(2020, 6, 30)  # a real date


def test_an_edited_workbook_imports(tmp_path: Path) -> None:
    path = tmp_path / "c.xlsx"
    write_campaign_book(SHIPPED, path)
    book = openpyxl.load_workbook(path)
    info, areas, duties = book["基本信息"], book["辖区"], book["报送事项"]
    info.cell(_rows(info, 1, "活动编号"), 2, "jiangsu-changzhou-2021")
    areas.insert_rows(2)  # a new area before its 上级 is listed, its level in everyday words
    for col, value in enumerate(("常州市", "某某新区", "区", "某某新区应急管理局"), start=1):
        areas.cell(2, col, value)
    duties.cell(_rows(duties, 1, "city-progress-2"), 5, "2021年6月30日")
    book.save(path)
    found = read_campaign_book(path)
    assert found.problems == []
    campaign = parse_campaign(found.data, "c.xlsx")
    assert campaign.id == "jiangsu-changzhou-2021"
    area = campaign.area("某某新区")
    assert area.path == "江苏省常州市某某新区" and area.level == "district" and area.office == "某某新区应急管理局"
    assert str(campaign.duty("city-progress-2").due) == "2021-06-30"


def test_mistakes_are_named_at_their_cells(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.xlsx"
    write_campaign_book(SHIPPED, path)
    book = openpyxl.load_workbook(path)
    info, areas, duties, kinds = book["基本信息"], book["辖区"], book["报送事项"], book["检查表"]
    info.cell(_rows(info, 1, "版本"), 2, "2.0.0")
    info.cell(_rows(info, 1, "范围辖区"), 2, "江苏省南京市")
    duties.cell(_rows(duties, 1, "district-progress-1"), 5, "3月27日")
    duties.cell(_rows(duties, 1, "city-progress-1"), 1, "district-progress-1")
    areas.cell(_rows(areas, 2, "溧阳市"), 3, "乡镇")
    areas.cell(_rows(areas, 2, "金坛区"), 1, "苏州市")
    kinds.cell(2, 1, "安全检查")
    book.save(path)
    found = read_campaign_book(path).problems
    problems = {(p.sheet, p.row, p.column): p.message for p in found}
    assert len(found) == len(problems) == 6, [str(p) for p in found]
    assert "南京市" in problems[("基本信息", _rows(info, 1, "范围辖区"), "内容")]
    assert "含年份" in problems[("报送事项", _rows(duties, 1, "district-progress-1"), "截止日期")]
    second = [r for r in range(2, duties.max_row + 1) if duties.cell(r, 1).value == "district-progress-1"][1]
    assert "重复" in problems[("报送事项", second, "编号")]
    assert "层级“乡镇”无效" in problems[("辖区", _rows(areas, 2, "溧阳市"), "层级")]
    assert "上级“苏州市”不在本表中" in problems[("辖区", _rows(areas, 2, "金坛区"), "上级")]
    assert "检查种类“安全检查”无效" in problems[("检查表", 2, "检查种类")]
    root = tmp_path / "ws"
    assert main(["--data-dir", str(root), "campaigns", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert "6 处问题" in err and "工作表“辖区”第 " in err
    assert main(["--data-dir", str(root), "campaigns", "list", "--format", "json"]) == 0
    assert [c["version"] for c in json.loads(capsys.readouterr().out)] == ["1.0.0"]


def test_the_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root, out = tmp_path / "ws", tmp_path / "c.xlsx"
    assert main(["--data-dir", str(root), "campaigns", "export", "jiangsu-changzhou-2020", "-o", str(out)]) == 0
    assert "jiangsu-changzhou-2020 版本 1.0.0" in capsys.readouterr().out
    assert main(["--data-dir", str(root), "campaigns", "import", str(out)]) == 0
    assert "已存在，未改动" in capsys.readouterr().out
    book = openpyxl.load_workbook(out)
    info = book["基本信息"]
    info.cell(_rows(info, 1, "名称"), 2, "改过的名称")
    book.save(out)
    assert main(["--data-dir", str(root), "campaigns", "import", str(out)]) == 1
    assert "新的版本号" in capsys.readouterr().err
    info.cell(_rows(info, 1, "版本"), 2, "1.1.0")
    book.save(out)
    assert main(["--data-dir", str(root), "campaigns", "import", str(out)]) == 0
    assert "已导入" in capsys.readouterr().out
    assert main(["--data-dir", str(root), "campaigns", "show", "jiangsu-changzhou-2020", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "改过的名称"
