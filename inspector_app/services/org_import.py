"""Importing review organisations and consultancies with their staff and declared links (docs/registers.md):
one workbook with a sheet of organisations (单位名录: 名称, 统一社会信用代码, 类别, 法定代表人, 股东, 资质,
资质范围, 关联单位, 关联关系) and a sheet of consultancy staff (咨询人员: 单位, 姓名, 证书号, 曾咨询企业), each
found by its header whatever its name or order; either may be missing, and a CSV holds one of them.

All or nothing, as ``services.register_import``: organisations are matched by credit code, else by name;
a link or staff row may name an organisation of the same file or of the register, and an enterprise by
its credit code. Only non-blank cells overwrite; links and staff are added, never removed by a file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.domain import uscc
from inspector_app.domain.errors import ImportFileError
from inspector_app.services import audit, registers
from inspector_app.services.register_import import (
    ADDED,
    UNCHANGED,
    UPDATED,
    OrgIndex,
    PreviewRow,
    Problems,
    RegisterImport,
    Sheet,
    cert_number,
    credit_code,
    enterprises_by_code,
    read_sheet,
)
from inspector_app.storage.models import Enterprise
from inspector_app.storage.models_registers import ORG_KINDS, RELATIONS, ConsultancyStaff, Organisation
from inspector_app.tabular.reader import read_rows
from inspector_app.tabular.register_sheets import ORGS, STAFF, find_columns, split_list
from inspector_app.translation import N_, _, listing

LINKS_TITLE = N_("关联关系")
_OPTIONAL = ("legal_rep", "qualification", "note")
_LISTS = ("shareholders", "qualification_scope")


@dataclass
class _Org:
    number: int
    name: str
    values: dict[str, Any]
    existing: Organisation | None
    related: list[str] = field(default_factory=list)
    relation: str = ""


@dataclass
class _Staff:
    number: int
    org: str  # the organisation's name after this import ("" for a declared link without one)
    person: str
    cert: str
    enterprise: Enterprise | None
    note: str


def _sheets(path: Path) -> tuple[Sheet | None, Sheet | None]:
    orgs = read_sheet(path, ORGS, required=False)
    staff = read_sheet(path, STAFF, required=False)
    if orgs is not None and staff is not None and orgs.raw.sheet_name == staff.raw.sheet_name:
        staff = None  # one sheet cannot be both: it is the list of organisations
    if orgs is None and staff is None:
        raw = read_rows(path)
        best = max(((find_columns(raw.rows, k), k) for k in (ORGS, STAFF)),
                   key=lambda found: len(found[0].fields) if found[0] is not None else -1)
        read_sheet(path, best[1])  # raises, naming the columns missing
        raise ImportFileError(_("文件 {file_name} 中找不到单位名录或咨询人员名单").format(file_name=raw.file_name))
    found = orgs or staff
    assert found is not None
    raw = read_rows(path)  # the active sheet: one meant as the other list but missing a column is refused
    if raw.sheet_name != found.raw.sheet_name:
        for kind, sheet in ((ORGS, orgs), (STAFF, staff)):
            partial = find_columns(raw.rows, kind)
            if sheet is None and partial is not None and len(partial.fields) > len(partial.missing):
                read_sheet(path, kind)  # raises, naming the columns missing
    if orgs is not None and staff is not None:
        orgs.label, staff.label = orgs.raw.sheet_name, staff.raw.sheet_name
    return orgs, staff


def import_orgs(session: Session, path: Path | str, actor: str, *, dry_run: bool = False) -> RegisterImport:
    """Organisations (with declared links) and consultancy staff from one file, all or nothing."""
    org_sheet, staff_sheet = _sheets(Path(path))
    first = org_sheet or staff_sheet
    assert first is not None
    report = RegisterImport(first.raw.file_name, dry_run)
    problems = Problems(first.raw.file_name)
    index = OrgIndex(session)
    planned: list[_Org] = []
    if org_sheet is not None:
        report.sheets.append(org_sheet.described())
        report.ignored_columns += org_sheet.columns.ignored
        planned = _read_orgs(org_sheet, index, problems)
    in_file = {p.name: p for p in planned}
    renamed = {p.existing.id: p.name for p in planned if p.existing is not None}
    codes = {p.values["uscc"]: p.name for p in planned if p.values.get("uscc")}

    def resolve(key: str) -> str | None:
        """An organisation's name after this import, from its name or code in the file or the register."""
        text = registers.normalise_text(key)
        if text in in_file:
            return text
        if (code := uscc.normalise(text)) in codes:
            return codes[code]
        org = index.find(key)
        return None if org is None else renamed.get(org.id, org.name)

    def kind_of(name: str) -> str:
        return in_file[name].values["kind"] if name in in_file else index.by_name[name].kind

    links = _plan_links(org_sheet, planned, resolve, problems) if org_sheet is not None else []
    staff: list[_Staff] = []
    if staff_sheet is not None:
        report.sheets.append(staff_sheet.described())
        report.ignored_columns += staff_sheet.columns.ignored
        staff = _read_staff(session, staff_sheet, resolve, kind_of, problems, report)
    problems.raise_any()
    if not planned and not staff:
        raise ImportFileError(_("文件 {file_name} 只有表头，没有单位或人员数据行").format(file_name=report.file_name))
    by_name = _write_orgs(session, planned, index, report, actor, dry_run)
    _write_links(session, links, by_name, report, actor, dry_run)
    _write_staff(session, staff, by_name, report, actor, dry_run)
    return report


