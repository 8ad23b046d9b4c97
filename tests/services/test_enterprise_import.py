"""Enterprise import: good files in every supported shape, and every bad input rejected row-precisely
with nothing written."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pg_support
import pytest
from sqlalchemy import func, select

from inspector_app.domain import uscc
from inspector_app.domain.errors import Cancelled, ImportFileError
from inspector_app.domain.progress import CancelToken
from inspector_app.services.changes import NO_CHANGES, ChangeKind
from inspector_app.services.enterprise_import import (
    ADDED,
    UNCHANGED,
    UPDATED,
    ImportReport,
    import_enterprises,
    read_enterprises,
)
from inspector_app.services.enterprises import by_uscc
from inspector_app.services.ops.enterprises import import_register
from inspector_app.storage.engine import Workspace, open_workspace
from inspector_app.storage.models import Enterprise
from inspector_app.tabular.reader import match_header, normalise_grade, parse_date

pytestmark = pytest.mark.both_engines

TITLE = "常州市安全生产标准化达标企业名单"
HEADER = ["序号", "企业名称", "统一社会信用代码", "地址", "辖市区", "行业", "专业", "等级", "证书编号",
          "发证日期", "有效期至", "评分标准", "评审单位", "咨询单位", "法定代表人", "联系人", "联系电话"]
DISTRICTS = [("溧阳市", "320481"), ("金坛区", "320413"), ("武进区", "320412"), ("新北区", "320411"),
             ("天宁区", "320402"), ("钟楼区", "320404"), ("常州经开区", "320491")]


def code(n: int, region: str = "320412") -> str:
    return uscc.make_code("9", "1", region, f"MA{n:07d}")


def bad_check(n: int) -> str:
    good = code(n)
    return good[:17] + ("0" if good[17] != "0" else "1")


def row(n: int, **over: Any) -> list[Any]:
    district, region = DISTRICTS[n % len(DISTRICTS)]
    values: dict[str, Any] = {
        "序号": n, "企业名称": f"常州市恒达机械制造有限公司{n}", "统一社会信用代码": code(n, region),
        "地址": f"常州市{district}湖塘镇工业路{n}号", "辖市区": district, "行业": "机械", "专业": "通用机械",
        "等级": "三级企业", "证书编号": f"苏AQB320400JX2020{n:05d}", "发证日期": datetime(2020, 3, 1),
        "有效期至": datetime(2023, 2, 28), "评分标准": "江苏省工贸企业安全生产标准化评分标准",
        "评审单位": "江苏示范安全评审有限公司", "咨询单位": "常州示例企业管理咨询有限公司", "法定代表人": "王伟",
        "联系人": "李芳", "联系电话": f"1391234{n:04d}",
    }
    values.update(over)
    return [values[h] for h in HEADER]


def write_xlsx(path: Path, rows: list[list[Any]], header: list[str] = HEADER, title: str | None = TITLE) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    if title:
        ws.append([title])
    ws.append(header)
    for r in rows:
        ws.append(r)
    book.save(path)
    return path


def csv_text(rows: list[list[Any]], header: list[str] = HEADER, title: str | None = None) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if title:
        writer.writerow([title])
    writer.writerow(header)
    for r in rows:
        writer.writerow([v.strftime("%Y-%m-%d") if isinstance(v, datetime) else v for v in r])
    return out.getvalue()


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = open_workspace(pg_support.prepare(tmp_path / "ws"))
    yield workspace
    workspace.close()


def snapshot(ws: Workspace) -> list[tuple[Any, ...]]:
    with ws.sessions() as s:
        return [tuple(r) for r in s.execute(select(Enterprise.__table__).order_by(Enterprise.id))]


def count(ws: Workspace) -> int:
    with ws.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(Enterprise)) or 0)


def run(ws: Workspace, path: Path, **kw: Any) -> Any:
    with ws.sessions() as s:
        return import_enterprises(s, path, **kw)


# --- good files ----------------------------------------------------------------------------------

def test_xlsx_with_title_row_imports_everything(ws: Workspace, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "名单.xlsx", [row(i) for i in range(1, 6)])
    report = run(ws, path)
    assert (report.rows_read, report.added, report.updated, report.unchanged) == (5, 5, 0, 0)
    assert report.header_row == 2 and report.ignored_columns == []
    assert count(ws) == 5
    with ws.sessions() as s:
        e = by_uscc(s, code(3, DISTRICTS[3][1]))
        assert e is not None
        assert e.name == "常州市恒达机械制造有限公司3" and e.district == "新北区"
        assert e.cert_grade == "三级" and e.cert_issued == date(2020, 3, 1) and e.cert_expires == date(2023, 2, 28)
        assert e.contact_phone == "13912340003" and e.uscc_override is False
    assert "新增 5 家" in report.summary()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_in_each_encoding(ws: Workspace, tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "名单.csv"
    path.write_bytes(csv_text([row(i) for i in range(1, 4)], title=TITLE).encode(encoding))
    report = run(ws, path)
    assert (report.added, report.header_row) == (3, 2)
    with ws.sessions() as s:
        e = by_uscc(s, code(1, DISTRICTS[1][1]))
        assert e is not None and e.name == "常州市恒达机械制造有限公司1" and e.cert_issued == date(2020, 3, 1)


def test_tolerant_headers_and_values(ws: Workspace, tmp_path: Path) -> None:
    header = [" 单位名称 *", "社会信用代码", "企业注册地址", "所属地区", "行业类别", "细分行业", "达标等级",
              "证书号", "发证时间", "证书有效期", "评定标准", "评审机构", "咨询服务单位", "法人代表", "联系人",
              "电话", "备注"]
    rows = [
        ["甲公司", code(1), "武进区湖塘镇", "武进区", "机械", "", "3级", "A1", "2020/3/1", "2023.2.28", "", "",
         "", "张三", "李四", 13800000000, "重点企业"],
        ["乙公司", code(2), "", "金坛区", "轻工", "", "二级达标", "A2", "2020年3月1日", "2020-03-01至2023-02-28",
         "", "", "", "", "", "", ""],
        ["丙公司", code(3).lower(), "", "天宁区", "纺织", "", "小微企业", "", 20200301, "", "", "", "", "", "",
         "", ""],
    ]
    report = run(ws, write_xlsx(tmp_path / "t.xlsx", rows, header=header, title=None))
    assert report.added == 3 and report.header_row == 1
    assert report.ignored_columns == ["备注"]
    assert report.columns["name"] == "单位名称 *" and report.columns["uscc"] == "社会信用代码"
    with ws.sessions() as s:
        a, b, c = (by_uscc(s, code(i)) for i in (1, 2, 3))
        assert a is not None and b is not None and c is not None
        assert (a.cert_grade, b.cert_grade, c.cert_grade) == ("三级", "二级", "小微")
        assert a.cert_issued == b.cert_issued == c.cert_issued == date(2020, 3, 1)
        assert a.cert_expires == b.cert_expires == date(2023, 2, 28)
        assert a.contact_phone == "13800000000" and a.legal_rep == "张三" and a.district == "武进区"
        assert c.uscc == code(3)


def test_full_width_brackets_and_case_in_headers() -> None:
    assert match_header("企业（单位）名称") == "name"
    assert match_header("USCC") == "uscc" and match_header("uscc ") == "uscc"
    assert match_header("辖市（区）") == "district"
    assert match_header("企业名称（盖章）") == "name"
    assert match_header("*统一社会\n信用代码") == "uscc"
    assert match_header(TITLE) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("2020-03-01", date(2020, 3, 1)), ("2020/3/1", date(2020, 3, 1)), ("2020.3.1", date(2020, 3, 1)),
    ("2020年3月1日", date(2020, 3, 1)), ("20200301", date(2020, 3, 1)), (43891, date(2020, 3, 1)),
    ("2020-03-01 00:00:00", date(2020, 3, 1)), (datetime(2020, 3, 1, 0, 0), date(2020, 3, 1)), ("", None),
    (None, None),
])
def test_dates(text: object, expected: date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["2020-13-45", "2020-02-30", "三月一日", "2020", "1/3/2020"])
def test_bad_dates(text: str) -> None:
    with pytest.raises(ValueError, match="无法识别的日期"):
        parse_date(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("三级企业", "三级"), ("3级", "三级"), ("二级达标", "二级"), ("一级", "一级"), ("Ⅲ级", "三级"),
    ("小微", "小微"), (3, "三级"), ("安全生产标准化二级企业", "二级"), ("", ""), ("四级", None), ("优秀", None),
])
def test_grades(text: object, expected: str | None) -> None:
    assert normalise_grade(text) == expected


def test_reimport_updates_instead_of_duplicating(ws: Workspace, tmp_path: Path) -> None:
    run(ws, write_xlsx(tmp_path / "a.xlsx", [row(i) for i in range(1, 6)]))
    again = [row(i) for i in range(1, 6)]
    again[1] = row(2, 联系电话="051988880000", 等级="二级")
    again.append(row(6))
    report = run(ws, write_xlsx(tmp_path / "b.xlsx", again))
    assert (report.added, report.updated, report.unchanged) == (1, 1, 4)
    assert count(ws) == 6
    changed = next(p for p in report.preview if p.action == UPDATED)
    assert changed.row == 4 and any("联系电话" in c for c in changed.changes)
    with ws.sessions() as s:
        e = by_uscc(s, code(2, DISTRICTS[2][1]))
        assert e is not None and e.contact_phone == "051988880000" and e.cert_grade == "二级"
    assert run(ws, write_xlsx(tmp_path / "c.xlsx", again)).unchanged == 6


def test_blank_cells_and_absent_columns_keep_stored_values(ws: Workspace, tmp_path: Path) -> None:
    run(ws, write_xlsx(tmp_path / "a.xlsx", [row(1)]))
    thin = tmp_path / "thin.csv"
    thin.write_text(f"企业名称,统一社会信用代码,联系人\n新名字,{code(1, DISTRICTS[1][1])},\n", encoding="utf-8")
    report = run(ws, thin)
    assert report.updated == 1
    with ws.sessions() as s:
        e = by_uscc(s, code(1, DISTRICTS[1][1]))
        assert e is not None and e.name == "新名字" and e.contact_person == "李芳" and e.contact_phone


def test_dry_run_previews_and_writes_nothing(ws: Workspace, tmp_path: Path) -> None:
    run(ws, write_xlsx(tmp_path / "a.xlsx", [row(1)]))
    before = snapshot(ws)
    path = write_xlsx(tmp_path / "b.xlsx", [row(1, 联系人="赵六"), *(row(i) for i in range(2, 30))])
    report = run(ws, path, dry_run=True)
    assert report.dry_run and (report.added, report.updated, report.unchanged) == (28, 1, 0)
    assert len(report.preview) == 20 and report.preview[0].action == UPDATED
    assert report.preview[1].action == ADDED and report.preview[1].row == 4
    assert "未写入" in report.summary()
    assert snapshot(ws) == before


# --- bad inputs: row-precise, nothing written -----------------------------------------------------

@pytest.fixture
def filled(ws: Workspace, tmp_path: Path) -> tuple[Workspace, list[tuple[Any, ...]]]:
    run(ws, write_xlsx(tmp_path / "base.xlsx", [row(i) for i in range(1, 4)]))
    return ws, snapshot(ws)


def rejected(ws: Workspace, path: Path, before: list[tuple[Any, ...]], **kw: Any) -> ImportFileError:
    with pytest.raises(ImportFileError) as info:
        run(ws, path, **kw)
    assert snapshot(ws) == before
    return info.value


def test_bad_uscc(filled: tuple[Workspace, Any], tmp_path: Path) -> None:
    ws, before = filled
    path = write_xlsx(tmp_path / "x.xlsx", [row(10), row(11, 统一社会信用代码=bad_check(11)), row(12)])
    err = rejected(ws, path, before)
    assert len(err.problems) == 1
    assert err.problems[0].startswith("第 4 行，列“统一社会信用代码”：校验位错误")
    assert "第 4 行" in str(err)


def test_all_problems_are_collected(filled: tuple[Workspace, Any], tmp_path: Path) -> None:
    ws, before = filled
    rows = [row(10, 企业名称=""), row(11, 统一社会信用代码="9132041"), row(12, 等级="优秀"),
            row(13, 发证日期="2020-13-45"), row(14, 发证日期=datetime(2021, 1, 1), 有效期至=datetime(2020, 1, 1))]
    err = rejected(ws, write_xlsx(tmp_path / "x.xlsx", rows), before)
    assert err.problems == [
        "第 3 行，列“企业名称”：企业名称不能为空",
        "第 4 行，列“统一社会信用代码”：统一社会信用代码应为18位，实际为7位",
        "第 5 行，列“等级”：证书等级“优秀”无效，应为 一级/二级/三级/小微",
        "第 6 行，列“发证日期”：无法识别的日期“2020-13-45”",
        "第 7 行，列“有效期至”：证书有效期早于发证日期",
    ]


def test_missing_column(filled: tuple[Workspace, Any], tmp_path: Path) -> None:
    ws, before = filled
    header = [h for h in HEADER if h != "统一社会信用代码"]
    rows = [[v for h, v in zip(HEADER, row(i), strict=True) if h != "统一社会信用代码"] for i in (10, 11)]
    err = rejected(ws, write_xlsx(tmp_path / "x.xlsx", rows, header=header), before)
    assert "缺少必需的列：“统一社会信用代码”" in str(err) and "第 2 行" in str(err)


def test_same_uscc_twice_in_one_file(filled: tuple[Workspace, Any], tmp_path: Path) -> None:
    ws, before = filled
    rows = [row(10), row(11), row(12, 统一社会信用代码=code(10, DISTRICTS[3][1]))]
    err = rejected(ws, write_xlsx(tmp_path / "x.xlsx", rows), before)
    assert err.problems == [f"第 5 行，列“统一社会信用代码”：统一社会信用代码 {code(10, DISTRICTS[3][1])} 与第 3 行重复"]


def test_bad_date_in_csv(filled: tuple[Workspace, Any], tmp_path: Path) -> None:
    ws, before = filled
    rows = [row(i) for i in range(10, 20)]
    rows[9] = row(19, 发证日期="2020-13-45")
    path = tmp_path / "x.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    err = rejected(ws, path, before)
    assert err.problems == ["第 11 行，列“发证日期”：无法识别的日期“2020-13-45”"]


def test_wrong_encoding_utf16(filled: tuple[Workspace, Any], tmp_path: Path) -> None:
    ws, before = filled
    path = tmp_path / "x.csv"
    path.write_bytes(csv_text([row(10)]).encode("utf-16"))
    err = rejected(ws, path, before)
    assert "x.csv" in str(err) and "编码" in str(err) and "第 1 行" in str(err)


def test_wrong_encoding_latin1(filled: tuple[Workspace, Any], tmp_path: Path) -> None:
    ws, before = filled
    data = f"企业名称,统一社会信用代码\nA公司,{code(10)}\nCafé,{code(11)}\n".encode()
    data = data.replace("é".encode(), "é".encode("latin-1"))  # one Latin-1 byte on line 3
    for encoding in ("utf-8", "gb18030"):
        with pytest.raises(UnicodeDecodeError):
            data.decode(encoding)
    path = tmp_path / "x.csv"
    path.write_bytes(data)
    err = rejected(ws, path, before)
    assert "x.csv" in str(err) and "编码" in str(err) and "第 3 行" in str(err) and "0xE9" in str(err)


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\r\n\r\n", ",,,\n,,\n"])
def test_empty_csv(filled: tuple[Workspace, Any], tmp_path: Path, content: bytes | str) -> None:
    ws, before = filled
    path = tmp_path / "empty.csv"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    err = rejected(ws, path, before)
    assert "empty.csv" in str(err) and "空" in str(err)


def test_empty_xlsx(filled: tuple[Workspace, Any], tmp_path: Path) -> None:
    ws, before = filled
    path = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(path)
    err = rejected(ws, path, before)
    assert "empty.xlsx" in str(err) and "空" in str(err)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_header_only(filled: tuple[Workspace, Any], tmp_path: Path, suffix: str) -> None:
    ws, before = filled
    path = tmp_path / f"h{suffix}"
    if suffix == ".xlsx":
        write_xlsx(path, [])
    else:
        path.write_text(csv_text([], title=TITLE), encoding="utf-8")
    err = rejected(ws, path, before)
    assert "只有表头（第 2 行）" in str(err)


def test_no_header_at_all(filled: tuple[Workspace, Any], tmp_path: Path) -> None:
    ws, before = filled
    path = tmp_path / "x.csv"
    path.write_text("一些,随意的,文字\n1,2,3\n", encoding="utf-8")
    err = rejected(ws, path, before)
    assert "找不到表头" in str(err)


def test_xlsx_that_is_really_text(filled: tuple[Workspace, Any], tmp_path: Path) -> None:
    ws, before = filled
    path = tmp_path / "名单.xlsx"
    path.write_text(csv_text([row(10)]), encoding="utf-8")
    err = rejected(ws, path, before)
    assert "名单.xlsx" in str(err) and "不是有效的 Excel 工作簿" in str(err) and "文本" in str(err)


def test_xlsx_that_is_a_broken_zip(filled: tuple[Workspace, Any], tmp_path: Path) -> None:
    ws, before = filled
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    err = rejected(ws, path, before)
    assert "broken.xlsx" in str(err)


@pytest.mark.parametrize("damage", ["cut sheet XML", "bad deflate stream"])
def test_xlsx_whose_sheet_is_damaged(filled: tuple[Workspace, Any], tmp_path: Path, damage: str) -> None:
    """The workbook opens (its index is intact) but the worksheet cannot be read: the file is named
    and nothing is written – not an XML or zlib traceback."""
    import zipfile

    ws, before = filled
    good = write_xlsx(tmp_path / "good.xlsx", [row(i) for i in range(10, 40)])
    path = tmp_path / "坏表.xlsx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(path, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                if damage == "cut sheet XML":
                    data = data[: len(data) // 2]
                else:
                    info.compress_type = zipfile.ZIP_STORED  # stored bytes, but flagged as deflated below
            zout.writestr(info, data)
    if damage == "bad deflate stream":
        raw = bytearray(path.read_bytes())
        with zipfile.ZipFile(path) as z:
            member = z.getinfo("xl/worksheets/sheet1.xml")
        raw[member.header_offset + 8] = 8  # method: deflate, over bytes that are not a deflate stream
        at = raw.rfind(b"PK\x01\x02", 0, len(raw))
        while at >= 0:  # the central directory entry too
            name_len = int.from_bytes(raw[at + 28:at + 30], "little")
            if raw[at + 46:at + 46 + name_len] == b"xl/worksheets/sheet1.xml":
                raw[at + 10] = 8
            at = raw.rfind(b"PK\x01\x02", 0, at)
        path.write_bytes(bytes(raw))
    err = rejected(ws, path, before)
    assert "坏表.xlsx" in str(err)


def test_missing_file(ws: Workspace, tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="找不到文件"):
        run(ws, tmp_path / "nope.xlsx")


# --- the override flag, sheets, cancellation ------------------------------------------------------

def test_invalid_uscc_with_override(filled: tuple[Workspace, Any], tmp_path: Path) -> None:
    ws, before = filled
    path = write_xlsx(tmp_path / "x.xlsx", [row(10), row(11, 统一社会信用代码=bad_check(11))])
    rejected(ws, path, before)
    report = run(ws, path, allow_invalid_uscc=True)
    assert report.added == 2 and len(report.warnings) == 1
    assert report.warnings[0].startswith("第 4 行，列“统一社会信用代码”：校验位错误")
    with ws.sessions() as s:
        e = by_uscc(s, bad_check(11))
        assert e is not None and e.uscc_override is True
        ok = by_uscc(s, code(10, DISTRICTS[3][1]))
        assert ok is not None and ok.uscc_override is False
    # an empty code is never allowed, override or not
    path = write_xlsx(tmp_path / "y.xlsx", [row(12, 统一社会信用代码="")])
    with pytest.raises(ImportFileError, match="第 3 行"):
        run(ws, path, allow_invalid_uscc=True)


def test_numeric_uscc_gets_a_hint(ws: Workspace, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "x.xlsx", [row(10, 统一社会信用代码=913204121234567000)])
    with pytest.raises(ImportFileError) as info:
        run(ws, path)
    assert "数字格式" in info.value.problems[0]


def test_data_on_a_later_sheet(ws: Workspace, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    notes = book.active
    assert notes is not None
    notes.title = "说明"
    notes.append(["本表由市局安全生产基础处整理"])
    data = book.create_sheet("名单")
    data.append(HEADER)
    data.append(row(1))
    book.save(tmp_path / "x.xlsx")
    report = run(ws, tmp_path / "x.xlsx")
    assert report.sheet_name == "名单" and report.added == 1


def test_rows_without_name_and_code_are_skipped_with_a_warning(ws: Workspace, tmp_path: Path) -> None:
    rows = [row(1), [None] * len(HEADER), ["注：以上企业均在有效期内", *([None] * (len(HEADER) - 1))]]
    report = run(ws, write_xlsx(tmp_path / "x.xlsx", rows))
    assert report.added == 1 and report.warnings == ["第 5 行没有企业名称和统一社会信用代码，已跳过"]


def test_cancel_before_and_during_the_write(ws: Workspace, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from inspector_app.services import enterprise_import

    monkeypatch.setattr(enterprise_import, "_CHUNK", 50)  # several write batches from a small file
    path = write_xlsx(tmp_path / "big.xlsx", [row(i) for i in range(1, 131)])
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        run(ws, path, cancel=token)
    assert count(ws) == 0

    token = CancelToken()

    def cancel_on_write(done: int, total: int, message: str) -> None:
        if message == "正在写入":
            token.cancel()

    with pytest.raises(Cancelled):
        run(ws, path, cancel=token, progress=cancel_on_write)
    assert count(ws) == 0
    report = run(ws, path)
    assert report.added == 130 and count(ws) == 130
    assert run(ws, path).unchanged == 130
    assert UNCHANGED == "不变"


def test_progress_is_reported_for_each_phase(ws: Workspace, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "p.xlsx", [row(i) for i in range(1, 1101)])
    seen: list[tuple[int, int, str]] = []
    report = run(ws, path, progress=lambda done, total, message: seen.append((done, total, message)))
    assert report.added == 1100
    messages = [m for _, _, m in seen]
    assert any(m.startswith("正在读取") for m in messages)
    assert "正在检查数据" in messages and "正在写入" in messages
    assert (1000, 1102, "正在读取 p.xlsx") in seen  # 1,100 rows under a title and a header
    assert seen[-1][0] == seen[-1][1] == 1100
    assert all(total == 0 or done <= total for done, total, _ in seen)


def test_summary_caps_long_warning_lists(ws: Workspace, tmp_path: Path) -> None:
    rows = [row(i, 统一社会信用代码=bad_check(i)) for i in range(1, 31)]
    report = run(ws, write_xlsx(tmp_path / "w.xlsx", rows), allow_invalid_uscc=True)
    assert len(report.warnings) == 30
    assert "另有 10 条" in report.summary()


def test_two_row_header_with_a_group_heading(ws: Workspace, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([TITLE])
    sheet.append(["企业名称", "统一社会信用代码", "辖市区", "证书信息", None, None, "备注"])
    sheet.append([None, None, None, "证书编号", "发证日期", "有效期至", None])
    sheet.merge_cells("A2:A3")
    sheet.merge_cells("D2:F2")
    sheet.append(["甲公司", code(1), "武进区", "苏AQB001", "2020-03-01", "2023-02-28", "重点"])
    sheet.append(["乙公司", code(2), "武进区", "苏AQB002", "2020-04-01", "2023-03-31", None])
    book.save(tmp_path / "two.xlsx")
    report = run(ws, tmp_path / "two.xlsx")
    assert (report.added, report.header_row, report.warnings) == (2, 2, [])
    assert report.ignored_columns == ["备注"] and report.columns["cert_number"] == "证书编号"
    assert [p.row for p in report.preview] == [4, 5]
    with ws.sessions() as s:
        e = by_uscc(s, code(2))
        assert e is not None and e.cert_number == "苏AQB002" and e.cert_expires == date(2023, 3, 31)


def test_bulk_insert_stores_what_the_orm_stores(ws: Workspace, tmp_path: Path) -> None:
    """New rows bypass the ORM; their stored form (dates, timestamps, booleans) must be the ORM's."""
    from inspector_app.services.enterprises import EnterpriseData, upsert

    run(ws, write_xlsx(tmp_path / "one.xlsx", [row(1)]))
    with ws.sessions() as s:
        upsert(s, EnterpriseData(name="对照", uscc=code(99), cert_issued=date(2020, 3, 1),
                                 cert_expires=date(2023, 2, 28)))
        s.commit()
    if ws.dialect != "sqlite":  # PostgreSQL's columns are typed: the values must be the same
        with ws.engine.connect() as pg:
            rows = pg.exec_driver_sql("SELECT uscc_override, cert_issued, cert_expires, created_at IS NOT NULL "
                                      "FROM enterprises ORDER BY id").all()
        assert rows[0] == rows[1] == (False, date(2020, 3, 1), date(2023, 2, 28), True)
        return
    import sqlite3

    con = sqlite3.connect(ws.db_path)
    try:
        got = con.execute("SELECT uscc, typeof(uscc_override), uscc_override, cert_issued, cert_expires, "
                          "length(created_at), length(updated_at) FROM enterprises ORDER BY id").fetchall()
    finally:
        con.close()
    assert got[0][1:] == got[1][1:] == ("integer", 0, "2020-03-01", "2023-02-28", 26, 26)


