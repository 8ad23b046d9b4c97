"""Old enterprise lists: ``.xls`` workbooks (read with xlrd) and the codes the credit code replaced – a
15-digit 工商注册号 and a 9-character 组织机构代码 – recognised, stored, flagged for update, and replaced by
the credit code when a later list gives it (tests/fixtures/make_old_xls.py wrote the fixture)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pg_support
import pytest
from sqlalchemy import func, select

from inspector_app.domain import uscc
from inspector_app.domain.errors import ImportFileError
from inspector_app.services.enterprise_import import UPDATED, import_enterprises
from inspector_app.services.enterprises import by_uscc, to_dict
from inspector_app.storage.engine import Workspace, open_workspace
from inspector_app.storage.models import Enterprise

pytestmark = pytest.mark.both_engines

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "enterprises-old.xls"
REG = "32041100012345" + uscc.registration_check_digit("32041100012345")
ORG = "MA1K3D8F" + uscc.organisation_check_character("MA1K3D8F")


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = open_workspace(pg_support.prepare(tmp_path / "ws"))
    yield workspace
    workspace.close()


def _count(ws: Workspace) -> int:
    with ws.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(Enterprise)) or 0)


def _xlsx(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["企业名称", "统一社会信用代码", "辖市区"])
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def test_xls_list_imports_with_title_row_merged_district_dates_and_numbers(ws: Workspace) -> None:
    with ws.sessions() as s:
        report = import_enterprises(s, FIXTURE)
    assert (report.sheet_name, report.header_row, report.added) == ("企业名录", 2, 3)  # not the notes sheet
    with ws.sessions() as s:
        first = by_uscc(s, uscc.make_code("9", "1", "320411", "MA1K3D9G" + uscc.organisation_check_character("MA1K3D9G")))
        assert first is not None and first.district == "新北区" and first.contact_phone == "51912345678"
        assert str(first.cert_expires) == "2021-06-30" and first.code_kind == "uscc"
        old = by_uscc(s, REG)
        assert old is not None and old.district == "新北区" and old.code_kind == "reg15"  # merged cell copied down
        org = by_uscc(s, ORG[:8] + "-" + ORG[8])  # looked up with its hyphen as people write it
        assert org is not None and org.uscc == ORG and org.code_kind == "org9"
        assert to_dict(org)["code_needs_update"] is True and to_dict(first)["code_needs_update"] is False
    assert [w for w in report.warnings if "旧版15位工商注册号" in w and w.startswith("第 4 行")]
    assert [w for w in report.warnings if "旧版9位组织机构代码" in w and w.startswith("第 5 行")]


def test_a_damaged_xls_is_refused_by_name_and_nothing_is_written(ws: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "名录.xls"
    data = FIXTURE.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ImportFileError, match=r"名录\.xls"), ws.sessions() as s:
        import_enterprises(s, path)
    assert _count(ws) == 0


def test_xls_named_xlsx_and_xlsx_named_xls_are_read_by_content(ws: Workspace, tmp_path: Path) -> None:
    renamed = shutil.copy(FIXTURE, tmp_path / "名录.xlsx")
    with ws.sessions() as s:
        assert import_enterprises(s, Path(renamed), dry_run=True).added == 3
    xlsx_as_xls = _xlsx(tmp_path / "x.xlsx", [("常州测试丁有限公司", REG, "武进区")]).rename(tmp_path / "x.xls")
    with ws.sessions() as s:
        assert import_enterprises(s, xlsx_as_xls, dry_run=True).added == 1


def test_old_code_with_a_wrong_check_character_is_a_row_problem(ws: Workspace, tmp_path: Path) -> None:
    wrong = REG[:14] + str((int(REG[14]) + 1) % 10)
    with pytest.raises(ImportFileError) as err, ws.sessions() as s:
        import_enterprises(s, _xlsx(tmp_path / "a.xlsx", [("常州测试戊有限公司", wrong, "武进区")]))
    assert "第 2 行" in str(err.value) and "15位工商注册号校验位错误" in str(err.value)
    assert _count(ws) == 0


def test_a_later_list_with_the_credit_code_updates_the_old_record(ws: Workspace, tmp_path: Path) -> None:
    with ws.sessions() as s:
        import_enterprises(s, FIXTURE)
    by_org_code = uscc.make_code("9", "1", "320411", ORG)  # the credit code contains the organisation code
    by_name = uscc.make_code("9", "1", "320411", "MA1K3DAH" + uscc.organisation_check_character("MA1K3DAH"))
    path = _xlsx(tmp_path / "new.xlsx", [("常州测试丙纺织有限公司", by_org_code, "新北区"),
                                         ("常州测试乙机械厂", by_name, "新北区")])
    with ws.sessions() as s:
        report = import_enterprises(s, path)
    assert (report.added, report.updated) == (0, 2)
    changes = {row.uscc: row for row in report.preview}
    assert changes[by_org_code].action == UPDATED and any(ORG in c for c in changes[by_org_code].changes)
    assert _count(ws) == 3
    with ws.sessions() as s:
        assert by_uscc(s, ORG) is None and by_uscc(s, REG) is None
        for code in (by_org_code, by_name):
            record = by_uscc(s, code)
            assert record is not None and record.code_kind == "uscc"


def test_a_name_shared_by_two_old_records_is_not_guessed(ws: Workspace, tmp_path: Path) -> None:
    other = "32041100054321" + uscc.registration_check_digit("32041100054321")
    with ws.sessions() as s:
        import_enterprises(s, _xlsx(tmp_path / "a.xlsx", [("常州测试己厂", REG, "武进区"), ("常州测试己厂", other, "金坛区")]))
    new = uscc.make_code("9", "1", "320412", "MA1K3DBJ" + uscc.organisation_check_character("MA1K3DBJ"))
    with ws.sessions() as s:
        report = import_enterprises(s, _xlsx(tmp_path / "b.xlsx", [("常州测试己厂", new, "武进区")]))
    assert report.added == 1 and _count(ws) == 3


def test_an_xls_cut_anywhere_is_refused_or_read_never_a_traceback(ws: Workspace, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """xlrd raises struct.error, IndexError … on a cut-off file and writes English warnings to stdout:
    every cut is either read or refused by name, and nothing of xlrd's reaches the terminal."""
    data = FIXTURE.read_bytes()
    path = tmp_path / "cut.xls"
    for size in range(512, len(data), 97):
        path.write_bytes(data[:size])
        try:
            with ws.sessions() as s:
                import_enterprises(s, path, dry_run=True)
        except ImportFileError as exc:
            assert "cut.xls" in str(exc)
    out = capsys.readouterr()
    assert "WARNING" not in out.out + out.err and "sector" not in out.out + out.err
    assert _count(ws) == 0
