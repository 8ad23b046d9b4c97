"""The register sheets bureaus keep (issue 13; docs/registers.md): review organisations and consultancies,
a consultancy's staff, reviewers, and what stands behind each certificate. Their Chinese headers are
found under any title rows and matched as tolerantly as the enterprise list's (``tabular.reader``):
full-width or half-width, spaces, ``*`` markers and a trailing bracket such as “（盖章）” do not matter.

Nothing here touches the database; ``services.register_import`` checks the values and stores them.
Row numbers are the ones people see in Excel (1-based, counting title and header rows)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from inspector_app.tabular.reader import HEADER_SEARCH_ROWS, Accept, Row, cell_text, normalise_header
from inspector_app.translation import N_, _

_PARENS = re.compile(r"\([^)]*\)")


@dataclass(frozen=True)
class SheetKind:
    """One kind of register sheet: its fields, the headers that name each (the first is the standard
    one, used in messages), and the fields a header row must have."""

    key: str
    title: str
    aliases: dict[str, tuple[str, ...]]
    required: tuple[str, ...]

    def label(self, name: str) -> str:
        return self.aliases[name][0]

    def match(self, text: object) -> str | None:
        """The field a header cell names, or None."""
        key = normalise_header(text)
        if not key:
            return None
        index = _index(self)
        found = index.get(key)
        if found is None and "(" in key:
            found = index.get(_PARENS.sub("", key))
        return found


_INDEXES: dict[str, dict[str, str]] = {}


def _index(kind: SheetKind) -> dict[str, str]:
    index = _INDEXES.get(kind.key)
    if index is None:
        index = {normalise_header(a): f for f, names in kind.aliases.items() for a in (*names, f)}
        _INDEXES[kind.key] = index
    return index


ORGS = SheetKind("orgs", N_("单位名录"), {
    "name": ("名称", "单位名称", "机构名称", "评审单位名称", "咨询单位名称", "公司名称", "企业名称"),
    "uscc": ("统一社会信用代码", "信用代码", "社会信用代码", "统一信用代码", "uscc"),
    "kind": ("类别", "单位类别", "机构类别", "类型", "单位类型", "机构类型"),
    "legal_rep": ("法定代表人", "法人代表", "法人", "法定代表人(负责人)"),
    "shareholders": ("股东", "主要股东", "股东名称", "出资人", "股东(出资人)"),
    "qualification": ("资质", "资质等级", "资质类别", "评审资质", "资质名称"),
    "qualification_scope": ("资质范围(行业)", "资质范围", "行业范围", "业务范围", "评审范围", "评审行业"),
    "related": ("关联单位", "关联方", "关联机构", "相关方"),
    "relation": ("关联关系", "关系", "关联关系说明"),
    "note": ("备注", "说明"),
}, ("name", "kind"))

STAFF = SheetKind("staff", N_("咨询人员"), {
    "org": ("单位", "所属单位", "咨询单位", "咨询服务单位", "咨询机构", "单位名称"),
    "person": ("姓名", "人员姓名", "名字", "人员"),
    "cert_number": ("证书号", "证书编号", "证书号码", "评审员证书号"),
    "consulted": ("曾咨询企业", "曾咨询企业统一社会信用代码", "咨询企业", "咨询过的企业", "服务企业"),
    "note": ("备注", "说明"),
}, ("org", "person"))

REVIEWERS = SheetKind("reviewers", N_("评审人员"), {
    "name": ("姓名", "人员姓名", "评审人员", "专家姓名"),
    "cert_number": ("证书号", "证书编号", "证书号码", "评审员证书号", "培训证书号"),
    "org": ("所属单位", "单位", "评审单位", "工作单位", "单位名称"),
    "specialities": ("专业(行业)", "专业", "行业", "评审专业", "专业类别", "专业领域"),
}, ("name", "cert_number"))

CERTIFICATIONS = SheetKind("certifications", N_("评审记录"), {
    "uscc": ("企业统一社会信用代码", "统一社会信用代码", "信用代码", "社会信用代码", "企业信用代码"),
    "enterprise": ("企业名称", "单位名称", "企业"),
    "review_org": ("评审单位", "评审机构", "评审组织单位"),
    "consulting_org": ("咨询单位", "咨询服务单位", "咨询机构"),
    "review_date": ("评审日期", "评审时间", "现场评审日期"),
    "review_score": ("评审得分", "得分", "评审分数", "分数", "评审分"),
    "team": ("评审组成员证书号", "评审组成员", "评审人员证书号", "评审组", "评审人员"),
}, ("uscc", "review_org"))

KINDS = (ORGS, STAFF, REVIEWERS, CERTIFICATIONS)


@dataclass
class Columns:
    """Which column holds which field of one sheet, after its header row was found."""

    kind: SheetKind
    header_row: int  # 1-based, as in Excel
    headers: list[str]  # the file's own header texts, by column
    fields: dict[str, int] = field(default_factory=dict)  # field → 0-based column index
    ignored: list[str] = field(default_factory=list)  # human-readable, for the report

    @property
    def first_data_row(self) -> int:
        return self.header_row + 1

    @property
    def missing(self) -> list[str]:
        return [self.kind.label(f) for f in self.kind.required if f not in self.fields]

    def label(self, name: str) -> str:
        """The column's header as the file spells it (for messages), else the standard name."""
        col = self.fields.get(name)
        return self.headers[col] if col is not None else self.kind.label(name)

    def value(self, row: Row, name: str) -> Any:
        col = self.fields.get(name)
        return row[col] if col is not None and col < len(row) else None

    def text(self, row: Row, name: str) -> str:
        return cell_text(self.value(row, name))