def _read_orgs(sheet: Sheet, index: OrgIndex, problems: Problems) -> list[_Org]:
    cols, label = sheet.columns, sheet.label
    planned: list[_Org] = []
    names: dict[str, int] = {}
    codes: dict[str, int] = {}
    for number, row in sheet.data_rows():
        name = registers.normalise_text(sheet.text(row, "name"))
        kind_text = sheet.text(row, "kind")
        kind = registers.kind_of(kind_text)
        code = credit_code(sheet.text(row, "uscc"))
        if not name:
            problems.add(label, number, cols.label("name"), _("单位名称不能为空"))
        elif (first := names.setdefault(name, number)) != number:
            problems.add(label, number, cols.label("name"), _("单位“{name}”与第 {first} 行重复").format(
                name=name, first=first))
        if code:
            check = uscc.check(code)
            if not check.valid:
                problems.add(label, number, cols.label("uscc"), check.problem)
            elif (first := codes.setdefault(code, number)) != number:
                problems.add(label, number, cols.label("uscc"), _("统一社会信用代码 {code} 与第 {first} 行重复").format(
                    code=code, first=first))
        if kind is None:
            problems.add(label, number, cols.label("kind"),
                         f"类别“{kind_text}”无效，应为“评审单位”或“咨询服务单位”" if kind_text else "类别不能为空")
        by_code = index.by_code.get(code) if code else None
        by_name = index.by_name.get(name)
        if by_code is not None and by_name is not None and by_code.id != by_name.id:
            problems.add(label, number, cols.label("uscc"),
                         _("统一社会信用代码 {code} 属于“{name}”，而名称“{name2}”是另一家单位").format(
                             code=code, name=by_code.name, name2=name))
        values: dict[str, Any] = {"name": name, "kind": kind or ""}
        if code:
            values["uscc"] = code
        for fname in _OPTIONAL:
            if text := sheet.text(row, fname):
                values[fname] = text
        for fname in _LISTS:
            if parts := split_list(sheet.text(row, fname)):
                values[fname] = registers.join_names(parts)
        related = split_list(sheet.text(row, "related"))
        planned.append(_Org(number, name, values, by_code or by_name, related, sheet.text(row, "relation")))
    return planned


_Link = tuple[int, str, str, str, str]  # row, org, other, relation, note


