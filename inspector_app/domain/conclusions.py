"""Conclusions: from the facts of a scored checklist to what the check concludes, by rules that are
template data (``docs/template-format.md``, "conclusion").

A look-back (回头看) or an operation-quality audit (运行质量审计) concludes relative to the grade the
enterprise holds – 维持（符合证书等级要求）/ 限期整改 / 建议摘牌 – and awards no grade; the self-inspection
of review quality (评审质量自查自纠) concludes on the review organisation – 合格 / 建议通报批评 /
建议暂停评审活动 / 建议取消评审资格 (苏应急电〔2020〕3号 第二、三、四条; DOMAIN.md §1, §4, §5).

How the rules combine (this module's convention, documented in docs/template-format.md): a template
lists its conclusions from the mildest to the most severe and a set of rules, each naming the condition
it tests (``when``), the conclusion it leads to (``then``) and the clause it comes from (``source``).
Every rule whose condition holds gives a reason; the conclusion is the most severe conclusion any rule
reached, or the mildest (the first listed) when none did.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from inspector_app.translation import _, listing, ngettext

MAINTAIN, RECTIFY, DELIST = "维持", "限期整改", "建议摘牌"
OUTCOMES = (MAINTAIN, RECTIFY, DELIST)  # the three buckets lists and reports count in

# What a rule can test. Each is computed by ``domain.scoring`` from the answers and findings.
WHEN = {
    "veto": "a veto of the given level (\"veto\": \"A\" | \"B\") fired",
    "score_below": "the normalised score is below \"value\"",
    "below_grade_held": "the score (or an element share) is below the threshold of the grade held",
    "element_below_min_share": "an element scored below its min_share",
    "major_open": "a 重大事故隐患 is not yet rectified",
    "major_overdue": "a 重大事故隐患 is past its deadline and not rectified",
    "general_open": "a 一般事故隐患 is not yet rectified",
    "legal_deduction": "a deduction that must be rectified under the law (not 企业自行整改)",
    "enterprise_deduction": "a deduction the enterprise fixes itself (企业自行整改项)",
    "nonconform": "at least \"value\" (default 1) items are 不符合",
}
RELATIVE_TO = ("grade_held", "none")


@dataclass(frozen=True)
class Level:
    """One conclusion a template can reach: ``code`` is what is stored (≤ 10 characters, the cached
    ``outcome`` column), ``label`` what is shown and printed, ``counts_as`` the bucket reports count it
    in (维持 / 限期整改 / 建议摘牌)."""

    code: str
    label: str
    counts_as: str


@dataclass(frozen=True)
class Rule:
    when: str
    then: str
    source: str
    value: float | None = None
    veto: str | None = None


@dataclass(frozen=True)
class ConclusionSpec:
    levels: tuple[Level, ...]
    rules: tuple[Rule, ...]
    relative_to: str = "grade_held"
    awards_grade: bool = False
    basis: str = ""

    @property
    def default(self) -> Level:
        return self.levels[0]

    def level(self, code: str) -> Level:
        for level in self.levels:
            if level.code == code:
                return level
        raise KeyError(code)

    def rank(self, code: str) -> int:
        return next((n for n, level in enumerate(self.levels) if level.code == code), -1)

    @property
    def outcome_labels(self) -> dict[str, str]:
        """Bucket → the first conclusion counted in it, where the two differ (what format 1 called
        ``outcome.labels``)."""
        labels: dict[str, str] = {}
        for level in self.levels:
            if level.counts_as != level.code:
                labels.setdefault(level.counts_as, level.code)
        return labels

    @property
    def buckets(self) -> dict[str, str]:
        """Every conclusion code → the bucket it counts in."""
        return {level.code: level.counts_as for level in self.levels}


def parse_spec(data: Mapping[str, Any]) -> ConclusionSpec:
    """The ``conclusion`` block of a format-2 template (already checked against the schema)."""
    levels = tuple(Level(lv["code"], lv.get("label", lv["code"]), lv.get("counts_as", lv["code"]))
                   for lv in data["levels"])
    rules = tuple(Rule(r["when"], r["then"], r["source"], r.get("value"), r.get("veto"))
                  for r in data.get("rules", []))
    return ConclusionSpec(levels, rules, data.get("relative_to", "grade_held"),
                          bool(data.get("awards_grade", False)), data.get("basis", ""))


_LEGACY_SOURCE = "模板格式 1 的默认结论规则（docs/template-format.md，“格式 1 模板”）"


def legacy_spec(outcome: Mapping[str, Any], applies_to: Sequence[str]) -> ConclusionSpec:
    """The rules a format-1 template (one stored in a workspace before format 2) is concluded by: the
    rules the engine applied then, except that no grade is awarded (DOMAIN.md §4: a look-back never
    awards one) and a veto is the deduction clause's as well as the item's."""
    labels = dict(outcome.get("labels", {}))
    levels = tuple(Level(labels.get(o, o), labels.get(o, o), o) for o in OUTCOMES)
    rectify, delist = levels[1].code, levels[2].code
    rules = (
        Rule("veto", delist, _LEGACY_SOURCE, veto="A"),
        Rule("score_below", delist, _LEGACY_SOURCE, value=float(outcome.get("delist_below", 60))),
        Rule("major_overdue", delist, _LEGACY_SOURCE),
        Rule("veto", rectify, _LEGACY_SOURCE, veto="B"),
        Rule("below_grade_held", rectify, _LEGACY_SOURCE),
        Rule("element_below_min_share", rectify, _LEGACY_SOURCE),
        Rule("major_open", rectify, _LEGACY_SOURCE),
        Rule("legal_deduction", rectify, _LEGACY_SOURCE),
        Rule("general_open", rectify, _LEGACY_SOURCE),
    )
    return ConclusionSpec(levels, rules, "grade_held" if applies_to else "none", False, _LEGACY_SOURCE)


def check_spec(spec: ConclusionSpec) -> list[str]:
    """What is wrong with a conclusion block beyond its schema (for ``TemplateError`` messages)."""
    block = {"relative_to": spec.relative_to,
             "levels": [{"code": lv.code, "label": lv.label, "counts_as": lv.counts_as} for lv in spec.levels],
             "rules": [{"when": r.when, "then": r.then, "source": r.source, "value": r.value, "veto": r.veto}
                       for r in spec.rules]}
    return [problem for _, problem in spec_problems(block)]


JsonPath = tuple[str | int, ...]


def spec_problems(block: Mapping[str, Any]) -> list[tuple[JsonPath, str]]:
    """``check_spec`` on the raw ``conclusion`` block, each problem with the path (below the block) of the
    value it concerns. Tolerant of a block the schema refuses: what is missing or mistyped is skipped."""
    problems: list[tuple[JsonPath, str]] = []
    levels = [lv if isinstance(lv, Mapping) else {} for lv in _seq(block.get("levels"))]
    codes = [lv.get("code") for lv in levels]
    if len(set(map(str, codes))) != len(codes):
        problems.append((("levels",), _("结论编号重复")))
    for n, level in enumerate(levels):
        code = level.get("code")
        if isinstance(code, str) and len(code) > 10:
            problems.append((("levels", n, "code"),
                             _("结论编号“{code}”超过 10 个字（显示用的全称写在 label）").format(code=code)))
        if level.get("counts_as", code) not in OUTCOMES:
            problems.append((("levels", n, "counts_as"),
                             _("结论“{code}”的 counts_as 应为 维持、限期整改 或 建议摘牌").format(code=code)))
    relative_to = block.get("relative_to", "grade_held")
    if relative_to not in RELATIVE_TO:
        problems.append((("relative_to",), _("relative_to 应为 {first} 或 {second}").format(
            first=RELATIVE_TO[0], second=RELATIVE_TO[1])))
    for n, rule in enumerate(_seq(block.get("rules")), start=1):
        if not isinstance(rule, Mapping):
            continue
        when = rule.get("when")
        here: JsonPath = ("rules", n - 1)
        where = _("结论规则第 {n} 条（{when}）").format(n=n, when=when)
        if when not in WHEN:
            problems.append(((*here, "when"), _("{where}：条件 {when} 无效").format(where=where, when=when)))
        if rule.get("then") not in codes:
            problems.append(((*here, "then"), _("{where}：结论“{then}”不在 levels 中").format(
                where=where, then=rule.get('then'))))
        source = rule.get("source")
        if not isinstance(source, str) or not source.strip():
            problems.append(((*here, "source"), _("{where}：须写明依据（source）").format(where=where)))
        if when == "score_below" and rule.get("value") is None:
            problems.append(((*here, "value"), _("{where}：须给出 value").format(where=where)))
        if when == "veto" and rule.get("veto") not in ("A", "B"):
            problems.append(((*here, "veto"), _("{where}：须给出 veto（A 或 B）").format(where=where)))
        if when == "below_grade_held" and relative_to != "grade_held":
            problems.append(((*here, "when"),
                             _("{where}：本模板的结论不针对证书等级（relative_to）").format(where=where)))
    return problems


def _seq(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else []


@dataclass(frozen=True)
class Veto:
    """A veto that fired: the item, the deduction clause chosen ("" when the item itself failed), its
    level (A: the whole check fails; B: the element scores 0), what it says and where it comes from."""

    item_code: str
    clause_code: str
    level: str
    text: str
    source: str

    @property
    def code(self) -> str:
        return self.clause_code or self.item_code

    def as_dict(self) -> dict[str, str]:
        return {"item_code": self.item_code, "clause_code": self.clause_code, "level": self.level,
                "text": self.text, "source": self.source}


@dataclass(frozen=True)
class Reason:
    """Why the check concludes what it does: the conclusion this reason leads to, the rule (``when``),
    the words, and the clause it comes from."""

    conclusion: str
    rule: str
    text: str
    source: str = ""

    def __str__(self) -> str:
        return _("{text}（依据：{source}）").format(text=self.text, source=self.source) if self.source else self.text

    def as_dict(self) -> dict[str, str]:
        return {"conclusion": self.conclusion, "rule": self.rule, "text": self.text, "source": self.source}


@dataclass(frozen=True)
class Facts:
    """What the rules look at, gathered by ``domain.scoring``."""

    score: Decimal | None
    vetoes: tuple[Veto, ...] = ()
    grade_held: str | None = None
    below_grade: str = ""  # why the score falls short of the grade held ("" when it does not)
    elements_below: tuple[str, ...] = ()  # one text per element under its min_share
    major_open: int = 0
    major_overdue: int = 0
    general_open: int = 0
    legal: tuple[str, ...] = ()  # item codes with a deduction to be rectified under the law
    enterprise: tuple[str, ...] = ()  # item codes with only enterprise-own deductions
    enterprise_points: Decimal = Decimal(0)
    nonconform: tuple[str, ...] = ()


def condition_text(rule: Rule) -> str:
    """The rule's condition in words, as the preview and the blank checklist print it."""
    value = f"{rule.value:g}" if rule.value is not None else ""
    texts = {
        "veto": _("触发否决项 {veto}（{effect}）").format(veto=rule.veto, effect=_veto_effect(rule.veto)),
        "score_below": _("得分低于 {value} 分").format(value=value),
        "below_grade_held": _("得分（或类目得分率）低于所持证书等级的标准"),
        "element_below_min_share": _("有类目得分率低于其最低得分率"),
        "major_open": _("有未整改的重大事故隐患"),
        "major_overdue": _("有逾期未整改的重大事故隐患"),
        "general_open": _("有待整改的一般事故隐患"),
        "legal_deduction": _("有须依法整改的扣分（非企业自行整改项）"),
        "enterprise_deduction": _("只有企业自行整改项的扣分"),
        "nonconform": _("不符合项达到 {count} 项").format(count=int(rule.value or 1)),
    }
    return texts.get(rule.when, rule.when)


