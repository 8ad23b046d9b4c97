"""A campaign as the workbook a bureau edits (``docs/template-workbook.md``, “活动工作簿”): 基本信息 (id,
version, title, authority and the scope), 文件 (the notices), 规则 (the rules in force), 检查表 (the template
of each kind of check), 辖区 (the chain of offices, one row per area under its 上级) and 报送事项 (the
reporting duties with full dates). ``read_campaign_book`` gives the campaign's JSON data and every problem
at its sheet, row and column; ``write_campaign_book`` writes a campaign's data back to the same data."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from inspector_app.domain.campaign import CHECK_KINDS, DUTY_KINDS, LEVELS, PARTIES, parent_level
from inspector_app.tabular.book_grid import (
    MISSING,
    Bad,
    CellProblem,
    Field,
    Fields,
    Grid,
    KeyValues,
    Missing,
    Table,
    blank,
    choice,
    find_sheet,
    integer,
    listed,
    open_book,
    read_key_values,
    read_table,
    text,
)
from inspector_app.tabular.reader import DateProblem, cell_text, normalise_grade, parse_date
from inspector_app.translation import _

INFO_SHEET, NOTICE_SHEET, RULE_SHEET = ("基本信息", "活动信息"), ("文件", "通知", "依据文件"), ("规则", "适用规则")
TEMPLATE_SHEET, AREA_SHEET, DUTY_SHEET = ("检查表", "检查表模板"), ("辖区", "辖区表"), ("报送事项", "报送")
SHEETS = (INFO_SHEET[0], NOTICE_SHEET[0], RULE_SHEET[0], TEMPLATE_SHEET[0], AREA_SHEET[0], DUTY_SHEET[0])

INFO = Fields(
    Field("format_version", ("格式版本",), "活动文件格式版本，现为 1（空白即 1）"),
    Field("id", ("活动编号", "编号"), "如 jiangsu-changzhou-2021"),
    Field("version", ("版本", "版本号"), "改动后须提高版本号"),
    Field("title", ("名称", "活动名称", "标题"), ""),
    Field("authority", ("组织机关", "组织单位", "发起机关"), "如 常州市应急管理局"),
    Field("cert_grades", ("范围证书等级", "证书等级"), "活动覆盖的证书等级，用“、”分隔"),
    Field("industries", ("范围行业", "行业"), "用“、”分隔；空白：全部行业"),
    Field("valid_on", ("证书有效日期", "有效日期"), "证书须在此日仍有效（完整日期，如 2020-01-19）"),
    Field("jurisdiction", ("范围辖区", "辖区"), "活动覆盖的辖区（辖区表中的全称，如 江苏省常州市）"),
    Field("basis", ("范围依据",), "范围的依据"),
)
NOTICES = Fields(Field("number", ("文号",)), Field("title", ("标题", "文件标题", "名称")),
                 Field("authority", ("发文机关", "发文单位", "机关")), Field("date", ("发文日期", "日期", "成文日期")))
RULES = Fields(Field("id", ("编号",)), Field("title", ("名称", "标题")), Field("number", ("文号",)),
               Field("why", ("说明", "适用原因", "备注")))
TEMPLATES = Fields(Field("kind", ("检查种类", "种类")), Field("template", ("模板编号", "检查表", "模板")))
AREAS = Fields(Field("parent", ("上级", "上级辖区")), Field("name", ("名称", "辖区", "辖区名称")),
               Field("level", ("层级", "级别")), Field("office", ("机关", "应急管理部门", "负责机关")))
DUTIES = Fields(Field("id", ("编号",)), Field("what", ("事项", "报送内容", "类别")),
                Field("from", ("报送方", "报送单位", "报送")), Field("to", ("接收方", "接收单位", "报送至")),
                Field("due", ("截止日期", "期限", "报送期限")), Field("title", ("标题", "名称")),
                Field("basis", ("依据",)))

_LEVEL_WORDS = {**{v: k for k, v in LEVELS.items()}, "市": "city", "设区的市": "city", "区": "district",
                "县": "district", "县（市、区）": "district", "辖市区": "district", "省级": "province"}
_PARTY_WORDS = {**{v: k for k, v in PARTIES.items()}, **_LEVEL_WORDS}
_KIND_WORDS = {**{v.strip("“”"): k for k, v in CHECK_KINDS.items()}, "评审质量自查自纠": "review_quality"}
_DUTY_WORDS = {v: k for k, v in DUTY_KINDS.items()}


def _date(value: Any) -> str | Missing:
    if blank(value):
        return MISSING
    try:
        found = parse_date(value)
    except DateProblem:
        raise Bad(_("日期“{value}”须写成完整日期（含年份），如 2020-03-27").format(value=cell_text(value))) from None
    return found.isoformat() if found else MISSING


@dataclass
class CampaignBook:
    data: dict[str, Any]
    problems: list[CellProblem] = field(default_factory=list)


class _Reader:
    def __init__(self, grids: dict[str, Grid]) -> None:
        self.grids = grids
        self.problems: list[CellProblem] = []

    def cell(self, table: Table | KeyValues, row: int | None, key: str, value: Any, convert: Any = text,
             required: bool = False) -> Any:
        try:
            found = convert(value)
        except Bad as exc:
            self.problems.append(table.problem(row, key, str(exc)) if isinstance(table, Table)
                                 else table.problem(key, str(exc)))
            return MISSING
        if required and isinstance(found, Missing):
            label = table.fields.label(key)
            self.problems.append(table.problem(row, key, _("缺少{label}").format(label=label)) if isinstance(table, Table)
                                 else table.problem(key, _("缺少{label}").format(label=label)))
        return found

    def table(self, names: tuple[str, ...], fields: Fields, required: tuple[str, ...]) -> Table | None:
        grid = find_sheet(self.grids, names)
        if grid is None:
            self.problems.append(CellProblem(names[0], None, "", _("找不到工作表“{sheet}”").format(sheet=names[0])))
            return None
        return read_table(grid, fields, required, self.problems)

    def rows(self, names: tuple[str, ...], fields: Fields, required: tuple[str, ...],
             convert: dict[str, Any] | None = None) -> list[tuple[Table, int, dict[str, Any]]]:
        table = self.table(names, fields, required)
        if table is None:
            return []
        result = []
        for row, values in table.rows:
            converted = {key: self.cell(table, row, key, values.get(key), (convert or {}).get(key, text),
                                        key in required) for key in fields.by_key}
            result.append((table, row, converted))
        return result


def _grades(value: Any) -> list[str] | Missing:
    found = listed(value)
    if isinstance(found, Missing):
        return []
    grades = [normalise_grade(g) for g in found]
    if not all(grades):
        raise Bad(_("证书等级“{value}”无效，应为 {grades}").format(value=cell_text(value), grades="一级、二级、三级、小微"))
    return [g for g in grades if g]


def _industries(value: Any) -> list[str]:
    found = listed(value)
    return [] if isinstance(found, Missing) else found


def read_campaign_book(path: Path) -> CampaignBook:
    return read_campaign_grids(open_book(path))


def read_campaign_grids(grids: dict[str, Grid]) -> CampaignBook:
    r = _Reader(grids)
    grid = find_sheet(grids, INFO_SHEET)
    info: dict[str, Any] = {}
    kv: KeyValues | None = None
    if grid is None:
        r.problems.append(CellProblem(INFO_SHEET[0], None, "", _("找不到工作表“{sheet}”").format(sheet=INFO_SHEET[0])))
    else:
        kv = read_key_values(grid, INFO, r.problems)
        convert = {"format_version": integer, "cert_grades": _grades, "industries": _industries,
                   "valid_on": _date}
        for key in INFO.by_key:
            info[key] = r.cell(kv, kv.row(key), key, kv.get(key), convert.get(key, text),
                               key in ("id", "version", "title", "authority", "valid_on", "jurisdiction"))
    notices = [{"number": v["number"], "title": v["title"], "authority": v["authority"],
                "date": None if isinstance(v["date"], Missing) else v["date"]}
               for _, _, v in r.rows(NOTICE_SHEET, NOTICES, ("number", "title", "authority"), {"date": _date})]
    if not notices and find_sheet(grids, NOTICE_SHEET) is not None:
        r.problems.append(CellProblem(NOTICE_SHEET[0], None, "", _("活动须至少列出一份文件")))
    rules = [{k: v[k] for k in ("id", "title", "number", "why") if not isinstance(v[k], Missing)}
             for _, _, v in r.rows(RULE_SHEET, RULES, ("id", "title", "number"))]
    templates: dict[str, Any] = {}
    for table, row, v in r.rows(TEMPLATE_SHEET, TEMPLATES, ("kind", "template"),
                                {"kind": lambda x: choice(x, _KIND_WORDS, _("检查种类"))}):
        if isinstance(v["kind"], str) and v["kind"] in templates:
            r.problems.append(table.problem(row, "kind", _("检查种类“{kind}”重复").format(kind=CHECK_KINDS[v['kind']])))
        elif isinstance(v["kind"], str):
            templates[v["kind"]] = v["template"]
    root = _areas(r)
    duties = []
    seen: dict[str, int] = {}
    for table, row, v in r.rows(DUTY_SHEET, DUTIES, ("id", "what", "from", "to", "title", "basis"),
                                {"what": lambda x: choice(x, _DUTY_WORDS, _("事项")),
                                 "from": lambda x: choice(x, _PARTY_WORDS, _("报送方")),
                                 "to": lambda x: choice(x, _PARTY_WORDS, _("接收方")), "due": _date}):
        if isinstance(v["id"], str) and v["id"] in seen:
            r.problems.append(table.problem(row, "id", _("报送事项编号“{id}”重复（第 {seen} 行已有）").format(id=v['id'], seen=seen[v['id']])))
        seen.setdefault(str(v["id"]), row)
        duties.append({**v, "due": None if isinstance(v["due"], Missing) else v["due"]})
    if kv is not None and root is not None and isinstance(info.get("jurisdiction"), str):
        paths = _paths(root, "")
        wanted = info["jurisdiction"]
        names = [p[len(q):] for p, q in zip(paths, _parents(root, ""), strict=True)]
        if wanted not in paths and wanted not in {p.removeprefix(root["name"]) for p in paths} \
                and names.count(wanted) != 1:
            r.problems.append(kv.problem("jurisdiction", _("范围辖区“{wanted}”不在“{sheet}”工作表中").format(wanted=wanted, sheet=AREA_SHEET[0])))
    scope = {k: info.get(k, MISSING) for k in ("cert_grades", "industries", "valid_on", "jurisdiction", "basis")}
    data: dict[str, Any] = {"format_version": 1 if isinstance(info.get("format_version"), Missing) else info.get("format_version"),
            "id": info.get("id"), "version": info.get("version"), "title": info.get("title"),
            "authority": info.get("authority"), "notices": notices, "rules": rules,
            "scope": {k: v for k, v in scope.items() if not isinstance(v, Missing)},
            "jurisdictions": root, "templates": templates, "duties": duties}
    return CampaignBook(data, r.problems)


def _paths(node: dict[str, Any], prefix: str) -> list[str]:
    path = prefix + node["name"]
    return [path] + [p for child in node.get("children", []) for p in _paths(child, path)]


def _parents(node: dict[str, Any], prefix: str) -> list[str]:
    """The path of each area's parent, in the order of ``_paths``."""
    path = prefix + node["name"]
    return [prefix] + [p for child in node.get("children", []) for p in _parents(child, path)]


