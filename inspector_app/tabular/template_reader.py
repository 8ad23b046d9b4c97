"""A checklist template workbook (``docs/template-workbook.md``) → the template's JSON data, with every
problem at its sheet, row and column.

The cells are read first (a value a column cannot hold is a problem there, and the setting is left out);
then the data is checked by the template's own schema and rules (``domain.template.template_problems``,
the checks ``parse_template`` applies to a JSON file), each problem placed at the cell its JSON path came
from. The template is good only when the list of problems is empty.

The 检查项 sheet holds one row per item and, under it, one row per deduction clause (XLSForm's one row
per question). The 类型 column says which (检查项 / 扣分 / 类目); left blank, a row whose code continues
the item's above with something other than a digit or a dot (A.1-2 under A.1) is a clause of it, a row
with only a 类目 filled opens that element, any other row is an item. A blank 类目 cell is the one above
(so a merged cell works)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from inspector_app.domain.conclusions import JsonPath
from inspector_app.domain.template import template_problems
from inspector_app.tabular import template_layout as L
from inspector_app.tabular.book_grid import (
    MISSING,
    CellProblem,
    Grid,
    Missing,
    Table,
    blank,
    choice,
    find_sheet,
    flag,
    integer,
    listed,
    number,
    open_book,
    text,
)
from inspector_app.tabular.template_parts import BookReader, Place, clean, veto
from inspector_app.translation import _

_SPLIT_TITLE = re.compile(r"^(\S+?)(?:\s+|[、：:])(.+)$")
_ITEM_FIELDS = ("code", "sub_element", "text", "evidence", "points", "require_note_on_fail",
                "require_photo_on_fail", "veto", "na_allowed", "industries", "enterprise_fix", "major_hazard",
                "source")
_CONVERT: dict[str, Callable[[Any], Any]] = {"points": number, "max_times": integer, "veto": veto, "require_note_on_fail": flag,
            "require_photo_on_fail": flag, "na_allowed": flag, "enterprise_fix": flag, "major_hazard": flag,
            "industries": lambda v: listed(v, L.ALL_INDUSTRIES)}
_ELEMENT_COLUMNS = frozenset({"row_type", "element", "element_title"})


@dataclass
class TemplateBook:
    """What a workbook holds: the template data (good only when ``problems`` is empty), and the sheets
    that were not read (notes for the report)."""

    data: dict[str, Any]
    problems: list[CellProblem]
    ignored: list[str] = field(default_factory=list)


def read_template_book(path: Path) -> TemplateBook:
    return read_template_grids(open_book(path))


def clause_of(code: str, item_code: str) -> bool:
    """A deduction clause's code starts with its item's and goes on with something other than a digit or
    a dot: A.1-2 is a clause of A.1; A.10 and A.1.1 are items."""
    rest = code[len(item_code):] if item_code and code.startswith(item_code) else ""
    return bool(rest) and not rest[0].isdigit() and rest[0] != "."


@dataclass
class _Element:
    code: str
    row: int
    items: list[dict[str, Any]] = field(default_factory=list)
    title: tuple[str, int, str] | None = None  # the title written on 检查项: (title, row, column)


class _Items:
    """The 检查项 sheet, row by row."""

    def __init__(self, reader: BookReader, table: Table) -> None:
        self.r, self.t = reader, table
        self.elements: list[_Element] = []
        self.item: dict[str, Any] | None = None
        self.item_path: JsonPath = ()

    def read(self) -> None:
        for row, values in self.t.rows:
            kind = self.r.cell(self.t, row, "row_type", values.get("row_type"), lambda v: choice(v, L.ROW_TYPES, _("类型")))
            if isinstance(kind, Missing) and not blank(values.get("row_type")):
                continue  # an unknown row type was reported
            code = self.r.cell(self.t, row, "element", values.get("element"))
            title = self.r.cell(self.t, row, "element_title", values.get("element_title"))
            if isinstance(kind, Missing):
                kind = self._kind(values, code)
            if kind == "element" and isinstance(code, Missing):
                code, title = text(values.get("code")), text(values.get("text")) if isinstance(title, Missing) else title
            if isinstance(code, str) and isinstance(title, Missing) and (m := _SPLIT_TITLE.match(code)):
                code, title = m.group(1), m.group(2).strip()
            if kind == "clause":
                self._clause(row, values, code)
            else:
                self._element(row, code, title)
                if kind == "element":
                    self._element_row(row, values)
                else:
                    self._item(row, values)

    def _kind(self, values: dict[str, Any], element: Any) -> str:
        filled = {k for k, v in values.items() if not blank(v)}
        if filled <= _ELEMENT_COLUMNS:
            return "element"
        code = text(values.get("code"))
        if "element" not in self.t.columns and filled <= {"code", "text"} and not (
                self.item is not None and isinstance(code, str) and clause_of(code, str(self.item.get("code", "")))):
            return "element"  # a heading row (类目 and its name) in a sheet without a 类目 column
        same = isinstance(element, Missing) or (bool(self.elements) and element == self.elements[-1].code)
        if self.item is not None and isinstance(code, str) and same and clause_of(code, str(self.item.get("code", ""))):
            return "clause"
        return "item"

    def _element(self, row: int, code: Any, title: Any) -> None:
        if isinstance(code, str) and (not self.elements or code != self.elements[-1].code):
            self.elements.append(_Element(code, row))
            path: JsonPath = ("elements", len(self.elements) - 1)
            self.r.where[path] = (self.t.sheet, row, self.t.label("element"))
            self.r.where[(*path, "code")] = self.r.where[(*path, "title")] = self.r.where[path]
        if isinstance(title, str) and self.elements:
            element = self.elements[-1]
            if element.title is None:
                element.title = (title, row, self.t.label("element_title"))
            elif element.title[0] != title:
                self.r.problem(self.t, row, "element_title",
                               _("类目 {code} 的名称“{title}”与第 {row} 行的“{first}”不同").format(
                                   code=element.code, title=title, row=element.title[1], first=element.title[0]))

    def _element_row(self, row: int, values: dict[str, Any]) -> None:
        self.item = None
        if not blank(values.get("veto")):
            self.r.problem(self.t, row, "veto", _("类目不能设否决（否决只用于检查项或扣分规则）"))
        others = [k for k, v in values.items()
                  if not blank(v) and k not in _ELEMENT_COLUMNS | {"code", "text", "veto"}]
        for key in others:
            self.r.problem(self.t, row, key, _("类目行只填写类目编号和名称"))

    def _item(self, row: int, values: dict[str, Any]) -> None:
        for key in L.CLAUSE_ONLY:
            if not blank(values.get(key)):
                self.r.problem(self.t, row, key, _("检查项不填写“{label}”（只用于扣分规则）").format(label=self.t.label(key)))
        item = {key: self.r.cell(self.t, row, key, values.get(key), _CONVERT.get(key, text)) for key in _ITEM_FIELDS}
        self.item = item
        if not self.elements:
            self.r.problem(self.t, row, "element", _("检查项没有所属类目（在“{column}”列填写类目编号）").format(column=self.t.label("element")))
            return
        element = self.elements[-1]
        self.item_path = ("elements", len(self.elements) - 1, "items", len(element.items))
        self.r.place(self.item_path, self.t, row, _ITEM_FIELDS)
        element.items.append(item)

    def _clause(self, row: int, values: dict[str, Any], element: Any) -> None:
        if self.item is None:
            self.r.problem(self.t, row, "code", _("扣分规则的上方没有检查项（扣分规则写在其检查项的下一行）"))
            return
        if isinstance(element, str) and self.elements and element != self.elements[-1].code:
            self.r.problem(self.t, row, "element",
                           _("扣分规则的类目“{element}”与其检查项 {code} 的类目不同").format(element=element, code=self.item.get('code', '')))
        for key in L.ITEM_ONLY:
            if not blank(values.get(key)):
                self.r.problem(self.t, row, key, _("扣分规则不填写“{label}”（只用于检查项）").format(label=self.t.label(key)))
        clause = {key: self.r.cell(self.t, row, key, values.get(key), _CONVERT.get(key, text))
                  for key in L.CLAUSE_KEYS}
        clauses = self.item.setdefault("deductions", [])
        if self.item_path:
            self.r.place((*self.item_path, "deductions", len(clauses)), self.t, row, L.CLAUSE_KEYS)
        clauses.append(clause)

    def data(self, sheet: Table | None, listed_: dict[str, tuple[int, Any, Any]]) -> list[dict[str, Any]]:
        """The elements with their titles and minimum shares from the 类目 sheet (when there is one)."""
        result = []
        for n, element in enumerate(self.elements):
            path: JsonPath = ("elements", n)
            entry: dict[str, Any] = {"code": element.code, "title": MISSING, "min_share": MISSING,
                                     "items": element.items}
            found = listed_.get(element.code)
            if found is not None and sheet is not None:
                row, title, share = found
                entry["min_share"] = share
                self.r.place(path, sheet, row, ("title", "min_share"))
                self.r.where[path] = self.r.where[(*path, "code")] = (self.t.sheet, element.row, self.t.label("element"))
                if isinstance(title, str):
                    entry["title"] = title
                    if element.title is not None and title != element.title[0]:
                        self.r.problem(self.t, element.title[1], "element_title",
                                       _("类目 {code} 的名称“{title}”与“{sheet}”工作表第 {row} 行的“{other}”不同").format(
                                           sheet=sheet.sheet, code=element.code, title=element.title[0], row=row, other=title))
            if isinstance(entry["title"], Missing) and element.title is not None:
                entry["title"] = element.title[0]
                self.r.where[(*path, "title")] = (self.t.sheet, element.title[1], element.title[2])
            if isinstance(entry["title"], Missing):
                self.r.problem(self.t, element.row, "element", _("类目 {code} 没有名称（在“{sheet}”工作表填写）").format(code=element.code, sheet=L.ELEMENT_SHEET[0]))
                self.r.where[(*path, "title")] = (self.t.sheet, element.row, self.t.label("element"))
            result.append(entry)
        used = {e.code for e in self.elements}
        for code, (row, _title, _share) in listed_.items():
            if code not in used and sheet is not None:
                self.r.problem(sheet, row, "code", _("类目 {code} 没有任何检查项").format(code=code))
        return result


def read_template_grids(grids: dict[str, Grid]) -> TemplateBook:
    """The template in a workbook already opened (``book_grid.open_book``)."""
    reader = BookReader(grids)
    info = reader.info()
    element_table, listed_ = reader.element_sheet()
    table = reader.table(L.ITEM_SHEET, L.ITEMS, ("code", "text", "points"), ("row_type", "element", "element_title"))
    reader.where[("elements",)] = (L.ITEM_SHEET[0], None, "")
    elements: Any = MISSING
    if table is not None:
        items = _Items(reader, table)
        items.read()
        elements = items.data(element_table, listed_)
    elif find_sheet(grids, L.ITEM_SHEET) is None:
        reader.problems.append(CellProblem(L.ITEM_SHEET[0], None, "", _("找不到工作表“{sheet}”").format(sheet=L.ITEM_SHEET[0])))
    data = clean({key: info.get(key, MISSING) for key in L.TOP_KEYS}
                 | {"grade_thresholds": reader.thresholds(),
                    "conclusion": reader.conclusion(info) if info else MISSING, "elements": elements})
    data = {key: data[key] for key in L.TOP_KEYS if key in data}
    for problem in template_problems(data):
        place = _locate(reader.where, problem.path)
        if place in reader.flagged and place[1] is not None:
            continue  # the cell's own problem was reported
        found = CellProblem(place[0], place[1], place[2], problem.message.removeprefix("conclusion："))
        if found not in reader.problems:
            reader.problems.append(found)
    order = {name: n for n, name in enumerate(L.SHEET_ORDER)}
    problems = sorted(reader.problems, key=lambda p: (order.get(p.sheet, len(order)), p.row or 0))
    known = (*L.INFO_SHEET, *L.ELEMENT_SHEET, *L.ITEM_SHEET, *L.GRADE_SHEET, *L.LEVEL_SHEET, *L.RULE_SHEET,
             L.HELP_SHEET)
    ignored = [name for name in grids if find_sheet({name: grids[name]}, known) is None]
    return TemplateBook(data, problems, ignored)


def _locate(where: dict[JsonPath, Place], path: JsonPath) -> Place:
    for end in range(len(path), 0, -1):
        found = where.get(path[:end])
        if found is not None:
            return found
    return (L.INFO_SHEET[0], None, "")
