"""Importing the enterprise lists bureaus keep (``.xlsx``, ``.csv`` in UTF-8 or GB18030): all or nothing.

Every row is checked before anything is written, and every problem is collected with the row number
people see in Excel and the column header as the file spells it. Any problem → ``ImportFileError`` with
the full list and no write. Otherwise all rows go in one transaction: new USCCs are added, known ones
updated, identical ones left alone. A dry run gives the same report and writes nothing.

On update, only the columns the file has, and only its non-blank cells, overwrite stored values: a later
list without phone numbers does not erase the phone numbers entered by hand.

Speed: existing enterprises are fetched by USCC in a few ``IN`` queries, new rows go in with one
executemany of plain tuples per 2,000 rows and changed rows with one ``UPDATE … WHERE id = ?`` executemany; no per-row
SELECT. The session is committed on success and rolled back on cancellation or failure.

An old 15-digit 工商注册号 or 9-character 组织机构代码 with a correct check character is stored as it is,
flagged for update (``Enterprise.code_kind``) with a warning on its row; a later list giving the enterprise
its 统一社会信用代码 updates that record instead of adding a second one: by the organisation code the credit
code contains (its characters 9–17, GB 32100-2015 §4), or for an old registration number by the same name
when exactly one old-coded enterprise has it.

Text cells lose the quote the command line's CSV export puts before a would-be formula
(``tabular.reader.unquote_cell``: exactly one leading ``'`` before ``=``, ``+``, ``-``, ``@``, tab or carriage
return), so an enterprise named ``=cmd|' /C calc'!A0`` comes back under that name from its own export.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from operator import attrgetter
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session

from inspector_app.domain import uscc
from inspector_app.domain.errors import Cancelled, ImportFileError, StaleEditError
from inspector_app.domain.progress import CancelToken, Progress, no_progress
from inspector_app.services.enterprises import EnterpriseData, problems
from inspector_app.storage import rawsql
from inspector_app.storage.models import Enterprise, now
from inspector_app.tabular.reader import (
    DATE_FIELDS,
    FIELD_LABELS,
    ColumnMap,
    DateProblem,
    RawSheet,
    Row,
    cell_text,
    find_header,
    normalise_grade,
    parse_date,
    read_rows,
    unquote_cell,
)
from inspector_app.translation import N_, _, ngettext

__all__ = ["ADDED", "UNCHANGED", "UPDATED", "ImportReport", "ParsedRow", "PreviewRow", "import_enterprises",
           "read_enterprises", "read_rows"]

ADDED, UPDATED, UNCHANGED = N_("新增"), N_("更新"), N_("不变")  # stored codes; translated where shown
PREVIEW_ROWS = 20  # the first rows, whatever happens to them …
PREVIEW_MAX = 500  # … and after them every row that changes, up to this many in all
MAX_MESSAGE_PROBLEMS = 10
SUMMARY_WARNINGS = 20
_CHUNK = 2000
_IN_CHUNK = 500
_FIELDS = EnterpriseData.field_names()
_T = TypeVar("_T")


@dataclass
class PreviewRow:
    """One row of the preview: what the import does (or would do) with it."""

    row: int
    action: str  # 新增 / 更新 / 不变
    uscc: str
    name: str
    district: str = ""
    industry: str = ""
    cert_grade: str = ""
    changes: list[str] = field(default_factory=list)  # "联系电话：旧 → 新"


@dataclass
class ImportReport:
    file_name: str
    sheet_name: str = ""
    header_row: int = 1
    rows_read: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False
    warnings: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)  # field → the file's header
    preview: list[PreviewRow] = field(default_factory=list)  # the first 20 rows, then the updated ones

    def summary(self) -> str:
        if self.dry_run:
            head = _("预演导入“{file}”（未写入）：共 {rows} 行企业数据，将新增 {added} 家，更新 {updated} 家，"
                     "{unchanged} 家无变化。")
        else:
            head = _("已导入“{file}”：共 {rows} 行企业数据，新增 {added} 家，更新 {updated} 家，{unchanged} 家无变化。")
        lines = [head.format(file=self.file_name, rows=self.rows_read, added=self.added, updated=self.updated,
                             unchanged=self.unchanged)]
        if self.ignored_columns:
            lines.append(_("已忽略的列：{columns}。").format(columns=_("、").join(self.ignored_columns)))
        if self.warnings:
            lines.append(ngettext("警告 {count} 条：", "警告 {count} 条：", len(self.warnings)).format(count=len(self.warnings)))
            lines.extend(f"  {w}" for w in self.warnings[:SUMMARY_WARNINGS])
            if len(self.warnings) > SUMMARY_WARNINGS:
                lines.append("  " + _("……另有 {count} 条").format(count=len(self.warnings) - SUMMARY_WARNINGS))
        return "\n".join(lines)


@dataclass
class ParsedRow:
    row: int  # as in Excel
    data: EnterpriseData


def _where(row: int, column: str, message: str) -> str:
    return _("第 {row} 行，列“{column}”：{message}").format(row=row, column=column, message=message)


def _fail(file_name: str, found: list[str]) -> ImportFileError:
    shown = "\n".join(found[:MAX_MESSAGE_PROBLEMS])
    more = ("\n" + _("……另有 {count} 个问题").format(count=len(found) - MAX_MESSAGE_PROBLEMS)
            if len(found) > MAX_MESSAGE_PROBLEMS else "")
    return ImportFileError(_("文件 {name} 有 {count} 个问题，未导入任何数据：").format(name=file_name, count=len(found))
                           + f"\n{shown}{more}", found)


def _accept(top: Sequence[Row]) -> bool:
    cmap = find_header(top)
    return cmap is not None and not cmap.missing


def read_enterprises(path: Path | str, *, allow_invalid_uscc: bool = False,
                     progress: Progress = no_progress, cancel: CancelToken | None = None,
                     ) -> tuple[RawSheet, ColumnMap, list[ParsedRow], list[str]]:
    """Read and check every row. Returns (sheet, columns, rows, warnings); raises ImportFileError with
    every problem found (row and column named) when anything is wrong."""
    path = Path(path)
    progress(0, 0, _("正在读取 {name}").format(name=path.name))
    sheet = read_rows(path, _accept, cancel, progress)
    name = sheet.file_name
    cmap = find_header(sheet.rows)
    if cmap is None:
        raise ImportFileError(_("文件 {name} 的前 10 行中找不到表头：需要“企业名称”和“统一社会信用代码”列").format(name=name))
    if cmap.missing:
        missing = "、".join(f"“{m}”" for m in cmap.missing)
        raise ImportFileError(_("文件 {name} 缺少必需的列：{missing}（表头在第 {row} 行）").format(
            name=name, missing=missing, row=cmap.header_row),
            [_("第 {row} 行（表头）：缺少列“{column}”").format(row=cmap.header_row, column=m) for m in cmap.missing])
    rows = sheet.rows
    start = cmap.first_data_row - 1
    total = len(rows) - start
    found: list[str] = []
    here: list[tuple[int, str]] = []  # this row's problems, by column
    warnings: list[str] = []
    parsed: list[ParsedRow] = []
    seen: dict[str, int] = {}
    uscc_col = cmap.fields["uscc"]
    grade_col = cmap.fields.get("cert_grade")
    texts = [(f, c) for f, c in cmap.fields.items() if f not in DATE_FIELDS and f not in ("uscc", "cert_grade")]
    dates = [(f, c, cmap.label(f)) for f, c in cmap.fields.items() if f in DATE_FIELDS]
    uscc_label = cmap.label("uscc")
    ncols = max([*cmap.fields.values(), *(c for c, _ in cmap.extra)]) + 1
    padding = (None,) * ncols
    progress(0, total, _("正在检查数据"))
    for index in range(start, len(rows)):
        raw = rows[index]
        number = index + 1
        if len(raw) < ncols:  # openpyxl and csv give short rows when trailing cells are empty
            raw = (*raw, *padding[len(raw):])
        if not number % 1000:
            if cancel is not None and cancel.cancelled:
                raise Cancelled(_("导入已取消，未写入任何数据"))
            progress(index - start, total, _("正在检查数据"))
        raw_code = raw[uscc_col]
        code = uscc.normalise(unquote_cell(cell_text(raw_code)))
        if not code.isascii():  # full-width ９１３２… typed with a Chinese input method
            code = uscc.normalise(unicodedata.normalize("NFKC", code))
        # str.strip inline: the common case, 150,000 calls per 10,000 rows; a quote is rare (one test)
        values: dict[str, Any] = {
            f: t if (t := v.strip() if (v := raw[c]).__class__ is str else cell_text(v))[:1] != "'"
            else unquote_cell(t) for f, c in texts}
        if not code and not values["name"]:
            if any(v is not None and cell_text(v) for v in raw):
                warnings.append(_("第 {row} 行没有企业名称和统一社会信用代码，已跳过").format(row=number))
            continue
        values["uscc"] = code
        if grade_col is not None:
            raw_grade = raw[grade_col]
            grade = normalise_grade(raw_grade)
            values["cert_grade"] = cell_text(raw_grade) if grade is None else grade  # problems() names it
        for f, c, label in dates:
            try:
                values[f] = parse_date(raw[c], allow_range=f == "cert_expires")
            except DateProblem as exc:
                here.append((c, _where(number, label, str(exc))))
        data = EnterpriseData(**values)
        if cmap.extra:
            data.extra = {h: unquote_cell(t) for c, h in cmap.extra if (t := cell_text(raw[c]))}
        if (kind := uscc.check(code)).valid:
            data.code_kind = kind.kind
            if kind.needs_update:
                warnings.append(_where(number, uscc_label, kind.note))
        for fname, message in problems(data):
            if fname == "uscc":
                if isinstance(raw_code, int | float) and not isinstance(raw_code, bool):
                    message += _("（该单元格是数字格式，Excel 可能已丢失末几位；请把该列设为文本后重新填写）")
                if allow_invalid_uscc and code:
                    data.uscc_override = True
                    warnings.append(_where(number, uscc_label, message + _("（已按“允许无效代码”导入）")))
                    continue
            here.append((cmap.fields.get(fname, 0), _where(number, cmap.label(fname), message)))
        if code:
            first = seen.setdefault(code, number)
            if first != number:
                here.append((uscc_col, _where(number, uscc_label, _("统一社会信用代码 {code} 与第 {first} 行重复")
                                              .format(code=code, first=first))))
        if here:  # in the order of the columns, as the row reads
            found.extend(message for _, message in sorted(here, key=lambda item: item[0]))
            here.clear()
        parsed.append(ParsedRow(number, data))
    if found:
        raise _fail(name, found)
    if not parsed:
        raise ImportFileError(_("文件 {name} 只有表头（第 {row} 行），没有企业数据行").format(name=name, row=cmap.header_row))
    return sheet, cmap, parsed, warnings


def _recoded(session: Session, columns: list[Any], new: list[EnterpriseData]) -> dict[str, Any]:
    """Stored enterprises with an old code that rows of the file now give a credit code: the new code →
    the stored row. By the organisation code inside the credit code (characters 9–17); for an old
    registration number by the same name, when exactly one old-coded enterprise has that name."""
    table: Table = Enterprise.__table__  # type: ignore[assignment]
    by_org = {d.uscc[8:17]: d.uscc for d in new if d.code_kind == uscc.USCC and len(d.uscc) == 18}
    by_name = {d.name.strip(): d.uscc for d in new if d.code_kind == uscc.USCC and d.name.strip()}
    found: dict[str, Any] = {}
    claimed: set[int] = set()
    for codes in _chunks(list(by_org), _IN_CHUNK):
        query = select(*columns).where(table.c.code_kind == uscc.ORG9, table.c.uscc.in_(codes))
        for row in session.execute(query):
            found[by_org[row.uscc]] = row
            claimed.add(row.id)
    named: dict[str, list[Any]] = {}
    for names in _chunks(list(by_name), _IN_CHUNK):
        for row in session.execute(select(*columns).where(table.c.code_kind == uscc.REG15, table.c.name.in_(names))):
            named.setdefault(row.name, []).append(row)
    for name, rows in named.items():
        if len(rows) == 1 and rows[0].id not in claimed and by_name[name] not in found:
            found[by_name[name]] = rows[0]
            claimed.add(rows[0].id)
    return found


def _chunks(items: Sequence[_T], size: int) -> Iterator[Sequence[_T]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _show(value: object) -> str:
    if value is None or value == "":
        return _("（空）")
    return value.isoformat() if isinstance(value, date) else str(value)


def import_enterprises(session: Session, path: Path | str, *, dry_run: bool = False,
                       allow_invalid_uscc: bool = False, progress: Progress = no_progress,
                       cancel: CancelToken | None = None) -> ImportReport:
    """Import an enterprise list into the workspace, all or nothing (see the module docstring).

    Raises ImportFileError (every problem, nothing written) or Cancelled (rolled back). Commits the
    session on success, so it should carry no unrelated pending changes."""
    sheet, cmap, parsed, warnings = read_enterprises(path, allow_invalid_uscc=allow_invalid_uscc,
                                                     progress=progress, cancel=cancel)
    report = ImportReport(sheet.file_name, sheet.sheet_name, cmap.header_row, len(parsed), dry_run=dry_run,
                          warnings=warnings, ignored_columns=list(cmap.ignored),
                          columns={f: cmap.headers[c] for f, c in cmap.fields.items()})
    table: Table = Enterprise.__table__  # type: ignore[assignment]
    present = [f for f in _FIELDS if f in cmap.fields and f != "uscc"]
    existing: dict[str, Any] = {}
    columns = [table.c.id, table.c.version, table.c.uscc, table.c.uscc_override, table.c.code_kind, table.c.name,
               *(table.c[f] for f in present if f != "name")]
    for codes in _chunks([p.data.uscc for p in parsed], _IN_CHUNK):
        for row in session.execute(select(*columns).where(table.c.uscc.in_(codes))):
            existing[row.uscc] = row
    existing.update(_recoded(session, columns, [p.data for p in parsed if p.data.uscc not in existing]))
    stamp = now()
    inserts: list[EnterpriseData] = []
    updates: list[dict[str, Any]] = []
    for item in parsed:
        data = item.data
        old = existing.get(data.uscc)
        changes: list[str] = []
        if old is None:
            action = ADDED
            inserts.append(data)
        else:
            merged: dict[str, Any] = {"b_id": old.id, "b_version": old.version, "b_uscc_override": data.uscc_override,
                                      "b_updated_at": stamp, "b_uscc": data.uscc, "b_code_kind": data.code_kind}
            if old.uscc != data.uscc:  # an old code replaced by the credit code
                changes.append(_("{field}：{before} → {after}").format(
                    field=_(FIELD_LABELS["uscc"]), before=old.uscc, after=data.uscc))
            for f in present:
                new, before = getattr(data, f), getattr(old, f)
                if new is None or new == "" or new == before:
                    merged[f"b_{f}"] = before
                else:
                    merged[f"b_{f}"] = new
                    changes.append(_("{field}：{before} → {after}").format(
                        field=_(FIELD_LABELS[f]), before=_show(before), after=_show(new)))
            if changes or bool(old.uscc_override) != data.uscc_override or old.code_kind != data.code_kind:
                action = UPDATED
                updates.append(merged)
            else:
                action = UNCHANGED
        shown = len(report.preview)
        if shown < PREVIEW_ROWS or (action == UPDATED and shown < PREVIEW_MAX):
            report.preview.append(PreviewRow(item.row, action, data.uscc, data.name, data.district,
                                             data.industry, data.cert_grade, changes))
    report.added, report.updated = len(inserts), len(updates)
    report.unchanged = len(parsed) - report.added - report.updated
    if dry_run:
        return report
    _write(session, table, present, inserts, updates, stamp, progress, cancel)
    return report


def _write(session: Session, table: Table, present: list[str], inserts: list[EnterpriseData],
           updates: list[dict[str, Any]], stamp: datetime, progress: Progress, cancel: CancelToken | None,
           ) -> None:
    total, done = len(inserts) + len(updates), 0
    # The version read with the row guards the UPDATE and is bumped (optimistic locking, as the ORM does
    # for an edit): a row another supervisor changed since it was read here matches nothing, and the
    # whole import is refused rather than writing the values read before over that change.
    stmt = update(table).where(table.c.id == bindparam("b_id"), table.c.version == bindparam("b_version")).values(
        {"version": table.c.version + 1, "uscc_override": bindparam("b_uscc_override"),
         "updated_at": bindparam("b_updated_at"),
         "uscc": bindparam("b_uscc"), "code_kind": bindparam("b_code_kind"),
         **{f: bindparam(f"b_{f}") for f in present}})
    # New rows skip SQLAlchemy's per-row parameter handling (the larger part of the write time): plain
    # tuples through the driver's executemany, converted by the dialect's own bind processors (dates,
    # booleans, the timestamp), each distinct value once.
    dialect = session.get_bind().dialect
    names = [*_FIELDS, "uscc_override", "code_kind"]
    quote = dialect.identifier_preparer.quote
    sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(n) for n in [*names, 'created_at', 'updated_at'])})"
           f" VALUES ({', '.join('?' * (len(names) + 2))})")
    get = attrgetter(*names)
    converters: list[tuple[int, Callable[[Any], Any], dict[Any, Any]]] = [
        (i, p, {}) for i, n in enumerate(names)
        if (p := table.c[n].type.dialect_impl(dialect).bind_processor(dialect))]
    convert_stamp = table.c.created_at.type.dialect_impl(dialect).bind_processor(dialect)
    stamps = (convert_stamp(stamp) if convert_stamp else stamp,) * 2
    try:
        for chunk in _chunks(inserts, _CHUNK):
            if cancel is not None and cancel.cancelled:
                raise Cancelled(_("导入已取消，未写入任何数据"))
            params = []
            for data in chunk:
                values = list(get(data))
                for i, convert, seen in converters:
                    value = values[i]
                    if value is not None:
                        try:
                            values[i] = seen[value]
                        except KeyError:
                            values[i] = seen[value] = convert(value)
                params.append((*values, *stamps))
            rawsql.execute_many(session.connection(), sql, params)
            done += len(chunk)
            progress(done, total, _("正在写入"))
        for changed in _chunks(updates, _CHUNK):
            if cancel is not None and cancel.cancelled:
                raise Cancelled(_("导入已取消，未写入任何数据"))
            matched = session.connection().execute(stmt, list(changed)).rowcount
            if matched != len(changed):
                raise StaleEditError(_("导入期间有 {count} 家企业已被他人修改，本次导入未写入任何数据；请重新导入").format(
                    count=len(changed) - matched))
            done += len(changed)
            progress(done, total, _("正在写入"))
        if cancel is not None and cancel.cancelled:
            raise Cancelled(_("导入已取消，未写入任何数据"))
        session.commit()
    except BaseException:
        session.rollback()
        raise
