"""``conflicts list`` and ``orgs stats`` on the command line, over a register built in the test: Chinese
headings in the table and CSV, English keys in JSON, the source of every flag, a workbook with -o."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pg_support
import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from inspector_app.cli import main
from inspector_app.domain.conflict_rules import FLAG_KEYS
from inspector_app.services.queries.org_stats import ORG_STATS_KEYS, REVIEWER_STATS_KEYS
from inspector_app.storage.engine import open_workspace
from inspector_app.storage.models import Enterprise

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
from registers_helpers import base, certified, org

pytestmark = pytest.mark.both_engines


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """Two certificates: the first clean, the second reviewed by an organisation whose legal
    representative also runs the consultancy."""
    folder = tmp_path / "ws"
    ws = open_workspace(pg_support.prepare(folder))
    with ws.sessions.begin() as s:
        r = base(s)
        related = org(s, "常州另一评审中心", legal_rep="孙丽")
        certified(s, "常州第二示例化工有限公司", related, r.consultant, [r.reviewer])
    ws.close()
    return folder


def _run(root: Path, capsys: pytest.CaptureFixture[str], *argv: str, code: int = 0) -> str:
    assert main(["--data-dir", str(root), *argv]) == code
    captured = capsys.readouterr()
    return captured.out if code == 0 else captured.err


def test_conflicts_list_in_every_format(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = _run(root, capsys, "conflicts", "list")
    assert "冲突类型" in table and "评审单位与咨询服务单位为相关方" in table and "法定代表人相同（孙丽）" in table
    assert "苏应急电〔2020〕3号 第三条" in table and "共 1 条" in table
    rows = json.loads(_run(root, capsys, "conflicts", "list", "--format", "json"))
    assert len(rows) == 1 and list(rows[0]) == list(FLAG_KEYS)
    flag = rows[0]
    assert (flag["rule"], flag["enterprise"], flag["org"], flag["other_org"]) == (
        "related_orgs", "常州第二示例化工有限公司", "常州另一评审中心", "常州示例安全咨询有限公司")
    lines = list(csv.reader(io.StringIO(_run(root, capsys, "conflicts", "list", "--format", "csv"))))
    assert lines[0][:3] == ["规则编号", "冲突类型", "依据"] and len(lines) == 2
    clean = _run(root, capsys, "conflicts", "list", "--enterprise", rows[0]["uscc"].replace("91320411CERT", "X"),
                 code=1)
    assert "没有统一社会信用代码为" in clean


def test_conflicts_of_one_enterprise(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ws = open_workspace(pg_support.prepare(root))
    with ws.sessions() as s:
        codes = {e.name: e.uscc for e in s.scalars(select(Enterprise))}
    ws.close()
    assert "未发现利益冲突" in _run(root, capsys, "conflicts", "list", "--enterprise", codes["常州示例化工有限公司"])
    one = json.loads(_run(root, capsys, "conflicts", "list", "--enterprise", codes["常州第二示例化工有限公司"],
                          "--format", "json"))
    assert [r["rule"] for r in one] == ["related_orgs"]


def test_orgs_stats_in_every_format(root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = _run(root, capsys, "orgs", "stats")
    assert "评审单位" in table and "评审达标企业" in table and "利益冲突提示" in table
    rows = json.loads(_run(root, capsys, "orgs", "stats", "--format", "json"))
    assert list(rows[0]) == list(ORG_STATS_KEYS)
    assert {r["org"]: r["conflict_flags"] for r in rows} == {"常州示范安全评审中心": 0, "常州另一评审中心": 1}
    reviewers = json.loads(_run(root, capsys, "orgs", "stats", "--reviewers", "--format", "json"))
    assert list(reviewers[0]) == list(REVIEWER_STATS_KEYS) and reviewers[0]["certified"] == 2
    header = next(csv.reader(io.StringIO(_run(root, capsys, "orgs", "stats", "--reviewers", "--format", "csv"))))
    assert header[:3] == ["编号", "评审人员", "证书编号"]
    assert "-o" in _run(root, capsys, "orgs", "stats", "--format", "xlsx", code=2)
    target = tmp_path / "out" / "stats.xlsx"
    target.parent.mkdir()
    assert "已写入" in _run(root, capsys, "orgs", "stats", "--format", "xlsx", "-o", str(target))
    sheet = load_workbook(target).active
    assert sheet.cell(row=1, column=1).value == "评审单位统计" and sheet.cell(row=3, column=2).value == "评审单位"


def test_a_review_quality_check_assigned_to_an_organisation(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    people = ["--inspector", "陈示范:苏应急执法32040001", "--inspector", "吴敏:苏应急执法32040002", "--by", "科长"]
    assert "--review-org" in _run(root, capsys, "inspections", "assign", "--template", "review-quality-2020", *people,
                                  code=2)
    assert "须指定评审单位" in _run(root, capsys, "inspections", "assign", "--template", "review-quality-2020",
                                    "--enterprise", _uscc(root, "常州示例化工有限公司"), *people, code=1)
    out = _run(root, capsys, "inspections", "assign", "--template", "review-quality-2020", "--review-org",
               "常州示范安全评审中心", *people)
    assert "已分配" in out and "注意" not in out
    assert "没有名称或统一社会信用代码为“某评审中心”的单位" in _run(
        root, capsys, "inspections", "assign", "--template", "review-quality-2020", "--review-org", "某评审中心",
        *people, code=1)
    shown = json.loads(_run(root, capsys, "inspections", "list", "--format", "json"))
    assert [(r["enterprise"], r["template"]) for r in shown] == [("常州示例化工有限公司", "安全生产标准化评审单位评审质量自查自纠检查表")]


def _uscc(root: Path, name: str) -> str:
    ws = open_workspace(pg_support.prepare(root))
    with ws.sessions() as s:
        code = s.scalars(select(Enterprise.uscc).where(Enterprise.name == name)).one()
    ws.close()
    return code