def _veto_effect(level: str | None) -> str:
    return _("整体不通过") if level == "A" else _("所在类目计 0 分")


def _codes(codes: Sequence[str], limit: int = 8) -> str:
    shown = listing(codes[:limit])
    return _("{codes} 等 {count} 项").format(codes=shown, count=len(codes)) if len(codes) > limit else shown


def _texts(rule: Rule, facts: Facts) -> list[tuple[str, str]]:
    """(text, extra source) for each way the rule's condition holds; empty when it does not."""
    when = rule.when
    if when == "veto":
        vetoes = [v for v in facts.vetoes if v.level == rule.veto]
        kind = _veto_effect(rule.veto)
        return [(_("否决项 {code}（{text}）：{effect}").format(code=v.code, text=v.text, effect=kind), v.source)
                for v in vetoes]
    if when == "score_below":
        if facts.score is not None and rule.value is not None and facts.score < Decimal(str(rule.value)):
            return [(_("得分 {score} 低于 {value} 分").format(score=facts.score, value=f"{rule.value:g}"), "")]
        return []
    if when == "below_grade_held":
        return [(facts.below_grade, "")] if facts.below_grade else []
    if when == "element_below_min_share":
        return [(text, "") for text in facts.elements_below]
    if when == "major_open":
        if not facts.major_open:
            return []
        return [(ngettext("存在未整改的重大事故隐患 {count} 项", "存在未整改的重大事故隐患 {count} 项",
                          facts.major_open).format(count=facts.major_open), "")]
    if when == "major_overdue":
        if not facts.major_overdue:
            return []
        return [(ngettext("重大事故隐患逾期未整改 {count} 项", "重大事故隐患逾期未整改 {count} 项",
                          facts.major_overdue).format(count=facts.major_overdue), "")]
    if when == "general_open":
        if not facts.general_open:
            return []
        return [(ngettext("一般事故隐患 {count} 项待整改", "一般事故隐患 {count} 项待整改",
                          facts.general_open).format(count=facts.general_open), "")]
    if when == "legal_deduction":
        if not facts.legal:
            return []
        return [(_("须依法整改的扣分项 {count} 项：{codes}").format(count=len(facts.legal), codes=_codes(facts.legal)),
                 "")]
    if when == "enterprise_deduction":
        if not facts.enterprise:
            return []
        return [(_("企业自行整改项 {count} 项（扣 {points} 分）：{codes}，由企业自行整改，不列入整改指令").format(
            count=len(facts.enterprise), points=f"{facts.enterprise_points:g}", codes=_codes(facts.enterprise)), "")]
    if when == "nonconform":
        least = int(rule.value or 1)
        if len(facts.nonconform) >= least:
            return [(_("{count} 项不符合：{codes}").format(count=len(facts.nonconform), codes=_codes(facts.nonconform)), "")]
        return []
    return []


