"""What completing an inspection needs, and completing it.

The rule spans three building blocks: the checklist (``services.inspections``), the photos
(``services.photos``) and the signatures (``services.signatures``). It lives here, above all three, so
that the import graph stays a tree: photos and signatures import inspections (for ``get`` and
``require_editable``), inspections imports neither, and only this module knows them all.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from inspector_app.domain.scoring import Answer, ScoreResult
from inspector_app.domain.template import NONCONFORM, PARTIAL, Template
from inspector_app.services import inspections
from inspector_app.services.inspections import Missing
from inspector_app.services.photos import list_photos
from inspector_app.services.signatures import list_signatures
from inspector_app.storage.models import Inspection

__all__ = ["Missing", "complete", "evidence_problems", "missing_for_completion"]


def evidence_problems(session: Session, inspection: Inspection, template: Template,
                      answers: Mapping[str, Answer]) -> list[Missing]:
    """Each missing photo (a failed item that asks for one) and signature, in checklist order."""
    problems: list[Missing] = []
    photos = list_photos(session, inspection.id)
    finding_items = {f.id: f.item_code for f in inspection.findings}
    with_photos = {p.item_code for p in photos if p.item_code} | {
        finding_items.get(p.finding_id, "") for p in photos if p.finding_id is not None}
    for item in template.items:
        answer = answers.get(item.code)
        if item.require_photo_on_fail and answer is not None and answer.result in (NONCONFORM, PARTIAL) \
                and item.code not in with_photos:
            problems.append(Missing("photo", f"{item.code} {answer.result}，须附现场照片", item.code))
    signatures = list_signatures(session, inspection.id)
    signed_inspectors = {s.inspector_id for s in signatures if s.role == "inspector" and not s.refused}
    for person in inspection.inspectors:
        if person.id not in signed_inspectors:
            problems.append(Missing("signature", f"检查人员 {person.name} 尚未签名"))
    if not any(s.role == "enterprise_rep" for s in signatures):
        problems.append(Missing("signature", "被检查单位负责人尚未签名（或记录拒绝签名）"))
    return problems


def missing_for_completion(session: Session, inspection: Inspection) -> list[Missing]:
    """Everything that must be done before the inspection can be completed and locked."""
    template = inspections.template_for(inspection)
    answers = inspections.answers_of(inspection)
    return (inspections.checklist_problems(inspection, template, answers)
            + evidence_problems(session, inspection, template, answers))


def complete(session: Session, inspection: Inspection, actor: str) -> ScoreResult:
    """Complete and lock; raises ``IncompleteError`` (with ``.missing``) when something is missing."""
    return inspections.complete(session, inspection, actor, missing_for_completion(session, inspection))
