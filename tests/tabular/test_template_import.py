"""Importing template workbooks into a workspace (issue 14 items 1, 2): ten seeded mistakes give ten
problems, each at its sheet, row and column, and store nothing; a changed template needs a new version;
inspections keep the version they were answered with; export → import is lossless; the CLI commands."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import func, select

from inspector_app.cli import main
from inspector_app.demo.workspace import build_demo
from inspector_app.domain.errors import ImportFileError, ValidationError
from inspector_app.domain.template import resource_path
from inspector_app.services import templates
from inspector_app.services.changes import ChangeKind
from inspector_app.services.ops.templates import import_template
from inspector_app.services.queries.book_export import export_template
from inspector_app.storage.engine import Workspace
from inspector_app.storage.models import AuditEvent, Inspection, TemplateRecord
from inspector_app.tabular.template_reader import read_template_book
from inspector_app.tabular.template_writer import write_template_book

LOOKBACK = json.loads(resource_path("templates", "lookback-2020.json").read_text(encoding="utf-8"))


def _row(sheet: Any, code: str) -> int:
    """The row of an item or clause on the 检查项 sheet (its code in column C)."""
    return next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 3).value == code)


def _info_row(sheet: Any, key: str) -> int:
    return next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == key)


def _with_ten_mistakes(path: Path) -> list[tuple[str, int, str, str]]:
    """Seed ten mistakes into a good workbook; what each should be reported as (sheet, row, column, words)."""
    write_template_book(LOOKBACK, path)
    book = openpyxl.load_workbook(path)
    info, elements, items = book["基本信息"], book["类目"], book["检查项"]
    info.cell(_info_row(info, "版本"), 2, "2.1.0")  # a new version: the file would import but for the mistakes
    expected = []

    def seed(sheet: Any, row: int, column: int, value: Any, words: str) -> None:
        sheet.cell(row, column, value)
        expected.append((sheet.title, row, str(sheet.cell(1, column).value or ""), words))

    grades_row = _info_row(info, "适用等级")
    info.cell(grades_row, 2, "二级、四级")
    expected.append(("基本信息", grades_row, "内容", "等级“四级”无效"))
    elements.cell(1, 4, "否决")
    seed(elements, 2, 4, "A", "类目不能设否决")
    seed(items, _row(items, "A.2"), 3, "A.1", "考评项 A.1：编号重复")
    seed(items, _row(items, "A.1-2"), 7, 50, "扣 50 分，超过本项分值 6 分")
    seed(items, _row(items, "A.3"), 9, "C", "否决“C”无效")
    seed(items, _row(items, "A.4"), 10, "也许", "应填“是”或“否”")
    seed(items, _row(items, "B.1"), 3, "Z.1", "编号应以所属类目编号“B.”开头")
    seed(items, _row(items, "C.1"), 7, "十分", "“十分”不是数字")
    seed(book["等级线"], 3, 2, 95, "等级线应从高到低排列")
    seed(book["结论规则"], 2, 4, "撤销", "结论“撤销”不在 levels 中")
    book.save(path)
    return expected


def test_ten_mistakes_give_ten_precise_problems_and_store_nothing(tmp_path: Path, workspace: Workspace) -> None:
    path = tmp_path / "bad.xlsx"
    expected = _with_ten_mistakes(path)
    assert len(expected) == 10
    problems = read_template_book(path).problems
    assert len(problems) == 10, [str(p) for p in problems]
    for sheet, row, column, words in expected:
        found = [p for p in problems if (p.sheet, p.row, p.column) == (sheet, row, column)]
        assert len(found) == 1 and words in found[0].message, (sheet, row, column, words, [str(p) for p in problems])
    with pytest.raises(ImportFileError) as caught:
        import_template(workspace, path, "测试员")
    assert "10 处问题" in str(caught.value) and len(caught.value.problems) == 10
    assert caught.value.problems[0].startswith("工作表“基本信息”第 ")
    with workspace.sessions() as session:
        assert session.scalar(select(func.count()).select_from(TemplateRecord).where(
            TemplateRecord.version == "2.1.0")) == 0


def test_a_changed_template_needs_a_new_version_and_inspections_keep_theirs(tmp_path: Path,
                                                                             workspace: Workspace) -> None:
    with workspace.sessions.begin() as session:
        build_demo(session, enterprises=3)
    with workspace.sessions() as session:
        answered = {i.id: i.template.version for i in session.scalars(select(Inspection))
                    if i.template.template_id == "lookback-2020"}
    assert answered and set(answered.values()) == {"2.0.1"}
    path = tmp_path / "lookback.xlsx"
    export_template(workspace, "lookback-2020", path)
    same = import_template(workspace, path, "测试员")
    assert not same.created and not same.changes.kinds
    book = openpyxl.load_workbook(path)
    items = book["检查项"]
    items.cell(_row(items, "A.1"), 5, "标准化工作机构已建立并实际运行（修订）")
    book.save(path)
    with pytest.raises(ValidationError, match=r"已存在且内容不同.*例如改为 2\.0\.2"):
        import_template(workspace, path, "测试员")
    info = book["基本信息"]
    info.cell(_info_row(info, "版本"), 2, "2.0.2")
    book.save(path)
    preview = import_template(workspace, path, "测试员", dry_run=True)
    assert preview.created and preview.dry_run and "将新增" in preview.summary()
    with workspace.sessions() as session:
        assert templates.stored(session, "lookback-2020").version == "2.0.1"
    done = import_template(workspace, path, "测试员")
    assert done.created and done.changes.has(ChangeKind.TEMPLATES) and done.items == 37
    with workspace.sessions() as session:
        newest = templates.stored(session, "lookback-2020")
        assert newest.version == "2.0.2"
        assert templates.template_of(newest).item("A.1").text.endswith("（修订）")
        assert {i.id: i.template.version for i in session.scalars(select(Inspection))
                if i.id in answered} == answered  # answered with 2.0.1, and stay so
        assert session.scalar(select(AuditEvent).where(AuditEvent.entity == "template",
                                                       AuditEvent.new_value == "2.0.2")) is not None
    again = tmp_path / "again.xlsx"
    export_template(workspace, "lookback-2020", again, "2.0.2")
    assert read_template_book(again).data == read_template_book(path).data
    assert not import_template(workspace, again, "测试员").created
    old = tmp_path / "old.xlsx"
    assert export_template(workspace, "lookback-2020", old, "2.0.1").version == "2.0.1"
    assert read_template_book(old).data == LOOKBACK


def test_a_json_template_file_imports_too(tmp_path: Path, workspace: Workspace) -> None:
    data = dict(LOOKBACK, id="lookback-2021", version="1.0.0", title="2021年“回头看”检查表")
    path = tmp_path / "lookback-2021.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert import_template(workspace, path, "测试员").created
    with workspace.sessions() as session:
        assert templates.content_of(templates.stored(session, "lookback-2021", "1.0.0")) == data


def _cli(root: Path, *args: str) -> int:
    return main(["--data-dir", str(root), *args])


def test_the_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "ws"
    example = tmp_path / "example.xlsx"
    assert _cli(root, "templates", "example", "-o", str(example)) == 0
    assert "lookback-2020 2.0.1" in capsys.readouterr().out
    assert read_template_book(example).data == LOOKBACK
    assert _cli(root, "templates", "example", "-o", str(tmp_path / "x.csv")) == 1
    assert ".xlsx" in capsys.readouterr().err
    bad = tmp_path / "bad.xlsx"
    _with_ten_mistakes(bad)
    assert _cli(root, "templates", "import", str(bad), "--dry-run") == 1
    err = capsys.readouterr().err
    assert "10 处问题" in err and err.count("\n  - 工作表“") == 10 and "第 " in err
    book = openpyxl.load_workbook(example)
    book["基本信息"].cell(_info_row(book["基本信息"], "模板编号"), 2, "town-2021")
    book.save(example)
    assert _cli(root, "templates", "import", str(example), "--by", "测试员") == 0
    assert "已新增" in capsys.readouterr().out
    out = tmp_path / "out.xlsx"
    assert _cli(root, "templates", "export", "town-2021", "-o", str(out)) == 0
    assert "town-2021 版本 2.0.1" in capsys.readouterr().out
    assert read_template_book(out).data == dict(LOOKBACK, id="town-2021")
    assert _cli(root, "templates", "export", "town-2021", "--version", "9.9", "-o", str(out)) == 1
    assert "已有版本：2.0.1" in capsys.readouterr().err
