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
from inspector_app.translation import N_, _, listing


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
        yield Problem(("outcome",), _("格式 2 的模板用 conclusion 代替 outcome"))
    if strict and "conclusion" not in data:
        yield Problem(("conclusion",), _("格式 2 的模板须有 conclusion（结论规则）"))
    industries = {i for i in _seq(data.get("industries")) if isinstance(i, str)}
    seen: set[str] = set()
    for e, element in enumerate(_seq(data.get("elements"))):
        element = _map(element)
        code = _text(element.get("code"))
        if code and code in seen:
            yield Problem(("elements", e, "code"), _("考评类目 {code}：编号重复").format(code=code))
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
                          _("等级线应从高到低排列（{grade} {score}）").format(grade=_(str(threshold.get('grade'))), score=f"{score:g}"))
        previous = score


def _conclusion(data: Mapping[str, Any]) -> Iterator[Problem]:
    if "conclusion" in data:
        for path, message in spec_problems(_map(data["conclusion"])):
            yield Problem(("conclusion", *path), _("conclusion：{message}").format(message=message))
        return
    outcome = _map(data.get("outcome"))
    labels = _map(outcome.get("labels"))
    if all(isinstance(v, str) for v in labels.values()) and _num(outcome.get("delist_below", 60)) is not None:
        for message in check_spec(legacy_spec(outcome, _seq(data.get("applies_to")))):
            yield Problem(("outcome",), _("conclusion：{message}").format(message=message))


def _item(item: Mapping[str, Any], path: JsonPath, element_code: str, seen: set[str], strict: bool,
          industries: set[str]) -> Iterator[Problem]:
    code = _text(item.get("code"))
    where = _("考评项 {code}").format(code=code)
    if code and code in seen:
        yield Problem((*path, "code"), _("{where}：编号重复").format(where=where))
    seen.add(code)
    if code and element_code and not code.startswith(element_code + "."):
        yield Problem((*path, "code"), _("{where}：编号应以所属类目编号“{element}.”开头").format(where=where, element=element_code))
    source = _text(item.get("source"))
    veto = item.get("veto")
    if strict and veto and not source.strip():
        yield Problem((*path, "source"), _("{where}：否决项须写明依据（source）").format(where=where))
    rules = [_map(rule) for rule in _seq(item.get("deductions"))]
    for r, rule in enumerate(rules):
        here = (*path, "deductions", r)
        if strict and rule.get("veto") and not (_text(rule.get("source")) or source).strip():
            yield Problem((*here, "source"), _("{where}：否决扣分规则 {rule} 须写明依据（source）").format(
                where=where, rule=rule.get('code')))
        if rule.get("veto") and rule.get("enterprise_fix"):
            yield Problem((*here, "enterprise_fix"), _("{where}：否决扣分规则 {rule} 不能是企业自行整改项").format(
                where=where, rule=rule.get('code')))
    if veto and item.get("enterprise_fix"):
        yield Problem((*path, "enterprise_fix"), _("{where}：否决项不能是企业自行整改项").format(where=where))
    own = {i for i in _seq(item.get("industries")) if isinstance(i, str)}
    if industries and not own <= industries:
        yield Problem((*path, "industries"), _("{where}：行业 {industries} 不在模板适用行业中").format(
            where=where, industries=listing(sorted(own - industries))))
    points = _num(item.get("points"))
    rule_codes: set[str] = set()
    for r, rule in enumerate(rules):
        here = (*path, "deductions", r)
        rule_code = _text(rule.get("code"))
        if rule_code and rule_code in rule_codes:
            yield Problem((*here, "code"), _("{where}：扣分规则 {rule} 编号重复").format(where=where, rule=rule_code))
        rule_codes.add(rule_code)
        rule_points = _num(rule.get("points"))
        if points is not None and rule_points is not None and rule_points > points:
            yield Problem((*here, "points"),
                          _("{where}：扣分规则 {rule} 扣 {points} 分，超过本项分值 {item_points} 分").format(
                              where=where, rule=rule_code, points=f"{rule_points:g}", item_points=f"{points:g}"))


