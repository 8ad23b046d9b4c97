"""A campaign as data: the notice(s) that order it, who issues it, the rules in force, its scope, the
templates of each kind of check, the chain of offices (jurisdictions) and the reporting duties with full
dates. Next year's notice is a new campaign file, never a code change (DOMAIN.md §1).

The shipped campaign is ``resources/campaigns/jiangsu-changzhou-2020.json`` (苏应急电〔2020〕3号,
常应急函〔2020〕8号); ``parse_campaign`` checks a file field by field and names what is wrong."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from inspector_app.domain.errors import ValidationError
from inspector_app.domain.template import resource_path
from inspector_app.translation import N_, _, listing

LEVELS: dict[str, str] = {"district": N_("辖市（区）"), "city": N_("设区市"), "province": N_("省")}
# Who a duty runs between: an office level, or the review organisations (评审单位), which report directly.
PARTIES: dict[str, str] = {**LEVELS, "review_org": N_("评审单位")}
# What a duty asks for: the 推进落实情况 (figures + text), a written self-inspection report, the audit plan.
DUTY_KINDS: dict[str, str] = {"progress": N_("工作推进落实情况"), "self_inspection": N_("评审质量自查自纠情况"),
                              "audit_plan": N_("运行质量审计计划及结果运用")}
CHECK_KINDS: dict[str, str] = {"lookback": N_("“回头看”"), "audit": N_("运行质量审计"),
                               "review_quality": N_("评审质量自查")}
_PARENT = {"district": "city", "city": "province"}


@dataclass(frozen=True)
class Notice:
    number: str
    title: str
    authority: str
    date: date | None


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    number: str
    why: str = ""


@dataclass(frozen=True)
class Scope:
    """The enterprises a campaign covers: certificate grades, industries ([] = all), the jurisdiction, and
    the date on which the certificate must have been valid."""

    cert_grades: tuple[str, ...]
    industries: tuple[str, ...]
    valid_on: date
    jurisdiction: str
    basis: str = ""

    def covers(self, cert_grade: str, industry: str, cert_expires: date | None) -> bool:
        return (cert_grade in self.cert_grades
                and (not self.industries or industry in self.industries)
                and (cert_expires is None or cert_expires >= self.valid_on))


@dataclass(frozen=True)
class Jurisdiction:
    """One office's area: 江苏省 → 常州市 → 武进区. ``path`` is the names from the root joined."""

    name: str
    level: str
    office: str
    path: str
    children: tuple[Jurisdiction, ...] = ()

    def walk(self) -> Iterator[Jurisdiction]:
        yield self
        for child in self.children:
            yield from child.walk()

    def child_on(self, path: str) -> Jurisdiction | None:
        """The child of this area whose area contains ``path`` (None: not under this one)."""
        return next((c for c in self.children if path.startswith(c.path)), None)


@dataclass(frozen=True)
class Duty:
    """Who reports what to whom by when: ``sender`` and ``receiver`` are levels (PARTIES)."""

    id: str
    what: str
    sender: str
    receiver: str
    due: date | None
    title: str
    basis: str

    @property
    def label(self) -> str:
        if not self.due:
            return self.title
        return _("{title}（{year}年{month:02d}月{day:02d}日前）").format(
            title=self.title, year=self.due.year, month=self.due.month, day=self.due.day)


@dataclass(frozen=True)
class Campaign:
    id: str
    version: str
    title: str
    authority: str
    notices: tuple[Notice, ...]
    rules: tuple[Rule, ...]
    scope: Scope
    root: Jurisdiction
    templates: dict[str, str]
    duties: tuple[Duty, ...]
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def basis(self) -> str:
        return "；".join(n.number for n in self.notices)

    def duty(self, duty_id: str) -> Duty:
        for duty in self.duties:
            if duty.id == duty_id:
                return duty
        raise ValidationError(_("活动“{campaign}”没有报送事项“{duty}”，可用：{available}").format(
            campaign=self.id, duty=duty_id, available=listing(d.id for d in self.duties)))

    def find(self, name: str) -> Jurisdiction | None:
        """The area named by its full path (江苏省常州市武进区), by the path below the province
        (常州市武进区) or by its own name when that is unique (武进区)."""
        name = name.strip()
        areas = list(self.root.walk())
        for area in areas:
            if name in (area.path, area.path.removeprefix(self.root.name)):
                return area
        named = [a for a in areas if a.name == name]
        return named[0] if len(named) == 1 else None

    def area(self, name: str) -> Jurisdiction:
        found = self.find(name)
        if found is None:
            raise ValidationError(_("辖区“{name}”不在活动“{campaign}”的辖区表中").format(name=name, campaign=self.id))
        return found


def parent_level(level: str) -> str | None:
    return _PARENT.get(level)


