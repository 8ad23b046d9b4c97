"""Operations on checklist templates: importing one a bureau wrote – a template workbook
(``docs/template-workbook.md``) or a JSON file (``docs/template-format.md``). All or nothing: every
problem of a workbook is reported at its sheet, row and column, and nothing is stored until the whole
file is clean; a changed template must carry a new version."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from inspector_app.domain.errors import ImportFileError, TemplateError
from inspector_app.domain.template import parse_template
from inspector_app.services import audit, templates
from inspector_app.services.changes import NO_CHANGES, ChangeKind, Changes
from inspector_app.services.unit import reading, unit_of_work
from inspector_app.storage.engine import Workspace
from inspector_app.tabular.template_reader import read_template_book
from inspector_app.translation import _, listing

MAX_TEMPLATE_BYTES = 5_000_000


@dataclass
class TemplateImport:
    """What an import did (or, with ``dry_run``, would do)."""

    file_name: str
    template_id: str
    version: str
    kind: str
    title: str
    elements: int
    items: int
    points: float
    created: bool
    dry_run: bool
    ignored: list[str] = field(default_factory=list)  # sheets not read
    changes: Changes = NO_CHANGES

    def summary(self) -> str:
        what = _("检查表模板 {id} 版本 {version}（{kind}：{title}，{elements} 个类目，{items} 项，总分 {points}）").format(
            id=self.template_id, version=self.version, kind=_(self.kind), title=self.title, elements=self.elements,
            items=self.items, points=f"{self.points:g}")
        if self.dry_run:
            head = (_("预演导入“{file}”（未写入）：{what}，将新增") if self.created
                    else _("预演导入“{file}”（未写入）：{what}，已存在且内容相同，不会改动"))
        else:
            head = (_("已导入“{file}”：{what}，已新增") if self.created
                    else _("已导入“{file}”：{what}，已存在且内容相同，未改动"))
        lines = [head.format(file=self.file_name, what=what)]
        if self.ignored:
            lines.append(_("未读取的工作表：{sheets}").format(sheets=listing(self.ignored)))
        return "\n".join(lines)


def read_template_file(path: Path) -> tuple[dict[str, Any], list[str]]:
    """The template data of a workbook (.xlsx) or JSON file, checked whole; the sheets not read.
    ``ImportFileError`` lists every problem of a workbook (sheet, row, column, rule); a JSON file's first
    problem is a ``TemplateError`` naming the item."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        book = read_template_book(path)
        if book.problems:
            raise ImportFileError(_("{name}：模板工作簿有 {count} 处问题，未导入任何内容").format(
                name=path.name, count=len(book.problems)),
                                  [str(p) for p in book.problems])
        parse_template(book.data, path.name)
        return book.data, book.ignored
    if suffix != ".json":
        raise ImportFileError(_("{name}：检查表模板须为 Excel 工作簿（.xlsx）或 JSON 文件（.json）").format(name=path.name))
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(_("无法读取 {path}：{value}").format(path=path, value=exc.strerror or exc)) from None
    if len(raw) > MAX_TEMPLATE_BYTES:
        raise ImportFileError(_("{name}：文件过大（{count} 字节）").format(name=path.name, count=len(raw)))
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise TemplateError(_("{name}：不是 UTF-8 JSON 文件（{exc}）").format(name=path.name, exc=exc)) from None
    parse_template(data, path.name)
    return data, []


def import_template(ws: Workspace, path: Path, actor: str, *, dry_run: bool = False) -> TemplateImport:
    """Check a template file whole and keep it as a new template version (with ``dry_run``: check and
    say what would happen, write nothing). The same version again changes nothing; the same version
    with other content is refused. Inspections keep the version they were answered with."""
    data, ignored = read_template_file(path)
    template = parse_template(data, path.name, check_schema=False)
    report = TemplateImport(path.name, template.id, template.version, template.kind, template.title,
                            len(template.elements), len(template.items), template.total_points, False, dry_run,
                            ignored)
    if dry_run:
        with reading(ws) as session:
            report.created = templates.existing_version(session, data, path.name) is None
        return report
    with unit_of_work(ws) as session:
        record, report.created = templates.store(session, data, path.name)
        if report.created:
            audit.record(session, None, "template", record.template_id, "version", "", record.version, actor,
                         reason=f"导入 {path.name}")
            report.changes = Changes.of(ChangeKind.TEMPLATES)
    return report
