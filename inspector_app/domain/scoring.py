"""The scoring engine: answers + template → score, grade and an outcome recommendation with reasons.

Pure Python. Rules (DOMAIN.md §4): deductions never take an item below zero; 不涉及 is removed from
both totals; the score is earned ÷ achievable × 100, rounded half-up to one decimal; vetoes and
minimum element shares are template data; grade thresholds come from the template.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from inspector_app.domain.template import (
    CONFORM,
    NONCONFORM,
    NOT_APPLICABLE,
    PARTIAL,
    GradeThreshold,
    Item,
    Template,
)

MAINTAIN, RECTIFY, DELIST = "维持", "限期整改", "建议摘牌"
OUTCOMES = (MAINTAIN, RECTIFY, DELIST)
NOT_ATTAINED = "不达标"
GRADE_RANK = {"一级": 3, "二级": 2, "三级": 1, "小微": 1}
_ONE_DECIMAL = Decimal("0.1")


@dataclass(frozen=True)
class Answer:
    """One item's answer. ``deductions`` holds (rule code, times) pairs from the template's rules."""

    result: str
    deductions: tuple[tuple[str, int], ...] = ()
    extra_deduction: float = 0.0
    extra_reason: str = ""
    note: str = ""


@dataclass(frozen=True)
class FindingSummary:
    general_open: int = 0
    major_open: int = 0
    major_overdue: int = 0


@dataclass(frozen=True)
class DeductionLine:
    item_code: str
    item_text: str
    points: Decimal
    reason: str


@dataclass(frozen=True)
class ElementScore:
    code: str
    title: str
    earned: Decimal
    achievable: Decimal
    vetoed_by: str | None = None

    @property
    def share(self) -> Decimal | None:
        return None if self.achievable == 0 else self.earned / self.achievable


@dataclass
class ScoreResult:
    earned: Decimal
    achievable: Decimal
    score: Decimal | None
    grade: str
    outcome: str
    reasons: list[str] = field(default_factory=list)
    elements: list[ElementScore] = field(default_factory=list)
    deductions: list[DeductionLine] = field(default_factory=list)
    answered: int = 0
    total_items: int = 0
    vetoes: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return self.answered == self.total_items

    @property
    def score_float(self) -> float | None:
        return None if self.score is None else float(self.score)


def round_half_up(value: Decimal) -> Decimal:
    return value.quantize(_ONE_DECIMAL, rounding=ROUND_HALF_UP)


def _d(value: float) -> Decimal:
    return Decimal(str(value))


def item_deduction(item: Item, answer: Answer) -> tuple[Decimal, list[str]]:
    """The raw deduction the answer asks for (before clamping) and its reasons."""
    total = Decimal(0)
    reasons: list[str] = []
    for code, times in answer.deductions:
        rule = item.rule(code)
        if rule is None or times <= 0:
            continue
        times = min(times, rule.max_times)
        total += _d(rule.points) * times
        reasons.append(rule.text if times == 1 else f"{rule.text}（×{times}）")
    if answer.extra_deduction > 0:
        total += _d(answer.extra_deduction)
        reasons.append(answer.extra_reason or "其他扣分")
    return total, reasons


def item_earned(item: Item, answer: Answer) -> tuple[Decimal, DeductionLine | None]:
    points = _d(item.points)
    if answer.result == CONFORM:
        return points, None
    wanted, reasons = item_deduction(item, answer)
    if answer.result == NONCONFORM:
        why = "；".join(reasons) or answer.note or "不符合"
        return Decimal(0), DeductionLine(item.code, item.text, points, f"不符合：{why}")
    lost = min(points, wanted)  # never below zero
    if lost == 0:
        return points, None
    why = "；".join(reasons)
    if wanted > points:
        why += f"（累计扣分 {wanted:g} 超过分值，按 {points:g} 分计）"
    return points - lost, DeductionLine(item.code, item.text, lost, why)


def _grade(template: Template, score: Decimal, elements: list[ElementScore],
           certified_grade: str | None) -> str:
    small = certified_grade == "小微"
    candidates: list[GradeThreshold] = [t for t in template.grade_thresholds if (t.grade == "小微") == small]
    for threshold in candidates:
        if score < _d(threshold.min_score):
            continue
        if threshold.min_element_share is not None and any(
            e.share is not None and e.share < _d(threshold.min_element_share) for e in elements
        ):
            continue
        return threshold.grade
    return NOT_ATTAINED


def score_inspection(
    template: Template,
    answers: Mapping[str, Answer],
    certified_grade: str | None = None,
    findings: FindingSummary | None = None,
) -> ScoreResult:
    """Score a (possibly unfinished) checklist. Unanswered items count in neither total; the
    result says how many are answered so that a provisional score is never mistaken for a final one."""
    findings = findings or FindingSummary()
    deductions: list[DeductionLine] = []
    elements: list[ElementScore] = []
    reasons_delist: list[str] = []
    reasons_rectify: list[str] = []
    vetoes: list[str] = []
    answered = nonconform = partial = 0
    for element in template.elements:
        earned = achievable = Decimal(0)
        vetoed_by: str | None = None
        for item in element.items:
            answer = answers.get(item.code)
            if answer is None or answer.result not in (CONFORM, PARTIAL, NONCONFORM, NOT_APPLICABLE):
                continue
            answered += 1
            if answer.result == NOT_APPLICABLE:
                continue
            achievable += _d(item.points)
            got, line = item_earned(item, answer)
            earned += got
            if line is not None:
                deductions.append(line)
            nonconform += answer.result == NONCONFORM
            partial += answer.result == PARTIAL
            if item.veto and answer.result == NONCONFORM:
                vetoes.append(item.code)
                if item.veto == "A":
                    reasons_delist.append(f"否决项 {item.code}（{item.text}）不符合，整体不通过")
                else:
                    vetoed_by = vetoed_by or item.code
                    reasons_rectify.append(f"否决项 {item.code} 不符合，类目“{element.title}”计 0 分")
        if vetoed_by is not None and earned > 0:
            deductions.append(DeductionLine(vetoed_by, element.title, earned,
                                            f"否决项 {vetoed_by} 不符合，类目“{element.title}”得分清零"))
            earned = Decimal(0)
        score_el = ElementScore(element.code, element.title, earned, achievable, vetoed_by)
        elements.append(score_el)
        share = score_el.share
        if element.min_share is not None and share is not None and share < _d(element.min_share):
            reasons_rectify.append(
                f"类目“{element.title}”得分率 {round_half_up(share * 100):g}% 低于最低要求 "
                f"{round_half_up(_d(element.min_share) * 100):g}%，不能评定等级")

    earned_total = sum((e.earned for e in elements), Decimal(0))
    achievable_total = sum((e.achievable for e in elements), Decimal(0))
    score = None if achievable_total == 0 else round_half_up(earned_total / achievable_total * 100)

    blocked = any(
        el.min_share is not None and es.share is not None and es.share < _d(el.min_share)
        for el, es in zip(template.elements, elements, strict=True)
    )
    if score is None or blocked or any(template.item(v).veto == "A" for v in vetoes):
        grade = NOT_ATTAINED
    else:
        grade = _grade(template, score, elements, certified_grade)

    if score is not None and score < _d(template.delist_below):
        reasons_delist.append(f"得分 {score} 低于 {template.delist_below:g} 分")
    if findings.major_overdue:
        reasons_delist.append(f"重大事故隐患逾期未整改 {findings.major_overdue} 项")
    below_certificate = certified_grade in GRADE_RANK and (
        grade == NOT_ATTAINED or GRADE_RANK.get(grade, 0) < GRADE_RANK[str(certified_grade)])
    if below_certificate and score is not None and not reasons_delist:
        reasons_rectify.append(f"得分 {score} 未达到证书等级“{certified_grade}”的标准")
    if findings.major_open:
        reasons_rectify.append(f"存在重大事故隐患 {findings.major_open} 项，需停产停业整改")
    if nonconform or partial:
        reasons_rectify.append(f"{nonconform} 项不符合、{partial} 项部分符合，需限期整改")
    if findings.general_open:
        reasons_rectify.append(f"一般事故隐患 {findings.general_open} 项待整改")

    if reasons_delist:
        outcome, reasons = DELIST, reasons_delist + reasons_rectify
    elif reasons_rectify:
        outcome, reasons = RECTIFY, reasons_rectify
    else:
        outcome = MAINTAIN
        reasons = ["全部检查项符合要求" if score is not None else "尚无可计分的检查项"]
        if score is not None and grade != NOT_ATTAINED:
            reasons.append(f"得分 {score}，达到“{grade}”标准")
    total_items = len(template.items)
    if answered < total_items:
        reasons.append(f"尚有 {total_items - answered} 项未检查，结果为暂定")
    outcome = template.outcome_labels.get(outcome, outcome)
    return ScoreResult(earned_total, achievable_total, score, grade, outcome, reasons, elements,
                       deductions, answered, total_items, vetoes)
