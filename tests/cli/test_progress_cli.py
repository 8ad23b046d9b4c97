"""``report progress | duties | file | filed | receive`` on the command line: every format names the
campaign, the jurisdiction and the as-of date; Chinese headings, English JSON keys."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from inspector_app.cli import main
from inspector_app.services.queries.progress import PROGRESS_COLUMNS, PROGRESS_HEADINGS


@pytest.fixture
def district(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    for argv in (["demo", "--enterprises", "30"], ["workspace", "set", "level", "district"],
                 ["workspace", "set", "jurisdiction", "常州市武进区"]):
        assert main(["--data-dir", str(root), *argv]) == 0
    return root


def _run(root: Path, capsys: pytest.CaptureFixture[str], *argv: str, code: int = 0) -> str:
    assert main(["--data-dir", str(root), *argv]) == code
    captured = capsys.readouterr()
    return captured.out if code == 0 else captured.err


def test_every_format_names_campaign_jurisdiction_and_date(district: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    table = _run(district, capsys, "report", "progress", "--as-of", "2020-06-01")
    assert "“回头看”工作推进落实情况表" in table and "辖区：江苏省常州市武进区" in table
    assert "统计截至：2020-06-01" in table and "jiangsu-changzhou-2020" in table
    assert "纳入范围企业" in table and "合计" in table and "in_scope" not in table

    text = _run(district, capsys, "report", "progress", "--as-of", "2020-06-01", "--format", "csv")
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[1][0] == "活动" and lines[3] == ["辖区", "江苏省常州市武进区"] and lines[4] == ["统计截至", "2020-06-01"]
    header = lines[6]
    assert header[:3] == ["检查种类", "辖区", "纳入范围企业"] and "重大隐患逾期未整改" in header
    assert [r[1] for r in lines[7:] if r[0] == "“回头看”"] == ["武进区", "合计"]

    doc = json.loads(_run(district, capsys, "report", "progress", "--as-of", "2020-06-01", "--format", "json"))
    assert (doc["campaign_id"], doc["jurisdiction"], doc["as_of"]) == ("jiangsu-changzhou-2020", "江苏省常州市武进区",
                                                                       "2020-06-01")
    assert all(list(r) == list(PROGRESS_COLUMNS) for r in doc["rows"]) and doc["columns"] == list(PROGRESS_COLUMNS)
    assert set(PROGRESS_HEADINGS) == set(PROGRESS_COLUMNS)

    err = _run(district, capsys, "report", "progress", "--format", "xlsx", code=2)
    assert "-o" in err
    out = tmp_path / "进度.xlsx"
    assert "已写入" in _run(district, capsys, "report", "progress", "--format", "xlsx", "-o", str(out))
    book = load_workbook(out)
    assert book.sheetnames[0] == "回头看" and "江苏省常州市武进区" in str(book["回头看"]["A3"].value)
    pdf = tmp_path / "进度.pdf"
    _run(district, capsys, "report", "progress", "--format", "pdf", "-o", str(pdf), "--as-of", "2020-06-01")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "YYYY-MM-DD" in _run(district, capsys, "report", "progress", "--as-of", "6/1", code=2)


def test_file_duties_filed_and_receive(district: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    notes = district.parent / "说明.txt"
    notes.write_text("一、工作开展情况。\n", encoding="utf-8")
    out = _run(district, capsys, "report", "file", "district-progress-1", "--text-file", str(notes), "--by", "王明")
    assert "已报送：武进区〔2020〕回头看报告第1号" in out and "统计截至 2020-03-27" in out
    out = _run(district, capsys, "report", "file", "district-progress-1", "--by", "王明")
    assert "代替：武进区〔2020〕回头看报告第1号" in out
    err = _run(district, capsys, "report", "file", "city-progress-1", code=1)
    assert "由设区市报送省" in err and "Traceback" not in err
    duties = json.loads(_run(district, capsys, "report", "duties", "--as-of", "2020-03-20", "--format", "json"))
    row = next(r for r in duties if r["duty"] == "district-progress-1")
    assert (row["status"], row["number"], row["days_left"]) == ("逾期报送", "武进区〔2020〕回头看报告第2号", 7)
    table = _run(district, capsys, "report", "duties")
    assert "剩余天数" in table and "未报送" in table
    filed = json.loads(_run(district, capsys, "report", "filed", "--format", "json"))
    assert [r["serial"] for r in filed] == [1, 2] and filed[0]["status"].startswith("已被")
    assert Path(filed[1]["pdf"]).is_file() and Path(filed[1]["xlsx"]).is_file()
    err = _run(district, capsys, "report", "receive", "district-progress-1", "--from", "新北区", code=1)
    assert "不是接收方" in err