# The template's fields in words (for schema problems; the workbook shows its own column headers).
FIELD_NAMES: dict[str, str] = {
    "format_version": N_("格式版本"), "id": N_("模板编号"), "version": N_("版本"), "kind": N_("检查种类"), "title": N_("名称"),
    "standard": N_("标准"), "basis": N_("依据"), "description": N_("说明"), "applies_to": N_("适用等级"),
    "industries": N_("适用行业"), "subject": N_("检查对象"), "grade_thresholds": N_("等级线"), "grade": N_("等级"),
    "min_score": N_("最低得分"), "min_element_share": N_("类目最低得分率"), "outcome": N_("结论（格式 1）"),
    "conclusion": N_("结论"), "relative_to": N_("结论针对"), "awards_grade": N_("评定等级"), "levels": N_("结论等级"),
    "code": N_("编号"), "label": N_("名称"), "counts_as": N_("计入"), "rules": N_("结论规则"), "when": N_("条件"), "then": N_("结论"),
    "source": N_("依据"), "value": N_("数值"), "veto": N_("否决"), "elements": N_("类目"), "min_share": N_("最低得分率"),
    "items": N_("检查项"), "text": N_("内容"), "sub_element": N_("二级要素"), "evidence": N_("查证要点"), "points": N_("分值"),
    "require_note_on_fail": N_("不符合须说明"), "require_photo_on_fail": N_("不符合须拍照"), "na_allowed": N_("可不涉及"),
    "enterprise_fix": N_("企业自行整改"), "major_hazard": N_("重大事故隐患"), "deductions": N_("扣分规则"),
    "max_times": N_("最多次数"), "delist_below": N_("摘牌分数线"), "labels": N_("结论名称"),
}
_TYPES = {"number": N_("数字"), "integer": N_("整数"), "string": N_("文字"), "boolean": N_("是或否"),
          "array": N_("列表"), "object": N_("表"), "null": N_("空")}
_PATTERNS = {"id": N_("只能由小写字母、数字和连字符组成，以字母或数字开头（如 lookback-2021）"),
             "version": N_("应写成“数字.数字”或“数字.数字.数字”（如 2.0.0）")}
_BOUNDS = {"minimum": N_("{name}不能小于 {limit}（现为 {value}）"), "maximum": N_("{name}不能大于 {limit}（现为 {value}）"),
           "exclusiveMinimum": N_("{name}须大于 {limit}（现为 {value}）")}


def _shown(value: Any) -> str:
    return _("无") if value is None else _("是") if value is True else _("否") if value is False else str(value)


def schema_problem(error: Any) -> Problem:
    """A JSON Schema error (``jsonschema.ValidationError``) as a Problem worded for people."""
    path: JsonPath = tuple(error.absolute_path)
    kind, limit, value = error.validator, error.validator_value, error.instance
    if kind == "required":
        missing = [k for k in limit if isinstance(value, Mapping) and k not in value and repr(k) in error.message]
        path = (*path, missing[0] if missing else "")
    name = next((_(FIELD_NAMES.get(p, p)) for p in reversed(path) if isinstance(p, str)), _("模板"))
    numbers = isinstance(limit, int | float) and not isinstance(limit, bool)
    if kind == "required":
        text = _("缺少{name}").format(name=name)
    elif kind == "type":
        wanted = limit if isinstance(limit, list) else [limit]
        types = _("或").join(_(_TYPES.get(str(t), str(t))) for t in wanted)
        text = _("{name}应为{types}，而不是“{value}”").format(name=name, types=types, value=_shown(value))
    elif kind == "enum":
        text = _("{name}“{value}”无效，应为 {allowed} 之一").format(
            name=name, value=_shown(value), allowed=listing(_shown(v) for v in limit))
    elif kind == "pattern":
        problem = _(_PATTERNS.get(str(path[-1]) if path else "", N_("的写法不对")))
        text = _("{name}“{value}”{problem}").format(name=name, value=value, problem=problem)
    elif kind in ("minimum", "maximum", "exclusiveMinimum") and numbers:
        text = _(_BOUNDS[kind]).format(name=name, limit=f"{limit:g}", value=_shown(value))
    elif kind == "minItems":
        text = _("{name}至少要有 {limit} 项").format(name=name, limit=limit)
    elif kind == "minLength":
        text = _("{name}不能为空").format(name=name)
    elif kind == "maxLength":
        text = _("{name}最多 {limit} 个字（现为“{value}”）").format(name=name, limit=limit, value=value)
    elif kind == "uniqueItems":
        text = _("{name}有重复").format(name=name)
    elif kind == "additionalProperties":
        extra = sorted(k for k in _map(value) if k not in _map(error.schema.get("properties")))
        text = _("未知的字段 {fields}").format(fields=listing(extra))
    else:
        text = _("{name}：{message}").format(name=name, message=error.message)
    return Problem(path, text)
