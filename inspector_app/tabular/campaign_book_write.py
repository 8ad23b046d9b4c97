"""A campaign's JSON data → its workbook (``tabular.campaign_book`` reads it back to the same data):
dates as real dates, levels, parties, duties and kinds of check in words."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import IO, Any

from inspector_app.domain.campaign import CHECK_KINDS, DUTY_KINDS, LEVELS, PARTIES
from inspector_app.tabular import campaign_book as C
from inspector_app.tabular.book_write import choices, info_sheet, new_book, save, table_sheet


def _day(value: Any) -> Any:
    """An ISO date as a date cell (what Excel shows as a date); anything else as it is."""
    try:
        return date.fromisoformat(value) if isinstance(value, str) else value
    except ValueError:
        return value


def _areas(node: dict[str, Any], parent: str, names: list[str], rows: list[list[Any]]) -> None:
    rows.append([parent or None, node.get("name"), LEVELS.get(node.get("level", ""), node.get("level")),
                 node.get("office")])
    for child in node.get("children", []):
        # the 上级 by its name, or by its full name where two areas share a name
        _areas(child, node["name"] if names.count(node["name"]) == 1 else node["_path"], names, rows)


def _with_paths(node: dict[str, Any], prefix: str) -> dict[str, Any]:
    path = prefix + str(node.get("name", ""))
    return node | {"_path": path, "children": [_with_paths(c, path) for c in node.get("children", [])]}


def _names(node: dict[str, Any]) -> list[str]:
    return [str(node.get("name"))] + [n for child in node.get("children", []) for n in _names(child)]


def _date_format(sheet: Any, column: int) -> None:
    for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
        if isinstance(cell.value, date):
            cell.number_format = "yyyy-mm-dd"


def build_campaign_book(data: dict[str, Any]) -> Any:
    book = new_book(str(data.get("title", "")))
    scope = data.get("scope", {})
    values = {"format_version": data.get("format_version"), "id": data.get("id"), "version": data.get("version"),
              "title": data.get("title"), "authority": data.get("authority"),
              "cert_grades": "、".join(scope.get("cert_grades", [])), "industries": "、".join(scope.get("industries", [])),
              "valid_on": _day(scope.get("valid_on")), "jurisdiction": scope.get("jurisdiction"),
              "basis": scope.get("basis")}
    info = info_sheet(book, C.INFO_SHEET[0], [(field, values[field.key]) for field in C.INFO.fields])
    for (cell,) in info.iter_rows(min_row=2, min_col=2, max_col=2):
        if isinstance(cell.value, date):
            cell.number_format = "yyyy-mm-dd"
    notices = [[n.get("number"), n.get("title"), n.get("authority"), _day(n.get("date"))]
               for n in data.get("notices", [])]
    _date_format(table_sheet(book, C.NOTICE_SHEET[0], C.NOTICES, ("number", "title", "authority", "date"), notices,
                             widths={"title": 60.0, "date": 12.0}), 4)
    rules = [[r.get("id"), r.get("title"), r.get("number"), r.get("why")] for r in data.get("rules", [])]
    table_sheet(book, C.RULE_SHEET[0], C.RULES, ("id", "title", "number", "why"), rules, widths={"why": 60.0})
    kinds = [[CHECK_KINDS.get(k, k).strip("“”"), t] for k, t in data.get("templates", {}).items()]
    sheet = table_sheet(book, C.TEMPLATE_SHEET[0], C.TEMPLATES, ("kind", "template"), kinds)
    choices(sheet, 1, [v.strip("“”") for v in CHECK_KINDS.values()], len(kinds))
    areas: list[list[Any]] = []
    root = data.get("jurisdictions")
    if isinstance(root, dict):
        _areas(_with_paths(root, ""), "", _names(root), areas)
    sheet = table_sheet(book, C.AREA_SHEET[0], C.AREAS, ("parent", "name", "level", "office"), areas)
    choices(sheet, 3, list(LEVELS.values()), len(areas))
    duties = [[d.get("id"), DUTY_KINDS.get(d.get("what", ""), d.get("what")), PARTIES.get(d.get("from", ""), d.get("from")),
               PARTIES.get(d.get("to", ""), d.get("to")), _day(d.get("due")), d.get("title"), d.get("basis")]
              for d in data.get("duties", [])]
    sheet = table_sheet(book, C.DUTY_SHEET[0], C.DUTIES, ("id", "what", "from", "to", "due", "title", "basis"), duties,
                        widths={"due": 12.0, "title": 56.0, "basis": 24.0})
    _date_format(sheet, 5)
    choices(sheet, 2, list(DUTY_KINDS.values()), len(duties))
    for column in (3, 4):
        choices(sheet, column, list(PARTIES.values()), len(duties))
    return book


def write_campaign_book(data: dict[str, Any], target: Path | IO[bytes]) -> None:
    """Write a campaign's data as its workbook; a path atomically."""
    save(build_campaign_book(data), target)
