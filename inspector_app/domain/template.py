"""Checklist templates: versioned JSON data files, validated against a schema and the rules of
``docs/template-format.md``. A bad template names the file, the item and the problem.

Format 2 adds what the conclusion needs as data: the conclusion block (``domain.conclusions``), vetoes on
deduction clauses, ``na_allowed``, ``enterprise_fix`` (企业自行整改项), ``major_hazard`` and the
industries a template and an item apply to. Format-1 templates (stored in workspaces before) still load:
their conclusion follows ``conclusions.legacy_spec``."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

from inspector_app.domain.conclusions import ConclusionSpec, legacy_spec, parse_spec
from inspector_app.domain.errors import TemplateError
from inspector_app.domain.template_rules import Problem, rule_problems, schema_problem
from inspector_app.translation import N_, _

FORMAT_VERSION = 2
RESULTS = (N_("符合"), N_("部分符合"), N_("不符合"), N_("不涉及"))
CONFORM, PARTIAL, NONCONFORM, NOT_APPLICABLE = RESULTS
GRADES = (N_("一级"), N_("二级"), N_("三级"), N_("小微"))
VETO_LEVELS = ("A", "B")
ENTERPRISE, REVIEW_ORG = N_("企业"), N_("评审单位")  # who a template checks (``subject``)


@dataclass(frozen=True)
class DeductionRule:
    """A deduction clause. ``veto``: choosing it fires the veto whatever result was pressed;
    ``enterprise_fix`` None inherits the item's; ``source`` names where a veto comes from."""

    code: str
    text: str
    points: float
    max_times: int = 1
    veto: str | None = None
    enterprise_fix: bool | None = None
    source: str = ""


@dataclass(frozen=True)
class Item:
    code: str
    element_code: str
    text: str
    points: float
    evidence: str = ""
    sub_element: str = ""
    deductions: tuple[DeductionRule, ...] = ()
    require_note_on_fail: bool = False
    require_photo_on_fail: bool = False
    veto: str | None = None
    na_allowed: bool = True  # False: never 不涉及 (where the item applies to the enterprise)
    industries: tuple[str, ...] = ()  # empty: every industry the template fits
    enterprise_fix: bool = False  # 企业自行整改项: lowers the score, needs no rectification order
    major_hazard: bool = False  # fails only with a 重大 finding; never passes while one is open
    source: str = ""

    def rule(self, code: str) -> DeductionRule | None:
        return next((r for r in self.deductions if r.code == code), None)

    def applies_to(self, industry: str | None) -> bool | None:
        """Whether the item applies to an enterprise of this industry: None when that is unknown (the
        item names industries and the enterprise has none recorded)."""
        if not self.industries:
            return True
        if not industry:
            return None
        return industry in self.industries

    def clause_enterprise_fix(self, code: str) -> bool:
        rule = self.rule(code)
        if rule is None or rule.veto:
            return False if rule is not None else self.enterprise_fix
        return self.enterprise_fix if rule.enterprise_fix is None else rule.enterprise_fix

    @property
    def veto_clauses(self) -> tuple[DeductionRule, ...]:
        return tuple(r for r in self.deductions if r.veto)


@dataclass(frozen=True)
class Element:
    code: str
    title: str
    items: tuple[Item, ...]
    min_share: float | None = None

    @property
    def points(self) -> float:
        return sum(i.points for i in self.items)


@dataclass(frozen=True)
class GradeThreshold:
    grade: str
    min_score: float
    min_element_share: float | None = None


@dataclass(frozen=True)
class Template:
    id: str
    version: str
    kind: str
    title: str
    standard: str
    elements: tuple[Element, ...]
    grade_thresholds: tuple[GradeThreshold, ...]
    conclusion: ConclusionSpec
    basis: str = ""
    applies_to: tuple[str, ...] = ()  # certificate grades the template is for; empty: none (review org)
    industries: tuple[str, ...] = ()  # industries it fits; empty: any
    subject: str = ENTERPRISE
    format_version: int = FORMAT_VERSION
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def outcome_labels(self) -> dict[str, str]:
        """维持 / 限期整改 / 建议摘牌 → what this template's first conclusion in that bucket is called."""
        return self.conclusion.outcome_labels

    def threshold(self, grade: str | None) -> GradeThreshold | None:
        return next((t for t in self.grade_thresholds if t.grade == grade), None)

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(i for e in self.elements for i in e.items)

    @property
    def total_points(self) -> float:
        return sum(e.points for e in self.elements)

    def item(self, code: str) -> Item:
        for item in self.items:
            if item.code == code:
                return item
        raise KeyError(code)

    def element(self, code: str) -> Element:
        for element in self.elements:
            if element.code == code:
                return element
        raise KeyError(code)

    @property
    def key(self) -> str:
        return f"{self.id}@{self.version}"


