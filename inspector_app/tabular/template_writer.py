"""A checklist template's JSON data → its workbook (``docs/template-workbook.md``), the form a bureau
edits: what ``tabular.template_reader`` reads back to the same data (a setting left out stays a blank
cell, one written out – 否, 无 – stays written)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import IO, Any

from inspector_app.tabular import template_layout as L
from inspector_app.tabular.book_grid import Field
from inspector_app.tabular.book_write import choices, info_sheet, new_book, save, table_sheet

_WHEN_NOTES = {
    "veto": "某类否决触发（“否决”列写 A 或 B）", "score_below": "得分低于“数值”",
    "below_grade_held": "得分或类目得分率低于所持证书等级的等级线", "element_below_min_share": "某类目得分率低于其最低得分率",
    "major_open": "有未整改的重大事故隐患", "major_overdue": "有逾期未整改的重大事故隐患",
    "general_open": "有未整改的一般事故隐患", "legal_deduction": "有须依法整改的扣分（不是企业自行整改项）",
    "enterprise_deduction": "扣分都是企业自行整改项", "nonconform": "不符合项数达到“数值”（空白即 1）",
}


def _yes_no(value: Any) -> Any:
    return ("是" if value else "否") if isinstance(value, bool) else value


def _veto(value: Any) -> Any:
    return "无" if value is None else value


def _joined(values: Any, empty: str) -> Any:
    if not isinstance(values, list):
        return values
    return "、".join(str(v) for v in values) if values else empty


def _item_cell(key: str, entry: dict[str, Any]) -> Any:
    if key not in entry:
        return None
    value = entry[key]
    if key == "veto":
        return _veto(value)
    if key == "industries":
        return _joined(value, L.ALL_INDUSTRIES[0])
    return _yes_no(value)


def _info_rows(data: dict[str, Any]) -> list[tuple[Field, Any]]:
    conclusion = data.get("conclusion", {})
    rows: list[tuple[Field, Any]] = []
    for field in L.INFO.fields:
        key = field.key
        if key.startswith("conclusion_"):
            name = key.removeprefix("conclusion_")
            value = conclusion.get(name) if isinstance(conclusion, dict) else None
            value = L.RELATIVE_LABELS.get(str(value), value) if name == "relative_to" else _yes_no(value)
        elif key == "outcome":
            if "outcome" not in data:
                continue
            value = json.dumps(data["outcome"], ensure_ascii=False)
        elif key == "applies_to":
            value = _joined(data.get(key), L.NO_GRADES[0])
        elif key == "industries":
            value = _joined(data.get(key), L.ALL_INDUSTRIES[0])
        else:
            value = data.get(key)
        rows.append((field, value))
    return rows


def _item_rows(data: dict[str, Any]) -> list[tuple[bool, list[Any]]]:
    rows: list[tuple[bool, list[Any]]] = []
    for element in data.get("elements", []):
        for item in element.get("items", []):
            cells = [_item_cell(key, item) for key in L.ITEM_COLUMNS]
            cells[0], cells[1] = L.ROW_TYPE_LABELS["item"], element.get("code")
            rows.append((True, cells))
            for clause in item.get("deductions", []):
                cells = [_item_cell(key, clause) if key in L.CLAUSE_KEYS else None for key in L.ITEM_COLUMNS]
                cells[0] = L.ROW_TYPE_LABELS["clause"]
                rows.append((False, cells))
    return rows


def build_template_book(data: dict[str, Any]) -> Any:
    """The openpyxl workbook of a template's data."""
    book = new_book(str(data.get("title", "")))
    info_sheet(book, L.INFO_SHEET[0], _info_rows(data))
    elements = [[e.get("code"), e.get("title"), e.get("min_share")] for e in data.get("elements", [])]
    table_sheet(book, L.ELEMENT_SHEET[0], L.ELEMENTS, ("code", "title", "min_share"), elements)
    items = _item_rows(data)
    sheet = table_sheet(book, L.ITEM_SHEET[0], L.ITEMS, L.ITEM_COLUMNS, [cells for _, cells in items],
                        item_rows=[is_item for is_item, _ in items],
                        widths={"text": 48.0, "evidence": 32.0, "source": 28.0, "sub_element": 12.0, "industries": 16.0})
    choices(sheet, 1, list(L.ROW_TYPE_LABELS.values()), len(items))
    choices(sheet, L.ITEM_COLUMNS.index("veto") + 1, ["A", "B", "无"], len(items))
    for key in ("na_allowed", "enterprise_fix", "major_hazard", "require_note_on_fail", "require_photo_on_fail"):
        choices(sheet, L.ITEM_COLUMNS.index(key) + 1, ["是", "否"], len(items))
    thresholds = [[t.get("grade"), t.get("min_score"), t.get("min_element_share")]
                  for t in data.get("grade_thresholds", [])]
    table_sheet(book, L.GRADE_SHEET[0], L.GRADES, ("grade", "min_score", "min_element_share"), thresholds)
    conclusion = data.get("conclusion")
    if isinstance(conclusion, dict):
        levels = [[lv.get("code"), lv.get("label"), lv.get("counts_as")] for lv in conclusion.get("levels", [])]
        table_sheet(book, L.LEVEL_SHEET[0], L.LEVELS, ("code", "label", "counts_as"), levels)
        rules = [[L.WHEN_LABELS.get(r.get("when"), r.get("when")), r.get("veto"), r.get("value"), r.get("then"),
                  r.get("source")] for r in conclusion.get("rules", [])]
        table_sheet(book, L.RULE_SHEET[0], L.RULES, ("when", "veto", "value", "then", "source"), rules,
                    widths={"when": 22.0, "then": 12.0, "source": 60.0})
    _help(book)
    return book


