"""Importing the registers bureaus keep (``.xlsx`` / ``.csv``; docs/registers.md): reviewers and
certifications here, organisations with their staff and links in ``services.org_import``. All or
nothing, as the enterprise list (``services.enterprise_import``): every row is checked first and every
problem collected with the row people see in Excel and the column as the file spells it; any problem →
``ImportFileError`` with the full list and nothing written. A dry run reports the same and writes nothing.

Known records are matched by key (a reviewer by certificate number, a certification by enterprise) and
only the file's non-blank cells overwrite stored values; a given review team replaces the stored one.
Every write goes through ``services.registers`` and is audited."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.domain import uscc
from inspector_app.domain.errors import ImportFileError
from inspector_app.services import registers
from inspector_app.services.changes import NO_CHANGES, Changes
from inspector_app.storage.models import Enterprise
from inspector_app.storage.models_registers import ORG_KINDS, Organisation, Reviewer
from inspector_app.storage.models_registers import CertificationReviewer as Member
from inspector_app.tabular.reader import (
    DateProblem,
    RawSheet,
    Row,
    cell_text,
    parse_date,
    read_rows,
    unquote_cell,
)
from inspector_app.tabular.register_sheets import (
    CERTIFICATIONS,
    REVIEWERS,
    Columns,
    NumberProblem,
    SheetKind,
    accepts,
    find_columns,
    parse_score,
    split_list,
    team_member,
)
from inspector_app.translation import N_, _, listing, ngettext

ADDED, UPDATED, UNCHANGED = N_("新增"), N_("更新"), N_("不变")
PREVIEW_ROWS = 20
MAX_MESSAGE_PROBLEMS = 10
SUMMARY_WARNINGS = 20


@dataclass
class PreviewRow:
    """What the import does (or would do) with one row."""

    sheet: str  # 单位名录 / 关联关系 / 咨询人员 / 评审人员 / 评审记录
    row: int
    action: str  # 新增 / 更新 / 不变
    key: str  # name, certificate number or credit code
    name: str
    changes: list[str] = field(default_factory=list)


@dataclass
class RegisterImport:
    """An import's report; ``changes`` is set by the operation that wrote it."""

    file_name: str
    dry_run: bool = False
    sheets: list[str] = field(default_factory=list)  # “单位名录：工作表“单位”，表头在第 1 行”
    counts: dict[str, list[int]] = field(default_factory=dict)  # what → [added, updated, unchanged]
    warnings: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    preview: list[PreviewRow] = field(default_factory=list)
    changes: Changes = NO_CHANGES

    def note(self, row: PreviewRow) -> None:
        counts = self.counts.setdefault(row.sheet, [0, 0, 0])
        counts[(ADDED, UPDATED, UNCHANGED).index(row.action)] += 1
        if len(self.preview) < PREVIEW_ROWS or (row.action != UNCHANGED and len(self.preview) < 500):
            self.preview.append(row)

    @property
    def wrote(self) -> bool:
        return not self.dry_run and any(added or updated for added, updated, _ in self.counts.values())

    def summary(self) -> str:
        parts = _("；").join(_("{what} {rows} 行：新增 {added}，更新 {updated}，不变 {unchanged}").format(
            what=_(what), rows=sum(n), added=n[0], updated=n[1], unchanged=n[2]) for what, n in self.counts.items())
        text = _("预演导入“{file}”（未写入）：{parts}。") if self.dry_run else _("已导入“{file}”：{parts}。")
        head = text.format(file=self.file_name, parts=parts or _("没有数据"))
        lines = [head, *self.sheets]
        if self.ignored_columns:
            lines.append(_("已忽略的列：{columns}。").format(columns=listing(self.ignored_columns)))
        if self.warnings:
            lines.append(ngettext("警告 {count} 条：", "警告 {count} 条：", len(self.warnings)).format(count=len(self.warnings)))
            lines.extend(f"  {w}" for w in self.warnings[:SUMMARY_WARNINGS])
            if len(self.warnings) > SUMMARY_WARNINGS:
                lines.append("  " + _("……另有 {count} 条").format(count=len(self.warnings) - SUMMARY_WARNINGS))
        return "\n".join(lines)

    def preview_lines(self) -> list[str]:
        """The preview for people: “单位名录 第 3 行 更新 江苏示范评审有限公司：法定代表人：王明 → 李强”."""
        lines = []
        for p in self.preview:
            detail = _("：{changes}").format(changes=_("；").join(p.changes)) if p.changes else ""
            key = _("（{key}）").format(key=p.key) if p.key and p.key not in p.name else ""
            lines.append(_("{sheet} 第 {row} 行 {action} {name}{key}{detail}").format(
                sheet=_(p.sheet), row=p.row, action=_(p.action), name=p.name, key=key, detail=detail))
        return lines


