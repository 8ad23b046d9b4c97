"""Read models of the checklist templates: the versions a workspace holds (and the shipped ones it has
not stored yet), one version in full as the inspector will see it – the element/item tree with every
item's text, points, evidence to see and marks, its deduction clauses, the conclusions and the rules that
lead to them with their sources – and the blank paper forms of a version (``reports.blank_checklist_pdf``).

Reads only: a shipped template not yet in the workspace is read from its file, never stored here."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inspector_app.domain.conclusions import condition_text
from inspector_app.domain.errors import NotFoundError
from inspector_app.domain.progress import CancelToken, Progress
from inspector_app.domain.template import Item, Template, parse_template, shipped_template_paths
from inspector_app.reports.blank_checklist_pdf import BlankKind, BlankSheet, render_blank_bytes
from inspector_app.services import workspace_meta
from inspector_app.services.sheets import META_AUTHORITY
from inspector_app.services.templates import template_of
from inspector_app.services.unit import reading
from inspector_app.storage.engine import Workspace
from inspector_app.storage.models import Inspection, TemplateRecord
from inspector_app.translation import _, listing

TEMPLATE_COLUMNS = ("template_id", "version", "kind", "title", "items", "in_use", "latest", "stored")


@dataclass(frozen=True)
class ClauseView:
    """A deduction clause: ``enterprise_fix`` as it applies (a clause without the flag takes the item's)."""

    code: str
    text: str
    points: float
    max_times: int
    veto: str
    enterprise_fix: bool
    source: str


@dataclass(frozen=True)
class ItemView:
    code: str
    sub_element: str
    text: str
    points: float
    evidence: str
    veto: str  # "" / "A" / "B"
    na_allowed: bool
    major_hazard: bool
    enterprise_fix: bool
    industries: tuple[str, ...]
    require_note_on_fail: bool
    require_photo_on_fail: bool
    source: str
    clauses: tuple[ClauseView, ...]

    @property
    def marks(self) -> tuple[str, ...]:
        """The marks the preview shows beside the item (Chinese; the UI translates them)."""
        marks = [f"否决项{self.veto}"] if self.veto else []
        marks += [text for text, on in (("不可不涉及", not self.na_allowed), ("重大隐患", self.major_hazard),
                                        ("企业自行整改", self.enterprise_fix)) if on]
        return tuple(marks)


@dataclass(frozen=True)
class ElementView:
    code: str
    title: str
    points: float
    min_share: float | None
    items: tuple[ItemView, ...]


@dataclass(frozen=True)
class RuleView:
    """A conclusion rule: its condition in words, the conclusion it leads to and its source."""

    when: str
    condition: str
    then: str
    then_label: str
    source: str


@dataclass(frozen=True)
class TemplatePreview:
    template_id: str
    version: str
    kind: str
    title: str
    standard: str
    basis: str
    subject: str
    applies_to: tuple[str, ...]
    industries: tuple[str, ...]
    format_version: int
    total_points: float
    item_count: int
    sha256: str
    stored: bool  # in the workspace's templates table (else a shipped file not stored yet)
    in_use: int  # inspections answered with this version
    elements: tuple[ElementView, ...]
    levels: tuple[tuple[str, str, str], ...]  # (code, label, counts as)
    rules: tuple[RuleView, ...]
    conclusion_basis: str
    relative_to: str
    thresholds: tuple[tuple[str, float, float | None], ...]  # (grade, min score, min element share)


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else 0 for part in version.split("."))


def _shipped() -> dict[tuple[str, str], tuple[str, str]]:
    """(id, version) → (content, sha256) of the shipped template files."""
    found = {}
    for path in shipped_template_paths():
        raw = path.read_bytes()
        content = raw.decode("utf-8-sig")
        data = json.loads(content)
        found[(str(data.get("id")), str(data.get("version")))] = (content, hashlib.sha256(raw).hexdigest())
    return found


def _use_counts(session: Session) -> dict[int, int]:
    rows = session.execute(select(Inspection.template_pk, func.count()).group_by(Inspection.template_pk))
    return {int(pk): int(count) for pk, count in rows}