def test_full_width_uscc_is_accepted(ws: Workspace, tmp_path: Path) -> None:
    wide = "".join(chr(ord(ch) + 0xFEE0) for ch in code(5))  # ９１３２… as typed with an IME
    path = tmp_path / "w.csv"
    path.write_text(f"企业名称,统一社会信用代码\n甲公司, {wide} \n", encoding="gb18030")
    assert run(ws, path).added == 1
    with ws.sessions() as s:
        assert by_uscc(s, code(5)) is not None


def test_preview_shows_every_update_after_the_first_rows(ws: Workspace, tmp_path: Path) -> None:
    run(ws, write_xlsx(tmp_path / "a.xlsx", [row(i) for i in range(1, 41)]))
    again = [row(i, 联系人="赵六") if i in (5, 33, 38) else row(i) for i in range(1, 41)]
    report = run(ws, write_xlsx(tmp_path / "b.xlsx", again), dry_run=True)
    assert report.updated == 3 and len(report.preview) == 22
    assert [p.row for p in report.preview[20:]] == [35, 40]
    assert report.preview[4].changes == ["联系人：李芳 → 赵六"]


def test_tab_separated_gbk_text(ws: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "名单.txt"  # Excel's “文本文件（制表符分隔）” in a Chinese Windows code page
    path.write_bytes(f"企业名称\t统一社会信用代码\t辖市区\n甲公司\t{code(1)}\t溧阳市\n".encode("gbk"))
    report = run(ws, path)
    assert report.added == 1
    with ws.sessions() as s:
        e = by_uscc(s, code(1))
        assert e is not None and e.district == "溧阳市"


@pytest.mark.parametrize("name", ["damaged.xls", "locked.xlsx"])
def test_ole_file_that_is_no_readable_workbook(ws: Workspace, tmp_path: Path, name: str) -> None:
    """An OLE header over garbage (what a damaged .xls or a password-protected .xlsx looks like)."""
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    with pytest.raises(ImportFileError, match=f"{name} 不是可读取的旧版 Excel.*取消密码"):
        run(ws, path)
    assert count(ws) == 0


def test_cells_merged_down_apply_to_every_row(ws: Workspace, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([TITLE])
    sheet.merge_cells("A1:D1")
    sheet.append(["辖市区", "企业名称", "统一社会信用代码", "行业"])
    sheet.append(["金坛区", "甲公司", code(1), "机械"])
    sheet.append([None, "乙公司", code(2), "轻工"])
    sheet.append([None, "丙公司", code(3), None])
    sheet.append(["溧阳市", "丁公司", code(4), "建材"])
    sheet.merge_cells("A3:A5")
    sheet.merge_cells("D4:D5")
    book.save(tmp_path / "merged.xlsx")
    assert run(ws, tmp_path / "merged.xlsx").added == 4
    with ws.sessions() as s:
        found = {e.name: (e.district, e.industry) for e in s.scalars(select(Enterprise))}
    assert found == {"甲公司": ("金坛区", "机械"), "乙公司": ("金坛区", "轻工"), "丙公司": ("金坛区", "轻工"),
                     "丁公司": ("溧阳市", "建材")}


def test_problems_of_one_row_follow_its_columns(ws: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("企业名称,统一社会信用代码,发证日期,等级\n"
                    f",{bad_check(1)},2020-13-45,四级\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as info:
        run(ws, path)
    assert [p.split("：")[0] for p in info.value.problems] == [
        "第 2 行，列“企业名称”", "第 2 行，列“统一社会信用代码”", "第 2 行，列“发证日期”", "第 2 行，列“等级”"]


def test_wrong_encoding_utf16_without_bom(ws: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(f"name,uscc\nA,{code(1)}\n".encode("utf-16-le"))
    with pytest.raises(ImportFileError, match=r"x\.csv 的编码不对：第 1 行"):
        run(ws, path)
    assert count(ws) == 0


# --- the operation (what the desk's menu and ``inspector-app enterprises import`` call) -------------

def test_the_operation_reports_what_it_changed(ws: Workspace, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "名单.xlsx", [row(i) for i in range(1, 6)])
    preview = import_register(ws, path, dry_run=True)
    assert isinstance(preview, ImportReport) and preview.dry_run and preview.added == 5
    assert preview.changes == NO_CHANGES and count(ws) == 0  # a dry run writes nothing
    report = import_register(ws, path)
    assert (report.added, report.updated) == (5, 0) and count(ws) == 5
    assert report.changes.everything and report.changes.has(ChangeKind.ENTERPRISES)
    assert "新增 5 家" in report.summary()
    again = import_register(ws, path)
    assert again.unchanged == 5 and again.changes == NO_CHANGES  # nothing new: nothing to reread
    updated = import_register(ws, write_xlsx(tmp_path / "新.xlsx", [row(1, 联系人="赵六")]))
    assert updated.updated == 1 and updated.changes.has(ChangeKind.ENTERPRISES)


def test_the_operation_writes_nothing_on_a_bad_file_or_a_cancel(filled: tuple[Workspace, Any],
                                                                 tmp_path: Path) -> None:
    ws, before = filled
    with pytest.raises(ImportFileError):
        import_register(ws, write_xlsx(tmp_path / "bad.xlsx", [row(7, 统一社会信用代码=bad_check(7))]))
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        import_register(ws, write_xlsx(tmp_path / "ok.xlsx", [row(i) for i in range(10, 20)]), cancel=token)
    assert snapshot(ws) == before


# --- the CSV-injection quote (what the command line's CSV export puts before a would-be formula) --------

@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_one_quote_before_a_formula_character_comes_off(ws: Workspace, tmp_path: Path, suffix: str) -> None:
    """Exactly one leading quote, and only before =, +, -, @ (after any further quotes): the export's
    neutralising quote is undone, every other text – a quote before a digit included – is kept."""
    names = {1: "'=cmd|' /C calc'!A0", 2: "'+86 519", 3: "'-5 吨", 4: "'@SUM(A1)", 5: "''=两个引号",
             6: "'0519 普通", 7: "=没有引号", 8: "'", 9: "常州'=中间"}
    if suffix == ".xlsx":
        del names[7]  # openpyxl would write it as a formula
    rows = [row(n, 企业名称=name, 联系人=name if n == 3 else "李芳") for n, name in names.items()]
    header = [*HEADER, "备注"]
    rows = [[*r, "'=备注"] for r in rows]
    if suffix == ".csv":
        path = tmp_path / "名单.csv"
        path.write_text(csv_text(rows, header), "utf-8")
    else:
        path = write_xlsx(tmp_path / "名单.xlsx", rows, header)
    run(ws, path)
    with ws.sessions() as s:
        stored = {n: by_uscc(s, code(n, DISTRICTS[n % len(DISTRICTS)][1])) for n in names}
        expected = {1: "=cmd|' /C calc'!A0", 2: "+86 519", 3: "-5 吨", 4: "@SUM(A1)", 5: "'=两个引号",
                    6: "'0519 普通", 7: "=没有引号", 8: "'", 9: "常州'=中间"}
        assert {n: e.name for n, e in stored.items() if e is not None} == {n: expected[n] for n in names}
        assert stored[3] is not None and stored[3].contact_person == "-5 吨"
    _sheet, _columns, parsed, _warnings = read_enterprises(path)
    assert {p.data.extra["备注"] for p in parsed} == {"=备注"}  # unknown columns too