class Problems:
    """The problems found in a file, each with its row and column (and sheet when the file has several)."""

    def __init__(self, file_name: str) -> None:
        self.file_name = file_name
        self.sheets: list[str] = []
        self.found: list[tuple[int, int, str]] = []  # sheet's place, row, message

    def add(self, sheet: str, row: int, column: str, message: str) -> None:
        if sheet not in self.sheets:
            self.sheets.append(sheet)
        text = _("工作表“{sheet}”第 {row} 行，列“{column}”：{message}") if sheet else _("第 {row} 行，列“{column}”：{message}")
        self.found.append((self.sheets.index(sheet), row, text.format(sheet=sheet, row=row, column=column, message=message)))

    def raise_any(self) -> None:
        """Every problem, sheet by sheet and row by row (a row's in the order they were checked)."""
        if self.found:
            found = [message for _, _, message in sorted(self.found, key=lambda item: item[:2])]
            shown = "\n".join(found[:MAX_MESSAGE_PROBLEMS])
            more = ("\n" + _("……另有 {count} 个问题").format(count=len(found) - MAX_MESSAGE_PROBLEMS)
                    if len(found) > MAX_MESSAGE_PROBLEMS else "")
            raise ImportFileError(ngettext("文件 {file_name} 有 {count} 个问题，未导入任何数据：\n{shown}{more}",
                                           "文件 {file_name} 有 {count} 个问题，未导入任何数据：\n{shown}{more}",
                                           len(found)).format(
                file_name=self.file_name, count=len(found), shown=shown, more=more),
                                  list(found))


@dataclass
class Sheet:
    """A sheet of a known kind, read: its rows and where its columns are."""

    raw: RawSheet
    columns: Columns
    label: str = ""  # the sheet's name in messages when the file has several, else ""

    @property
    def kind(self) -> SheetKind:
        return self.columns.kind

    def data_rows(self) -> list[tuple[int, Row]]:
        """(Excel row number, row) of every row below the header holding any value."""
        start = self.columns.first_data_row - 1
        return [(i + 1, row) for i, row in enumerate(self.raw.rows[start:], start)
                if any(v is not None and cell_text(v) for v in row)]

    def text(self, row: Row, name: str) -> str:
        text = self.columns.text(row, name)
        return unquote_cell(text) if text[:1] == "'" else text

    def described(self) -> str:
        if self.raw.sheet_name:
            return _("{title}：工作表“{sheet}”，表头在第 {row} 行").format(
                title=_(self.kind.title), sheet=self.raw.sheet_name, row=self.columns.header_row)
        return _("{title}：表头在第 {row} 行").format(title=_(self.kind.title), row=self.columns.header_row)


def read_sheet(path: Path, kind: SheetKind, *, required: bool = True) -> Sheet | None:
    """The file's sheet of this kind (any sheet of a workbook whose header fits, else the active one).
    Raises ImportFileError naming the missing columns when ``required``; otherwise None."""
    raw = read_rows(path, accepts(kind))
    cols = find_columns(raw.rows, kind)
    if cols is None or cols.missing:
        if not required:
            return None
        names = listing(f"“{kind.label(f)}”" for f in kind.required)
        if cols is None:
            raise ImportFileError(_("文件 {file_name} 的前 10 行中找不到{title}的表头：需要 {names} 列").format(
                file_name=raw.file_name, title=_(kind.title), names=names))
        missing = listing(f"“{m}”" for m in cols.missing)
        raise ImportFileError(_("文件 {file_name} 缺少必需的列：{missing}（表头在第 {header_row} 行）").format(
            file_name=raw.file_name, missing=missing, header_row=cols.header_row),
                              [_("第 {row} 行（表头）：缺少列“{column}”").format(row=cols.header_row, column=m)
                               for m in cols.missing])
    return Sheet(raw, cols)


