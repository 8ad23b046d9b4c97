"""Read model of one inspection in full: what ``inspections show`` prints and ``--format json`` emits.

Kept apart from ``queries.inspections`` (the lists), which must import without SQLAlchemy for the
command line's fast path; this one reads through the ORM.
"""

from __future__ import annotations

from typing import Any

from inspector_app.services.inspection_export import inspection_document
from inspector_app.services.unit import reading
from inspector_app.storage.engine import Workspace


def inspection_detail(ws: Workspace, inspection_id: int, with_audit: bool = True) -> dict[str, Any]:
    """The inspection as a JSON-ready document: header, enterprise, template, inspectors, the
    conclusion (``conclusion``, ``conclusion_label``, ``conclusion_reasons`` with their sources,
    ``vetoes``, ``grade_held``, ``grade_awarded`` – null for a look-back, an audit and the review-quality
    check), answers, score with its reasons and deductions, findings, photos and signatures, and
    (``with_audit``) the audit trail. Raises ``NotFoundError`` for an unknown id."""
    with reading(ws) as session:
        return inspection_document(session, inspection_id, with_audit=with_audit)
