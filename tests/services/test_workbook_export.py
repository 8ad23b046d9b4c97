"""The bureau's workbook (``report export``, issue 12 item 7): sheets, headings, row counts, dates as
dates, text that looks like a formula stays text, the district's area, cancel; the streaming writer's
text rule."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select, update

from inspector_app.cli import main
from inspector_app.demo.workspace import build
from inspector_app.domain.errors import Cancelled
from inspector_app.domain.progress import CancelToken
from inspector_app.services.queries.workbook import export_workbook
from inspector_app.services.unit import unit_of_work
from inspector_app.storage.engine import DB_NAME, Workspace, open_workspace
from inspector_app.storage.models import Enterprise, Finding, Inspection
from inspector_app.storage.models_evidence import Photo
from inspector_app.tabular.reader import unquote_cell
from inspector_app.tabular.workbook import Column, Sheet, safe_text, write_workbook

CAMPAIGN = "jiangsu-changzhou-2020"
SHEETS = ["说明", "企业名录", "检查", "隐患台账", "照片索引"]
HEADINGS = {
    "说明": ["项目", "内容", "说明"],
    "企业名录": ["统一社会信用代码", "企业名称", "辖市区", "地址", "行业", "专业", "证书等级", "证书编号", "发证日期",
             "有效期至", "评审单位", "咨询单位", "法定代表人", "联系人", "联系电话", "检查次数", "来源"],
    "检查": ["检查编号", "企业名称", "统一社会信用代码", "辖市区", "检查表", "状态", "检查期限", "开始时间", "结束时间",
           "完成时间", "检查人员", "检查场所", "现场负责人", "已答项数", "得分", "评定等级", "处理建议", "一般隐患",
           "重大隐患", "照片", "来源", "记录标识"],
    "隐患台账": ["隐患编号", "企业名称", "统一社会信用代码", "辖市区", "检查编号", "检查日期", "检查项", "检查项目",
             "隐患等级", "隐患描述", "整改要求", "整改期限", "整改责任人", "现场处理措施", "整改状态", "复查时间",
             "复查意见", "是否逾期", "逾期天数", "登记时间", "来源"],
    "照片索引": ["照片SHA-256", "检查编号", "企业名称", "检查项", "隐患编号", "整改前后", "拍摄时间", "时区", "时间来源",
             "纬度", "经度", "海拔（米）", "原文件名", "说明", "添加人", "添加时间"],
}
FORMULA = '=HYPERLINK("http://example.invalid","点我")'


@pytest.fixture(scope="module")
def demo_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo workspace (with photos) where one finding's description and one enterprise's phone look like
    formulas, one name holds an escape character, and one inspection belongs to another campaign."""
    root = tmp_path_factory.mktemp("workbook") / "ws"
    ws = open_workspace(root)
    try:
        build(ws, enterprises=40)
        with unit_of_work(ws) as session:
            first = session.scalar(select(func.min(Finding.id)))
            session.execute(update(Finding).where(Finding.id == first).values(description=FORMULA))
            session.execute(update(Enterprise).where(Enterprise.id == 1).values(contact_phone="+86 519 8888 0000",
                                                                                 name="示范\x1b[31m企业"))
            other = session.scalar(select(func.max(Inspection.id)))
            session.execute(update(Inspection).where(Inspection.id == other).values(campaign_id="another-2021"))
    finally:
        ws.close()
    return root


def _counts(ws: Workspace) -> dict[str, int]:
    with unit_of_work(ws) as session:
        mine = select(Inspection.id).where(Inspection.campaign_id == CAMPAIGN)
        return {
            "企业名录": session.scalar(select(func.count(func.distinct(Inspection.enterprise_id)))
                                   .where(Inspection.campaign_id == CAMPAIGN)) or 0,
            "检查": session.scalar(select(func.count()).select_from(mine.subquery())) or 0,
            "隐患台账": session.scalar(select(func.count(Finding.id)).where(Finding.inspection_id.in_(mine))) or 0,
            "照片索引": session.scalar(select(func.count(Photo.id)).where(Photo.inspection_id.in_(mine))) or 0,
        }


def _column(sheet: Any, heading: str) -> list[Any]:
    headings = [c.value for c in sheet[1]]
    index = headings.index(heading)
    return [row[index] for row in sheet.iter_rows(min_row=2)]


