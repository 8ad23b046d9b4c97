"""Read models of the conflict-of-interest flags (``services.conflicts``; the rules and their sources in
``domain.conflict_rules``): the whole list, one enterprise's, an inspection's. Rows are plain dicts
with the keys of ``FLAG_KEYS`` (docs/registers.md, "冲突提示的字段")."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from inspector_app.domain.conflict_rules import FLAG_KEYS, RULES
from inspector_app.domain.errors import NotFoundError
from inspector_app.services import conflicts
from inspector_app.services.unit import reading
from inspector_app.storage.engine import Workspace
from inspector_app.translation import NP_, _

CONFLICT_KEYS = FLAG_KEYS
# What the CLI's table shows, with Chinese headings (csv and json carry every key).
CONFLICT_COLUMNS = ("rule_title", "enterprise", "uscc", "review_date", "org", "other_org", "reviewer",
                    "reviewer_cert", "evidence", "source")
CONFLICT_HEADINGS: dict[str, str] = {
    "rule": NP_("heading", "规则编号"), "rule_title": NP_("heading", "冲突类型"), "source": NP_("heading", "依据"),
    "checklist_item": NP_("heading", "检查表条目"), "enterprise_id": NP_("heading", "企业编号"),
    "enterprise": NP_("heading", "企业"), "uscc": NP_("heading", "统一社会信用代码"),
    "certification_id": NP_("heading", "证书登记编号"), "review_date": NP_("heading", "评审日期"),
    "org_id": NP_("heading", "评审单位编号"), "org": NP_("heading", "评审单位"), "other_org_id": NP_("heading", "咨询服务单位编号"),
    "other_org": NP_("heading", "咨询服务单位"), "reviewer_id": NP_("heading", "评审人员编号"),
    "reviewer": NP_("heading", "评审人员"), "reviewer_cert": NP_("heading", "评审人员证号"),
    "matched_by": NP_("heading", "匹配依据"), "evidence": NP_("heading", "情况"),
}


def rule_rows() -> list[dict[str, str]]:
    """The rules: id, title, source, the checklist item they bear on."""
    return [{"rule": r.id, "rule_title": r.title, "source": r.source, "checklist_item": r.checklist_item}
            for r in RULES]


def conflict_rows(ws: Workspace, enterprise_id: int | None = None) -> list[dict[str, Any]]:
    """Every flag on the registered certificates (or on one enterprise's), by enterprise name."""
    with reading(ws) as session:
        found = conflicts.flags(session, enterprise_ids=None if enterprise_id is None else [enterprise_id])
        return [flag.as_dict() for flag in found]


def conflicts_for_enterprise(ws: Workspace, enterprise_id: int) -> list[dict[str, Any]]:
    """The flags on the review behind this enterprise's certificate (none without a certificate)."""
    return conflict_rows(ws, enterprise_id)


def conflicts_for_inspection(ws: Workspace, inspection_id: int) -> list[dict[str, Any]]:
    """What an inspection's people should know: for a look-back or an audit, the flags on its enterprise's
    certificate; for a review-quality check of an organisation (``review_org_id``), the flags on every
    certificate that organisation reviewed, its sample enterprise's first."""
    with reading(ws) as session:
        row = session.execute(
            text("SELECT enterprise_id, review_org_id FROM inspections WHERE id = :id"), {"id": int(inspection_id)}).first()
        if row is None:
            raise NotFoundError(_("没有编号为 {inspection_id} 的检查").format(inspection_id=inspection_id))
        enterprise_id, review_org_id = row
        if review_org_id is None:
            found = conflicts.flags(session, enterprise_ids=[enterprise_id])
        else:
            found = sorted(conflicts.flags(session, review_org_id=review_org_id),
                           key=lambda flag: flag.enterprise_id != enterprise_id)
        return [flag.as_dict() for flag in found]
