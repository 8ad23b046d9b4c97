"""The scoring engine: answers + template → score, vetoes and a conclusion with its reasons.

Pure Python. The rules, each with its source:

- Score (DOMAIN.md §4): deductions never take an item below zero; 不涉及 is removed from both the earned
  and the achievable total; score = earned ÷ achievable × 100, rounded half-up to one decimal.
- Vetoes (DOMAIN.md §4; issue 11, item 2): a veto belongs to the deduction clause as well as to the item.
  A chosen veto clause fires whatever result was pressed, and the item then earns nothing; an item-level
  veto fires when the item is 不符合. An A veto fails the whole check, a B veto zeroes its element (this
  product's convention, template data).
- 不涉及 (DOMAIN.md §4): an item with ``na_allowed`` false cannot be 不涉及 where it applies; such an
  answer counts as not answered and is listed as a problem. An item naming industries that do not
  include the enterprise's is 不涉及 whatever was answered (DOMAIN.md §10, ``domain.fit``).
- 重大事故隐患 items (``major_hazard``; DOMAIN.md §7; issue 11, item 2): failing one needs a 重大 finding,
  passing one is wrong while a 重大 finding is open; both are listed as problems (completion refuses).
- No grade is awarded unless the template's conclusion says so (``awards_grade``; DOMAIN.md §4: a
  look-back never awards a grade). The conclusion: ``domain.conclusions``.
- Before the first answer to an item that applies (``domain.states``): no score, no grade, no conclusion –
  "not yet" (``ScoreResult.started`` false, ``conclusion`` None), whatever findings are recorded.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from inspector_app.domain.conclusions import (
    DELIST,
    MAINTAIN,
    OUTCOMES,
    RECTIFY,
    Facts,
    Level,
    Reason,
    Veto,
    conclude,
)
from inspector_app.domain.states import NOT_STARTED_RULE, not_started_reason
from inspector_app.domain.template import (
    CONFORM,
    NONCONFORM,
    NOT_APPLICABLE,
    PARTIAL,
    RESULTS,
    DeductionRule,
    Element,
    GradeThreshold,
    Item,
    Template,
)
from inspector_app.translation import N_, _, ngettext

__all__ = ["DELIST", "MAINTAIN", "NOT_ATTAINED", "OUTCOMES", "RECTIFY", "Answer", "DeductionLine",
           "ElementScore", "FindingSummary", "Problem", "Reason", "ScoreResult", "Veto", "item_deduction",
           "item_earned", "item_vetoes", "round_half_up", "score_inspection"]

NOT_ATTAINED = N_("不达标")
GRADE_RANK = {"一级": 3, "二级": 2, "三级": 1, "小微": 1}
_ONE_DECIMAL = Decimal("0.1")
_NO_REASON = N_("未选择扣分条款，未填写说明")


@dataclass(frozen=True)
class Answer:
    """One item's answer. ``deductions`` holds (rule code, times) pairs from the template's rules."""

    result: str
    deductions: tuple[tuple[str, int], ...] = ()
    extra_deduction: float = 0.0
    extra_reason: str = ""
    note: str = ""


def stored_answer(result: str, deductions: str | None, extra_deduction: float, extra_reason: str,
                  note: str) -> Answer:
    """An answer as the workspace stores it (``answers`` row: ``deductions`` as JSON ``[[rule code,
    times], …]``)."""
    pairs = tuple((str(code), int(times)) for code, times in json.loads(deductions or "[]"))
    return Answer(result, pairs, extra_deduction, extra_reason, note)


@dataclass(frozen=True)
class FindingSummary:
    general_open: int = 0
    major_open: int = 0
    major_overdue: int = 0
    major_found: int = 0  # 重大 findings recorded on the inspection, whatever their status

    @property
    def any_major(self) -> bool:
        return bool(self.major_found or self.major_open)


@dataclass(frozen=True)
class DeductionLine:
    """A deduction with its reason (the chosen clauses or the note, never the result repeated).
    ``enterprise_fix``: every clause of it is the enterprise's own to fix (企业自行整改项): it lowers
    the score but needs no rectification order; ``veto``: the level of a veto it fired."""

    item_code: str
    item_text: str
    points: Decimal
    reason: str
    clauses: tuple[str, ...] = ()
    enterprise_fix: bool = False
    veto: str | None = None


@dataclass(frozen=True)
class Problem:
    """An answer that cannot stand as it is (completion refuses it): ``kind`` "na" or "major"."""

    item_code: str
    kind: str
    message: str


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
    conclusion: Level | None  # None: not yet answered (``started``), nothing concluded
    conclusion_reasons: list[Reason] = field(default_factory=list)
    grade_held: str | None = None
    grade_awarded: str | None = None  # None unless the template awards grades (a look-back never does)
    attained: str = NOT_ATTAINED  # the highest threshold reached: internal, never shown as a grade
    elements: list[ElementScore] = field(default_factory=list)
    deductions: list[DeductionLine] = field(default_factory=list)
    answered: int = 0
    total_items: int = 0
    vetoes: list[Veto] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return self.answered == self.total_items

    @property
    def started(self) -> bool:
        """An item that applies has been answered: only then is there a score and a conclusion."""
        return self.conclusion is not None

    @property
    def score_float(self) -> float | None:
        return None if self.score is None else float(self.score)

    @property
    def outcome(self) -> str:
        """The conclusion's code: what the cached ``outcome`` column and the lists hold ("" before the
        first answer)."""
        return "" if self.conclusion is None else self.conclusion.code

    @property
    def conclusion_label(self) -> str:
        return "" if self.conclusion is None else self.conclusion.label

    @property
    def grade(self) -> str:
        """The grade awarded, or "" (what the cached ``grade`` column holds)."""
        return self.grade_awarded or ""

    @property
    def reasons(self) -> list[str]:
        return ([str(r) for r in self.conclusion_reasons] + [_("须更正：{message}").format(message=p.message) for p in self.problems]
                + self.notes)

    @property
    def legal_deductions(self) -> list[DeductionLine]:
        """Deductions to be rectified under the law (they may go into a rectification order)."""
        return [d for d in self.deductions if not d.enterprise_fix]


def round_half_up(value: Decimal) -> Decimal:
    return value.quantize(_ONE_DECIMAL, rounding=ROUND_HALF_UP)


def _d(value: float) -> Decimal:
    return Decimal(str(value))


def _chosen(item: Item, answer: Answer) -> list[tuple[DeductionRule, int]]:
    chosen = []
    for code, times in answer.deductions:
        rule = item.rule(code)
        if rule is not None and times > 0:
            chosen.append((rule, min(times, rule.max_times)))
    return chosen


def item_vetoes(item: Item, answer: Answer) -> list[Veto]:
    """The vetoes an answer fires: each chosen veto clause, whatever the result; the item's own veto
    when it is 不符合 (unless a clause of the same level already fired)."""
    fired = [Veto(item.code, rule.code, str(rule.veto), rule.text, rule.source or item.source)
             for rule, _times in _chosen(item, answer) if rule.veto]
    if item.veto and answer.result == NONCONFORM and not any(v.level == item.veto for v in fired):
        fired.append(Veto(item.code, "", item.veto, item.text, item.source))
    return fired


def item_deduction(item: Item, answer: Answer) -> tuple[Decimal, list[str]]:
    """The raw deduction the answer asks for (before clamping) and its reasons."""
    total = Decimal(0)
    reasons: list[str] = []
    for rule, times in _chosen(item, answer):
        total += _d(rule.points) * times
        reasons.append(rule.text if times == 1 else _("{text}（×{times}）").format(text=rule.text, times=times))
    if answer.extra_deduction > 0:
        total += _d(answer.extra_deduction)
        reasons.append(answer.extra_reason or _("其他扣分"))
    return total, reasons


def _enterprise_fix(item: Item, answer: Answer) -> bool:
    chosen = _chosen(item, answer)
    if not chosen:
        return item.enterprise_fix
    clauses = all(item.clause_enterprise_fix(rule.code) for rule, _times in chosen)
    return clauses and (answer.extra_deduction <= 0 or item.enterprise_fix)


def item_earned(item: Item, answer: Answer) -> tuple[Decimal, DeductionLine | None]:
    """What the item earns under an answer that is not 不涉及, and the deduction line if it lost any.
    A fired veto (a chosen veto clause, or a 不符合 veto item) earns nothing, whatever the result."""
    points = _d(item.points)
    vetoes = item_vetoes(item, answer)
    if answer.result == CONFORM and not vetoes:
        return points, None
    wanted, reasons = item_deduction(item, answer)
    clauses = tuple(rule.code for rule, _times in _chosen(item, answer))
    veto = next((v.level for v in vetoes if v.level == "A"), vetoes[0].level if vetoes else None)
    fix = veto is None and _enterprise_fix(item, answer)
    if answer.result == NONCONFORM or vetoes:
        why = _("；").join(reasons) or answer.note.strip() or _(_NO_REASON)
        return Decimal(0), DeductionLine(item.code, item.text, points, why, clauses, fix, veto)
    lost = min(points, wanted)  # never below zero
    if lost == 0:
        return points, None
    why = _("；").join(reasons)
    if wanted > points:
        why += _("（累计扣分 {wanted} 超过分值，按 {points} 分计）").format(wanted=f"{wanted:g}", points=f"{points:g}")
    return points - lost, DeductionLine(item.code, item.text, lost, why, clauses, fix, None)


def _attained(template: Template, score: Decimal, elements: list[ElementScore],
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


def _percent(share: Decimal) -> str:
    return f"{round_half_up(share * 100):g}%"


def _below_grade(template: Template, held: str | None, score: Decimal | None,
                 elements: list[ElementScore]) -> str:
    threshold = template.threshold(held)
    if held is None or score is None or threshold is None:
        return ""
    if score < _d(threshold.min_score):
        return _("得分 {score} 低于证书等级“{grade}”的标准（{minimum} 分）").format(
            score=score, grade=_(held), minimum=f"{threshold.min_score:g}")
    if threshold.min_element_share is not None:
        for e in elements:
            if e.share is not None and e.share < _d(threshold.min_element_share):
                return _("类目“{element}”得分率 {share} 低于证书等级“{grade}”要求的 {minimum}").format(
                    element=e.title, share=_percent(e.share), grade=_(held),
                    minimum=_percent(_d(threshold.min_element_share)))
    return ""


def _failed(answer: Answer | None, vetoes: list[Veto]) -> bool:
    return answer is not None and (answer.result in (NONCONFORM, PARTIAL) or bool(vetoes))


def _major_problems(template: Template, answers: Mapping[str, Answer], findings: FindingSummary,
                    industry: str | None) -> list[Problem]:
    """C.8 / 5.5.3.3-like items: not failed without a 重大 finding, not passed while one is open."""
    majors = [i for i in template.items if i.major_hazard and i.applies_to(industry) is not False]
    failed = [i for i in majors if _failed(answers.get(i.code), item_vetoes(i, answers[i.code])
                                           if i.code in answers else [])]
    problems = []
    if failed and not findings.any_major:
        for item in failed:
            problems.append(Problem(item.code, "major", _(
                "{code} 判为{result}，但本次检查没有登记重大事故隐患：请登记隐患（级别“重大”），或更正检查结果").format(
                    code=item.code, result=_(answers[item.code].result))))
    if findings.major_open and not failed:
        for item in majors:
            answer = answers.get(item.code)
            if answer is not None and answer.result == CONFORM:
                clause = item.veto_clauses[0].code if item.veto_clauses else ""
                text = (_("存在未整改的重大事故隐患 {count} 项，{code} 不能判为符合：请改为不符合并选择扣分规则 {clause}")
                        if clause else _("存在未整改的重大事故隐患 {count} 项，{code} 不能判为符合：请改为不符合"))
                problems.append(Problem(item.code, "major", text.format(
                    count=findings.major_open, code=item.code, clause=clause)))
    return problems


@dataclass
class _Tally:
    answered: int = 0
    responded: int = 0  # answers given to items that apply (not the automatic 不涉及 of another industry)
    vetoes: list[Veto] = field(default_factory=list)
    deductions: list[DeductionLine] = field(default_factory=list)  # items' and zeroed elements'
    item_lines: list[DeductionLine] = field(default_factory=list)  # the items' own
    problems: list[Problem] = field(default_factory=list)
    nonconform: list[str] = field(default_factory=list)


def _score_element(element: Element, answers: Mapping[str, Answer], industry: str | None,
                   tally: _Tally) -> ElementScore:
    earned = achievable = Decimal(0)
    zeroing: Veto | None = None
    for item in element.items:
        applies = item.applies_to(industry)
        answer = answers.get(item.code)
        if applies is False:  # not this enterprise's industry: 不涉及, whatever was answered
            tally.answered += 1
            continue
        if answer is None or answer.result not in RESULTS:
            continue
        tally.responded += 1
        vetoes = item_vetoes(item, answer)
        if answer.result == NOT_APPLICABLE and not vetoes:
            if not item.na_allowed and applies:
                tally.problems.append(Problem(item.code, "na", _(
                    "{code} 不能判为不涉及（模板规定为必查项），请重新检查").format(code=item.code)))
            else:
                tally.answered += 1
            continue
        tally.answered += 1
        achievable += _d(item.points)
        got, line = item_earned(item, answer)
        earned += got
        if line is not None:
            tally.deductions.append(line)
            tally.item_lines.append(line)
        if answer.result == NONCONFORM or vetoes:
            tally.nonconform.append(item.code)
        tally.vetoes += vetoes
        zeroing = zeroing or next((v for v in vetoes if v.level == "B"), None)
    if zeroing is not None and earned > 0:
        tally.deductions.append(DeductionLine(zeroing.item_code, element.title, earned,
                                              _("否决项 {code}：类目“{element}”得分清零").format(code=zeroing.code, element=element.title),
                                              veto="B"))
        earned = Decimal(0)
    return ElementScore(element.code, element.title, earned, achievable, zeroing.code if zeroing else None)


def _unique(codes: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(codes))


def score_inspection(
    template: Template,
    answers: Mapping[str, Answer],
    certified_grade: str | None = None,
    findings: FindingSummary | None = None,
    industry: str | None = None,
) -> ScoreResult:
    """Score a (possibly unfinished) checklist and conclude. Unanswered items count in neither total;
    the result says how many are answered so that a provisional score is never mistaken for a final one.
    ``certified_grade`` is the grade the enterprise holds, ``industry`` its industry (None: unknown)."""
    findings = findings or FindingSummary()
    tally = _Tally()
    elements = [_score_element(element, answers, industry, tally) for element in template.elements]
    if not tally.responded:
        return _not_started(template, certified_grade, elements, tally.answered)
    earned_total = sum((e.earned for e in elements), Decimal(0))
    achievable_total = sum((e.achievable for e in elements), Decimal(0))
    score = None if achievable_total == 0 else round_half_up(earned_total / achievable_total * 100)

    below_min = [
        _("类目“{element}”得分率 {share} 低于最低要求 {minimum}").format(
            element=es.title, share=_percent(es.share), minimum=_percent(_d(el.min_share)))
        for el, es in zip(template.elements, elements, strict=True)
        if el.min_share is not None and es.share is not None and es.share < _d(el.min_share)]
    if score is None or below_min or any(v.level == "A" for v in tally.vetoes):
        attained = NOT_ATTAINED
    else:
        attained = _attained(template, score, elements, certified_grade)
    spec = template.conclusion
    held = (certified_grade or None) if spec.relative_to == "grade_held" else None
    legal = _unique(d.item_code for d in tally.item_lines if not d.enterprise_fix)
    enterprise = _unique(d.item_code for d in tally.item_lines if d.enterprise_fix and d.item_code not in legal)
    facts = Facts(
        score=score, vetoes=tuple(tally.vetoes), grade_held=held,
        below_grade=_below_grade(template, held, score, elements), elements_below=tuple(below_min),
        major_open=findings.major_open, major_overdue=findings.major_overdue,
        general_open=findings.general_open, legal=legal, enterprise=enterprise,
        enterprise_points=sum((d.points for d in tally.item_lines if d.enterprise_fix), Decimal(0)),
        nonconform=tuple(tally.nonconform))
    level, reasons = conclude(spec, facts)
    problems = tally.problems + _major_problems(template, answers, findings, industry)
    total_items = len(template.items)
    left = total_items - tally.answered
    notes = [ngettext("尚有 {count} 项未检查，结论为暂定", "尚有 {count} 项未检查，结论为暂定", left).format(count=left)
             ] if left > 0 else []
    return ScoreResult(
        earned_total, achievable_total, score, level, reasons, held,
        attained if spec.awards_grade else None, attained, elements, tally.deductions, tally.answered,
        total_items, tally.vetoes, problems, notes)


def _not_started(template: Template, certified_grade: str | None, elements: list[ElementScore],
                 answered: int) -> ScoreResult:
    """Nothing answered yet (``domain.states``): no score, grade or conclusion, one reason saying so."""
    held = (certified_grade or None) if template.conclusion.relative_to == "grade_held" else None
    reason = Reason("", NOT_STARTED_RULE, not_started_reason())
    return ScoreResult(Decimal(0), Decimal(0), None, None, [reason], held, None, NOT_ATTAINED, elements,
                       answered=answered, total_items=len(template.items))