def test_the_workbook_golden(demo_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out" / "工作簿.xlsx"
    assert main(["--data-dir", str(demo_root), "report", "export", "-o", str(out)]) == 0
    assert "已导出" in capsys.readouterr().out
    ws = open_workspace(demo_root)
    try:
        expected = _counts(ws)
    finally:
        ws.close()
    assert all(expected.values()), expected  # the demo has rows of every kind
    book = load_workbook(out)
    assert book.sheetnames == SHEETS
    for title in SHEETS:
        sheet = book[title]
        assert [c.value for c in sheet[1]] == HEADINGS[title], title
        assert all(c.font.bold for c in sheet[1])
        assert sheet.freeze_panes == "A2", title
        widths = [sheet.column_dimensions[c.column_letter].width for c in sheet[1]]
        assert all(6 <= w <= 70 for w in widths), (title, widths)
        if "企业名称" in HEADINGS[title]:
            assert widths[HEADINGS[title].index("企业名称")] >= 30
        if title != "说明":
            assert sheet.max_row - 1 == expected[title], title
            assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(HEADINGS[title])).column_letter}{sheet.max_row}"
    cover = {row[0]: row[1] for row in book["说明"].iter_rows(min_row=2, values_only=True)}
    assert cover["活动"].startswith("2020年") and cover["辖区"] == "（未设置辖区）"
    assert {t: cover[f"工作表：{t}"] for t in expected} == expected
    assert isinstance(cover["导出时间"], datetime) and cover["逾期截至"] == datetime.combine(date.today(), datetime.min.time())

    ledger = book["隐患台账"]
    cell = next(c for c in _column(ledger, "隐患描述") if c.value == FORMULA)
    assert cell.data_type == "s" and cell.quotePrefix  # text, shown as typed, never run
    deadlines = [c for c in _column(ledger, "整改期限") if c.value is not None]
    assert deadlines and all(c.is_date and isinstance(c.value, datetime) for c in deadlines)
    assert all(c.number_format == "yyyy-mm-dd" for c in deadlines)
    overdue = {c.value for c in _column(ledger, "是否逾期")}
    assert overdue <= {"是", "否"} and "是" in overdue  # the demo's deadlines are in 2020

    inspections = book["检查"]
    assert all(isinstance(c.value, (int, float)) for c in _column(inspections, "得分") if c.value is not None)
    assert all(c.is_date for c in _column(inspections, "检查期限") if c.value is not None)
    assert all(isinstance(c.value, int) for c in _column(inspections, "检查编号"))
    enterprises = book["企业名录"]
    phone = next(c for c in _column(enterprises, "联系电话") if str(c.value).startswith("+86"))
    assert phone.data_type == "s" and phone.quotePrefix and phone.value == "+86 519 8888 0000"
    assert "示范\\u001b[31m企业" in [c.value for c in _column(enterprises, "企业名称")]
    assert all(c.is_date for c in _column(enterprises, "有效期至") if c.value is not None)
    photos = book["照片索引"]
    assert all(len(c.value) == 64 for c in _column(photos, "照片SHA-256"))
    assert all(c.is_date for c in _column(photos, "添加时间"))


def test_a_district_exports_its_area_and_the_records_from_below(demo_root: Path, tmp_path: Path) -> None:
    root = tmp_path / "ws"
    shutil.copytree(demo_root, root)
    ws = open_workspace(root)
    try:
        with unit_of_work(ws) as session:
            districts = sorted({d for d in session.scalars(
                select(Enterprise.district).join(Inspection).where(Inspection.campaign_id == CAMPAIGN))})
            mine, elsewhere = districts[0], districts[1]
            upload = session.scalar(select(Inspection.id).join(Enterprise).where(Enterprise.district == elsewhere,
                                                                                   Inspection.campaign_id == CAMPAIGN))
            session.execute(update(Inspection).where(Inspection.id == upload)
                            .values(origin=f"江苏省常州市{mine}"))
            wanted = set(session.scalars(select(Inspection.id).join(Enterprise).where(
                Inspection.campaign_id == CAMPAIGN, Enterprise.district == mine)))
        assert main(["--data-dir", str(root), "workspace", "set", "level", "district"]) == 0
        assert main(["--data-dir", str(root), "workspace", "set", "jurisdiction", f"常州市{mine}"]) == 0
        result = export_workbook(ws, tmp_path / "d.xlsx")
        book = load_workbook(tmp_path / "d.xlsx", read_only=True)
        ids = {row[0] for row in book["检查"].iter_rows(min_row=2, values_only=True)}
        assert ids == wanted | {upload}
        assert result.jurisdiction == f"江苏省常州市{mine}"
        origins = {row[0]: row[20] for row in book["检查"].iter_rows(min_row=2, values_only=True)}
        assert origins[upload] == f"江苏省常州市{mine}" and {origins[i] for i in wanted} == {"本级"}
        book.close()
    finally:
        ws.close()


