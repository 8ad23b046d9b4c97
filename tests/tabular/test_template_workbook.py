"""Template workbooks (issue 14; docs/template-workbook.md): every shipped template survives export →
import unchanged (the same JSON, the same scores), the shipped workbooks in resources/templates read back
to their JSON, a hand-made workbook imports, and any template a generator builds survives the round trip."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.styles import Border, Font, PatternFill, Side

from inspector_app.domain.conclusions import OUTCOMES, WHEN
from inspector_app.domain.scoring import Answer, score_inspection
from inspector_app.domain.template import GRADES, Template, parse_template, shipped_template_paths
from inspector_app.tabular import campaign_book as C
from inspector_app.tabular import template_layout as L
from inspector_app.tabular.book_grid import open_book
from inspector_app.tabular.reader import normalise_header
from inspector_app.tabular.template_reader import TemplateBook, read_template_book, read_template_grids
from inspector_app.tabular.template_writer import template_book_bytes

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "domain"))
from test_scoring import templates_and_answers  # the scoring tests' template strategy

SHIPPED = shipped_template_paths()


def round_trip(data: dict[str, Any], tmp: Path) -> TemplateBook:
    path = tmp / "t.xlsx"
    path.write_bytes(template_book_bytes(data))
    return read_template_book(path)


def mixed_answers(template: Template) -> dict[str, Answer]:
    """Every item answered: clauses chosen (twice where allowed), some 不符合, some 不涉及."""
    answers = {}
    for n, item in enumerate(template.items):
        if n % 3 == 1 and item.deductions:
            rule = item.deductions[-1]
            answers[item.code] = Answer("部分符合", ((rule.code, min(2, rule.max_times)),), 0.5, "另扣")
        elif n % 5 == 2:
            answers[item.code] = Answer("不符合", note="缺失")
        elif n % 7 == 3 and item.na_allowed:
            answers[item.code] = Answer("不涉及")
        else:
            answers[item.code] = Answer("符合")
    return answers


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_every_shipped_template_survives_export_and_import(path: Path, tmp_path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    book = round_trip(data, tmp_path)
    assert book.problems == [] and book.ignored == []
    assert book.data == data
    before, after = parse_template(data, path.name), parse_template(book.data, "workbook")
    assert after == before
    for grade in ("二级", "三级", None):
        answers = mixed_answers(before)
        assert score_inspection(after, answers, grade) == score_inspection(before, answers, grade)


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_the_shipped_workbooks_are_the_shipped_templates(path: Path) -> None:
    """resources/templates/*.xlsx (scripts/template_workbooks.py) read back to exactly the shipped JSON."""
    workbook = path.with_suffix(".xlsx")
    assert workbook.is_file(), f"run scripts/template_workbooks.py: {workbook.name} is missing"
    assert workbook.stat().st_size < 64_000
    book = read_template_book(workbook)
    assert book.problems == []
    assert book.data == json.loads(path.read_text(encoding="utf-8"))


# --- a workbook made by hand -------------------------------------------------------------------------

def _hand_made() -> bytes:
    book = openpyxl.Workbook()
    thin = Side(style="thin")
    info = book.active
    info.title = "基本信息"
    info["A1"] = "检查表模板基本信息"
    info.merge_cells("A1:D1")
    info["A1"].font = Font(bold=True, size=16)
    rows = [("模板编号", "town-check-2021"), ("版本", 1.0), None, ("检查种类", "专项检查"),
            ("名称", "某镇工贸企业专项检查表"), ("标准", "GB/T 33000-2016"), ("适用等级", "三级企业，小微"),
            ("适用行业", "机械、轻工"), ("结论针对", "所持等级"), ("评定等级", "×")]
    for number, row in enumerate(rows, start=3):
        if row is None:
            continue
        info.cell(number, 1, row[0]).font = Font(bold=True)
        info.merge_cells(start_row=number, start_column=1, end_row=number, end_column=2)
        info.cell(number, 3, row[1])
    items = book.create_sheet("评分细则")
    items["A1"] = "某镇工贸企业专项检查表（评分细则）"
    items.merge_cells("A1:J1")
    headers = ["一级要素", "类目编号", "考评内容", "项目编号", "标准分值", "否决项", "检查方法", "最多扣分次数",
               "企业自行整改项", "来源", "备注"]
    for col, text in enumerate(headers, start=1):
        cell = items.cell(3, col, text)
        cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor="FFFF00")
        cell.border = Border(top=thin, bottom=thin, left=thin, right=thin)
    body = [
        ["目标职责", "A", "安全生产目标明确", "A.1", 10, None, "查阅目标文件", None, None, None, "重点"],
        [None, None, "未制定目标的，扣5分", "A.1-1", "5分", None, None, 2, None, None, None],
        [None, None, "目标弄虚作假的，不得分", "A.1-2", 10, "A类", None, None, None, "某省文件第四条", None],
        None,  # a spacer row
        [None, None, "机构健全", "A.2", 6, "无", "查阅机构文件", None, "√", None, None],
        ["现场管理", "B", "设备设施完好", "B.1", 20, None, "现场查看", None, None, None, None],
        [None, None, "设备带病运行的，每台扣2分", "B.1-1", 2, None, None, 10, None, None, None],
    ]
    for number, row in enumerate(body, start=4):
        for col, value in enumerate(row or [], start=1):
            if value is not None:
                items.cell(number, col, value).border = Border(bottom=thin)
    items.merge_cells("A4:A8")  # 目标职责 over its rows, spacer included
    items.merge_cells("B4:B8")
    items.merge_cells("A9:A10")
    items.merge_cells("B9:B10")
    items.cell(12, 1, "注：本表为示例，分值仅供参考。")
    items.column_dimensions["C"].width = 40
    grades = book.create_sheet("等级线")
    for row in (("分数线", "证书等级", "要素最低得分率"), (90, "一级企业", "60%"), (75, "二级", None), (60, "三级", None),
                (60, "小微企业", None)):
        grades.append(row)
    levels = book.create_sheet("结论等级")
    for row in (("编号", "名称", "计入"), ("维持", None, "维持"), ("限期整改", "责令限期整改", "限期整改"),
                ("建议摘牌", None, "建议摘牌")):
        levels.append(row)
    rules = book.create_sheet("结论规则")
    for row in (("依据", "条件", "结论", "数值", "否决类别"), ("某省文件第四条", "否决", "建议摘牌", None, "A"),
                ("某省文件第二条", "得分低于", "建议摘牌", 60, None), ("安全生产法", "有依法整改扣分", "限期整改", None, None)):
        rules.append(row)
    book.create_sheet("说明")["A1"] = "本工作簿由某镇安监办整理"
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def test_a_hand_made_workbook_imports(tmp_path: Path) -> None:
    path = tmp_path / "hand.xlsx"
    path.write_bytes(_hand_made())
    book = read_template_grids(open_book(path))
    assert [str(p) for p in book.problems] == []
    assert book.ignored == ["说明"]
    assert book.data == {
        "format_version": 2, "id": "town-check-2021", "version": "1.0", "kind": "专项检查",
        "title": "某镇工贸企业专项检查表", "standard": "GB/T 33000-2016", "applies_to": ["三级", "小微"],
        "industries": ["机械", "轻工"],
        "grade_thresholds": [{"grade": "一级", "min_score": 90, "min_element_share": 0.6},
                             {"grade": "二级", "min_score": 75}, {"grade": "三级", "min_score": 60},
                             {"grade": "小微", "min_score": 60}],
        "conclusion": {"relative_to": "grade_held", "awards_grade": False, "levels": [
            {"code": "维持", "counts_as": "维持"}, {"code": "限期整改", "label": "责令限期整改", "counts_as": "限期整改"},
            {"code": "建议摘牌", "counts_as": "建议摘牌"}], "rules": [
            {"when": "veto", "veto": "A", "then": "建议摘牌", "source": "某省文件第四条"},
            {"when": "score_below", "value": 60, "then": "建议摘牌", "source": "某省文件第二条"},
            {"when": "legal_deduction", "then": "限期整改", "source": "安全生产法"}]},
        "elements": [
            {"code": "A", "title": "目标职责", "items": [
                {"code": "A.1", "text": "安全生产目标明确", "evidence": "查阅目标文件", "points": 10, "deductions": [
                    {"code": "A.1-1", "text": "未制定目标的，扣5分", "points": 5, "max_times": 2},
                    {"code": "A.1-2", "text": "目标弄虚作假的，不得分", "points": 10, "veto": "A", "source": "某省文件第四条"}]},
                {"code": "A.2", "text": "机构健全", "evidence": "查阅机构文件", "points": 6, "veto": None,
                 "enterprise_fix": True}]},
            {"code": "B", "title": "现场管理", "items": [
                {"code": "B.1", "text": "设备设施完好", "evidence": "现场查看", "points": 20, "deductions": [
                    {"code": "B.1-1", "text": "设备带病运行的，每台扣2分", "points": 2, "max_times": 10}]}]},
        ],
    }
    template = parse_template(book.data, "hand.xlsx")
    assert template.total_points == 36 and template.item("A.1").rule("A.1-2").veto == "A"  # type: ignore[union-attr]


# --- any template a generator builds ----------------------------------------------------------------

_TRICKY = st.sampled_from(["=1+1", "'=x", "-3 扣分", "@甲", "'0512", "+86", "a\nb", "“回头看”", "x  y"])
_PLAIN = st.text(st.characters(categories=("L", "N", "P", "S", "Zs"), exclude_characters="\r\n、,，;；\u2028\u2029"),
                 min_size=1, max_size=10).map(str.strip).filter(bool)
TEXT = st.one_of(_PLAIN, _TRICKY)
INDUSTRIES = ["冶金", "有色", "建材", "机械", "轻工", "化工（含石化）"]


@st.composite
def optional(draw: st.DrawFn, entry: dict[str, Any], key: str, values: st.SearchStrategy[Any]) -> None:
    if draw(st.booleans()):
        entry[key] = draw(values)


@st.composite
def clause(draw: st.DrawFn, code: str, item_points: float, item_source: bool) -> dict[str, Any]:
    entry: dict[str, Any] = {"code": code, "text": draw(TEXT),
                             "points": draw(st.sampled_from([p for p in (0.5, 1, 2, 2.5, 5, 10, 20) if p <= item_points]))}
    draw(optional(entry, "max_times", st.integers(1, 9)))
    draw(optional(entry, "veto", st.sampled_from([None, "A", "B"])))
    draw(optional(entry, "enterprise_fix", st.just(False) if entry.get("veto") else st.booleans()))
    if entry.get("veto") and not item_source:
        entry["source"] = draw(TEXT)
    else:
        draw(optional(entry, "source", TEXT))
    return entry


@st.composite
def item(draw: st.DrawFn, code: str, industries: list[str] | None) -> dict[str, Any]:
    entry: dict[str, Any] = {"code": code}
    draw(optional(entry, "sub_element", TEXT))
    entry["text"] = draw(TEXT)
    draw(optional(entry, "evidence", TEXT))
    entry["points"] = draw(st.sampled_from([0.5, 1, 2, 2.5, 5, 6, 10, 20, 100]))
    for flag in ("require_note_on_fail", "require_photo_on_fail", "na_allowed", "major_hazard"):
        draw(optional(entry, flag, st.booleans()))
    draw(optional(entry, "veto", st.sampled_from([None, "A", "B"])))
    draw(optional(entry, "industries", st.lists(st.sampled_from(industries or INDUSTRIES), unique=True, max_size=3)))
    draw(optional(entry, "enterprise_fix", st.just(False) if entry.get("veto") else st.booleans()))
    if entry.get("veto"):
        entry["source"] = draw(TEXT)
    else:
        draw(optional(entry, "source", TEXT))
    if draw(st.booleans()):
        entry["deductions"] = [draw(clause(f"{code}-{n}", entry["points"], bool(entry.get("source"))))
                               for n in range(1, draw(st.integers(1, 3)) + 1)]
    return entry


@st.composite
def conclusion(draw: st.DrawFn) -> dict[str, Any]:
    block: dict[str, Any] = {}
    draw(optional(block, "relative_to", st.sampled_from(["grade_held", "none"])))
    draw(optional(block, "awards_grade", st.booleans()))
    draw(optional(block, "basis", TEXT))
    codes = draw(st.lists(st.sampled_from(["维持", "限期整改", "建议摘牌", "合格", "通报批评"]), min_size=1, max_size=4,
                          unique=True))
    block["levels"] = []
    for code in codes:
        level: dict[str, Any] = {"code": code}
        draw(optional(level, "label", TEXT))
        if code not in OUTCOMES:
            level["counts_as"] = draw(st.sampled_from(OUTCOMES))
        else:
            draw(optional(level, "counts_as", st.sampled_from(OUTCOMES)))
        block["levels"].append(level)
    whens = [w for w in WHEN if w != "below_grade_held" or block.get("relative_to", "grade_held") == "grade_held"]
    block["rules"] = []
    for _ in range(draw(st.integers(0, 4))):
        rule: dict[str, Any] = {"when": draw(st.sampled_from(whens))}
        if rule["when"] == "veto":
            rule["veto"] = draw(st.sampled_from(["A", "B"]))
        if rule["when"] == "score_below":
            rule["value"] = draw(st.sampled_from([60, 59.5, 85]))
        elif rule["when"] == "nonconform":
            draw(optional(rule, "value", st.integers(1, 5)))
        rule |= {"then": draw(st.sampled_from(codes)), "source": draw(TEXT)}
        block["rules"].append(rule)
    return block


@st.composite
def template_data(draw: st.DrawFn) -> dict[str, Any]:
    data: dict[str, Any] = {"format_version": 2, "id": draw(st.sampled_from(["t", "lookback-2021", "a-b-9"])),
                            "version": draw(st.sampled_from(["1.0", "2.0.0", "10.3.7"])), "kind": draw(TEXT),
                            "title": draw(TEXT), "standard": draw(TEXT)}
    draw(optional(data, "basis", TEXT))
    draw(optional(data, "description", TEXT))
    draw(optional(data, "applies_to", st.lists(st.sampled_from(GRADES), unique=True).map(
        lambda gs: [g for g in GRADES if g in gs])))
    draw(optional(data, "industries", st.lists(st.sampled_from(INDUSTRIES), unique=True, max_size=4)))
    draw(optional(data, "subject", st.sampled_from(["企业", "评审单位"])))
    grades = [g for g in GRADES if draw(st.booleans())] or ["三级"]
    scores = sorted(draw(st.lists(st.sampled_from([95, 90, 75, 60, 59.5]), min_size=len(grades), max_size=len(grades))),
                    reverse=True)
    data["grade_thresholds"] = []
    for grade, score in zip(grades, scores, strict=True):
        threshold: dict[str, Any] = {"grade": grade, "min_score": score}
        draw(optional(threshold, "min_element_share", st.sampled_from([0, 0.5, 0.6, 0.625, 1])))
        data["grade_thresholds"].append(threshold)
    data["conclusion"] = draw(conclusion())
    industries = data.get("industries") or None
    data["elements"] = []
    for e, code in enumerate(draw(st.lists(st.sampled_from(["A", "B", "5.1", "5.2", "E0"]), min_size=1, max_size=3,
                                           unique=True))):
        element: dict[str, Any] = {"code": code, "title": draw(TEXT)}
        draw(optional(element, "min_share", st.sampled_from([0, 0.5, 0.6, 1])))
        element["items"] = [draw(item(f"{code}.{e}{n}", industries)) for n in range(1, draw(st.integers(1, 3)) + 1)]
        data["elements"].append(element)
    parse_template(data, "generated.json")  # the generator builds valid templates only
    return data


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=template_data())
def test_any_generated_template_survives_export_and_import(data: dict[str, Any], tmp_path: Path) -> None:
    book = round_trip(data, tmp_path)
    assert [str(p) for p in book.problems] == []
    assert book.data == data
    assert parse_template(book.data, "workbook") == parse_template(data, "generated")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(case=templates_and_answers())
def test_scoring_templates_score_the_same_after_the_round_trip(case: tuple[Template, dict[str, Answer]],
                                                              tmp_path: Path) -> None:
    template, answers = case
    book = round_trip(template.raw, tmp_path)
    assert book.problems == [] and book.data == template.raw
    again = parse_template(book.data, "workbook")
    assert score_inspection(again, answers, "三级") == score_inspection(template, answers, "三级")


def test_no_header_names_two_columns() -> None:
    for fields in (L.INFO, L.ELEMENTS, L.ITEMS, L.GRADES, L.LEVELS, L.RULES, C.INFO, C.NOTICES, C.RULES, C.TEMPLATES,
                   C.AREAS, C.DUTIES):
        names = [normalise_header(n) for f in fields.fields for n in dict.fromkeys((*f.names, f.key))]
        assert len(names) == len(set(names)), [n for n in names if names.count(n) > 1]