def _plan_links(sheet: Sheet, planned: list[_Org], resolve: Any, problems: Problems) -> list[_Link]:
    links: list[_Link] = []
    seen: set[tuple[frozenset[str], str]] = set()
    column = sheet.columns.label("related")
    for org in planned:
        if not org.related:
            if org.relation:
                problems.add(sheet.label, org.number, column, _("填写了关联关系，但没有填写关联单位"))
            continue
        relation = registers.relation_of(org.relation) if org.relation else "declared"
        note = "" if org.relation in ("", RELATIONS[relation]) else org.relation
        for key in org.related:
            other = resolve(key)
            if other is None:
                problems.add(sheet.label, org.number, column, _("单位名录中没有关联单位“{key}”（可在本表中一并列出）").format(
                    key=key))
            elif other == org.name:
                problems.add(sheet.label, org.number, column, _("“{key}”是本单位自身").format(key=key))
            elif (pair := (frozenset((org.name, other)), relation)) not in seen:
                seen.add(pair)
                links.append((org.number, org.name, other, relation, note))
    return links


def _read_staff(session: Session, sheet: Sheet, resolve: Any, kind_of: Any, problems: Problems,
                report: RegisterImport) -> list[_Staff]:
    cols, label = sheet.columns, sheet.label
    rows = sheet.data_rows()
    wanted = {credit_code(c) for _, r in rows for c in split_list(sheet.text(r, "consulted"))} - {""}
    firms = enterprises_by_code(session, wanted)
    staff: list[_Staff] = []
    seen: dict[tuple[str, str, int | None], int] = {}
    for number, row in rows:
        person = registers.normalise_text(sheet.text(row, "person"))
        org_text = sheet.text(row, "org")
        consulted = [credit_code(c) for c in split_list(sheet.text(row, "consulted"))]
        if not person:
            problems.add(label, number, cols.label("person"), _("姓名不能为空"))
        org = resolve(org_text) if org_text else ""
        if org is None:
            problems.add(label, number, cols.label("org"), _("单位名录中没有“{org_text}”（可在单位名录表中一并列出）").format(
                org_text=org_text))
        elif not org and not consulted:
            problems.add(label, number, cols.label("org"), _("单位不能为空（或填写曾咨询企业）"))
        elif org and kind_of(org) != "consulting":
            text = (_("工作表“{sheet}”第 {row} 行：“{org}”是评审单位，不是咨询服务单位") if label
                    else _("第 {row} 行：“{org}”是评审单位，不是咨询服务单位"))
            report.warnings.append(text.format(sheet=label, row=number, org=org))
        unknown = [c for c in consulted if c not in firms]
        if unknown:
            problems.add(label, number, cols.label("consulted"),
                         _("企业名录中没有统一社会信用代码为 {items} 的企业").format(items=listing(unknown)))
        targets: list[Enterprise | None] = [firms[c] for c in consulted if c in firms]
        for enterprise in targets or [None]:
            key = (org or "", person, enterprise.id if enterprise is not None else None)
            if (first := seen.setdefault(key, number)) != number:
                problems.add(label, number, cols.label("person"), _("与第 {first} 行重复").format(first=first))
                continue
            staff.append(_Staff(number, org or "", person, cert_number(sheet.text(row, "cert_number")), enterprise,
                                sheet.text(row, "note")))
    return staff


def _write_orgs(session: Session, planned: list[_Org], index: OrgIndex, report: RegisterImport, actor: str,
                dry_run: bool) -> dict[str, Organisation]:
    """Add or update the organisations; returns every organisation by its name after the import."""
    by_name = dict(index.by_name)
    for org in planned:
        old = org.existing
        changes = [] if old is None else [
            _("{field}：{old} → {new}").format(field=_(registers.ORG_FIELDS[f]), old=_shown(f, getattr(old, f)),
                                              new=_shown(f, v))
            for f, v in org.values.items() if getattr(old, f) != v]
        action = ADDED if old is None else UPDATED if changes else UNCHANGED
        report.note(PreviewRow(ORGS.title, org.number, action, org.values.get("uscc") or org.name, org.name, changes))
        if dry_run or action == UNCHANGED:
            continue
        if old is None:
            by_name[org.name] = registers.create_org(session, org.values, actor, "导入单位名录")
        else:
            by_name.pop(old.name, None)
            registers.update_org(session, old, None, actor, org.values, "导入单位名录")
            by_name[org.name] = old
    session.flush()
    return by_name