def test_the_export_holds_no_write_lock(demo_root: Path, tmp_path: Path) -> None:
    """Even where the shipped campaign is not yet stored (finding it writes, rolled back), another writer
    goes ahead while the rows are read; the workbook shows the moment the export began."""
    root = tmp_path / "ws"
    shutil.copytree(demo_root, root)
    with sqlite3.connect(root / DB_NAME) as con:
        con.execute("DELETE FROM campaigns")
    written: list[int] = []

    def write_meanwhile(done: int, total: int, message: str) -> None:
        con = sqlite3.connect(root / DB_NAME, timeout=0.2, isolation_level=None)
        try:
            con.execute("BEGIN IMMEDIATE")
            con.execute("UPDATE findings SET description = 'changed meanwhile'")
            con.execute("COMMIT")
            written.append(done)
        finally:
            con.close()

    ws = open_workspace(root)
    try:
        export_workbook(ws, tmp_path / "w.xlsx", progress=write_meanwhile)
    finally:
        ws.close()
    assert written
    book = load_workbook(tmp_path / "w.xlsx", read_only=True)
    assert "changed meanwhile" not in {row[9] for row in book["隐患台账"].iter_rows(min_row=2, values_only=True)}
    book.close()


def test_cancel_leaves_no_file(demo_root: Path, tmp_path: Path) -> None:
    token = CancelToken()
    token.cancel()
    ws = open_workspace(demo_root)
    try:
        with pytest.raises(Cancelled):
            export_workbook(ws, tmp_path / "c.xlsx", cancel=token)
    finally:
        ws.close()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("value", "stored", "quoted"), [
    ("=1+2", "=1+2", True), ("+86 519", "+86 519", True), ("-2米平台", "-2米平台", True), ("@SUM(A1)", "@SUM(A1)", True),
    ("\tx", "\tx", True), ("\rx", "\rx", True), ("'=x", "''=x", True), ("''-1", "'''-1", True),
    ("'0512", "'0512", False), ("普通文字", "普通文字", False), ("a\x1bb\x00", "a\\u001bb\\u0000", False),
])
def test_text_rule_matches_the_csv_export_and_imports_back(value: str, stored: str, quoted: bool) -> None:
    assert safe_text(value) == (stored, quoted)
    assert "\x1b" in value or unquote_cell(stored) == value  # what the enterprise import reads back


def test_a_failing_row_source_leaves_no_temporary_sheet(tmp_path: Path) -> None:
    from openpyxl.worksheet._writer import ALL_TEMP_FILES

    def rows() -> Any:
        yield (1, "a")
        raise OSError("the source failed")

    before = set(ALL_TEMP_FILES)
    with pytest.raises(OSError, match="source failed"):
        write_workbook(tmp_path / "x.xlsx", [Sheet("一", [Column("a")], [(1,)]), Sheet("二", [Column("b")], rows())],
                       cover=lambda counts: Sheet("说明", [Column("c")], []))
    assert set(ALL_TEMP_FILES) == before and not (tmp_path / "x.xlsx").exists()


def test_writer_streams_a_generator_with_progress(tmp_path: Path) -> None:
    calls: list[tuple[int, int, str]] = []

    def rows() -> Any:
        for n in range(5000):
            yield (n, f"={n}", date(2020, 1, 1), "#N/A" if n == 7 else None)

    counts = write_workbook(tmp_path / "w.xlsx", [Sheet("数据", [Column("n"), Column("t"), Column("d"), Column("e")],
                                                        rows())],
                            total=5000, progress=lambda d, t, m: calls.append((d, t, m)))
    assert counts == {"数据": 5000}
    assert calls[:2] == [(2000, 5000, "数据"), (4000, 5000, "数据")] and calls[-1][2] == "保存"
    sheet = load_workbook(tmp_path / "w.xlsx")["数据"]
    assert sheet.max_row == 5001 and sheet["B3"].value == "=1" and sheet["B3"].data_type == "s"
    assert sheet["D9"].value == "#N/A" and sheet["D9"].data_type == "s"
