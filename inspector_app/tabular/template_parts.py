"""Reading the parts of a checklist template workbook other than its items: 基本信息, 类目, 等级线,
结论等级 and 结论规则 (``docs/template-workbook.md``). ``BookReader`` keeps the problems found in cells and
where each JSON path came from, so that the template's own checks can name cells too."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from inspector_app.domain.conclusions import JsonPath
from inspector_app.domain.template import FORMAT_VERSION
from inspector_app.tabular import template_layout as L
from inspector_app.tabular.book_grid import (
    MISSING,
    Bad,
    CellProblem,
    Fields,
    Grid,
    KeyValues,
    Missing,
    Table,
    blank,
    choice,
    find_sheet,
    flag,
    integer,
    listed,
    number,
    read_key_values,
    read_table,
    rows_of,
    text,
)
from inspector_app.tabular.reader import normalise_grade
from inspector_app.translation import _

Place = tuple[str, int | None, str]
INFO_PATHS: dict[str, JsonPath] = {"conclusion_relative_to": ("conclusion", "relative_to"),
                                   "conclusion_awards_grade": ("conclusion", "awards_grade"),
                                   "conclusion_basis": ("conclusion", "basis")}


def share(value: Any) -> int | float | Missing:
    return number(value, share=True)


def version_text(value: Any) -> str | Missing:
    """A version typed as a number (Excel keeps 1.0 as the number 1): 1 → “1.0”, 1.5 → “1.5”."""
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value}.0"
    return text(value)


def veto(value: Any) -> str | Missing | None:
    """A / B, or 无 (no veto, written out); blank → left out."""
    found = text(value)
    if isinstance(found, Missing):
        return MISSING
    if found.strip().lower() in L.NO_VETO:
        return None
    try:
        return choice(found, L.VETOES, _("否决"))
    except Bad:
        raise Bad(_("否决“{found}”无效，应为 A（整体不通过）、B（所在类目计 0 分）或 {none}").format(found=found, none="无")) from None


def rule_veto(value: Any) -> str | Missing:
    try:
        return choice(value, L.VETOES, _("否决"))
    except Bad:
        raise Bad(_("否决“{text}”无效，应为 A 或 B").format(text=text(value))) from None


def grade(value: Any) -> str | Missing:
    found = text(value)
    if isinstance(found, Missing):
        return found
    result = normalise_grade(found)
    if not result:
        raise Bad(_("等级“{found}”无效，应为 {grades}").format(found=found, grades="一级、二级、三级、小微"))
    return result


def grades(value: Any) -> list[str] | Missing:
    found = listed(value, L.NO_GRADES)
    if isinstance(found, Missing):
        return found
    result = [normalise_grade(g) for g in found]
    bad = [g for g, n in zip(found, result, strict=True) if not n]
    if bad:
        raise Bad(_("等级“{bad}”无效，应为 {grades}（“{none}”：不持证）").format(bad='、'.join(bad), grades="一级、二级、三级、小微", none="无"))
    return [g for g in result if g]


def outcome(value: Any) -> dict[str, Any] | Missing:
    found = text(value)
    if isinstance(found, Missing):
        return found
    try:
        data = json.loads(found)
    except json.JSONDecodeError:
        data = None
    if not isinstance(data, dict):
        raise Bad(_("格式 1 的结论须为 JSON 对象，如 {\"delist_below\": 60}"))
    return data


def clean(value: Any) -> Any:
    """Drop the settings left out (MISSING) from nested data."""
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items() if not isinstance(v, Missing)}
    if isinstance(value, list):
        return [clean(v) for v in value]
    return value


_INFO_CONVERT: dict[str, Callable[[Any], Any]] = {
    "format_version": integer, "version": version_text, "applies_to": grades,
    "industries": lambda v: listed(v, L.ALL_INDUSTRIES), "subject": lambda v: choice(v, L.SUBJECTS, _("检查对象")),
    "conclusion_relative_to": lambda v: choice(v, L.RELATIVE_TO, _("结论针对")),
    "conclusion_awards_grade": flag, "outcome": outcome,
}


class BookReader:
    """The sheets of one workbook, the problems found in its cells, and where each JSON path came from."""

    def __init__(self, grids: dict[str, Grid]) -> None:
        self.grids = grids
        self.problems: list[CellProblem] = []
        self.flagged: set[Place] = set()
        self.where: dict[JsonPath, Place] = {}

    def cell(self, table: Table | KeyValues, row: int | None, key: str, value: Any,
             convert: Callable[[Any], Any] = text) -> Any:
        """The converted value, or MISSING with a problem at the cell."""
        try:
            return convert(value)
        except Bad as exc:
            self.problem(table, row, key, str(exc))
            return MISSING

    def problem(self, table: Table | KeyValues, row: int | None, key: str, message: str) -> None:
        found = table.problem(row, key, message) if isinstance(table, Table) else table.problem(key, message)
        self.problems.append(found)
        self.flagged.add((found.sheet, found.row, found.column))

    def place(self, path: JsonPath, table: Table, row: int, keys: tuple[str, ...]) -> None:
        """Where the object at ``path`` and its fields (named as the table's columns) came from."""
        self.where[path] = (table.sheet, row, "")
        for key in keys:
            self.where[(*path, key)] = (table.sheet, row, table.label(key))

    def table(self, names: tuple[str, ...], fields: Fields, required: tuple[str, ...],
              fill_down: tuple[str, ...] = ()) -> Table | None:
        grid = find_sheet(self.grids, names)
        if grid is None:
            return None
        if fill_down:
            probe = read_table(grid, fields, required, [])
            for key in fill_down:
                if probe is not None and key in probe.columns:
                    grid.fill_down(probe.columns[key])
        return read_table(grid, fields, required, self.problems)

    # -- 基本信息 --

    def info(self) -> dict[str, Any]:
        grid = find_sheet(self.grids, L.INFO_SHEET)
        if grid is None:
            self.problems.append(CellProblem(L.INFO_SHEET[0], None, "", _("找不到工作表“{sheet}”").format(sheet=L.INFO_SHEET[0])))
            return {}
        kv = read_key_values(grid, L.INFO, self.problems)
        values = {}
        for key in L.INFO.by_key:
            row = kv.row(key)
            self.where[INFO_PATHS.get(key, (key,))] = (kv.sheet, row, kv.value_header if row else "")
            values[key] = self.cell(kv, row, key, kv.get(key), _INFO_CONVERT.get(key, text))
        if isinstance(values["format_version"], Missing) and not self._flagged(kv, "format_version"):
            values["format_version"] = FORMAT_VERSION
        return values

    def _flagged(self, kv: KeyValues, key: str) -> bool:
        return (kv.sheet, kv.row(key), kv.value_header) in self.flagged

    # -- 类目 --

    def element_sheet(self) -> tuple[Table | None, dict[str, tuple[int, Any, Any]]]:
        """The 类目 sheet: code → (row, title, min_share)."""
        table = self.table(L.ELEMENT_SHEET, L.ELEMENTS, ("code",))
        found: dict[str, tuple[int, Any, Any]] = {}
        for row, values in rows_of(table):
            assert table is not None
            code = self.cell(table, row, "code", values["code"])
            if not blank(values.get("veto")):
                self.problem(table, row, "veto", _("类目不能设否决（否决只用于检查项或扣分规则）"))
            if isinstance(code, Missing):
                self.problem(table, row, "code", _("缺少类目编号"))
                continue
            if code in found:
                self.problem(table, row, "code", _("类目 {code} 重复（第 {found} 行已有）").format(code=code, found=found[code][0]))
                continue
            found[code] = (row, self.cell(table, row, "title", values.get("title")),
                           self.cell(table, row, "min_share", values.get("min_share"), share))
        return table, found

    # -- 等级线 --

    def thresholds(self) -> list[dict[str, Any]] | Missing:
        table = self.table(L.GRADE_SHEET, L.GRADES, ("grade", "min_score"))
        self.where[("grade_thresholds",)] = (L.GRADE_SHEET[0], None, "")
        if table is None:
            return MISSING
        result: list[dict[str, Any]] = []
        for row, values in table.rows:
            self.place(("grade_thresholds", len(result)), table, row, ("grade", "min_score", "min_element_share"))
            result.append({"grade": self.cell(table, row, "grade", values["grade"], grade),
                           "min_score": self.cell(table, row, "min_score", values["min_score"], number),
                           "min_element_share": self.cell(table, row, "min_element_share",
                                                          values.get("min_element_share"), share)})
        return result

    # -- 结论等级, 结论规则 --

    def conclusion(self, info: dict[str, Any]) -> dict[str, Any] | Missing:
        levels = self.table(L.LEVEL_SHEET, L.LEVELS, ("code",))
        rules = self.table(L.RULE_SHEET, L.RULES, ("when", "then"))
        self.where[("conclusion",)] = (L.LEVEL_SHEET[0], None, "")
        self.where[("conclusion", "levels")] = (L.LEVEL_SHEET[0], None, "")
        self.where[("conclusion", "rules")] = (L.RULE_SHEET[0], None, "")
        keys = tuple(INFO_PATHS)
        if levels is None and rules is None and all(isinstance(info.get(k, MISSING), Missing) for k in keys):
            return MISSING
        block: dict[str, Any] = {str(INFO_PATHS[k][1]): info.get(k, MISSING) for k in keys}
        if levels is not None:
            block["levels"] = []
            for row, values in levels.rows:
                self.place(("conclusion", "levels", len(block["levels"])), levels, row, ("code", "label", "counts_as"))
                block["levels"].append({
                    "code": self.cell(levels, row, "code", values["code"]),
                    "label": self.cell(levels, row, "label", values.get("label")),
                    "counts_as": self.cell(levels, row, "counts_as", values.get("counts_as"),
                                           lambda v: choice(v, L.COUNTS_AS, _("计入")))})
        block["rules"] = []
        for row, values in rows_of(rules):
            assert rules is not None
            self.place(("conclusion", "rules", len(block["rules"])), rules, row,
                       ("when", "veto", "value", "then", "source"))
            block["rules"].append({
                "when": self.cell(rules, row, "when", values["when"], lambda v: choice(v, L.WHEN_WORDS, _("条件"))),
                "veto": self.cell(rules, row, "veto", values.get("veto"), rule_veto),
                "value": self.cell(rules, row, "value", values.get("value"), number),
                "then": self.cell(rules, row, "then", values["then"]),
                "source": self.cell(rules, row, "source", values.get("source"))})
        return block
