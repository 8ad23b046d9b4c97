"""``hazards list``: the hazard ledger in every format – the table (summary, then the rows, overdue 重大
first), CSV (Chinese headings, formula-safe), JSON (English keys), xlsx (needs -o) – with the filters and
the as-of date; bad arguments are refused with exit status 2 or 1, never a traceback."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from pathlib import Path

import pg_support
import pytest
from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.cli import main
from inspector_app.services import campaigns, workspace_meta
from inspector_app.services.queries.hazards import ROW_COLUMNS, ROW_HEADINGS
from inspector_app.services.templates import sync_shipped_templates
from inspector_app.storage.engine import open_workspace
from inspector_app.storage.models import Enterprise, Finding, Inspection, TemplateRecord

pytestmark = pytest.mark.both_engines


def _inspection(s: Session, name: str, district: str, uscc: str) -> Inspection:
    ent = Enterprise(uscc=uscc, name=name, district=district)
    s.add(ent)
    s.flush()
    template = s.scalars(select(TemplateRecord).where(TemplateRecord.template_id == "lookback-2020")).first()
    assert template is not None
    row = Inspection(enterprise_id=ent.id, template_pk=template.pk, status="received",
                     assigned_at=datetime(2020, 2, 1), started_at=datetime(2020, 2, 5, 9))
    s.add(row)
    s.flush()
    return row


@pytest.fixture
def city(tmp_path: Path) -> Path:
    """The 常州市 office: 武进区 with an overdue 重大 and a 复查合格 一般, 新北区 with an overdue 一般 whose text
    starts like a formula."""
    root = tmp_path / "ws"
    ws = open_workspace(pg_support.prepare(root))
    with ws.sessions.begin() as s:
        sync_shipped_templates(s)
        campaigns.sync_shipped_campaigns(s)
        workspace_meta.set_value(s, "level", "city")
        workspace_meta.set_value(s, "jurisdiction", "常州市")
        a = _inspection(s, "常州市甲机械有限公司", "武进区", "91320412TEST000001")
        b = _inspection(s, "常州市乙化工有限公司", "新北区", "91320411TEST000002")
        found = datetime(2020, 2, 5, 10)
        s.add_all([
            Finding(inspection_id=a.id, severity="重大", description="隐患甲", deadline=date(2020, 3, 10),
                    created_at=found),
            Finding(inspection_id=a.id, description="隐患乙", deadline=date(2020, 3, 8), status="复查合格",
                    rechecked_at=datetime(2020, 3, 7, 14), created_at=found),
            Finding(inspection_id=b.id, description="-2米平台护栏缺失", deadline=date(2020, 3, 5), created_at=found)])
    ws.close()
    return root


def _run(root: Path, capsys: pytest.CaptureFixture[str], *argv: str, code: int = 0) -> str:
    assert main(["--data-dir", str(root), "hazards", "list", "--as-of", "2020-03-20", *argv]) == code
    captured = capsys.readouterr()
    return captured.out if code == 0 else captured.err


def test_table(city: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = _run(city, capsys)
    assert text.startswith("隐患台账\n辖区：江苏省常州市\n统计截至：2020-03-20\n筛选：全部")
    summary, rows = text.split("隐患 3 条")
    assert "逾期重大隐患" in summary and "闭环率（%）" in summary
    total = next(line for line in summary.splitlines() if line.startswith("合计")).split()
    assert total == ["合计", "1", "1", "1", "2", "1", "2", "2", "33.3"]
    lines = rows.strip().splitlines()
    assert lines[0].split()[:3] == ["隐患编号", "辖区", "企业名称"]
    assert "重大" in lines[2] and "10" in lines[2].split(), "the overdue 重大 first, 10 days"
    only = _run(city, capsys, "--overdue", "--severity", "重大")
    assert "隐患 1 条" in only and "筛选：隐患等级：重大；只含逾期" in only


def test_csv_json_xlsx(city: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = list(csv.reader(io.StringIO(_run(city, capsys, "--format", "csv"))))
    assert lines[0] == [ROW_HEADINGS[k] for k in ROW_COLUMNS] and len(lines) == 4
    described = {r[10] for r in lines[1:]}
    assert "'-2米平台护栏缺失" in described, "a text a spreadsheet would run gets a quote"
    assert [r[4] for r in csv.reader(io.StringIO(_run(city, capsys, "--format", "csv", "--district", "新北区")))] \
        == ["辖区", "新北区"]

    doc = json.loads(_run(city, capsys, "--format", "json", "--status", "复查合格"))
    assert (doc["jurisdiction"], doc["as_of"], doc["filters"]["status"]) == ("江苏省常州市", "2020-03-20", "复查合格")
    assert [r["status"] for r in doc["rows"]] == ["复查合格"] and list(doc["rows"][0]) == list(ROW_COLUMNS)
    assert doc["summary"][-1]["area"] == "合计" and doc["summary"][-1]["found"] == 3

    assert "-o" in _run(city, capsys, "--format", "xlsx", code=2)
    out = tmp_path / "台账.xlsx"
    assert "已写入" in _run(city, capsys, "--format", "xlsx", "-o", str(out), "--overdue")
    book = load_workbook(out)
    assert book.sheetnames == ["汇总", "隐患台账"] and book["隐患台账"].max_row == 3
    saved = tmp_path / "台账.csv"
    _run(city, capsys, "--format", "csv", "-o", str(saved))
    assert saved.read_bytes().startswith(b"\xef\xbb\xbf")


def test_refusals(city: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "没有整改状态" in _run(city, capsys, "--status", "已关闭", code=1)
    assert "新北" in _run(city, capsys, "--district", "某某区", code=1)
    assert "YYYY-MM-DD" in _run(city, capsys, "--as-of", "3/20", code=2)