def _shown(name: str, value: str) -> str:
    return _(ORG_KINDS.get(value, value)) if name == "kind" else value or _("（空）")


def _write_links(session: Session, links: list[_Link], by_name: dict[str, Organisation], report: RegisterImport,
                 actor: str, dry_run: bool) -> None:
    for number, name, other_name, relation, note in links:
        org, other = by_name.get(name), by_name.get(other_name)
        old = registers.link_between(session, org, other, relation) if org and other else None
        action = ADDED if old is None else UPDATED if note and note != old.note else UNCHANGED
        shown = f"{name} — {other_name}"
        report.note(PreviewRow(LINKS_TITLE, number, action, _(RELATIONS[relation]), shown, [note] if note else []))
        if not dry_run and action != UNCHANGED and org is not None and other is not None:
            registers.add_link(session, org, other, relation, note, actor)


def _write_staff(session: Session, staff: list[_Staff], by_name: dict[str, Organisation], report: RegisterImport,
                 actor: str, dry_run: bool) -> None:
    existing = {(s.org_id, s.name, s.enterprise_id): s for s in session.scalars(select(ConsultancyStaff))}
    for person in staff:
        org = by_name.get(person.org) if person.org else None
        enterprise_id = person.enterprise.id if person.enterprise is not None else None
        old = existing.get((org.id if org is not None else None, person.person, enterprise_id))
        values = {k: v for k, v in (("cert_number", person.cert), ("note", person.note)) if v}
        changes = [] if old is None else [_("{field}：{old} → {new}").format(
            field=_("证书号") if k == "cert_number" else _("备注"), old=getattr(old, k) or _("（空）"), new=v)
            for k, v in values.items() if getattr(old, k) != v]
        action = ADDED if old is None else UPDATED if changes else UNCHANGED
        where = person.org + (_("（曾咨询{enterprise}）").format(enterprise=person.enterprise.name)
                              if person.enterprise is not None else "")
        report.note(PreviewRow(STAFF.title, person.number, action, person.cert,
                               f"{person.person} {where}".strip(), changes))
        if dry_run or action == UNCHANGED:
            continue
        if old is None:
            old = ConsultancyStaff(org_id=org.id if org is not None else None, name=person.person,
                                   enterprise_id=enterprise_id, **values)
            session.add(old)
            existing[(old.org_id, old.name, enterprise_id)] = old
            _audit_staff(session, org, person, "", f"{person.person} {person.cert}".strip(), actor)
        else:
            before = f"{old.name} {old.cert_number}".strip()
            for key, value in values.items():
                setattr(old, key, value)
            _audit_staff(session, org, person, before, f"{old.name} {old.cert_number}".strip(), actor)


def _audit_staff(session: Session, org: Organisation | None, person: _Staff, old: str, new: str, actor: str) -> None:
    """Under the organisation (field ``staff``, or ``consulted`` with the enterprise), or under the enterprise
    for a declared link without one."""
    enterprise = person.enterprise
    field_name = "staff" if enterprise is None else "consulted"
    suffix = f" → {enterprise.name}" if enterprise is not None else ""
    if org is not None:
        audit.record(session, None, "organisation", org.uid, field_name, old, new + suffix if new else "", actor,
                     "导入咨询人员名单")
    elif enterprise is not None:
        audit.record(session, None, "consultancy_staff", enterprise.uscc, field_name, old, new + suffix, actor,
                     "导入咨询人员名单")
