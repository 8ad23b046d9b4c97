"""The rules a checklist template must keep beyond its JSON Schema (``docs/template-format.md``), as a
list of problems, each with the JSON path of the value it concerns.

``parse_template`` raises the first of them (naming the file); the template workbook import
(``tabular.template_workbook``) reports every one of them at its sheet, row and column. The checks work
on the raw data and tolerate what the schema refuses (a missing or mistyped value is skipped), so that
one import names every problem at once."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from inspector_app.domain.conclusions import JsonPath, check_spec, legacy_spec, spec_problems


@dataclass(frozen=True)
class Problem:
    """What is wrong (``message``, worded as ``parse_template`` words it after the file name) and where:
    ``path`` is the JSON path of the value, e.g. ``("elements", 0, "items", 2, "points")``."""

    path: JsonPath
    message: str


def _seq(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _map(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _num(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def rule_problems(data: Mapping[str, Any]) -> list[Problem]:
    """Every problem of the template ``data`` in the order ``parse_template`` checks them."""
    return list(_problems(data))


def _problems(data: Mapping[str, Any]) -> Iterator[Problem]:
    version = data.get("format_version", 1)
    strict = not isinstance(version, int) or version >= 2  # format 1 knew no sources, industries, clause vetoes
    yield from _conclusion(data)
    if strict and "outcome" in data:
        yield Problem(("outcome",), "格式 2 的模板用 conclusion 代替 outcome")
    if strict and "conclusion" not in data:
        yield Problem(("conclusion",), "格式 2 的模板须有 conclusion（结论规则）")
    industries = {i for i in _seq(data.get("industries")) if isinstance(i, str)}
    seen: set[str] = set()
    for e, element in enumerate(_seq(data.get("elements"))):
        element = _map(element)
        code = _text(element.get("code"))
        if code and code in seen:
            yield Problem(("elements", e, "code"), f"考评类目 {code}：编号重复")
        seen.add(code)
        for i, item in enumerate(_seq(element.get("items"))):
            yield from _item(_map(item), ("elements", e, "items", i), code, seen, strict, industries)
    previous: float | None = None
    for t, threshold in enumerate(_seq(data.get("grade_thresholds"))):
        threshold = _map(threshold)
        score = _num(threshold.get("min_score"))
        if score is None:
            continue
        if previous is not None and score > previous:
            yield Problem(("grade_thresholds", t, "min_score"),
                          f"等级线应从高到低排列（{threshold.get('grade')} {score:g}）")
        previous = score


def _conclusion(data: Mapping[str, Any]) -> Iterator[Problem]:
    if "conclusion" in data:
        for path, message in spec_problems(_map(data["conclusion"])):
            yield Problem(("conclusion", *path), f"conclusion：{message}")
        return
    outcome = _map(data.get("outcome"))
    labels = _map(outcome.get("labels"))
    if all(isinstance(v, str) for v in labels.values()) and _num(outcome.get("delist_below", 60)) is not None:
        for message in check_spec(legacy_spec(outcome, _seq(data.get("applies_to")))):
            yield Problem(("outcome",), f"conclusion：{message}")


def _item(item: Mapping[str, Any], path: JsonPath, element_code: str, seen: set[str], strict: bool,
          industries: set[str]) -> Iterator[Problem]:
    code = _text(item.get("code"))
    where = f"考评项 {code}"
    if code and code in seen:
        yield Problem((*path, "code"), f"{where}：编号重复")
    seen.add(code)
    if code and element_code and not code.startswith(element_code + "."):
        yield Problem((*path, "code"), f"{where}：编号应以所属类目编号“{element_code}.”开头")
    source = _text(item.get("source"))
    veto = item.get("veto")
    if strict and veto and not source.strip():
        yield Problem((*path, "source"), f"{where}：否决项须写明依据（source）")
    rules = [_map(rule) for rule in _seq(item.get("deductions"))]
    for r, rule in enumerate(rules):
        here = (*path, "deductions", r)
        if strict and rule.get("veto") and not (_text(rule.get("source")) or source).strip():
            yield Problem((*here, "source"), f"{where}：否决扣分规则 {rule.get('code')} 须写明依据（source）")
        if rule.get("veto") and rule.get("enterprise_fix"):
            yield Problem((*here, "enterprise_fix"), f"{where}：否决扣分规则 {rule.get('code')} 不能是企业自行整改项")
    if veto and item.get("enterprise_fix"):
        yield Problem((*path, "enterprise_fix"), f"{where}：否决项不能是企业自行整改项")
    own = {i for i in _seq(item.get("industries")) if isinstance(i, str)}
    if industries and not own <= industries:
        yield Problem((*path, "industries"), f"{where}：行业 {'、'.join(sorted(own - industries))} 不在模板适用行业中")
    points = _num(item.get("points"))
    rule_codes: set[str] = set()
    for r, rule in enumerate(rules):
        here = (*path, "deductions", r)
        rule_code = _text(rule.get("code"))
        if rule_code and rule_code in rule_codes:
            yield Problem((*here, "code"), f"{where}：扣分规则 {rule_code} 编号重复")
        rule_codes.add(rule_code)
        rule_points = _num(rule.get("points"))
        if points is not None and rule_points is not None and rule_points > points:
            yield Problem((*here, "points"),
                          f"{where}：扣分规则 {rule_code} 扣 {rule_points:g} 分，超过本项分值 {points:g} 分")


# The template's fields in words (for schema problems; the workbook shows its own column headers).
FIELD_NAMES: dict[str, str] = {
    "format_version": "格式版本", "id": "模板编号", "version": "版本", "kind": "检查种类", "title": "名称",
    "standard": "标准", "basis": "依据", "description": "说明", "applies_to": "适用等级",
    "industries": "适用行业", "subject": "检查对象", "grade_thresholds": "等级线", "grade": "等级",
    "min_score": "最低得分", "min_element_share": "类目最低得分率", "outcome": "结论（格式 1）",
    "conclusion": "结论", "relative_to": "结论针对", "awards_grade": "评定等级", "levels": "结论等级",
    "code": "编号", "label": "名称", "counts_as": "计入", "rules": "结论规则", "when": "条件", "then": "结论",
    "source": "依据", "value": "数值", "veto": "否决", "elements": "类目", "min_share": "最低得分率",
    "items": "检查项", "text": "内容", "sub_element": "二级要素", "evidence": "查证要点", "points": "分值",
    "require_note_on_fail": "不符合须说明", "require_photo_on_fail": "不符合须拍照", "na_allowed": "可不涉及",
    "enterprise_fix": "企业自行整改", "major_hazard": "重大事故隐患", "deductions": "扣分规则",
    "max_times": "最多次数", "delist_below": "摘牌分数线", "labels": "结论名称",
}
_TYPES = {"number": "数字", "integer": "整数", "string": "文字", "boolean": "是或否", "array": "列表",
          "object": "表", "null": "空"}
_PATTERNS = {"id": "只能由小写字母、数字和连字符组成，以字母或数字开头（如 lookback-2021）",
             "version": "应写成“数字.数字”或“数字.数字.数字”（如 2.0.0）"}


def _shown(value: Any) -> str:
    return "无" if value is None else "是" if value is True else "否" if value is False else str(value)


def schema_problem(error: Any) -> Problem:
    """A JSON Schema error (``jsonschema.ValidationError``) as a Problem worded for people."""
    path: JsonPath = tuple(error.absolute_path)
    kind, limit, value = error.validator, error.validator_value, error.instance
    if kind == "required":
        missing = [k for k in limit if isinstance(value, Mapping) and k not in value and repr(k) in error.message]
        path = (*path, missing[0] if missing else "")
    name = next((FIELD_NAMES.get(p, p) for p in reversed(path) if isinstance(p, str)), "模板")
    numbers = isinstance(limit, int | float) and not isinstance(limit, bool)
    if kind == "required":
        text = f"缺少{name}"
    elif kind == "type":
        wanted = limit if isinstance(limit, list) else [limit]
        text = f"{name}应为{'或'.join(_TYPES.get(str(t), str(t)) for t in wanted)}，而不是“{_shown(value)}”"
    elif kind == "enum":
        text = f"{name}“{_shown(value)}”无效，应为 {'、'.join(_shown(v) for v in limit)} 之一"
    elif kind == "pattern":
        text = f"{name}“{value}”{_PATTERNS.get(str(path[-1]) if path else '', '的写法不对')}"
    elif kind in ("minimum", "maximum", "exclusiveMinimum") and numbers:
        words = {"minimum": "不能小于", "maximum": "不能大于", "exclusiveMinimum": "须大于"}[kind]
        text = f"{name}{words} {limit:g}（现为 {_shown(value)}）"
    elif kind == "minItems":
        text = f"{name}至少要有 {limit} 项"
    elif kind == "minLength":
        text = f"{name}不能为空"
    elif kind == "maxLength":
        text = f"{name}最多 {limit} 个字（现为“{value}”）"
    elif kind == "uniqueItems":
        text = f"{name}有重复"
    elif kind == "additionalProperties":
        extra = sorted(k for k in _map(value) if k not in _map(error.schema.get("properties")))
        text = f"未知的字段 {'、'.join(extra)}"
    else:
        text = f"{name}：{error.message}"
    return Problem(path, text)
