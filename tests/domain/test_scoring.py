from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inspector_app.domain.scoring import (
    DELIST,
    MAINTAIN,
    NOT_ATTAINED,
    RECTIFY,
    Answer,
    FindingSummary,
    round_half_up,
    score_inspection,
)
from inspector_app.domain.template import RESULTS, Template, parse_template, shipped_templates

RULES = [
    {"when": "veto", "veto": "A", "then": "建议摘牌", "source": "测试：A 类否决"},
    {"when": "major_overdue", "then": "建议摘牌", "source": "测试：重大隐患逾期"},
    {"when": "score_below", "value": 60, "then": "建议摘牌", "source": "测试：60 分"},
    {"when": "veto", "veto": "B", "then": "限期整改", "source": "测试：B 类否决"},
    {"when": "major_open", "then": "限期整改", "source": "测试：重大隐患"},
    {"when": "below_grade_held", "then": "限期整改", "source": "测试：证书等级"},
    {"when": "element_below_min_share", "then": "限期整改", "source": "测试：最低得分率"},
    {"when": "legal_deduction", "then": "限期整改", "source": "测试：依法整改"},
    {"when": "general_open", "then": "限期整改", "source": "测试：一般隐患"},
    {"when": "enterprise_deduction", "then": "维持", "source": "测试：企业自行整改"},
]
CONCLUSION = {"relative_to": "grade_held", "levels": [
    {"code": "维持", "label": "维持（符合证书等级要求）", "counts_as": "维持"},
    {"code": "限期整改", "counts_as": "限期整改"}, {"code": "建议摘牌", "counts_as": "建议摘牌"}], "rules": RULES}


def make_template(items: list[dict[str, Any]] | None = None, **extra: Any) -> Template:
    data: dict[str, Any] = {
        "format_version": 2, "id": "t", "version": "1.0", "kind": "测试", "title": "测试表",
        "standard": "GB/T 33000-2016", "applies_to": ["二级", "三级"],
        "grade_thresholds": [{"grade": "一级", "min_score": 90}, {"grade": "二级", "min_score": 75},
                             {"grade": "三级", "min_score": 60}, {"grade": "小微", "min_score": 60}],
        "conclusion": CONCLUSION,
        "elements": [
            {"code": "A", "title": "甲", "items": items or [
                {"code": "A.1", "text": "一", "points": 10,
                 "deductions": [{"code": "A.1-1", "text": "缺一项扣2分", "points": 2, "max_times": 10}]},
                {"code": "A.2", "text": "二", "points": 10},
            ]},
            {"code": "B", "title": "乙", "items": [
                {"code": "B.1", "text": "三", "points": 20, "veto": "B", "source": "测试"},
                {"code": "B.2", "text": "四", "points": 5},
            ]},
            {"code": "C", "title": "丙", "items": [{"code": "C.1", "text": "五", "points": 5, "veto": "A",
                                                    "source": "测试"}]},
        ],
    }
    data.update(extra)
    return parse_template(data, "test.json")


def all_conform(t: Template) -> dict[str, Answer]:
    return {i.code: Answer("符合") for i in t.items}


def test_full_marks_maintain_and_no_grade_awarded() -> None:
    """DOMAIN.md §4: a look-back concludes on the grade held and awards no grade."""
    t = make_template()
    r = score_inspection(t, all_conform(t), "二级")
    assert r.score == Decimal("100.0") and r.outcome == MAINTAIN and r.complete
    assert r.grade_awarded is None and r.grade == "" and r.grade_held == "二级" and r.attained == "一级"
    assert r.conclusion_label == "维持（符合证书等级要求）"


def test_a_template_that_awards_grades_awards_them() -> None:
    t = make_template(conclusion=CONCLUSION | {"awards_grade": True})
    assert score_inspection(t, all_conform(t), "二级").grade_awarded == "一级"


def test_deductions_never_below_zero_and_are_listed() -> None:
    t = make_template()
    answers = all_conform(t) | {"A.1": Answer("部分符合", (("A.1-1", 10),))}  # 20 > 10 points
    r = score_inspection(t, answers)
    assert r.earned == Decimal(40)  # 50 - 10, not 50 - 20
    assert [d.item_code for d in r.deductions] == ["A.1"]
    assert "超过分值" in r.deductions[0].reason


def test_the_reason_is_the_clause_or_the_note_never_the_result() -> None:
    t = make_template()
    r = score_inspection(t, all_conform(t) | {"A.2": Answer("不符合", note="无记录")})
    assert [d.reason for d in r.deductions] == ["无记录"]
    r = score_inspection(t, all_conform(t) | {"A.1": Answer("不符合", (("A.1-1", 1),))})
    assert [d.reason for d in r.deductions] == ["缺一项扣2分"]


def test_not_applicable_removed_from_both_totals() -> None:
    t = make_template()
    answers = all_conform(t) | {"B.2": Answer("不涉及"), "A.2": Answer("不符合", note="无记录")}
    r = score_inspection(t, answers)
    assert r.achievable == Decimal(45) and r.earned == Decimal(35)
    assert r.score == round_half_up(Decimal(35) / Decimal(45) * 100) == Decimal("77.8")