def _areas(r: _Reader) -> dict[str, Any] | None:
    """The 辖区 sheet: one row per area, its 上级 by name (or full name); the one without a 上级 is the root."""
    rows = r.rows(AREA_SHEET, AREAS, ("name", "level"), {"level": lambda x: choice(x, _LEVEL_WORDS, _("层级"))})
    nodes = [({"name": v["name"], "level": v["level"], "office": v["office"]}, v["parent"], table, row)
             for table, row, v in rows if isinstance(v["name"], str)]
    paths: dict[int, str] = {}
    children: dict[int, list[int]] = {n: [] for n in range(len(nodes))}
    roots: list[int] = []
    orphans: set[int] = set()  # their 上级 was not found (reported)
    parents: dict[int, int] = {}
    for n, (node, parent, table, row) in enumerate(nodes):
        if isinstance(parent, Missing):
            roots.append(n)
            continue
        found = [m for m, (other, _, _, _) in enumerate(nodes) if other["name"] == parent]
        if len(found) != 1:
            found = [m for m in range(len(nodes)) if _full_name(nodes, m) == parent]
        if len(found) != 1 or found[0] == n:
            what = _("不唯一，请写上级的全称") if len(found) > 1 else _("不在本表中")
            r.problems.append(table.problem(row, "parent", _("上级“{parent}”{what}").format(parent=parent, what=what)))
            orphans.add(n)
            continue
        children[found[0]].append(n)
        parents[n] = found[0]
        if isinstance(node["level"], str) and isinstance(nodes[found[0]][0]["level"], str) \
                and parent_level(node["level"]) != nodes[found[0]][0]["level"]:
            r.problems.append(table.problem(row, "level", _("{level}“{name}”不能直属于{parent_level}“{parent}”").format(
                level=LEVELS[node['level']], name=node['name'], parent_level=LEVELS[nodes[found[0]][0]['level']], parent=parent)))
    if not nodes:
        if rows or find_sheet(r.grids, AREA_SHEET) is not None:
            r.problems.append(CellProblem(AREA_SHEET[0], None, "", _("辖区表是空的")))
        return None
    for extra in roots[1:]:
        r.problems.append(nodes[extra][2].problem(nodes[extra][3], "parent", _("只能有一个最上级辖区（其余须填写上级）")))
    if not roots:
        r.problems.append(CellProblem(AREA_SHEET[0], None, "", _("须有一个不填上级的最上级辖区")))
        return None
    placed: set[int] = set()

    def build(n: int, prefix: str) -> dict[str, Any]:
        placed.add(n)
        node = {k: v for k, v in nodes[n][0].items() if not isinstance(v, Missing)}
        paths[n] = prefix + str(node["name"])
        kids = [build(c, paths[n]) for c in children[n] if c not in placed]
        return node | ({"children": kids} if kids else {})

    tree = build(roots[0], "")
    for n in range(len(nodes)):
        if n not in placed and n not in roots and not _under(n, parents, orphans):
            r.problems.append(nodes[n][2].problem(nodes[n][3], "parent", _("上级关系成环，连不到最上级辖区")))
    return tree


def _under(n: int, parents: dict[int, int], orphans: set[int]) -> bool:
    """Whether the area or one above it has a 上级 that was not found (reported there already)."""
    seen: set[int] = set()
    while n not in seen:
        if n in orphans:
            return True
        seen.add(n)
        if n not in parents:
            return False
        n = parents[n]
    return False


def _full_name(nodes: list[tuple[dict[str, Any], Any, Table, int]], n: int) -> str:
    names, seen = [], set()
    while n not in seen:
        seen.add(n)
        names.append(str(nodes[n][0]["name"]))
        parent = nodes[n][1]
        found = [m for m, (other, _, _, _) in enumerate(nodes) if other["name"] == parent]
        if len(found) != 1:
            break
        n = found[0]
    return "".join(reversed(names))