def _text(data: dict[str, Any], key: str, where: str, *, required: bool = True) -> str:
    value = data.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise ValidationError(_("{where}：“{key}”须为非空文字").format(where=where, key=key))
    return value.strip()


def _date(value: Any, where: str, *, optional: bool = False) -> date | None:
    if value is None and optional:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValidationError(_("{where}：日期“{value}”须写成 YYYY-MM-DD（含年份）").format(where=where, value=value)) from None


def _area(data: Any, parent_path: str, where: str) -> Jurisdiction:
    if not isinstance(data, dict):
        raise ValidationError(_("{where}：辖区须为对象").format(where=where))
    name, level = _text(data, "name", where), _text(data, "level", where)
    if level not in LEVELS:
        raise ValidationError(_("{where}：辖区“{name}”的层级“{level}”无效，应为 {levels}").format(
            where=where, name=name, level=level, levels=listing(LEVELS)))
    path = parent_path + name
    children = tuple(_area(c, path, f"{where} › {name}") for c in data.get("children", []))
    for child in children:
        if parent_level(child.level) != level:
            raise ValidationError(_("{where}：“{child}”（{child_level}）不能直属于“{name}”（{level}）").format(
                where=where, child=child.name, child_level=child.level, name=name, level=level))
    return Jurisdiction(name, level, _text(data, "office", where, required=False) or name, path, children)


def _duty(data: dict[str, Any], where: str) -> Duty:
    duty_id = _text(data, "id", where)
    where = f"{where} {duty_id}"
    what, sender, receiver = (_text(data, k, where) for k in ("what", "from", "to"))
    if what not in DUTY_KINDS:
        raise ValidationError(_("{where}：“what”应为 {kinds}，而不是“{what}”").format(
            where=where, kinds=listing(DUTY_KINDS), what=what))
    for party in (sender, receiver):
        if party not in PARTIES:
            raise ValidationError(_("{where}：报送方“{party}”无效，应为 {parties}").format(
                where=where, party=party, parties=listing(PARTIES)))
    return Duty(duty_id, what, sender, receiver, _date(data.get("due"), where, optional=True),
                _text(data, "title", where), _text(data, "basis", where))


def parse_campaign(data: Any, label: str) -> Campaign:
    """A campaign from its JSON document; every problem names the file and the field."""
    if not isinstance(data, dict) or data.get("format_version") != 1:
        raise ValidationError(_("{label}：不是活动文件（format_version 须为 1）").format(label=label))
    try:
        notices = tuple(Notice(_text(n, "number", label), _text(n, "title", label), _text(n, "authority", label),
                               _date(n.get("date"), _("{label} 文件 {number}").format(label=label, number=n.get('number')), optional=True))
                        for n in data.get("notices", []))
        rules = tuple(Rule(_text(r, "id", label), _text(r, "title", label), _text(r, "number", label),
                           str(r.get("why", ""))) for r in data.get("rules", []))
        scope_data = data["scope"]
        valid_on = _date(scope_data.get("valid_on"), f"{label} scope.valid_on")
        assert valid_on is not None
        scope = Scope(tuple(scope_data.get("cert_grades", [])), tuple(scope_data.get("industries", [])),
                      valid_on, _text(scope_data, "jurisdiction", f"{label} scope"),
                      str(scope_data.get("basis", "")))
        root = _area(data["jurisdictions"], "", f"{label} jurisdictions")
        templates = {str(k): str(v) for k, v in dict(data.get("templates", {})).items()}
        duties = tuple(_duty(d, f"{label} duties") for d in data.get("duties", []))
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValidationError(_("{label}：缺少或无效的字段 {field}").format(label=label, field=exc)) from None
    if not notices:
        raise ValidationError(_("{label}：活动须至少列出一份文件（notices）").format(label=label))
    unknown = set(templates) - set(CHECK_KINDS)
    if unknown:
        raise ValidationError(_("{label}：未知的检查种类 {unknown}，应为 {kinds}").format(
            label=label, unknown=listing(sorted(unknown)), kinds=listing(CHECK_KINDS)))
    ids = [d.id for d in duties]
    if len(set(ids)) != len(ids):
        raise ValidationError(_("{label}：报送事项编号重复").format(label=label))
    campaign = Campaign(_text(data, "id", label), _text(data, "version", label), _text(data, "title", label),
                        _text(data, "authority", label), notices, rules, scope, root, templates, duties, raw=data)
    if campaign.find(scope.jurisdiction) is None:
        raise ValidationError(_("{label}：范围辖区“{area}”不在辖区表中").format(label=label, area=scope.jurisdiction))
    return campaign


def shipped_campaign_paths() -> list[Path]:
    return sorted(resource_path("campaigns").glob("*.json"))