@cache
def _schema() -> dict[str, Any]:
    text = resource_path("templates", "template.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def resources_root() -> Path:
    """The ``resources/`` folder: beside the package in a checkout, inside it when frozen."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here.parent / "resources", here / "resources"):
        if candidate.is_dir():
            return candidate
    return Path(str(importlib_resources.files("inspector_app"))).parent / "resources"


def resource_path(*parts: str) -> Path:
    return resources_root().joinpath(*parts)


_LEVEL_NAMES = {"elements": N_("考评类目"), "items": N_("考评项"), "deductions": N_("扣分规则")}


def _where(data: dict[str, Any], path: list[str | int]) -> str:
    """Turn a JSON path such as elements/1/items/3/points into words naming the item it falls in."""
    where: list[str] = []
    node: Any = data
    level = ""
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(step, str):
            level = _(_LEVEL_NAMES.get(step, ""))
        elif level and isinstance(node, dict):
            code = node.get("code")
            where.append(f"{level} {code}" if isinstance(code, str)
                         else _("{level} 第{number}条").format(level=level, number=step + 1))
            level = ""
    return _("，").join(where)


def parse_template(data: Any, source: str, check_schema: bool = True) -> Template:
    """Validate raw JSON data and build a Template; ``source`` names the file in errors.

    ``check_schema=False`` is for copies already validated when they were stored in the workspace:
    the JSON Schema pass costs tens of milliseconds, the semantic rules below almost nothing."""
    if not isinstance(data, dict):
        raise TemplateError(_("{source}：模板必须是一个 JSON 对象").format(source=source))
    version = data.get("format_version")
    if isinstance(version, int) and version > FORMAT_VERSION:
        raise TemplateError(
            _("{source}：模板格式版本 {version} 比本程序支持的 {supported} 新，请升级程序").format(
                source=source, version=version, supported=FORMAT_VERSION))
    errors = _schema_errors(data) if check_schema else []
    if errors:
        first = errors[0]
        where = _where(data, list(first.absolute_path))
        field_name = ".".join(str(p) for p in first.absolute_path) or _("(根)")
        text = (_("{source}：{where}，字段 {field}：{message}") if where else _("{source}：字段 {field}：{message}"))
        raise TemplateError(text.format(source=source, where=where, field=field_name, message=first.message))
    template = _build(data)
    for problem in rule_problems(data):
        raise TemplateError(_("{source}：{message}").format(source=source, message=problem.message))
    return template


@lru_cache(maxsize=64)
def stored_template(content_sha: str, content: str, label: str) -> Template:
    """The parsed template of a workspace's stored copy (its JSON ``content``), cached by content hash.
    The schema was checked when the copy was stored (shipped files are validated, bundles verify theirs);
    the semantic rules run again. ``services.templates.template_of`` and the quick print use it."""
    return parse_template(json.loads(content), label, check_schema=False)


def template_problems(data: dict[str, Any]) -> list[Problem]:
    """Every problem of template data at once – the schema's (in words for people) and the rules' – each
    with the JSON path of the value it concerns (the template workbook import names their cells)."""
    return [schema_problem(e) for e in _schema_errors(data)] + rule_problems(data)


def _schema_errors(data: dict[str, Any]) -> list[Any]:
    import jsonschema  # imported on first use: it is slow to import and start-up does not need it

    validator = jsonschema.Draft202012Validator(_schema())
    return sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))


def _rule(d: dict[str, Any]) -> DeductionRule:
    fix = d.get("enterprise_fix")
    return DeductionRule(d["code"], d["text"], float(d["points"]), int(d.get("max_times", 1)), d.get("veto"),
                         None if fix is None else bool(fix), d.get("source", ""))


def _item(it: dict[str, Any], element_code: str) -> Item:
    return Item(
        code=it["code"], element_code=element_code, text=it["text"], points=float(it["points"]),
        evidence=it.get("evidence", ""), sub_element=it.get("sub_element", ""),
        deductions=tuple(_rule(d) for d in it.get("deductions", [])),
        require_note_on_fail=bool(it.get("require_note_on_fail", False)),
        require_photo_on_fail=bool(it.get("require_photo_on_fail", False)),
        veto=it.get("veto"), na_allowed=bool(it.get("na_allowed", True)),
        industries=tuple(it.get("industries", [])), enterprise_fix=bool(it.get("enterprise_fix", False)),
        major_hazard=bool(it.get("major_hazard", False)), source=it.get("source", ""),
    )


def _build(data: dict[str, Any]) -> Template:
    elements = []
    for el in data["elements"]:
        items = tuple(_item(it, el["code"]) for it in el["items"])
        elements.append(Element(el["code"], el["title"], items, el.get("min_share")))
    thresholds = tuple(GradeThreshold(t["grade"], float(t["min_score"]), t.get("min_element_share"))
                       for t in data["grade_thresholds"])
    applies_to = tuple(data.get("applies_to", []))
    conclusion = (parse_spec(data["conclusion"]) if "conclusion" in data
                  else legacy_spec(data.get("outcome", {}), applies_to))
    return Template(
        id=data["id"], version=data["version"], kind=data["kind"], title=data["title"],
        standard=data["standard"], elements=tuple(elements), grade_thresholds=thresholds,
        conclusion=conclusion, basis=data.get("basis", ""), applies_to=applies_to,
        industries=tuple(data.get("industries", [])), subject=data.get("subject", ENTERPRISE),
        format_version=int(data.get("format_version", 1)), raw=data,
    )


def load_template(path: Path | str) -> Template:
    """Read and validate a template file; every problem raises TemplateError naming the file."""
    path = Path(path)
    name = path.name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise TemplateError(_("{name}：无法读取（{error}）").format(name=name, error=exc.strerror)) from exc
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise TemplateError(_("{name}：不是 UTF-8 编码的文本").format(name=name)) from exc
    except json.JSONDecodeError as exc:
        raise TemplateError(_("{name}：第 {line} 行第 {column} 列 JSON 格式错误（{error}）").format(
            name=name, line=exc.lineno, column=exc.colno, error=exc.msg)) from exc
    return parse_template(data, name)


def shipped_template_paths() -> list[Path]:
    folder = resource_path("templates")
    return sorted(p for p in folder.glob("*.json") if not p.name.endswith(".schema.json"))


def shipped_templates() -> list[Template]:
    return [load_template(p) for p in shipped_template_paths()]