def template_rows(ws: Workspace) -> list[dict[str, Any]]:
    """Every version in the workspace, and the shipped versions it has not stored yet (``stored`` False):
    id, version, kind, title, number of items, inspections using it, whether it is the newest of its id."""
    with reading(ws) as session:
        uses = _use_counts(session)
        rows: list[dict[str, Any]] = [{"template_id": r.template_id, "version": r.version, "kind": r.kind, "title": r.title,
                                       "items": r.item_count, "in_use": uses.get(r.pk, 0), "stored": True}
                                      for r in session.scalars(select(TemplateRecord))]
    have = {(r["template_id"], r["version"]) for r in rows}
    for (template_id, version), (content, _sha) in _shipped().items():
        if (template_id, version) not in have:
            template = parse_template(json.loads(content), f"{template_id}@{version}")
            rows.append({"template_id": template_id, "version": version, "kind": template.kind,
                         "title": template.title, "items": len(template.items), "in_use": 0, "stored": False})
    newest: dict[str, tuple[int, ...]] = {}
    for row in rows:
        newest[row["template_id"]] = max(newest.get(row["template_id"], ()), _version_key(row["version"]))
    for row in rows:
        row["latest"] = _version_key(row["version"]) == newest[row["template_id"]]
    rows.sort(key=lambda r: (r["template_id"], _version_key(r["version"])))
    return rows


def _load(session: Session, template_id: str, version: str | None) -> tuple[Template, str, bool, int]:
    """The template (newest version when ``version`` is None), its SHA-256, whether it is stored, and
    how many inspections use it."""
    records = [r for r in session.scalars(select(TemplateRecord).where(TemplateRecord.template_id == template_id))]
    shipped = {v: (c, s) for (i, v), (c, s) in _shipped().items() if i == template_id}
    versions = {r.version for r in records} | set(shipped)
    if version is None and versions:
        version = max(versions, key=_version_key)
    record = next((r for r in records if r.version == version), None)
    if record is not None:
        uses = session.scalar(select(func.count()).select_from(Inspection)
                              .where(Inspection.template_pk == record.pk)) or 0
        return template_of(record), record.sha256, True, int(uses)
    if version in shipped:
        content, sha = shipped[version]
        return parse_template(json.loads(content), f"{template_id}@{version}"), sha, False, 0
    if versions:
        raise NotFoundError(_("没有检查表 {template_id} 的版本 {version}（已有版本：{known}）").format(
            template_id=template_id, version=version, known=listing(sorted(versions, key=_version_key))))
    raise NotFoundError(_("没有检查表 {template_id}").format(template_id=template_id))


def _item(item: Item) -> ItemView:
    clauses = tuple(ClauseView(r.code, r.text, r.points, r.max_times, r.veto or "",
                               item.clause_enterprise_fix(r.code), r.source) for r in item.deductions)
    return ItemView(item.code, item.sub_element, item.text, item.points, item.evidence, item.veto or "",
                    item.na_allowed, item.major_hazard, item.enterprise_fix, item.industries,
                    item.require_note_on_fail, item.require_photo_on_fail, item.source, clauses)


def preview_of(template: Template, sha256: str = "", *, stored: bool = True, in_use: int = 0) -> TemplatePreview:
    spec = template.conclusion
    labels = {level.code: level.label for level in spec.levels}
    return TemplatePreview(
        template.id, template.version, template.kind, template.title, template.standard, template.basis,
        template.subject, template.applies_to, template.industries, template.format_version,
        template.total_points, len(template.items), sha256, stored, in_use,
        tuple(ElementView(e.code, e.title, e.points, e.min_share, tuple(_item(i) for i in e.items))
              for e in template.elements),
        tuple((level.code, level.label, level.counts_as) for level in spec.levels),
        tuple(RuleView(r.when, condition_text(r), r.then, labels.get(r.then, r.then), r.source) for r in spec.rules),
        spec.basis, spec.relative_to,
        tuple((t.grade, t.min_score, t.min_element_share) for t in template.grade_thresholds))


def template_preview(ws: Workspace, template_id: str, version: str | None = None) -> TemplatePreview:
    """One version as the inspector will see it (the newest when ``version`` is None). Raises
    ``NotFoundError`` naming the versions there are."""
    with reading(ws) as session:
        template, sha, stored, uses = _load(session, template_id, version)
    return preview_of(template, sha, stored=stored, in_use=uses)


def blank_pdf(ws: Workspace, template_id: str, version: str | None = None, kind: BlankKind = "checklist", *,
              progress: Progress | None = None, cancel: CancelToken | None = None,
              font_path: str | None = None) -> tuple[bytes, BlankSheet]:
    """The blank paper checklist (or score sheet) of a version, headed with the workspace's authority.
    Records nothing. Raises ``NotFoundError``, ``FontNotFoundError``, ``Cancelled``."""
    with reading(ws) as session:
        template, _sha, _stored, _uses = _load(session, template_id, version)
        authority = workspace_meta.get(session, META_AUTHORITY)
    return render_blank_bytes(template, kind, authority=authority, font_path=font_path, progress=progress,
                              cancel=cancel)