_SILENT = frozenset({"序号", "编号", "no", "no.", "id"})


def map_columns(row: Row, header_row: int, kind: SheetKind) -> Columns:
    headers = [cell_text(v) for v in row]
    cols = Columns(kind, header_row, headers)
    for col, text in enumerate(headers):
        if not text:
            continue
        name = kind.match(text)
        if name is not None and name not in cols.fields:
            cols.fields[name] = col
        elif name is not None:
            cols.ignored.append(_("{text}（与“{headers}”重复）").format(text=text, headers=headers[cols.fields[name]]))
        elif normalise_header(text) not in _SILENT:
            cols.ignored.append(text)
    return cols


def find_columns(rows: Sequence[Row], kind: SheetKind, limit: int = HEADER_SEARCH_ROWS) -> Columns | None:
    """The first of the top ``limit`` rows holding every required column; failing that, the row that
    matches most of the kind's headers (at least two), so the caller can name what is missing."""
    best: Columns | None = None
    for index, row in enumerate(rows[:limit]):
        cols = map_columns(row, index + 1, kind)
        if not cols.missing:
            return cols
        if len(cols.fields) >= 2 and (best is None or len(cols.fields) > len(best.fields)):
            best = cols
    return best


def accepts(kind: SheetKind) -> Accept:
    """For ``reader.read_rows``: whether a worksheet's top rows hold a header of this kind."""
    def accept(top: Sequence[Row]) -> bool:
        cols = find_columns(top, kind)
        return cols is not None and not cols.missing
    return accept


_SEPARATORS = re.compile(r"[、,，;；\n/|｜／]+")


def split_list(value: object) -> list[str]:
    """A cell listing several names, codes or industries (“机械、冶金”, “A, B；C”): its parts as typed,
    stripped, each once, in order."""
    parts: list[str] = []
    for part in _SEPARATORS.split(cell_text(value)):
        part = part.strip()
        if part and part not in parts:
            parts.append(part)
    return parts


_LEADER = re.compile(r"\(?\s*组长\s*\)?\s*:?")


def team_member(token: str) -> tuple[str, bool]:
    """One entry of a review team's list: (certificate number, leader?). “组长” marks the leader, in
    brackets or before a colon: “苏评审2019-0918（组长）”, “组长：苏评审2019-0918”."""
    text = unicodedata.normalize("NFKC", token).strip()
    cleaned = _LEADER.sub("", text).strip()
    return cleaned, cleaned != text


class NumberProblem(ValueError):
    """A cell that is not a recognisable number; the message is for people."""


_NUMBER = re.compile(r"^([0-9]+(?:\.[0-9]+)?)\s*分?$")


def parse_score(value: object) -> float | None:
    """A review score: a number from 0 to 100 (a number cell, “86.5” or “86.5分”); blank → None."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise NumberProblem(_("无法识别的得分“{value}”").format(value=value))
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip()
        if not text:
            return None
        match = _NUMBER.match(text)
        if match is None:
            raise NumberProblem(_("无法识别的得分“{text}”").format(text=text))
        number = float(match.group(1))
    if not 0 <= number <= 100:
        raise NumberProblem(_("得分 {number:g} 不在 0–100 之间").format(number=number))
    return round(number, 1)