def cert_number(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def credit_code(text: str) -> str:
    return uscc.normalise(unicodedata.normalize("NFKC", text))


class OrgIndex:
    """The organisations of the register by name and by credit code (and any the file adds)."""

    def __init__(self, session: Session) -> None:
        self.by_name: dict[str, Organisation] = {}
        self.by_code: dict[str, Organisation] = {}
        for org in session.scalars(select(Organisation)):
            self.by_name[org.name] = org
            if org.uscc:
                self.by_code.setdefault(org.uscc, org)

    def find(self, key: str) -> Organisation | None:
        text = unicodedata.normalize("NFKC", key).strip()
        return self.by_name.get(key.strip()) or self.by_name.get(text) or self.by_code.get(uscc.normalise(text))


def enterprises_by_code(session: Session, codes: set[str]) -> dict[str, Enterprise]:
    found: dict[str, Enterprise] = {}
    items = sorted(codes)
    for start in range(0, len(items), 500):
        for enterprise in session.scalars(select(Enterprise).where(Enterprise.uscc.in_(items[start:start + 500]))):
            found[enterprise.uscc] = enterprise
    return found


# --- reviewers -----------------------------------------------------------------------------------

def import_reviewers(session: Session, path: Path | str, actor: str, *, dry_run: bool = False) -> RegisterImport:
    """Reviewers by certificate number (姓名, 证书号, 所属单位, 专业); the organisation must be in the register."""
    sheet = read_sheet(Path(path), REVIEWERS)
    assert sheet is not None
    report = RegisterImport(sheet.raw.file_name, dry_run, [sheet.described()], ignored_columns=sheet.columns.ignored)
    problems = Problems(sheet.raw.file_name)
    cols, title = sheet.columns, REVIEWERS.title
    orgs = OrgIndex(session)
    existing = {r.cert_number: r for r in session.scalars(select(Reviewer))}
    seen: dict[str, int] = {}
    planned: list[tuple[PreviewRow, Reviewer | None, dict[str, Any]]] = []
    for number, row in sheet.data_rows():
        name, cert = sheet.text(row, "name"), cert_number(sheet.text(row, "cert_number"))
        if not name:
            problems.add("", number, cols.label("name"), _("姓名不能为空"))
        if not cert:
            problems.add("", number, cols.label("cert_number"), _("证书号不能为空"))
        elif (first := seen.setdefault(cert, number)) != number:
            problems.add("", number, cols.label("cert_number"), _("证书号 {cert} 与第 {first} 行重复").format(
                cert=cert, first=first))
        values: dict[str, Any] = {"name": name, "cert_number": cert}
        if org_text := sheet.text(row, "org"):
            org = orgs.find(org_text)
            if org is None:
                problems.add("", number, cols.label("org"), _("单位名录中没有“{org_text}”（先用 orgs import 导入单位）").format(
                    org_text=org_text))
            else:
                values["org_id"] = org.id
                if org.kind != "review":
                    report.warnings.append(_("第 {number} 行：“{name}”在单位名录中是咨询服务单位，不是评审单位").format(
                        number=number, name=org.name))
        if specialities := split_list(sheet.text(row, "specialities")):
            values["specialities"] = registers.join_names(specialities)
        old = existing.get(cert)
        changes = [] if old is None else _changes(old, values, registers.REVIEWER_FIELDS, orgs)
        action = ADDED if old is None else UPDATED if changes else UNCHANGED
        planned.append((PreviewRow(title, number, action, cert, name, changes), old, values))
    problems.raise_any()
    if not planned:
        raise ImportFileError(_("文件 {file_name} 只有表头（第 {header_row} 行），没有评审人员数据行").format(
            file_name=report.file_name, header_row=cols.header_row))
    for preview, old, values in planned:
        report.note(preview)
        if dry_run or preview.action == UNCHANGED:
            continue
        if old is None:
            registers.create_reviewer(session, values, actor, "导入评审人员名录")
        else:
            registers.update_reviewer(session, old, None, actor, values, "导入评审人员名录")
    return report


def _changes(old: Any, values: dict[str, Any], labels: dict[str, str], orgs: OrgIndex) -> list[str]:
    """“法定代表人：王明 → 李强” for every value that differs from the stored one."""
    names = {o.id: o.name for o in orgs.by_name.values()}
    found = []
    for name, new in values.items():
        before = getattr(old, name)
        if before != new:
            shown = (names.get(before, "") if before else "", names.get(new, "")) if name.endswith("org_id") \
                else (before, new)
            found.append(_("{field}：{old} → {new}").format(field=_(labels.get(name, name)), old=_show(shown[0]),
                                                          new=_show(shown[1])))
    return found


def _show(value: object) -> str:
    if value is None or value == "":
        return _("（空）")
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


# --- certifications ------------------------------------------------------------------------------

def import_certifications(session: Session, path: Path | str, actor: str, *, dry_run: bool = False,
                          ) -> RegisterImport:
    """What stands behind each certificate, by enterprise (企业统一社会信用代码, 评审单位, 咨询单位, 评审日期,
    评审得分, 评审组成员证书号 with the leader marked 组长); enterprises, organisations and reviewers must be in
    their registers."""
    sheet = read_sheet(Path(path), CERTIFICATIONS)
    assert sheet is not None
    report = RegisterImport(sheet.raw.file_name, dry_run, [sheet.described()], ignored_columns=sheet.columns.ignored)
    problems = Problems(sheet.raw.file_name)
    cols, title = sheet.columns, CERTIFICATIONS.title
    rows = sheet.data_rows()
    firms = enterprises_by_code(session, {credit_code(sheet.text(r, "uscc")) for _, r in rows} - {""})
    orgs = OrgIndex(session)
    people = {r.cert_number: r for r in session.scalars(select(Reviewer))}
    seen: dict[str, int] = {}
    planned = []
    for number, row in rows:
        code = credit_code(sheet.text(row, "uscc"))
        enterprise = firms.get(code)
        if not code:
            problems.add("", number, cols.label("uscc"), _("企业统一社会信用代码不能为空"))
        elif enterprise is None:
            problems.add("", number, cols.label("uscc"), _("企业名录中没有统一社会信用代码为 {code} 的企业").format(code=code))
        elif (first := seen.setdefault(code, number)) != number:
            problems.add("", number, cols.label("uscc"), _("企业 {code} 与第 {first} 行重复").format(
                code=code, first=first))
        values: dict[str, Any] = {}
        for name in ("review_org", "consulting_org"):
            text = sheet.text(row, name)
            org = orgs.find(text) if text else None
            if text and org is None:
                problems.add("", number, cols.label(name), _("单位名录中没有“{text}”（先用 orgs import 导入单位）").format(
                    text=text))
            elif org is not None:
                values[f"{name}_id"] = org.id
                wanted = "review" if name == "review_org" else "consulting"
                if org.kind != wanted:
                    report.warnings.append(_("第 {number} 行：“{name}”在单位名录中是{org_kind}").format(
                        number=number, name=org.name, org_kind=_(ORG_KINDS[org.kind])))
            elif name == "review_org":
                problems.add("", number, cols.label(name), _("评审单位不能为空"))
        try:
            if (day := parse_date(cols.value(row, "review_date"))) is not None:
                values["review_date"] = day
        except DateProblem as exc:
            problems.add("", number, cols.label("review_date"), str(exc))
        try:
            if (score := parse_score(cols.value(row, "review_score"))) is not None:
                values["review_score"] = score
        except NumberProblem as exc:
            problems.add("", number, cols.label("review_score"), str(exc))
        team = _team(sheet, row, number, people, problems, report)
        if enterprise is not None:
            _check_agreement(enterprise, values, orgs, number, sheet.text(row, "enterprise"), report)
            planned.append((number, enterprise, values, team))
    problems.raise_any()
    if not planned:
        raise ImportFileError(_("文件 {file_name} 只有表头（第 {header_row} 行），没有评审记录数据行").format(
            file_name=report.file_name, header_row=cols.header_row))
    for number, enterprise, values, team in planned:
        existing = registers.certification_of(session, enterprise.id)
        changes = [] if existing is None else _changes(existing, values, registers.CERT_FIELDS, orgs)
        if existing is not None and team is not None and _team_ids(session, existing.id) != {(r.id, lead) for r, lead in team}:
            changes.append("评审组：按本表替换")
        action = ADDED if existing is None else UPDATED if changes else UNCHANGED
        report.note(PreviewRow(title, number, action, enterprise.uscc, enterprise.name, changes))
        if not dry_run and action != UNCHANGED:
            registers.save_certification(session, enterprise, values, team, actor, "导入评审记录")
    return report


def _team_ids(session: Session, certification_id: int) -> set[tuple[int, bool]]:
    rows = session.execute(select(Member.reviewer_id, Member.leader).where(Member.certification_id == certification_id))
    return {(reviewer_id, bool(leader)) for reviewer_id, leader in rows}


def _team(sheet: Sheet, row: Row, number: int, people: dict[str, Reviewer], problems: Problems,
          report: RegisterImport) -> list[tuple[Reviewer, bool]] | None:
    """The review team of a row (None when the cell is blank): every certificate number known, none twice,
    at most one leader."""
    label = sheet.columns.label("team")
    tokens = split_list(sheet.text(row, "team"))
    if not tokens:
        return None
    team: list[tuple[Reviewer, bool]] = []
    unknown, twice = [], []
    for token in tokens:
        cert, leader = team_member(token)
        person = people.get(cert)
        if person is None:
            unknown.append(cert or token)
        elif any(p.id == person.id for p, _ in team):
            twice.append(cert)
        else:
            team.append((person, leader))
    if unknown:
        problems.add("", number, label, _("评审人员名录中没有证书号 {items}（先用 reviewers import 导入）").format(
            items=listing(unknown)))
    if twice:
        problems.add("", number, label, _("证书号 {items} 在评审组中重复").format(items=listing(twice)))
    leaders = [p.name for p, lead in team if lead]
    if len(leaders) > 1:
        problems.add("", number, label, _("评审组只能有一名组长（标了 {items}）").format(items=listing(leaders)))
    elif not leaders and not unknown:
        report.warnings.append(_("第 {number} 行：评审组未标明组长（在组长的证书号后写“（组长）”）").format(number=number))
    if len(tokens) < 2:
        report.warnings.append(_("第 {number} 行：评审组只有 1 人（评审组应不少于 2 人）").format(number=number))
    return team


def _check_agreement(enterprise: Enterprise, values: dict[str, Any], orgs: OrgIndex, number: int, name: str,
                     report: RegisterImport) -> None:
    """Warnings where the row and the enterprise list disagree: its name, its review organisation, a
    review after the certificate was issued."""
    if name and name != enterprise.name:
        report.warnings.append(_("第 {number} 行：企业名称“{name}”与企业名录中的“{name2}”不一致（按统一社会信用代码导入）").format(
            number=number, name=name, name2=enterprise.name))
    names = {o.id: o.name for o in orgs.by_name.values()}
    review = names.get(values.get("review_org_id", -1))
    if review and enterprise.review_org and enterprise.review_org != review:
        report.warnings.append(_("第 {number} 行：企业名录中该企业的评审单位为“{review_org}”，本表为“{review}”").format(
            number=number, review_org=enterprise.review_org, review=review))
    day = values.get("review_date")
    if day is not None and enterprise.cert_issued is not None and day > enterprise.cert_issued:
        report.warnings.append(_("第 {number} 行：评审日期 {day} 晚于发证日期 {cert_issued}").format(
            number=number, day=day.isoformat(), cert_issued=enterprise.cert_issued.isoformat()))