def test_rounding_half_up() -> None:
    assert round_half_up(Decimal("77.75")) == Decimal("77.8")
    assert round_half_up(Decimal("77.65")) == Decimal("77.7")
    assert round_half_up(Decimal("0.05")) == Decimal("0.1")


def test_veto_b_zeroes_element_veto_a_fails_whole() -> None:
    t = make_template()
    r = score_inspection(t, all_conform(t) | {"B.1": Answer("不符合", note="x")})
    element_b = next(e for e in r.elements if e.code == "B")
    assert element_b.earned == 0 and element_b.vetoed_by == "B.1"
    assert r.score == Decimal("50.0")  # 25 of 50: B.1 fails (20) and zeroes B.2 (5) with it
    assert r.outcome == DELIST and any("B.1" in reason for reason in r.reasons)
    r = score_inspection(t, all_conform(t) | {"C.1": Answer("不符合", note="x")})
    assert r.outcome == DELIST and r.attained == NOT_ATTAINED and "C.1" in r.reasons[0]
    assert [(v.item_code, v.clause_code, v.level) for v in r.vetoes] == [("C.1", "", "A")]


def test_min_share_makes_rectify() -> None:
    t = parse_template(make_template().raw | {"elements": [
        {"code": "A", "title": "甲", "min_share": 0.6, "items": [
            {"code": "A.1", "text": "一", "points": 10, "enterprise_fix": True},
            {"code": "A.2", "text": "二", "points": 10}]},
        {"code": "B", "title": "乙", "items": [{"code": "B.1", "text": "三", "points": 80}]}]}, "x.json")
    r = score_inspection(t, {"A.1": Answer("不符合", note="x"), "A.2": Answer("符合"), "B.1": Answer("符合")}, "三级")
    assert r.score == Decimal("90.0") and r.attained == NOT_ATTAINED and r.outcome == RECTIFY
    assert any("最低要求" in reason for reason in r.reasons)


def test_below_the_grade_held_and_delisting() -> None:
    t = make_template()
    answers = all_conform(t) | {"A.1": Answer("不符合", note="x"), "A.2": Answer("不符合", note="y")}
    r = score_inspection(t, answers, "二级")  # 30/50 = 60.0
    assert r.score == Decimal("60.0") and r.outcome == RECTIFY and r.grade == ""
    assert any("证书等级“二级”" in reason for reason in r.reasons)
    answers["B.2"] = Answer("不符合", note="z")  # 25/50 = 50 → below 60
    r = score_inspection(t, answers, "三级")
    assert r.outcome == DELIST and r.attained == NOT_ATTAINED


def test_findings_drive_outcome() -> None:
    t = make_template()
    assert score_inspection(t, all_conform(t), findings=FindingSummary(general_open=1)).outcome == RECTIFY
    assert score_inspection(t, all_conform(t), findings=FindingSummary(major_open=1, major_overdue=1)
                            ).outcome == DELIST


def test_unanswered_items_make_result_provisional() -> None:
    t = make_template()
    r = score_inspection(t, {"A.1": Answer("符合")})
    assert not r.complete and r.answered == 1 and any("暂定" in x for x in r.reasons)
    assert score_inspection(t, {}).score is None


def test_every_reason_names_its_source() -> None:
    t = make_template()
    answers = all_conform(t) | {"A.1": Answer("部分符合", (("A.1-1", 1),)), "C.1": Answer("不符合", note="x")}
    r = score_inspection(t, answers, "三级", FindingSummary(general_open=1, major_open=1, major_found=1))
    assert r.conclusion_reasons and all(reason.source for reason in r.conclusion_reasons)


def test_a_format_1_template_still_concludes_as_before() -> None:
    """Templates stored in workspaces before format 2 keep their conclusions (``legacy_spec``)."""
    raw = make_template().raw
    legacy = {k: v for k, v in raw.items() if k != "conclusion"} | {
        "format_version": 1, "outcome": {"delist_below": 60, "labels": {"建议摘牌": "建议暂停评审活动"}}}
    t = parse_template(legacy, "old.json")
    assert score_inspection(t, all_conform(t) | {"C.1": Answer("不符合", note="x")}).outcome == "建议暂停评审活动"
    assert score_inspection(t, all_conform(t), "三级").outcome == MAINTAIN
    partial = all_conform(t) | {"A.1": Answer("部分符合", (("A.1-1", 1),))}
    assert score_inspection(t, partial, "三级").outcome == RECTIFY  # format 1 knew no enterprise-own items


# --- properties -------------------------------------------------------------------------------

