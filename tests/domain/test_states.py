"""Nothing is graded or concluded before the first answer (``domain.states``), and the one number format
(``domain.numbers.score_text``)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from test_scoring import CONCLUSION, make_template

from inspector_app.domain.numbers import score_text
from inspector_app.domain.scoring import NOT_ATTAINED, RECTIFY, Answer, FindingSummary, score_inspection
from inspector_app.domain.states import NOT_STARTED_REASON, NOT_STARTED_RULE
from inspector_app.domain.template import shipped_templates


def test_zero_answers_give_no_score_no_grade_and_no_conclusion() -> None:
    t = make_template(conclusion=CONCLUSION | {"awards_grade": True})
    r = score_inspection(t, {}, "二级")
    assert not r.started and r.conclusion is None
    assert r.score is None and r.score_float is None
    assert r.outcome == "" and r.conclusion_label == "" and r.grade == "" and r.grade_awarded is None
    assert r.grade_held == "二级"  # the grade the enterprise holds is a fact, not a conclusion
    assert [(x.rule, x.text) for x in r.conclusion_reasons] == [(NOT_STARTED_RULE, NOT_STARTED_REASON)]
    assert r.reasons == [NOT_STARTED_REASON]  # neither 维持 nor 不达标 nor "尚有 N 项未检查，结论为暂定"
    assert NOT_ATTAINED not in " ".join(r.reasons) and r.answered == 0 and r.total_items == len(t.items)
    assert [e.earned for e in r.elements] == [Decimal(0)] * len(t.elements)


def test_open_findings_before_any_answer_conclude_nothing() -> None:
    t = make_template()
    r = score_inspection(t, {}, "二级", FindingSummary(general_open=2, major_open=1, major_found=1))
    assert not r.started and r.outcome == "" and r.problems == []


def test_the_first_answer_grades_and_concludes() -> None:
    t = make_template(conclusion=CONCLUSION | {"awards_grade": True})
    r = score_inspection(t, {"A.2": Answer("符合")}, "二级")
    assert r.started and r.score == Decimal("100.0") and r.outcome == "维持" and r.grade_awarded == "一级"
    assert any("尚有" in note for note in r.notes)  # provisional, and says so
    partial = score_inspection(t, {"A.1": Answer("部分符合", (("A.1-1", 2),))}, "二级")
    assert partial.started and partial.score == Decimal("60.0") and partial.outcome == RECTIFY


def test_a_first_answer_of_not_applicable_is_an_answer() -> None:
    """不涉及 chosen by the inspector concludes (there is nothing to score, and the reason says so)."""
    t = make_template(items=[{"code": "A.1", "text": "一", "points": 10}])
    r = score_inspection(t, {"A.1": Answer("不涉及")}, "二级")
    assert r.started and r.score is None and r.outcome == "维持"
    assert r.conclusion_reasons[0].rule == "default"


def test_items_of_another_industry_answered_automatically_are_not_answers() -> None:
    """An inspection just assigned to a 机械 enterprise: the 危化 / 烟花爆竹 items are 不涉及 at once
    (``services.inspections.assign``), which is not the inspector's first answer."""
    lookback = next(t for t in shipped_templates() if t.id == "lookback-2020")
    other = [i for i in lookback.items if i.applies_to("机械") is False]
    assert other, "the look-back has items of other industries"
    automatic = {i.code: Answer("不涉及") for i in other}
    r = score_inspection(lookback, automatic, "三级", industry="机械")
    assert not r.started and r.answered == len(other) and r.outcome == "" and r.score is None
    first = next(i for i in lookback.items if i.applies_to("机械") is not False)
    r = score_inspection(lookback, automatic | {first.code: Answer("符合")}, "三级", industry="机械")
    assert r.started and r.score == Decimal("100.0") and r.outcome


def test_clearing_the_only_answer_is_not_yet_again() -> None:
    t = make_template()
    assert score_inspection(t, {"A.2": Answer("不符合", note="缺")}, "二级").started
    assert not score_inspection(t, {}, "二级").started


@pytest.mark.parametrize(("value", "text"), [
    (96, "96.0"), (96.0, "96.0"), (Decimal("96"), "96.0"), (Decimal("96.0"), "96.0"), (100, "100.0"),
    (55.94, "55.9"), (87.25, "87.3"), (0, "0.0"), ("91.5", "91.5"), (Decimal("-3.25"), "-3.3"),
])
def test_score_text_has_one_decimal(value: object, text: str) -> None:
    assert score_text(value) == text  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [None, "", "abc", float("nan"), float("inf"), True])
def test_score_text_of_no_score(value: object) -> None:
    assert score_text(value) == ""  # type: ignore[arg-type]
    assert score_text(value, "—") == "—"  # type: ignore[arg-type]


def test_a_status_asked_for_twice_says_it_is_already_so() -> None:
    """Accepting an accepted inspection: '检查已经是“已验收”状态', not 'cannot go from 已验收 to 已验收'."""
    from inspector_app.domain.errors import LifecycleError
    from inspector_app.domain.lifecycle import InspectionStatus, check_inspection_transition

    with pytest.raises(LifecycleError, match="检查已经是“已验收”状态"):
        check_inspection_transition(InspectionStatus.ACCEPTED, InspectionStatus.ACCEPTED)