def _help(book: Any) -> None:
    from openpyxl.styles import Alignment, Font

    sheet = book.create_sheet(L.HELP_SHEET)
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 90
    lines: list[tuple[str, str]] = [
        ("填写说明", "本工作簿是一张检查表模板，可在 Excel 中修改后用 inspector-app templates import 导入。"),
        ("空白", "空白单元格表示不设置该项（取默认值）；“否”“无”表示明确写出。"),
        ("是 / 否", "也可写 √ / ×、true / false、1 / 0。列表用“、”分隔。"),
        ("版本", "内容改动后须提高“基本信息”中的版本号；同一编号同一版本内容不同的模板不能导入。"),
        ("检查项工作表", "每个检查项一行，其扣分规则各占一行，写在检查项下方（类型：检查项 / 扣分）。"),
        ("", "类目列空白表示与上一行相同；也可用“类型 = 类目”的一行开始一个类目。"),
        ("", "列的顺序不限；表头可写常见的中文名称；合并单元格、空行和格式不影响导入。"),
    ]
    for fields, name in ((L.INFO, "基本信息"), (L.ITEMS, "检查项"), (L.GRADES, "等级线"), (L.LEVELS, "结论等级"),
                         (L.RULES, "结论规则")):
        lines += [(f"{name} · {f.label}", f.note) for f in fields.fields if f.note and not f.note.startswith("（")]
    lines += [(f"条件 · {label}", _WHEN_NOTES[key]) for label, key in L.WHEN_WORDS.items()]
    for number, (key, note) in enumerate(lines, start=1):
        sheet.cell(number, 1, key).font = Font(bold=True)
        sheet.cell(number, 2, note).alignment = Alignment(wrap_text=True, vertical="top")


def write_template_book(data: dict[str, Any], target: Path | IO[bytes]) -> None:
    """Write the workbook; a path atomically (temp file, fsync, rename)."""
    save(build_template_book(data), target)


def template_book_bytes(data: dict[str, Any]) -> bytes:
    stream = io.BytesIO()
    write_template_book(data, stream)
    return stream.getvalue()