@st.composite
def templates_and_answers(draw: st.DrawFn) -> tuple[Template, dict[str, Answer]]:
    n_el = draw(st.integers(1, 4))
    elements = []
    for e in range(n_el):
        items = []
        for i in range(draw(st.integers(1, 5))):
            pts = draw(st.sampled_from([1, 2, 2.5, 5, 10, 20]))
            rule_pts = draw(st.sampled_from([0.5, 1, pts]))
            veto = draw(st.sampled_from([None, None, None, "A", "B"]))
            clause = {"code": f"E{e}.{i}-1", "text": "d", "points": min(rule_pts, pts), "max_times": 5}
            if veto:
                clause |= {"veto": veto, "source": "测试"}
            items.append({"code": f"E{e}.{i}", "text": "x", "points": pts, "deductions": [clause],
                          "enterprise_fix": draw(st.booleans())})
        elements.append({"code": f"E{e}", "title": f"类{e}", "items": items})
    t = make_template().raw | {"elements": elements}
    template = parse_template(t, "gen.json")
    answers = {}
    for item in template.items:
        result = draw(st.sampled_from((*RESULTS, None)))
        if result is None:
            continue
        times = draw(st.integers(1, 5))
        answers[item.code] = Answer(result, ((item.deductions[0].code, times),),
                                    draw(st.sampled_from([0.0, 0.5, 3.0])))
    return template, answers


@settings(max_examples=200, deadline=None)
@given(templates_and_answers())
def test_score_within_0_100(case: tuple[Template, dict[str, Answer]]) -> None:
    template, answers = case
    r = score_inspection(template, answers)
    assert r.score is None or Decimal(0) <= r.score <= Decimal(100)
    assert 0 <= r.earned <= r.achievable


@settings(max_examples=200, deadline=None)
@given(templates_and_answers(), st.integers(1, 5))
def test_not_applicable_items_do_not_change_score(case: tuple[Template, dict[str, Answer]], extra: int) -> None:
    template, answers = case
    before = score_inspection(template, answers).score
    raw = template.raw | {"elements": [*template.raw["elements"], {
        "code": "NA", "title": "不涉及类", "items": [
            {"code": f"NA.{i}", "text": "n", "points": 7} for i in range(extra)]}]}
    bigger = parse_template(raw, "bigger.json")
    more = answers | {f"NA.{i}": Answer("不涉及") for i in range(extra)}
    assert score_inspection(bigger, more).score == before


@settings(max_examples=200, deadline=None)
@given(templates_and_answers(), st.data())
def test_larger_deduction_never_raises_score(case: tuple[Template, dict[str, Answer]], data: st.DataObject) -> None:
    template, answers = case
    partial = [c for c, a in answers.items() if a.result == "部分符合"]
    if not partial:
        return
    code = data.draw(st.sampled_from(partial))
    before = score_inspection(template, answers).score
    a = answers[code]
    worse = answers | {code: Answer(a.result, a.deductions, a.extra_deduction + data.draw(
        st.sampled_from([0.5, 1.0, 100.0])))}
    after = score_inspection(template, worse).score
    assert before is not None and after is not None and after <= before


@pytest.mark.parametrize("template", shipped_templates(), ids=lambda t: t.id)
def test_every_shipped_template_scores_full_answers(template: Template) -> None:
    assert len(template.items) >= 10
    r = score_inspection(template, all_conform(template), "三级")
    assert r.score == Decimal("100.0") and r.complete
    assert r.outcome == template.outcome_labels.get(MAINTAIN, MAINTAIN)
    mixed = {}
    for n, item in enumerate(template.items):
        if n % 3 == 1 and item.deductions:
            mixed[item.code] = Answer("部分符合", ((item.deductions[0].code, 1),))
        elif n % 7 == 2 and not item.veto:
            mixed[item.code] = Answer("不符合", note="缺失")
        elif n % 11 == 5 and item.na_allowed:
            mixed[item.code] = Answer("不涉及")
        else:
            mixed[item.code] = Answer("符合")
    r = score_inspection(template, mixed, "三级")
    assert r.complete and r.score is not None and 0 < r.score < 100 and r.deductions


@settings(max_examples=200, deadline=None)
@given(templates_and_answers(), st.sampled_from(["二级", "三级", None]))
def test_a_veto_clause_always_produces_its_veto(case: tuple[Template, dict[str, Answer]],
                                                 grade: str | None) -> None:
    """Issue 11, item 2 / DOMAIN.md §4: a veto belongs to the clause, whatever result was pressed."""
    template, answers = case
    r = score_inspection(template, answers, grade)
    fired = {(v.item_code, v.clause_code, v.level) for v in r.vetoes}
    for item in template.items:
        answer = answers.get(item.code)
        rule = item.deductions[0]
        if answer is None or not rule.veto:
            continue
        assert (item.code, rule.code, rule.veto) in fired
        assert r.outcome == DELIST if rule.veto == "A" else r.outcome in (RECTIFY, DELIST)
        if rule.veto == "B":
            assert next(e for e in r.elements if e.code == item.element_code).earned == 0
        assert all(d.enterprise_fix is False for d in r.deductions if d.item_code == item.code)