def conclude(spec: ConclusionSpec, facts: Facts) -> tuple[Level, list[Reason]]:
    """The conclusion and its reasons, most severe first (a reason per rule that holds; the default
    conclusion's own reason when none does)."""
    reasons: list[Reason] = []
    for rule in spec.rules:
        for text, extra in _texts(rule, facts):
            source = "；".join(s for s in (rule.source, extra) if s)
            reasons.append(Reason(rule.then, rule.when, text, source))
    if not reasons or all(spec.rank(r.conclusion) == 0 for r in reasons):
        reasons.append(Reason(spec.default.code, "default", _default_text(spec, facts), spec.basis))
    reasons.sort(key=lambda r: -spec.rank(r.conclusion))  # stable: rule order within a conclusion
    worst = max(reasons, key=lambda r: spec.rank(r.conclusion))
    return spec.level(worst.conclusion), reasons


def _default_text(spec: ConclusionSpec, facts: Facts) -> str:
    if facts.score is None:
        return _("尚无可计分的检查项")
    if spec.relative_to == "grade_held" and facts.grade_held:
        return _("得分 {score}，无否决项、无未整改的重大事故隐患、无须依法整改的扣分项，符合证书等级“{grade}”要求").format(
            score=facts.score, grade=_(facts.grade_held))
    return _("得分 {score}，未触发否决项及其他结论规则").format(score=facts.score)
