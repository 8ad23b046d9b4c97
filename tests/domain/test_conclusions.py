"""The conclusions of the shipped templates, one row per case (issue 11, "What it must show").

Every row starts from an all-符合 checklist of a shipped template, changes a few answers or findings
and states the conclusion it must reach; its ``cites`` field names the clause of the notice, the law
or DOMAIN.md the row implements. No row may award a grade (DOMAIN.md §4).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import pytest

from inspector_app.domain.scoring import Answer, FindingSummary, ScoreResult, score_inspection
from inspector_app.domain.template import Template, shipped_templates

TEMPLATES = {t.id: t for t in shipped_templates()}
NO_FINDINGS = FindingSummary()
OPEN_MAJOR = FindingSummary(major_open=1, major_found=1)
OVERDUE_MAJOR = FindingSummary(major_open=1, major_overdue=1, major_found=1)


def partial(*clauses: str, note: str = "现场核实") -> Answer:
    return Answer("部分符合", tuple((c, 1) for c in clauses), note=note)


def failed(*clauses: str, note: str = "现场核实") -> Answer:
    return Answer("不符合", tuple((c, 1) for c in clauses), note=note)


@dataclass(frozen=True)
class Case:
    id: str
    template: str
    cites: str
    expect: str
    changes: dict[str, Answer | None] = field(default_factory=dict)
    findings: FindingSummary = NO_FINDINGS
    grade: str | None = "三级"
    industry: str | None = "机械"
    problems: tuple[str, ...] = ()  # item codes the result must list as problems (completion refuses)


CASES = [
    # --- 回头看 (lookback-2020) -------------------------------------------------------------------
    Case("lookback all conform", "lookback-2020", "苏应急电〔2020〕3号 第二条; DOMAIN.md §4", "维持"),
    Case("lookback 伪造材料 A.5-1 under 部分符合", "lookback-2020",
         "DOMAIN.md §4 (a veto belongs to the clause, whatever button); §5 (49号: false materials)", "建议摘牌",
         {"A.5": partial("A.5-1")}),
    Case("lookback A.5 不符合 with no clause", "lookback-2020", "DOMAIN.md §4 (the item's own veto)", "建议摘牌",
         {"A.5": failed()}),
    Case("lookback D.4-1 瞒报 under 部分符合", "lookback-2020", "DOMAIN.md §5 (49号: 瞒报、谎报 → 撤销)",
         "建议摘牌", {"D.4": partial("D.4-1")}),
    Case("lookback D.4-4 death since certification", "lookback-2020",
         "苏应急电〔2020〕3号 第四条; DOMAIN.md §5 (death; 83号)", "建议摘牌", {"D.4": partial("D.4-4")}),
    Case("lookback no annual self-assessment E.1-1", "lookback-2020",
         "苏应急电〔2020〕3号 第二条 (年度自评); DOMAIN.md §5", "限期整改", {"E.1": partial("E.1-1")}),
    Case("lookback E.1 不涉及 refused", "lookback-2020", "DOMAIN.md §4 (the self-assessment is never 不涉及)",
         "维持", {"E.1": Answer("不涉及")}, problems=("E.1",)),
    Case("lookback A.5 不涉及 refused", "lookback-2020", "DOMAIN.md §4 (truthfulness is never 不涉及)",
         "维持", {"A.5": Answer("不涉及")}, problems=("A.5",)),
    Case("lookback C.5 不涉及 refused", "lookback-2020", "DOMAIN.md §4 (hazard investigation is never 不涉及)",
         "维持", {"C.5": Answer("不涉及")}, problems=("C.5",)),
    Case("lookback open 重大隐患", "lookback-2020", "安全生产法（2014）第六十二条第一款第（三）项; DOMAIN.md §7",
         "限期整改", {"C.8": failed("C.8-1")}, OPEN_MAJOR),
    Case("lookback overdue 重大隐患", "lookback-2020", "DOMAIN.md §5 (49号: 重大隐患 not rectified in time)",
         "建议摘牌", {"C.8": failed("C.8-1")}, OVERDUE_MAJOR),
    Case("lookback C.8 failed without a 重大 finding", "lookback-2020", "DOMAIN.md §7; issue 11 item 2",
         "限期整改", {"C.8": failed("C.8-1")}, problems=("C.8",)),
    Case("lookback C.8 passed with a 重大 finding open", "lookback-2020", "DOMAIN.md §7; issue 11 item 2",
         "限期整改", {}, OPEN_MAJOR, problems=("C.8",)),
    Case("lookback enterprise-only deductions", "lookback-2020",
         "issue 11 item 4 (企业自行整改项); GB/T 33000-2016 5.8", "维持",
         {"A.1": partial("A.1-2"), "B.1": partial("B.1-2"), "E.3": partial("E.3-1")}),
    Case("lookback a legal deduction", "lookback-2020", "安全生产法（2014）第二十七条, 第六十二条第一款第（二）项",
         "限期整改", {"B.4": partial("B.4-2")}),
    Case("lookback an open 一般隐患", "lookback-2020", "安全生产法（2014）第六十二条第一款第（三）项", "限期整改",
         {}, FindingSummary(general_open=1)),
    Case("lookback 二级 below its threshold", "lookback-2020", "grade_thresholds (DOMAIN.md §4: 二级 ≥ 75)",
         "限期整改", {c: Answer("不符合", note="x") for c in ("A.1", "A.2", "A.4", "B.1", "B.5", "C.1", "C.2",
                                                            "D.1", "D.2")}, grade="二级"),
    Case("lookback 危化 enterprise: C.8 (工贸) not applicable, C.9 (121号) applies", "lookback-2020",
         "DOMAIN.md §7 (121号 for 危化/化工); §10", "维持", {"C.8": None, "C.10": None}, industry="危险化学品"),
    Case("lookback 轻工 enterprise: the safety-cost item not applicable", "lookback-2020",
         "财企〔2012〕16号 第二条; DOMAIN.md §10", "维持", {"A.6": None, "C.9": None, "C.10": None},
         industry="轻工"),
    # --- 运行质量审计 (operation-audit-2020) -----------------------------------------------------------
    Case("audit all conform", "operation-audit-2020", "苏应急电〔2020〕3号 第四条", "维持"),
    Case("audit no annual self-assessment 5.8.1.1-1", "operation-audit-2020",
         "GB/T 33000-2016 5.8.1; DOMAIN.md §5", "限期整改", {"5.8.1.1": partial("5.8.1.1-1")}),
    Case("audit 5.8.1.1 不涉及 refused", "operation-audit-2020", "DOMAIN.md §4", "维持",
         {"5.8.1.1": Answer("不涉及")}, problems=("5.8.1.1",)),
    Case("audit 5.5.3.3 failed with the 重大隐患 open", "operation-audit-2020", "DOMAIN.md §7; 安全生产法第六十二条",
         "限期整改", {"5.5.3.3": failed("5.5.3.3-1")}, OPEN_MAJOR),
    Case("audit 5.5.3.3 failed, 重大隐患 overdue", "operation-audit-2020", "DOMAIN.md §5", "建议摘牌",
         {"5.5.3.3": failed("5.5.3.3-1")}, OVERDUE_MAJOR),
    Case("audit 瞒报 5.7.1.2-1 under 部分符合", "operation-audit-2020", "DOMAIN.md §4, §5", "建议摘牌",
         {"5.7.1.2": partial("5.7.1.2-1")}),
    Case("audit enterprise-only deductions", "operation-audit-2020", "issue 11 item 4", "维持",
         {"5.1.5.1": partial("5.1.5.1-1"), "5.2.4.1": partial("5.2.4.1-3")}),
    # --- 评审质量自查自纠 (review-quality-2020) --------------------------------------------------------
    Case("review all conform", "review-quality-2020", "苏应急电〔2020〕3号 第三条", "合格", grade=None,
         industry=None),
    Case("review small self-corrected problems", "review-quality-2020", "苏应急电〔2020〕3号 第三条 (自查自纠)",
         "合格", {"1.1": partial("1.1-2")}, grade=None, industry=None),
    Case("review many problems", "review-quality-2020", "苏应急电〔2020〕3号 第四条 (存在问题多: 通报批评)",
         "建议通报批评", {c: failed(note="x") for c in ("1.4", "4.3", "5.3")}, grade=None, industry=None),
    Case("review recommends a consultancy 6.2-1", "review-quality-2020", "苏应急电〔2020〕3号 第四条 (暂停评审活动)",
         "建议暂停评审活动", {"6.2": partial("6.2-1")}, grade=None, industry=None),
    Case("review poor quality overall", "review-quality-2020", "苏应急电〔2020〕3号 第四条 (评审质量差)",
         "建议暂停评审活动", {c: failed(note="x") for c in ("1.1", "1.2", "1.3", "2.1", "2.2", "3.1", "3.2",
                                                           "4.1", "4.2", "5.1", "5.2")},
         grade=None, industry=None),
    Case("review reviewer consulted the same enterprise 7.1-1", "review-quality-2020",
         "苏应急电〔2020〕3号 第四条 (问题特别严重: 取消评审资格)", "建议取消评审资格", {"7.1": partial("7.1-1")},
         grade=None, industry=None),
]


def _score(case: Case) -> tuple[Template, ScoreResult]:
    template = TEMPLATES[case.template]
    answers: dict[str, Answer] = {i.code: Answer("符合") for i in template.items
                                  if i.applies_to(case.industry) is not False}
    for code, answer in case.changes.items():
        if answer is None:
            answers.pop(code, None)
        else:
            answers[code] = answer
    return template, score_inspection(template, answers, case.grade, case.findings, case.industry)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_conclusion(case: Case) -> None:
    template, result = _score(case)
    assert result.outcome == case.expect, (case.cites, result.reasons)
    assert result.grade_awarded is None and result.grade == ""
    assert result.grade_held == (case.grade if template.conclusion.relative_to == "grade_held" else None)
    assert sorted(p.item_code for p in result.problems) == sorted(case.problems), result.problems
    assert result.complete == (not any(p.kind == "na" for p in result.problems))
    assert all(reason.source for reason in result.conclusion_reasons), result.conclusion_reasons
    failing = any(a is not None and a.result in ("部分符合", "不符合") for a in case.changes.values())
    assert (result.score is not None and result.score < Decimal(100)) == failing, result.score


def test_review_quality_reaches_each_of_its_four_conclusions() -> None:
    reached = {_score(c)[1].outcome for c in CASES if c.template == "review-quality-2020"}
    assert reached == {"合格", "建议通报批评", "建议暂停评审活动", "建议取消评审资格"}


def test_an_enterprise_only_deduction_is_flagged_for_the_order() -> None:
    """The rectification order takes ``legal_deductions`` only (issue 11, item 4)."""
    case = next(c for c in CASES if c.id == "lookback enterprise-only deductions")
    _template, result = _score(case)
    assert result.deductions and all(d.enterprise_fix for d in result.deductions)
    assert result.legal_deductions == []
    _template, legal = _score(next(c for c in CASES if c.id == "lookback a legal deduction"))
    assert [d.item_code for d in legal.legal_deductions] == ["B.4"]
